"""`modelcat <command>` (also `python -m modelcat_registry <command>`): parse flags, call the
library, pick the exit code. Each command lives in its own module with a `register` function."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from modelcat_registry.cli.common import (
    EXIT_USAGE,
    CatalogUnusable,
    UsageError,
    as_of,
    os_problem,
)
from modelcat_registry.loader import collector_paused

DISTRIBUTION = "modelcat-registry"

# Command name -> the module that registers it. Only the module of the command being run is
# imported: a one-file `validate` (a pre-commit hook) then loads no HTTP client, template
# engine or scanner.
COMMAND_MODULES = {
    "validate": "modelcat_registry.cli.validate",
    "generate": "modelcat_registry.cli.generate",
    "sync": "modelcat_registry.cli.sync",
    "providers": "modelcat_registry.cli.providers",
    "new": "modelcat_registry.cli.scaffold",
    "new-provider": "modelcat_registry.cli.scaffold",
    "scan": "modelcat_registry.cli.scan",
}


def _command_modules(argv: Sequence[str]) -> list[ModuleType]:
    """The module of the command argv names, or every command module (for --help and
    usage errors, which list them all)."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    names = [COMMAND_MODULES[first]] if first in COMMAND_MODULES else COMMAND_MODULES.values()
    return [importlib.import_module(name) for name in dict.fromkeys(names)]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for: reading the installed metadata costs a
    one-file validate (a pre-commit hook) a fifth of its run."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with every command, or only the one argv names."""
    parser = argparse.ArgumentParser(
        prog="modelcat",
        description="modelcat: validate the model catalog, render its site, check it against "
        "the providers' live APIs, scan code for retired model IDs.",
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules(() if argv is None else argv):
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
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        if hasattr(args, "as_of"):
            as_of(args)  # a bad --as-of or MODELCAT_AS_OF is refused by every command, used or not
        # One short run that keeps what it parses alive and makes little cyclic garbage: the
        # cyclic collector would only rescan the catalog's objects. Restored on return.
        with collector_paused():
            return handler(args)
    except UsageError as error:
        prefix = f"{parser.prog} {args.command}: error: "
        parser.exit(EXIT_USAGE, "".join(f"{prefix}{sentence}\n" for sentence in error.args))
    except OSError as error:
        # A path that cannot be read, written or created (a name too long, a folder that
        # cannot be made, no permission, a full disk): one sentence, not a traceback.
        parser.exit(EXIT_USAGE, f"{parser.prog} {args.command}: error: {os_problem(error)}\n")
    except CatalogUnusable:
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
