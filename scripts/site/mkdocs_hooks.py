"""MkDocs hooks: render the catalog's pages before every build and hand them to MkDocs from
memory (nothing is written into the docs folder, which only `modelcat generate` fills, for
Zensical); watch the catalog; write the model pages' Markdown twins beside them; make the pages
lighter (indentation, and Material's menu and search icons as references to one sprite:
icon_sprite).

Edit links need no hook: generated pages carry theirs in front matter (overrides/partials/
actions.html reads it), so Zensical, which runs no hooks, links the same catalog files.

The reference date of the computed states comes from MODELCAT_AS_OF (else today), read here
at the edge so that renderers stay pure. While `mkdocs serve` runs, an invalid catalog does
not stop the server: the home page shows the problems until the files are fixed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from modelcat_registry.catalog import Catalog
from modelcat_registry.fileio import BackgroundWriter, OutsideRootError
from modelcat_registry.reference_day import DateError, reference_date
from modelcat_registry.reporters import problem_line
from modelcat_registry.site.generate import render_site, settings_from_mkdocs_config
from modelcat_registry.site.icon_sprite import SPRITE_PATH, Icon, material_icons, sprite, use_sprite
from modelcat_registry.site.manifest import listed
from modelcat_registry.valid_catalog import InvalidCatalogError, read_valid_catalog

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ERROR_PAGE = "index.md"


def _project_dir(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


@dataclass(slots=True)
class _Build:
    """What later events need, worked out once per build in on_pre_build."""

    serving: bool = False
    errors: str = ""
    catalog: Catalog | None = None
    as_of: dt.date = dt.date.min
    generated: Mapping[str, bytes] = field(default_factory=dict)
    twins: Mapping[str, bytes] = field(default_factory=dict)
    twin_writer: BackgroundWriter | None = None
    icons: Mapping[str, Icon] = field(default_factory=dict)


_build = _Build()


def on_startup(command: str, dirty: bool) -> None:
    _build.serving = command == "serve"


def on_config(config: Any) -> Any:
    """Load the catalog first: while serving, an invalid one must also relax the checks of
    pages that then do not exist, or strict mode would end the build (and the server)."""
    _build.errors = ""
    _build.catalog = None
    _build.icons = material_icons() if config.theme.name == "material" else {}
    try:
        _build.as_of = reference_date(None)
        _build.catalog = read_valid_catalog(_project_dir(config) / "catalog")
    except DateError as error:
        raise PluginError(str(error)) from None
    except InvalidCatalogError as error:
        report = "\n".join(problem_line(p) for p in error.report.problems)
        if not _build.serving:
            raise PluginError(f"the catalog is invalid; fix it first:\n{report}") from None
        _build.errors = report
        config.nav = None  # the configured nav names generated pages
        for group in (config.validation.nav, config.validation.links):
            for key in group:
                if key != "absolute_links":
                    group[key] = logging.INFO
    return config


def on_pre_build(config: Any) -> None:
    if _build.catalog is None:
        return
    settings = settings_from_mkdocs_config(config, _build.as_of)
    rendered = render_site(_build.catalog, settings)
    _build.generated, _build.twins = rendered.files, rendered.twins
    # Nothing later needs it (a rebuild while serving loads it again in on_config); kept, its
    # objects would be walked by every garbage collection of the build that follows.
    _build.catalog = None


def on_post_build(config: Any) -> None:
    """The Markdown twins of the model pages are beside the built pages."""
    _finish_twins()


def on_build_error(error: Exception) -> None:
    """The build failed already (its error is the one reported): wait for the twins."""
    with contextlib.suppress(PluginError):
        _finish_twins()


def _write_twins(site_dir: Path) -> None:
    """Write the Markdown twins of the model pages beside the pages, in a thread of their own
    while MkDocs builds the pages (the site folder has been emptied by now)."""
    writer = _build.twin_writer = BackgroundWriter(site_dir)
    for path, content in _build.twins.items():
        writer.write_if_changed(site_dir / path, content)
    _build.twins = {}


def _finish_twins() -> None:
    writer, _build.twin_writer = _build.twin_writer, None
    if writer is not None:
        try:
            writer.finish()
        except OutsideRootError as error:
            raise PluginError(str(error)) from None


def on_files(files: Any, config: Any) -> Any:
    """MkDocs has emptied the site folder: the twins are written from now on. While the
    catalog is invalid, the home page exists even if it was never generated."""
    if _build.twins:
        _write_twins(Path(config.site_dir))
    if _build.generated:
        files = _with_generated(files, config)
    if _build.icons and files.get_file_from_path(SPRITE_PATH) is None:
        files.append(File.generated(config, SPRITE_PATH, content=sprite(_build.icons)))
    else:  # a file of the docs has the sprite's name: the icons stay inline
        _build.icons = {}
    if _build.errors and files.get_file_from_path(ERROR_PAGE) is None:
        files.append(File.generated(config, ERROR_PAGE, content="# The catalog is invalid\n"))
    return files


def _with_generated(files: Files, config: Any) -> Files:
    """The rendered files, from memory, in place of what `modelcat generate` may have left in
    the docs folder: its pages of models since removed are not published either."""
    generated, _build.generated = _build.generated, {}
    replaced = listed(Path(config.docs_dir)) | generated.keys()
    kept = [file for file in files if file.src_uri not in replaced]
    made = [File.generated(config, path, content=content) for path, content in generated.items()]
    return Files(kept + made)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """While serving an invalid catalog, the home page lists its problems."""
    if _build.errors and page.file.src_uri == ERROR_PAGE:
        from html import escape

        return (
            "# The catalog is invalid\n\n"
            "`mkdocs serve` keeps running and rebuilds as soon as the files are fixed. "
            "`modelcat validate` reports the same problems:\n\n"
            f'<pre class="mc-errors">{escape(_build.errors)}</pre>\n'
        )
    return markdown


# Material's templates indent every line: a third of a model page's bytes. Indentation between
# tags shows nowhere (a line break stays, so words never run together), except inside <pre>
# and <textarea>, which are kept as they are.
_KEEP_WHITESPACE = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.DOTALL)
_INDENTATION = re.compile(r"\n\s+")


# A line break before a block element's tag shows nowhere either. Not before a <div>: Material
# lays some out inline-block, where the break is a space between them.
_BREAK_BEFORE_BLOCK = re.compile(
    r">\n(?=</?(?:article|body|dd|dl|dt|footer|h[1-6]|head|header|hr|html|li|link|main|meta|"
    r"nav|ol|p|script|section|table|tbody|td|th|thead|title|tr|ul)[\s>/])"
)


def on_post_page(output: str, page: Any, config: Any) -> str:
    parts = _KEEP_WHITESPACE.split(output)
    parts[::2] = [_BREAK_BEFORE_BLOCK.sub(">", _INDENTATION.sub("\n", part)) for part in parts[::2]]
    output = "".join(parts)
    if _build.icons:
        output = use_sprite(output, _build.icons, get_relative_url(SPRITE_PATH, page.url))
    return output


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_project_dir(config) / "catalog"))
    server.watch(str(TEMPLATES))
    return server
