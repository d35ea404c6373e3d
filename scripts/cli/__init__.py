"""`modelcat <command>` (also `python -m scripts <command>`): parse flags, call the library,
pick the exit code. Each command lives in its own module with a `register` function."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from scripts.cli import generate, scaffold, scan, sync, validate
from scripts.cli.common import EXIT_USAGE, CatalogUnusable, UsageError
from scripts.loader import collector_paused

COMMANDS = (validate, generate, sync, scaffold, scan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modelcat",
        description="modelcat: validate the model catalog, render its site, check it against "
        "the providers' live APIs, scan code for retired model IDs.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    code = _main(argv)
    if argv is None:
        # A real command-line run: freeing every object of a large catalog one by one at exit
        # costs more than a tenth of a validate run and frees nothing the OS would not.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        # One short run that keeps what it parses alive and makes little cyclic garbage: the
        # cyclic collector would only rescan the catalog's objects. Restored on return.
        with collector_paused():
            return handler(args)
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"{parser.prog} {args.command}: error: {error}\n")
    except CatalogUnusable:
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
