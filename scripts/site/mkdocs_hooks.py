"""MkDocs hooks: regenerate the catalog's pages before every build and watch the catalog.

MkDocs loads this file by path (mkdocs.yml `hooks:`), so the repository root is put on
sys.path to import the package it belongs to.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_REPO_ROOT = Path(__file__).resolve().parents[2]
if str(_REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(_REPO_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from scripts.catalog import build_catalog, load_documents  # noqa: E402
from scripts.reporters import problem_line  # noqa: E402
from scripts.site.generate import generate, settings_from_mkdocs_config  # noqa: E402
from scripts.site.views import model_source_path  # noqa: E402
from scripts.validation import validate_catalog  # noqa: E402

TEMPLATES = _REPO_ROOT / "scripts" / "templates"


def _project_dir(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


@dataclass(slots=True)
class _Build:
    """What on_page_context needs, worked out once per build in on_pre_build."""

    edit_base: str = ""
    generated: frozenset[str] = frozenset()


_build = _Build()


def on_pre_build(config: Any) -> None:
    loaded = load_documents(_project_dir(config) / "catalog")
    problems = validate_catalog(loaded)
    if problems:
        report = "\n".join(problem_line(p) for p in problems)
        raise PluginError(f"the catalog is invalid; fix it first:\n{report}")
    settings = settings_from_mkdocs_config(config)
    result = generate(build_catalog(loaded), Path(config.docs_dir), settings)
    _build.edit_base, _build.generated = settings.edit_base, result.paths


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_project_dir(config) / "catalog"))
    server.watch(str(TEMPLATES))
    return server


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Point "edit" at the file a person should change, not at a generated page."""
    source = model_source_path(page.file.src_uri)
    if source:
        page.edit_url = _build.edit_base + source
    elif page.file.src_uri == "contributing.md":
        page.edit_url = _build.edit_base + "CONTRIBUTING.md"
    elif page.file.src_uri in _build.generated:
        page.edit_url = None
    return context
