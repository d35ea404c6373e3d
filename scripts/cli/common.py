"""What every command shares: exit codes, usage errors, and the --catalog and --as-of flags."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported where used: `validate` needs neither the typed catalog nor dates
    import datetime as dt

    from modelcat_registry.catalog import Catalog
    from modelcat_registry.loader import LoadedCatalog

Loaded = TypeVar("Loaded")

EXIT_OK = 0
EXIT_FOUND = 1  # validate: problems; sync: drift; scan: an ID to move off in use
EXIT_USAGE = 2  # a usage error, an invalid or unreadable catalog, a provider not checked


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with one clear sentence (or, where
    several arguments are wrong, one sentence for each: its args)."""


class CatalogUnusable(Exception):  # noqa: N818 (it is a stop signal, not an error type)
    """The catalog is invalid; its problems were printed to stderr: exit 2."""


# A path shown in a sentence is cut to this many characters (a name may be thousands long).
SHOWN_PATH_CHARS = 80


def os_problem(error: OSError) -> str:
    """One sentence for a file or folder that could not be read, written or created."""
    from modelcat_registry.output_escaping import terminal_safe

    reason = error.strerror or str(error) or error.__class__.__name__
    name = error.filename2 if error.filename2 is not None else error.filename
    if name is None:
        return f"a file could not be read or written ({reason})"
    shown = os.fsdecode(name) if isinstance(name, bytes) else str(name)
    if len(shown) > SHOWN_PATH_CHARS:
        shown = f"{shown[: SHOWN_PATH_CHARS - 20]}... ({len(shown)} characters)"
    return f"{terminal_safe(shown)}: {reason}; check the path, or give another one"


def catalog_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"catalog folder {value!r} does not exist; pass --catalog DIR")
    return path


def add_catalog_option(command: argparse.ArgumentParser, default: str = "catalog") -> None:
    command.add_argument(
        "--catalog", default=default, metavar="DIR", help=f"catalog folder (default: {default})"
    )


def add_as_of_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="compute deprecated/retired states as of this day (default: $MODELCAT_AS_OF, "
        "else today)",
    )


def as_of(args: argparse.Namespace) -> dt.date:
    from modelcat_registry.reference_day import DateError, reference_date

    try:
        return reference_date(getattr(args, "as_of", None))
    except DateError as error:
        raise UsageError(str(error)) from None


def valid_catalog(value: str) -> Catalog:
    """The catalog, for a command that only reads it; CatalogUnusable after printing every
    problem it has."""
    from modelcat_registry.valid_catalog import read_valid_catalog

    return _usable(lambda: read_valid_catalog(catalog_dir(value)))


def valid_catalog_documents(value: str) -> tuple[LoadedCatalog, Catalog]:
    """The catalog with every file's positions, for a command that edits files."""
    from modelcat_registry.valid_catalog import load_valid_catalog

    return _usable(lambda: load_valid_catalog(catalog_dir(value)))


def _usable(load: Callable[[], Loaded]) -> Loaded:
    from modelcat_registry.reporters import render_text
    from modelcat_registry.valid_catalog import InvalidCatalogError

    try:
        return load()
    except InvalidCatalogError as error:
        report = error.report
        sys.stderr.write(render_text(report.problems, report.models, report.providers))
        sys.stderr.write("fix the catalog first: modelcat validate\n")
        raise CatalogUnusable from None
