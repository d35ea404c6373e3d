"""Validate figures: `modelcat validate` against two parse floors, check-jsonschema and a plain
jsonschema loop over the same files, and a one-file pre-commit run against `import yaml`."""

from __future__ import annotations

import sys
from pathlib import Path

from modelcat_registry.bench.measure import Figure, alternated
from modelcat_registry.bench.synthetic import write_catalog

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# The floors read every file as validate does (one read each) and do nothing else.
COMPOSE_FLOOR = """
import sys
from pathlib import Path
import yaml
for path in Path(sys.argv[1]).rglob("*.yaml"):
    yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
LOAD_FLOOR = """
import sys
from pathlib import Path
import yaml
for path in Path(sys.argv[1]).rglob("*.yaml"):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
# A plain peer: jsonschema's Draft 2020-12 validator on every file, parsed by the same C
# loader (timestamps kept as text, as the schema wants them), every error collected.
JSONSCHEMA_LOOP = """
import json, sys
from pathlib import Path
import yaml
from jsonschema import Draft202012Validator

class Loader(yaml.CSafeLoader):
    pass

Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)
schemas = Path(sys.argv[2])
model = Draft202012Validator(json.loads((schemas / "model.schema.json").read_text()))
provider = Draft202012Validator(json.loads((schemas / "provider.schema.json").read_text()))
errors = 0
for path in Path(sys.argv[1]).rglob("*.yaml"):
    data = yaml.load(path.read_bytes(), Loader=Loader)
    errors += len(list((provider if path.name == "provider.yaml" else model).iter_errors(data)))
print(errors)
"""


def _python(script: str, *args: str) -> list[str]:
    return [sys.executable, "-c", script, *args]


def validate_command() -> list[str]:
    return [str(BIN / "modelcat"), "validate", "--catalog", "catalog"]


def measure_validation(work: Path, models: int, providers: int, runs: int) -> dict[str, float]:
    """Figures suffixed with the size, e.g. validate_vs_compose_floor_5000."""
    root = work / f"validate-{models}"
    catalog = write_catalog(root, models, providers=providers)
    commands = {
        "validate": validate_command(),
        "compose_floor": _python(COMPOSE_FLOOR, "catalog"),
        "load_floor": _python(LOAD_FLOOR, "catalog"),
    }
    peers = models <= 5000
    if peers:
        model_files = sorted(str(p) for p in catalog.glob("*/models/**/*.yaml"))
        commands["jsonschema_loop"] = _python(JSONSCHEMA_LOOP, "catalog", str(REPO / "schema"))
        commands["check_jsonschema"] = [
            str(BIN / "check-jsonschema"),
            "--schemafile",
            str(REPO / "schema/model.schema.json"),
            *model_files,
        ]
    # The largest size warms nothing more: the same code ran untimed at the smaller size.
    found = alternated(commands, root, runs, warm=peers)
    ours = found["validate"]
    expected = f"catalog OK: {models} models"
    if not ours.stdout.startswith(expected):
        raise SystemExit(f"bench: validate did not say {expected!r}:\n{ours.stdout[:2000]}")
    if peers and found["jsonschema_loop"].stdout.strip() != "0":
        raise SystemExit("bench: the jsonschema loop found errors in the synthetic catalog")
    figures = _report(found, models)
    figures[f"validate_vs_compose_floor_{models}"] = ours.seconds / found["compose_floor"].seconds
    figures[f"validate_vs_load_floor_{models}"] = ours.seconds / found["load_floor"].seconds
    figures[f"validate_rss_vs_floor_{models}"] = (
        ours.peak_rss_mb / found["compose_floor"].peak_rss_mb
    )
    if peers:
        figures[f"validate_speedup_{models}"] = found["check_jsonschema"].seconds / ours.seconds
        figures[f"validate_vs_jsonschema_loop_{models}"] = (
            ours.seconds / found["jsonschema_loop"].seconds
        )
    return figures


def _report(found: dict[str, Figure], models: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    for name, figure in found.items():
        print(
            f"  {name:<18} {models:>6} models: {figure.seconds * 1000:9.0f} ms  "
            f"peak {figure.peak_rss_mb:7.1f} MB  load {figure.load:4.2f}  "
            f"(median of {figure.runs})",
            flush=True,
        )
        figures[f"{name}_seconds_{models}"] = figure.seconds
        figures[f"{name}_peak_rss_mb_{models}"] = figure.peak_rss_mb
        figures[f"{name}_load_{models}"] = figure.load
    return figures


def measure_precommit(runs: int) -> dict[str, float]:
    """A one-file run on the real catalog, as a pre-commit hook makes it, against the bare
    start of a Python process that imports PyYAML."""
    target = sorted((REPO / "catalog/groq/models").glob("*.yaml"))[0]
    relative = str(target.relative_to(REPO))
    found = alternated(
        {
            "precommit": [str(BIN / "modelcat"), "validate", relative],
            "import_yaml": [sys.executable, "-c", "import yaml"],
        },
        REPO,
        runs,
    )
    ours, floor = found["precommit"], found["import_yaml"]
    print(
        f"  one-file validate ({relative}): {ours.seconds * 1000:.0f} ms; "
        f"python -c 'import yaml': {floor.seconds * 1000:.0f} ms; "
        f"load {ours.load:.2f} (median of {ours.runs})",
        flush=True,
    )
    return {
        "precommit_ms": ours.seconds * 1000,
        "import_yaml_ms": floor.seconds * 1000,
        "precommit_load": ours.load,
        "precommit_vs_import_yaml": ours.seconds / floor.seconds,
    }
