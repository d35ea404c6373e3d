"""Write the rendered pages and exports into the docs folder, touching only what changed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelcat_registry.catalog import Catalog
from modelcat_registry.drift.capture import MAX_CAPTURE_BYTES
from modelcat_registry.fileio import BackgroundWriter, ConfinedWriter
from modelcat_registry.loader import CAPTURE_FILE, UnreadableError, read_catalog_file
from modelcat_registry.site.exports import export_files
from modelcat_registry.site.extras import badge_svg, llms_txt, twin_markdown
from modelcat_registry.site.manifest import record, remove_stale
from modelcat_registry.site.render import (
    SiteData,
    SiteSettings,
    feed_files,
    render_pages,
    site_data,
)
from modelcat_registry.site.views import badge_path, capture_path, twin_path

DEFAULT_EDIT_BASE = "https://github.com/modelcat/modelcat/edit/main/"
DEFAULT_SITE_URL = "https://modelcat.github.io/modelcat/"


@dataclass(frozen=True, slots=True)
class GenerateResult:
    paths: frozenset[str]  # every generated file, relative to the docs folder
    written: int
    removed: int
    # The Markdown twins of the model pages, by path in the built site: they are published
    # beside the pages, which exist only once the site is built (write_twins).
    twins: Mapping[str, bytes]

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
    """Badges and llms.txt."""
    files = {"llms.txt": llms_txt(data.model_views, settings.as_of, settings.site_url)}
    for view in data.model_views:
        files[badge_path(view.model)] = badge_svg(view, settings.as_of)
    return files


def twin_files(data: SiteData, settings: SiteSettings) -> dict[str, bytes]:
    """The Markdown twin of each model page, by its path in the built site."""
    return {
        twin_path(view.model): twin_markdown(view, settings.as_of, settings.site_url)
        for view in data.model_views
    }


@dataclass(frozen=True, slots=True)
class RenderedSite:
    files: dict[str, bytes]  # every generated file, by its path in the docs folder
    twins: dict[str, bytes]  # the model pages' Markdown twins, by their path in the built site


def render_site(catalog: Catalog, settings: SiteSettings) -> RenderedSite:
    """Every generated file, in memory: MkDocs' hook hands them to MkDocs as they are."""
    data = site_data(catalog, settings.as_of)
    files = dict(_files(catalog, settings, data, newest_captures(catalog)))
    return RenderedSite(files, twin_files(data, settings))


def generate(catalog: Catalog, out_dir: Path, settings: SiteSettings) -> GenerateResult:
    data = site_data(catalog, settings.as_of)
    captures = newest_captures(catalog)
    paths: set[str] = set()
    # Files are written while the next ones are rendered.
    writer = BackgroundWriter(out_dir)
    try:
        for path, content in _files(catalog, settings, data, captures):
            paths.add(path)
            writer.write_if_changed(out_dir / path, content)
    finally:
        written = writer.finish()
    removed = remove_stale(out_dir, paths)
    record(out_dir, paths)
    return GenerateResult(frozenset(paths), written, removed, twin_files(data, settings))


def _files(
    catalog: Catalog, settings: SiteSettings, data: SiteData, captures: dict[str, bytes]
) -> Iterator[tuple[str, bytes]]:
    for path, markdown in render_pages(catalog, settings, data, captures):
        yield path, markdown.encode()
    yield from export_files(catalog, data.model_views, settings.as_of).items()
    yield from feed_files(catalog, settings, data).items()
    yield from extra_files(data, settings).items()
    for provider_id, content in captures.items():
        yield capture_path(provider_id), content


def write_twins(twins: Mapping[str, bytes], site_dir: Path) -> int:
    """Write the Markdown twins into the built site, beside the pages (MkDocs' post-build hook,
    and `modelcat generate --twins` for Zensical, which runs no hooks); only inside site_dir."""
    writer = ConfinedWriter(site_dir)
    return sum(writer.write_if_changed(site_dir / path, content) for path, content in twins.items())
