"""`make bench`: measure the pipeline on synthetic catalogs and print ratios with targets.

Every figure is the median of RUNS runs of a whole process, measured side by side on this
machine in one go, so ratios hold across machines where absolute times do not. The last line
of output is one JSON object; the exit status is 1 if a target is missed.
"""

from __future__ import annotations

import json
import os
import platform
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from scripts.bench.synthetic import provider_ids, write_catalog
from scripts.catalog import build_catalog, load_documents
from scripts.loopback_provider import LoopbackProvider
from scripts.site.exports import openai_models_document
from scripts.site.project import BARE_CONFIG, copy_site_project

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RUNS = 3
VALIDATE_MODELS = 5000
SITE_SIZES = (1000, 2000)
DRIFT_PROVIDERS = 5
DRIFT_DELAY_SECONDS = 1.0

FLOOR_SCRIPT = """
import sys
from pathlib import Path
import yaml
for path in Path(sys.argv[1]).rglob("*.yaml"):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_rss_mb: float
    stdout: str


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One whole process: wall time and its own peak resident memory (wait4's rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... failed:\n{stderr[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout)  # ru_maxrss is in KiB on Linux


def median_run(make: Callable[[], Run], runs: int = RUNS) -> Run:
    results = [make() for _ in range(runs)]
    seconds = statistics.median(r.seconds for r in results)
    return Run(seconds, max(r.peak_rss_mb for r in results), results[-1].stdout)


def python_module(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


def measure_validation(work: Path) -> dict[str, float]:
    root = work / "validate"
    catalog = write_catalog(root, VALIDATE_MODELS, providers=10)
    model_files = sorted(str(p) for p in catalog.glob("*/models/**/*.yaml"))
    ours = median_run(
        lambda: run(python_module("scripts", "validate", "--catalog", "catalog"), root)
    )
    assert ours.stdout.startswith(f"catalog OK: {VALIDATE_MODELS} models"), ours.stdout
    theirs = median_run(
        lambda: run(
            [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schema/model.schema.json"),
             *model_files],
            root,
        )
    )  # fmt: skip
    floor = median_run(lambda: run([sys.executable, "-c", FLOOR_SCRIPT, "catalog"], root))
    return {
        "validate_seconds": ours.seconds,
        "check_jsonschema_seconds": theirs.seconds,
        "parse_floor_seconds": floor.seconds,
        "validate_speedup": theirs.seconds / ours.seconds,
        "parse_floor_ratio": ours.seconds / floor.seconds,
        "validate_peak_rss_mb": ours.peak_rss_mb,
    }


def site_project(work: Path, models: int) -> Path:
    project = copy_site_project(work / f"site-{models}")
    write_catalog(project, models, providers=4)
    return project


def full_pipeline(project: Path) -> Run:
    """From no generated page to a built site: generate (in the hook) + mkdocs build."""
    subprocess.run(
        python_module("scripts", "generate", "--clean", "--out", "docs"),
        cwd=project, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True, capture_output=True,
    )  # fmt: skip
    return run([str(BIN / "mkdocs"), "build", "--strict", "--quiet"], project)


def measure_site(work: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    for models in SITE_SIZES:
        project = site_project(work, models)
        figures[f"site_{models}_seconds"] = median_run(lambda p=project: full_pipeline(p)).seconds
        if models == SITE_SIZES[0]:
            bare = median_run(
                lambda p=project: run(
                    [str(BIN / "mkdocs"), "build", "--quiet", "-f", BARE_CONFIG], p
                )
            )
            figures["site_bare_seconds"] = bare.seconds
            again = run(python_module("scripts", "generate", "--out", "docs"), project)
            figures["regenerate_writes"] = int(again.stdout.split(": ")[1].split(" written")[0])
    small, large = SITE_SIZES
    figures["site_scaling"] = figures[f"site_{large}_seconds"] / figures[f"site_{small}_seconds"]
    figures["site_overhead"] = figures[f"site_{small}_seconds"] / figures["site_bare_seconds"]
    return figures


def measure_drift(work: Path) -> dict[str, float]:
    import trustme

    authority = trustme.CA()
    bundle = work / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    root = work / "drift"
    ids = provider_ids(DRIFT_PROVIDERS)
    with ExitStack() as stack:
        servers = {
            provider_id: stack.enter_context(
                LoopbackProvider([], f"key-{provider_id}", tls=context, delay=DRIFT_DELAY_SECONDS)
            )
            for provider_id in ids
        }
        catalog_dir = write_catalog(
            root, 100, DRIFT_PROVIDERS, api_bases={p: s.base_url for p, s in servers.items()}
        )
        catalog = build_catalog(load_documents(catalog_dir))
        env = {"SSL_CERT_FILE": str(bundle)}
        for provider_id, server in servers.items():
            server.models = openai_models_document(catalog, provider_id)["data"]
            env[catalog.providers[provider_id].api_key_env] = server.api_key
        result = median_run(lambda: run(python_module("scripts", "sync"), root, env))
    assert result.stdout.splitlines()[-1].startswith("no drift in 5 checked providers"), (
        result.stdout
    )
    return {
        "drift_seconds": result.seconds,
        "drift_concurrency": result.seconds / DRIFT_DELAY_SECONDS,
    }


TARGETS = {
    "validate_speedup": (">=", 5.0),
    "parse_floor_ratio": ("<=", 2.0),
    "site_scaling": ("<=", 2.3),
    "site_overhead": ("<=", 1.5),
    "regenerate_writes": ("<=", 0),
    "drift_concurrency": ("<=", 1.6),
}


def met(name: str, value: float) -> bool:
    operator, target = TARGETS[name]
    return value >= target if operator == ">=" else value <= target


def main() -> int:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; median of {RUNS} runs"
    )
    with tempfile.TemporaryDirectory(prefix="modelcat-bench-") as temporary:
        work = Path(temporary)
        figures = {**measure_validation(work), **measure_site(work), **measure_drift(work)}
    print(f"\n{'figure':<26}{'value':>10}  target")
    for name, value in figures.items():
        target = ""
        if name in TARGETS:
            operator, bound = TARGETS[name]
            target = f"{operator} {bound}  {'met' if met(name, value) else 'MISSED'}"
        print(f"{name:<26}{value:>10.2f}  {target}")
    summary = {name: round(value, 3) for name, value in figures.items()}
    summary["targets_met"] = all(met(name, figures[name]) for name in TARGETS)
    print(json.dumps(summary))
    return 0 if summary["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
