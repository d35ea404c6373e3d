"""`modelcat scan`: find retired, limited, redirected and soon-retired model IDs in a codebase.

Exit 0 nothing to report, 1 findings (errors or warnings), 2 usage error or an unreadable or
invalid catalog.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from modelcat_registry.bundled import CATALOG_DIR
from modelcat_registry.catalog import Catalog
from modelcat_registry.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    UsageError,
    add_as_of_option,
    as_of,
    valid_catalog,
)
from modelcat_registry.output_escaping import terminal_safe
from modelcat_registry.scan.catalog_json import CatalogJsonError, read_catalog_json
from modelcat_registry.scan.findings import DEFAULT_WARN_DAYS, judge, scannable_models
from modelcat_registry.scan.matcher import Matcher
from modelcat_registry.scan.paths import PathError
from modelcat_registry.scan.report import FORMATS, ScanResult, renderer
from modelcat_registry.scan.uses import find_uses


def _warn_days(value: str) -> int:
    try:
        days = int(value, 10)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of days, 0 or more, not {value!r}"
        )
    return days


def _catalog(args: argparse.Namespace) -> Catalog:
    if args.catalog_json is not None:
        try:
            return read_catalog_json(Path(args.catalog_json))
        except CatalogJsonError as error:
            for line in str(error).splitlines():
                sys.stderr.write(terminal_safe(line) + "\n")
            shown = terminal_safe(args.catalog_json)
            raise UsageError(f"cannot use {shown} as the catalog") from None
    return valid_catalog(args.catalog or str(CATALOG_DIR))


def _version() -> str:
    try:
        return metadata.version("modelcat")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def run(args: argparse.Namespace) -> int:
    day = as_of(args)
    catalog = _catalog(args)
    unknown = [p for p in args.provider if p not in catalog.providers]
    if unknown:
        known = ", ".join(sorted(catalog.providers)) or "none"
        raise UsageError(f"unknown provider {unknown[0]!r}; the catalog has: {known}")
    models_by_id = scannable_models(catalog, args.provider)
    try:
        uses = find_uses(args.paths or ["."], Matcher(models_by_id))
    except PathError as error:
        raise UsageError(str(error)) from None
    findings = judge(catalog, uses.hits, models_by_id, day, args.warn_days)
    result = ScanResult(day, args.warn_days, findings, uses.files_scanned)
    sys.stdout.write(renderer(args.format, _version())(result))
    return EXIT_FOUND if findings else EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "scan",
        help="find retired, limited, redirected and soon-retired model IDs in code, with the "
        "model to use today",
        description="Find catalog model IDs used in files under PATH (default: .) and report "
        "each retired or limited one (error), each redirected one and each deprecated one "
        "shutting down within --warn-days (warning), naming the model to use today. "
        "Exit 0 nothing to report, 1 findings, 2 usage error or unusable catalog.",
    )
    source = command.add_mutually_exclusive_group()
    source.add_argument(
        "--catalog",
        metavar="DIR",
        help="catalog folder (default: the catalog bundled with modelcat)",
    )
    source.add_argument(
        "--catalog-json",
        metavar="FILE",
        help="a saved copy of the site's api/models.json export to use as the catalog",
    )
    add_as_of_option(command)
    command.add_argument(
        "--warn-days",
        type=_warn_days,
        default=DEFAULT_WARN_DAYS,
        metavar="N",
        help=f"warn about models shutting down within N days (default: {DEFAULT_WARN_DAYS})",
    )
    command.add_argument(
        "--provider",
        action="append",
        default=[],
        metavar="ID",
        help="judge IDs only at this provider (repeatable; default: every provider)",
    )
    command.add_argument("--format", choices=FORMATS, default="text", help="output format")
    command.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    command.set_defaults(handler=run)
