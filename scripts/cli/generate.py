"""`modelcat generate`: render the site's pages and exports; exit 0 done, 2 invalid catalog."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from modelcat_registry.cli.common import (
    EXIT_OK,
    UsageError,
    add_as_of_option,
    add_catalog_option,
    as_of,
    valid_catalog,
)
from modelcat_registry.output_escaping import terminal_safe

if TYPE_CHECKING:
    import datetime as dt

    from modelcat_registry.site.render import SiteSettings

DEFAULT_CONFIG = "mkdocs.yml"
_WRITTEN = {"--out": "pages", "--twins": "Markdown twins (the built site)"}


def out_folder(value: str, option: str) -> Path:
    """A folder to write into: it may not exist yet, but what exists of it (or of the folders
    above it) must be folders."""
    from modelcat_registry.fileio import loops

    out = Path(value)
    for existing in (out, *out.parents):
        if not os.path.lexists(existing):
            continue
        if existing.is_dir():
            return out
        what = "a symbolic link that loops" if loops(existing) else "a file"
        if existing == out:
            problem = f"{option} {value} is {what}, not a folder"
        else:
            problem = f"{option} {value} is inside {existing}, which is {what}, not a folder"
        raise UsageError(f"{problem}; give the folder to write the {_WRITTEN[option]} into")
    return out


def site_settings(config: str | None, day: dt.date) -> SiteSettings:
    """Edit links from the MkDocs config: the default mkdocs.yml may be absent, but a --config
    given explicitly must be a file that can be read."""
    import yaml

    from modelcat_registry.site.generate import settings_from_mkdocs_file

    path = Path(config or DEFAULT_CONFIG)
    if config is not None and not path.is_file():
        what = "is not a file" if os.path.lexists(path) else "does not exist"
        raise UsageError(
            f"--config {config} {what}; give the MkDocs config that has repo_url and edit_uri, "
            "or leave --config out"
        )
    try:
        return settings_from_mkdocs_file(path, day)
    except (OSError, ValueError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        if isinstance(error, UnicodeDecodeError):
            reason = "it is not UTF-8"
        else:
            reason = getattr(error, "problem", None) or getattr(error, "strerror", None)
            reason = reason or str(error) or error.__class__.__name__
        where = f" at {mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise UsageError(
            f"{path} cannot be read as a MkDocs config ({reason}{where}); fix it or give "
            "another --config"
        ) from None


def run(args: argparse.Namespace) -> int:
    out_dir = out_folder(args.out, "--out")
    if args.clean:
        if args.twins is not None:
            raise UsageError("--twins writes into a built site; leave it out with --clean")
        from modelcat_registry.site.manifest import clean

        print(f"removed {clean(out_dir)} generated files from {terminal_safe(out_dir)}")
        return EXIT_OK
    from modelcat_registry.fileio import OutsideRootError
    from modelcat_registry.site.generate import generate, write_twins

    site_dir = None if args.twins is None else out_folder(args.twins, "--twins")
    day = as_of(args)
    settings = site_settings(args.config, day)
    catalog = valid_catalog(args.catalog)
    try:
        result = generate(catalog, out_dir, settings)
        written = None if site_dir is None else write_twins(result.twins, site_dir)
    except OutsideRootError as error:  # a symbolic link in the folder that leads out of it
        raise UsageError(str(error)) from None
    print(
        f"generated {result.total} files in {terminal_safe(out_dir)}: {result.written} written, "
        f"{result.total - result.written} unchanged, {result.removed} removed"
    )
    if written is not None:
        print(
            f"Markdown twins in {terminal_safe(site_dir)}: {written} written, "
            f"{len(result.twins) - written} unchanged"
        )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "generate",
        help="render the site's pages and data exports from the catalog",
        description="Render Markdown pages and exports into the docs folder; unchanged files "
        "are not rewritten. Exit 0 done, 2 invalid catalog or usage error.",
    )
    add_catalog_option(command)
    add_as_of_option(command)
    command.add_argument("--out", default="docs", help="docs folder to write into (default: docs)")
    command.add_argument(
        "--config",
        metavar="FILE",
        help=f"MkDocs config with repo_url/edit_uri for edit links (default: {DEFAULT_CONFIG}, "
        "if it exists)",
    )
    command.add_argument(
        "--twins",
        metavar="SITE",
        help="also write each model page's Markdown twin into the built site SITE, beside the "
        "page (MkDocs' hook does this on every build; Zensical runs no hooks)",
    )
    command.add_argument("--clean", action="store_true", help="delete the generated files instead")
    command.set_defaults(handler=run)
