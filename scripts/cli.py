"""`python -m scripts <command>`: parse flags, call the library, pick the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scripts.catalog import Catalog, Kind, LoadedCatalog, load_documents
from scripts.reporters import FORMATS, RENDERERS
from scripts.validation import validate_catalog

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with one clear sentence."""


def _catalog_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"catalog folder {value!r} does not exist; pass --catalog DIR")
    return path


def _selected_paths(catalog_dir: Path, raw_paths: Sequence[str]) -> list[Path]:
    root = catalog_dir.resolve()
    selected = []
    for raw in raw_paths:
        path = Path(raw).resolve()
        if not path.exists():
            raise UsageError(f"{raw}: no such file")
        if not path.is_relative_to(root):
            raise UsageError(f"{raw} is not inside the catalog folder {catalog_dir}")
        selected.append(path)
    return selected


def _is_selected(path: str, selected: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == s or resolved.is_relative_to(s) for s in selected)


def command_validate(args: argparse.Namespace) -> int:
    catalog_dir = _catalog_dir(args.catalog)
    selected = _selected_paths(catalog_dir, args.paths)
    loaded = load_documents(catalog_dir)
    problems = validate_catalog(loaded)
    if selected:
        problems = [p for p in problems if _is_selected(p.path, selected)]
    models = len(loaded.of_kind(Kind.MODEL))
    providers = len(loaded.of_kind(Kind.PROVIDER))
    sys.stdout.write(RENDERERS[args.format](problems, models, providers))
    return EXIT_PROBLEMS if problems else EXIT_OK


def load_valid_catalog(catalog_value: str) -> Catalog | None:
    """The typed catalog, or None after printing its problems (the caller exits 1)."""
    from scripts.catalog import build_catalog

    loaded: LoadedCatalog = load_documents(_catalog_dir(catalog_value))
    problems = validate_catalog(loaded)
    if problems:
        sys.stderr.write(
            RENDERERS["text"](
                problems, len(loaded.of_kind(Kind.MODEL)), len(loaded.of_kind(Kind.PROVIDER))
            )
        )
        sys.stderr.write("fix the catalog first: python -m scripts validate\n")
        return None
    return build_catalog(loaded)


def command_generate(args: argparse.Namespace) -> int:
    from scripts.site.generate import clean, generate, settings_from_mkdocs_file

    out_dir = Path(args.out)
    if args.clean:
        print(f"removed {clean(out_dir)} generated files from {out_dir}")
        return EXIT_OK
    catalog = load_valid_catalog(args.catalog)
    if catalog is None:
        return EXIT_PROBLEMS
    result = generate(catalog, out_dir, settings_from_mkdocs_file(Path(args.config)))
    print(
        f"generated {result.total} files in {out_dir}: {result.written} written, "
        f"{result.total - result.written} unchanged, {result.removed} removed"
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts",
        description="modelcat tooling: validate the catalog, render the site, check drift.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check catalog files against the schema and cross-file rules",
        description="Check catalog files. Exit 0 valid, 1 problems found, 2 usage error.",
    )
    validate.add_argument("--catalog", default="catalog", help="catalog folder (default: catalog)")
    validate.add_argument("--format", choices=FORMATS, default="text", help="output format")
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report only on these files or folders (cross-file rules still see everything)",
    )
    validate.set_defaults(handler=command_validate)

    generate = commands.add_parser(
        "generate",
        help="render the site's pages and data exports from the catalog",
        description="Render Markdown pages and exports into the docs folder; unchanged files "
        "are not rewritten. Exit 0 done, 1 invalid catalog, 2 usage error.",
    )
    generate.add_argument("--catalog", default="catalog", help="catalog folder (default: catalog)")
    generate.add_argument("--out", default="docs", help="docs folder to write into (default: docs)")
    generate.add_argument(
        "--config", default="mkdocs.yml", help="MkDocs config with repo_url/edit_uri for edit links"
    )
    generate.add_argument("--clean", action="store_true", help="delete the generated files instead")
    generate.set_defaults(handler=command_generate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"{parser.prog} {args.command}: error: {error}\n")
    except KeyboardInterrupt:
        return 130
