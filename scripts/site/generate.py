"""Write the rendered pages and exports into the docs folder, touching only what changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.catalog import Catalog
from scripts.fileio import write_if_changed
from scripts.site.exports import export_files
from scripts.site.render import SiteSettings, render_pages

# Lists what the last run generated, so that pages of removed models are deleted.
MANIFEST = ".generated"
DEFAULT_EDIT_BASE = "https://github.com/modelcat/modelcat/edit/main/"


@dataclass(frozen=True, slots=True)
class GenerateResult:
    paths: frozenset[str]  # every generated file, relative to the docs folder
    written: int
    removed: int

    @property
    def total(self) -> int:
        return len(self.paths)


def settings_from_mkdocs_config(config: dict[str, Any]) -> SiteSettings:
    """Edit links point at catalog files: the repository's edit URL without the docs folder."""
    repo_url = config.get("repo_url")
    if not repo_url:
        return SiteSettings(DEFAULT_EDIT_BASE)
    edit_uri = str(config.get("edit_uri", "edit/main/")).strip("/")
    docs_dir = Path(str(config.get("docs_dir", "docs"))).name
    edit_uri = edit_uri.removesuffix(f"/{docs_dir}")
    return SiteSettings(f"{repo_url.rstrip('/')}/{edit_uri}/")


def settings_from_mkdocs_file(path: Path) -> SiteSettings:
    if not path.is_file():
        return SiteSettings(DEFAULT_EDIT_BASE)
    return settings_from_mkdocs_config(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def generate(catalog: Catalog, out_dir: Path, settings: SiteSettings) -> GenerateResult:
    files = {
        path: content.encode() for path, content in render_pages(catalog, settings).items()
    } | export_files(catalog)
    written = sum(write_if_changed(out_dir / path, content) for path, content in files.items())
    removed = _remove_stale(out_dir, set(files))
    manifest = "".join(f"{path}\n" for path in sorted(files)).encode()
    write_if_changed(out_dir / MANIFEST, manifest)
    return GenerateResult(frozenset(files), written, removed)


def _remove_stale(out_dir: Path, current: set[str]) -> int:
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return 0
    stale = [p for p in manifest.read_text().splitlines() if p and p not in current]
    for relative in stale:
        path = out_dir / relative
        path.unlink(missing_ok=True)
        _prune_empty_parents(path.parent, out_dir)
    return len(stale)


def clean(out_dir: Path) -> int:
    """Delete every generated file (make clean)."""
    removed = _remove_stale(out_dir, set())
    (out_dir / MANIFEST).unlink(missing_ok=True)
    return removed


def _prune_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
