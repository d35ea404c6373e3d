"""Write the rendered pages and exports into the docs folder, touching only what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelcat_registry.catalog import Catalog
from modelcat_registry.fileio import write_if_changed
from modelcat_registry.site.exports import export_files
from modelcat_registry.site.render import SiteSettings, feed_files, render_pages, site_data

# Lists what the last run generated, so that pages of removed models are deleted.
MANIFEST = ".generated"
DEFAULT_EDIT_BASE = "https://github.com/modelcat/modelcat/edit/main/"
DEFAULT_SITE_URL = "https://modelcat.github.io/modelcat/"


@dataclass(frozen=True, slots=True)
class GenerateResult:
    paths: frozenset[str]  # every generated file, relative to the docs folder
    written: int
    removed: int

    @property
    def total(self) -> int:
        return len(self.paths)


def settings_from_mkdocs_config(config: dict[str, Any], as_of: dt.date) -> SiteSettings:
    """Edit links point at catalog files: the repository's edit URL without the docs folder."""
    repo_url = config.get("repo_url")
    site_url = str(config.get("site_url") or DEFAULT_SITE_URL)
    if not repo_url:
        return SiteSettings(DEFAULT_EDIT_BASE, as_of, site_url)
    edit_uri = str(config.get("edit_uri", "edit/main/")).strip("/")
    docs_dir = Path(str(config.get("docs_dir", "docs"))).name
    edit_uri = edit_uri.removesuffix(f"/{docs_dir}")
    return SiteSettings(f"{repo_url.rstrip('/')}/{edit_uri}/", as_of, site_url)


def settings_from_mkdocs_file(path: Path, as_of: dt.date) -> SiteSettings:
    if not path.is_file():
        return SiteSettings(DEFAULT_EDIT_BASE, as_of, DEFAULT_SITE_URL)
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return settings_from_mkdocs_config(config, as_of)


def generate(catalog: Catalog, out_dir: Path, settings: SiteSettings) -> GenerateResult:
    data = site_data(catalog, settings.as_of)
    pages = render_pages(catalog, settings, data)
    files = (
        {path: content.encode() for path, content in pages.items()}
        | export_files(catalog, settings.as_of)
        | feed_files(catalog, settings, data)
    )
    written = sum(
        write_if_changed(out_dir / path, content, root=out_dir) for path, content in files.items()
    )
    removed = _remove_stale(out_dir, set(files))
    manifest = "".join(f"{path}\n" for path in sorted(files)).encode()
    write_if_changed(out_dir / MANIFEST, manifest)
    return GenerateResult(frozenset(files), written, removed)


def _remove_stale(out_dir: Path, current: set[str]) -> int:
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return 0
    stale = [p for p in manifest.read_text().splitlines() if p and p not in current]
    removed = 0
    root = out_dir.resolve()
    emptied: set[Path] = set()
    for relative in stale:
        path = out_dir / relative
        # The manifest is a file in the docs folder that anyone could edit: delete only
        # regular files that really are inside the docs folder.
        if path.is_symlink() or not path.resolve().is_relative_to(root) or not path.is_file():
            continue
        path.unlink()
        removed += 1
        emptied.add(path.parent)
    # Deepest first, once each: a folder is looked at when all its files are gone.
    for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):
        _prune_empty_parents(folder, out_dir)
    return removed


def clean(out_dir: Path) -> int:
    """Delete every generated file (make clean)."""
    removed = _remove_stale(out_dir, set())
    (out_dir / MANIFEST).unlink(missing_ok=True)
    return removed


def _prune_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
