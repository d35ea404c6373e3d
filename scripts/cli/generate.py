"""`modelcat generate`: render the site's pages and exports; exit 0 done, 2 invalid catalog."""

from __future__ import annotations

import argparse
from pathlib import Path

from modelcat_registry.cli.common import (
    EXIT_OK,
    add_as_of_option,
    add_catalog_option,
    as_of,
    valid_catalog,
)


def run(args: argparse.Namespace) -> int:
    from modelcat_registry.site.generate import clean, generate, settings_from_mkdocs_file

    out_dir = Path(args.out)
    if args.clean:
        print(f"removed {clean(out_dir)} generated files from {out_dir}")
        return EXIT_OK
    day = as_of(args)
    catalog = valid_catalog(args.catalog)
    settings = settings_from_mkdocs_file(Path(args.config), day)
    result = generate(catalog, out_dir, settings)
    print(
        f"generated {result.total} files in {out_dir}: {result.written} written, "
        f"{result.total - result.written} unchanged, {result.removed} removed"
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
        "--config", default="mkdocs.yml", help="MkDocs config with repo_url/edit_uri for edit links"
    )
    command.add_argument("--clean", action="store_true", help="delete the generated files instead")
    command.set_defaults(handler=run)
