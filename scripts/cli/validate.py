"""`modelcat validate`: check catalog files; exit 0 valid, 1 problems, 2 usage error."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from modelcat_registry.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    UsageError,
    add_as_of_option,
    add_catalog_option,
    catalog_dir,
)
from modelcat_registry.fileio import resolved
from modelcat_registry.reporters import FORMATS, RENDERERS
from modelcat_registry.valid_catalog import validate_folder


def _selected_paths(root_dir: Path, raw_paths: Sequence[str]) -> list[Path]:
    root = resolved(root_dir)
    selected = []
    for raw in raw_paths:
        path = resolved(Path(raw))
        if not os.path.lexists(path):  # a link that loops stays as written: reported, not refused
            raise UsageError(f"{raw}: no such file")
        if not path.is_relative_to(root):
            raise UsageError(f"{raw} is not inside the catalog folder {root_dir}")
        selected.append(path)
    return selected


def _is_selected(path: str, selected: list[Path]) -> bool:
    followed = resolved(Path(path))
    return any(followed == s or followed.is_relative_to(s) for s in selected)


def _top_folders(root_dir: Path, raw_paths: Sequence[str]) -> set[str] | None:
    """The catalog's top-level folders (or files) that hold the given paths, as written and
    as resolved; None when a path is the catalog folder itself (everything is asked for)."""
    folders: set[str] = set()
    for raw in raw_paths:
        for path, root in (
            (Path(raw).absolute(), root_dir.absolute()),
            (resolved(Path(raw)), resolved(root_dir)),
        ):
            if path == root:
                return None
            if path.is_relative_to(root):
                folders.add(path.relative_to(root).parts[0])
    return folders


def run(args: argparse.Namespace) -> int:
    root = catalog_dir(args.catalog)
    selected = _selected_paths(root, args.paths)
    # Rules across files stay within a provider's folder: a pre-commit run on a few files
    # reads only their providers' folders, and finds in those files what a full run finds.
    report = validate_folder(root, _top_folders(root, args.paths) if selected else None)
    problems = report.problems
    if selected:
        problems = [p for p in problems if _is_selected(p.path, selected)]
    sys.stdout.write(RENDERERS[args.format](problems, report.models, report.providers))
    return EXIT_FOUND if problems else EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "validate",
        help="check catalog files against the schema and cross-file rules",
        description="Check catalog files. Exit 0 valid, 1 problems found, 2 usage error.",
    )
    add_catalog_option(command)
    add_as_of_option(command)
    command.add_argument("--format", choices=FORMATS, default="text", help="output format")
    command.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report only on these files or folders (cross-file rules still see everything)",
    )
    command.set_defaults(handler=run)
