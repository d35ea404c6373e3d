"""Write the rendered pages and exports into the docs folder, touching only what changed."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelcat_registry.catalog import Catalog
from modelcat_registry.drift.capture import MAX_CAPTURE_BYTES
from modelcat_registry.fileio import ConfinedWriter
from modelcat_registry.loader import CAPTURE_FILE, UnreadableError, read_catalog_file
from modelcat_registry.site.exports import export_files
from modelcat_registry.site.extras import badge_svg, llms_txt, twin_markdown
from modelcat_registry.site.render import (
    SiteData,
    SiteSettings,
    feed_files,
    render_pages,
    site_data,
)
from modelcat_registry.site.views import badge_path, capture_path, twin_path

# Lists what the last run generated, so that pages of removed models are deleted.
MANIFEST = ".generated"
# Markdown twins of the model pages: a hidden folder both engines skip; after a build they are
# copied into the site, beside each page (copy_twins).
TWINS = ".twins"
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


# The settings that become part of every edit link: a URL with no space or control character,
# and paths (edit_uri, docs_dir; MkDocs gives docs_dir absolute) with no control character.
_HTTP_URL = re.compile(r"https?://[!-~\u00a0-\U0010ffff]+")
_PATH_TEXT = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def settings_from_mkdocs_config(config: Mapping[str, Any], as_of: dt.date) -> SiteSettings:
    """Edit links point at catalog files: the repository's edit URL without the docs folder.
    ValueError naming the setting when one is not what MkDocs would accept."""
    repo_url = _setting(config, "repo_url", _HTTP_URL)
    site_url = _setting(config, "site_url", _HTTP_URL) or DEFAULT_SITE_URL
    if not repo_url:
        return SiteSettings(DEFAULT_EDIT_BASE, as_of, site_url)
    edit_uri = (_setting(config, "edit_uri", _PATH_TEXT) or "edit/main/").strip("/")
    docs_dir = Path(_setting(config, "docs_dir", _PATH_TEXT) or "docs").name
    edit_uri = edit_uri.removesuffix(f"/{docs_dir}")
    return SiteSettings(f"{repo_url.rstrip('/')}/{edit_uri}/", as_of, site_url)


def _setting(config: Mapping[str, Any], key: str, form: re.Pattern[str]) -> str | None:
    value = config.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not form.fullmatch(value):
        wanted = "an http(s) URL" if form is _HTTP_URL else "a path on one line"
        raise ValueError(f"{key} must be {wanted}, not {str(value)[:60]!r}")
    return value


def settings_from_mkdocs_file(path: Path, as_of: dt.date) -> SiteSettings:
    if not path.is_file():
        return SiteSettings(DEFAULT_EDIT_BASE, as_of, DEFAULT_SITE_URL)
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(config, dict):
        raise ValueError("it is not a mapping of settings such as repo_url: https://...")
    return settings_from_mkdocs_config(config, as_of)


def newest_captures(catalog: Catalog) -> dict[str, bytes]:
    """Each provider's newest capture record, as the catalog keeps it: only a regular file
    inside the catalog, of bounded size (a link out of it or a FIFO is skipped)."""
    found: dict[str, bytes] = {}
    for provider_id in catalog.providers:
        path = catalog.root / provider_id / CAPTURE_FILE
        if not path.exists():
            continue
        try:
            data = read_catalog_file(path, catalog.root, MAX_CAPTURE_BYTES)
        except UnreadableError:
            continue
        if len(data) <= MAX_CAPTURE_BYTES:
            found[provider_id] = data
    return found


def extra_files(data: SiteData, settings: SiteSettings) -> dict[str, bytes]:
    """Badges, Markdown twins (below TWINS, copied into the built site after the build) and
    llms.txt."""
    as_of, site = settings.as_of, settings.site_url
    files = {"llms.txt": llms_txt(data.model_views, as_of, site)}
    for view in data.model_views:
        model = view.model
        files[badge_path(model)] = badge_svg(view, as_of)
        files[f"{TWINS}/{twin_path(model)}"] = twin_markdown(view, as_of, site)
    return files


def generate(catalog: Catalog, out_dir: Path, settings: SiteSettings) -> GenerateResult:
    data = site_data(catalog, settings.as_of)
    captures = newest_captures(catalog)
    pages = render_pages(catalog, settings, data, captures)
    files = (
        {path: content.encode() for path, content in pages.items()}
        | export_files(catalog, data.model_views, settings.as_of)
        | feed_files(catalog, settings, data)
        | extra_files(data, settings)
        | {capture_path(pid): content for pid, content in captures.items()}
    )
    writer = ConfinedWriter(out_dir)
    written = sum(
        writer.write_if_changed(out_dir / path, content) for path, content in files.items()
    )
    removed = _remove_stale(out_dir, set(files))
    manifest = "".join(f"{path}\n" for path in sorted(files)).encode()
    writer.write_if_changed(out_dir / MANIFEST, manifest)
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


def copy_twins(docs_dir: Path, site_dir: Path) -> int:
    """Copy the Markdown twins into the built site (MkDocs' post-build hook and `make site`
    for Zensical call this); only regular files inside the twins folder, only into the site."""
    source = docs_dir / TWINS
    if not source.is_dir():
        return 0
    copied = 0
    writer = ConfinedWriter(site_dir)
    # A walk that follows no symbolic link, to a folder or a file, stays inside the folder.
    for folder, subfolders, names in os.walk(source):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if name.endswith(".md") and path.is_file() and not path.is_symlink():
                relative = path.relative_to(source)
                copied += writer.write_if_changed(site_dir / relative, path.read_bytes())
    return copied
