"""The package imports one way: files → loader → typed catalog → (validate | drift | site |
scan) → reporters/renderers → CLI. No cycles, no import-path plumbing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "scripts"  # the source root of the import package
PACKAGE_NAME = "modelcat_registry"


def _module_name(path: Path) -> str:
    parts = (PACKAGE_NAME, *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            imported |= {t for t in targets if t in modules and t != name}
        graph[name] = imported
    return graph


def test_there_is_no_import_cycle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for following in sorted(graph[node]):
            if following == node.rsplit(".", 1)[0]:
                continue  # a package's __init__ importing its own submodules is fine
            assert state.get(following) != 1, " -> ".join([*trail, node, following])
            if following not in state:
                visit(following, [*trail, node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


# The layers that use the typed catalog, each above everything listed before it.
_COMMANDS = (
    "modelcat_registry.drift",
    "modelcat_registry.site",
    "modelcat_registry.scan",
    "modelcat_registry.cli",
)
_CHECKS = ("modelcat_registry.validation", "modelcat_registry.valid_catalog")

LOWER_LAYERS = {
    # module, or package and its modules: what it must never import (it sits above it)
    "modelcat_registry.yaml_source": (
        "modelcat_registry.loader",
        "modelcat_registry.catalog",
        "modelcat_registry.validation",
    ),
    "modelcat_registry.loader": ("modelcat_registry.catalog", *_CHECKS, *_COMMANDS),
    "modelcat_registry.catalog": (*_CHECKS, *_COMMANDS),
    "modelcat_registry.validation": ("modelcat_registry.catalog", *_COMMANDS),
    # Core logic on the typed catalog: states as of a day, what the API reported.
    "modelcat_registry.lifecycle": ("modelcat_registry.observations", *_CHECKS, *_COMMANDS),
    "modelcat_registry.observations": (*_CHECKS, *_COMMANDS),
    # The day states are computed for: read by every command first, so it needs nothing.
    "modelcat_registry.reference_day": (
        "modelcat_registry.catalog",
        "modelcat_registry.loader",
        "modelcat_registry.lifecycle",
        *_CHECKS,
        *_COMMANDS,
    ),
    # One module per wire format: they translate, the commands use them.
    "modelcat_registry.dialects": _COMMANDS,
}


def _in_layer(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def test_lower_layers_do_not_import_higher_ones() -> None:
    graph = import_graph()
    for layer, forbidden in LOWER_LAYERS.items():
        members = [module for module in graph if _in_layer(module, layer)]
        assert members, f"{layer} is not a module of the package; update LOWER_LAYERS"
        for module in members:
            reached = {t for t in graph[module] if any(_in_layer(t, f) for f in forbidden)}
            assert not reached, f"{module} imports {reached}"
    for module, targets in graph.items():
        if not module.startswith(
            ("modelcat_registry.cli", "modelcat_registry.__main__", "modelcat_registry.bench")
        ):
            assert not {t for t in targets if t.startswith("modelcat_registry.cli")}, module


def test_no_code_or_test_adjusts_the_import_path() -> None:
    pattern = re.compile(r"sys\.path\.(insert|append)|PYTHONPATH")
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("scripts", "tests")
        for path in (REPO / folder).rglob("*.py")
        if pattern.search(path.read_text()) and path.name != "test_architecture.py"
    ]
    assert offenders == []
