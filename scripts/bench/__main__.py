"""`make bench`: measure the pipeline on synthetic catalogs and print ratios with targets.

Method (see docs/performance.md): whole processes; compared commands alternated (A B A B
...); each run once untimed first so the bytecode cache is warm, as a user has it; the median
of RUNS runs, except the largest sizes, which run once to keep the whole bench within 15
minutes on 2 cores (the output says which). The machine's 1-minute load average is recorded
beside each figure. The last line of output is one JSON object with every figure and
`targets_met`; the exit status is 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from modelcat_registry.bench.measure import run, summarize
from modelcat_registry.bench.scan import measure_scan
from modelcat_registry.bench.site import measure_site
from modelcat_registry.bench.synthetic import write_catalog
from modelcat_registry.bench.validate import measure_precommit, measure_validation

RUNS = 3
VALIDATE_SIZES = (5000, 50000)
SITE_SIZES = (2000, 10000)
DRIFT_PROVIDERS = 200
DRIFT_DELAY_SECONDS = 1.0
AS_OF = "2025-06-01"

TARGETS: dict[str, tuple[str, float]] = {
    "validate_vs_compose_floor_5000": ("<=", 1.6),
    "validate_vs_compose_floor_50000": ("<=", 1.5),
    "validate_vs_load_floor_5000": ("<=", 1.15),
    "validate_vs_load_floor_50000": ("<=", 1.15),
    "validate_rss_vs_floor_50000": ("<=", 5.0),
    "validate_speedup": (">=", 10.0),
    "validate_vs_jsonschema_loop": ("<=", 0.4),
    "precommit_vs_import_yaml": ("<=", 2.5),
    "site_scaling": ("<=", 5.5),
    "site_overhead": ("<=", 1.15),
    "search_index_kb_per_model": ("<=", 0.6),
    "site_kb_per_model": ("<=", 25.0),
    "zensical_builds_10000": ("==", 1.0),
    "drift_concurrency": ("<=", 2.0),
    "scan_vs_ripgrep": ("<=", 3.0),
    "matches_agree": ("==", 1.0),
    "regenerate_writes": ("<=", 0.0),
}


# Which targets belong to which part, by name.
_TARGET_PREFIXES: dict[str, tuple[str, ...]] = {
    "validate": ("validate_", "precommit_"),
    "drift": ("drift_",),
    "scan": ("scan_", "matches_"),
    "site": ("site_", "search_", "zensical_", "regenerate_"),
}


def met(operator: str, bound: float, value: float) -> bool:
    if operator == ">=":
        return value >= bound
    if operator == "==":
        return value == bound
    return value <= bound


def measure_drift(work: Path, runs: int) -> dict[str, float]:
    """drift_concurrency is the time of the providers' check (check_all, timed inside the
    driver) over the servers' delay: 1.0 if every provider is fetched at once. The whole
    process (Python, imports, loading and validating the catalog) is printed beside it."""
    root = work / "drift"
    catalog = write_catalog(root, DRIFT_PROVIDERS * 2, DRIFT_PROVIDERS)
    server = subprocess.Popen(
        [sys.executable, "-m", "modelcat_registry.bench.drift_server", str(catalog),
         str(DRIFT_DELAY_SECONDS), AS_OF],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None and server.stdin is not None
        ports = server.stdout.readline()
        command = [
            sys.executable,
            "-m",
            "modelcat_registry.bench.drift_driver",
            str(catalog),
            ports,
            AS_OF,
        ]
        run(command, root)  # warm bytecode
        found = [run(command, root) for _ in range(runs)]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)
    fetch = statistics.median(_fetch_seconds(r.stdout) for r in found)
    whole = summarize(found)
    checked = whole.stdout.strip().splitlines()[-1]
    print(
        f"  sync of {DRIFT_PROVIDERS} plain-HTTP loopback providers answering after "
        f"{DRIFT_DELAY_SECONDS:.0f} s: check {fetch:.2f} s, whole process {whole.seconds:.2f} s "
        f"(Python, imports and loading the catalog: {whole.seconds - fetch:.2f} s), load "
        f"{whole.load:.2f} (median of {whole.runs}); {checked}",
        flush=True,
    )
    return {
        "drift_seconds": whole.seconds,
        "drift_fetch_seconds": fetch,
        "drift_load": whole.load,
        "drift_concurrency": fetch / DRIFT_DELAY_SECONDS,
    }


def _fetch_seconds(stdout: str) -> float:
    found = re.search(r"^fetch_seconds=([0-9.]+)$", stdout, re.MULTILINE)
    if found is None:
        raise SystemExit(f"bench: the drift driver printed no fetch time:\n{stdout[-2000:]}")
    return float(found[1])


PARTS = ("validate", "drift", "scan", "site")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m modelcat_registry.bench", description=__doc__)
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="measure only this part (repeatable); targets of other parts are not judged",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    parts = set(parse_arguments(argv).only or PARTS)
    if "scan" in parts and shutil.which("rg") is None:
        print(
            "bench: the scan part is measured against Debian's ripgrep, which is not installed: "
            "apt-get install ripgrep, or leave the part out (--only validate --only drift "
            "--only site)",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    os.environ["MODELCAT_AS_OF"] = AS_OF
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load at start "
        f"{os.getloadavg()[0]:.2f}; {dt.date.today()}"
    )
    print(
        f"method: whole processes, alternated, warm bytecode, median of {RUNS}; the "
        f"{VALIDATE_SIZES[-1]:,}-model validate runs {RUNS} times without a warm-up run and "
        f"the {SITE_SIZES[-1]:,}-model site build runs once, to stay within 15 minutes",
        flush=True,
    )
    # Judge only the parts this run measures.
    targets = {
        name: target
        for name, target in TARGETS.items()
        if any(name.startswith(_TARGET_PREFIXES[part]) for part in parts)
    }
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="modelcat-bench-") as temporary:
        work = Path(temporary)
        if "validate" in parts:
            print("validate:", flush=True)
            figures |= measure_validation(work, VALIDATE_SIZES[0], providers=10, runs=RUNS)
            figures |= measure_validation(work, VALIDATE_SIZES[1], providers=20, runs=RUNS)
            small, large = VALIDATE_SIZES
            figures["validate_speedup"] = figures.pop(f"validate_speedup_{small}")
            figures["validate_vs_jsonschema_loop"] = figures.pop(
                f"validate_vs_jsonschema_loop_{small}"
            )
            figures["validate_peak_rss_mb"] = figures[f"validate_peak_rss_mb_{large}"]
            figures |= measure_precommit(RUNS)
        if "drift" in parts:
            print("drift:", flush=True)
            figures |= measure_drift(work, RUNS)
        if "scan" in parts:
            print("scan:", flush=True)
            figures |= measure_scan(work)
        if "site" in parts:
            print("site:", flush=True)
            figures |= measure_site(work, *SITE_SIZES, runs=RUNS)
    if "validate" in parts:
        figures["validate_models_max"] = VALIDATE_SIZES[-1]
    if "site" in parts:
        figures["site_models_max"] = SITE_SIZES[-1]
    if "drift" in parts:
        figures["drift_providers"] = DRIFT_PROVIDERS
    figures["bench_seconds"] = time.monotonic() - started

    print(f"\n{'figure':<36}{'value':>10}  target")
    verdicts: dict[str, bool] = {}
    for name, (operator, bound) in targets.items():
        value = float(figures.get(name, float("nan")))
        verdicts[name] = name in figures and met(operator, bound, value)
        shown = "true" if operator == "==" and value == 1 else f"{value:10.3f}"
        print(
            f"{name:<36}{shown:>10}  {operator} {bound:g}  {'met' if verdicts[name] else 'MISSED'}"
        )
    summary: dict[str, object] = {
        name: (
            bool(value)
            if name.startswith(("zensical_builds", "matches_agree"))
            else round(value, 3)
        )
        for name, value in figures.items()
    }
    summary["targets_met"] = all(verdicts.values())
    print(json.dumps(summary))
    return 0 if summary["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
