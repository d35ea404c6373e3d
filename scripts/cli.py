"""`python -m scripts <command>`: parse flags, call the library, pick the exit code."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scripts.catalog import (
    STATUSES,
    Catalog,
    Kind,
    LoadedCatalog,
    build_catalog,
    display_path,
    load_documents,
)
from scripts.drift.report import FORMATS as DRIFT_FORMATS
from scripts.reporters import FORMATS, RENDERERS
from scripts.validation import integer_from_text, validate_catalog

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


def load_valid_catalog(catalog_value: str) -> tuple[LoadedCatalog, Catalog | None]:
    """The documents and the typed catalog, or None after printing the catalog's problems."""
    loaded = load_documents(_catalog_dir(catalog_value))
    problems = validate_catalog(loaded)
    if problems:
        sys.stderr.write(
            RENDERERS["text"](
                problems, len(loaded.of_kind(Kind.MODEL)), len(loaded.of_kind(Kind.PROVIDER))
            )
        )
        sys.stderr.write("fix the catalog first: python -m scripts validate\n")
        return loaded, None
    return loaded, build_catalog(loaded)


def command_generate(args: argparse.Namespace) -> int:
    from scripts.site.generate import clean, generate, settings_from_mkdocs_file

    out_dir = Path(args.out)
    if args.clean:
        print(f"removed {clean(out_dir)} generated files from {out_dir}")
        return EXIT_OK
    _, catalog = load_valid_catalog(args.catalog)
    if catalog is None:
        return EXIT_PROBLEMS
    result = generate(catalog, out_dir, settings_from_mkdocs_file(Path(args.config)))
    print(
        f"generated {result.total} files in {out_dir}: {result.written} written, "
        f"{result.total - result.written} unchanged, {result.removed} removed"
    )
    return EXIT_OK


def _sync_providers(args: argparse.Namespace, catalog: Catalog) -> list[str]:
    import difflib

    if args.provider is None:
        if args.base_url:
            raise UsageError("--base-url needs --provider: it replaces one provider's api_base")
        chosen = sorted(catalog.providers)
    elif args.provider in catalog.providers:
        chosen = [args.provider]
    else:
        close = difflib.get_close_matches(args.provider, list(catalog.providers), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        known = ", ".join(sorted(catalog.providers))
        raise UsageError(f"unknown provider {args.provider!r}{hint}; known: {known}")
    if (args.from_file or args.snapshot) and len(chosen) != 1:
        raise UsageError("--from-file and --snapshot work on one provider; add --provider ID")
    return chosen


def command_sync(args: argparse.Namespace) -> int:
    import asyncio
    import datetime as dt
    import os

    from scripts.drift.report import RENDERERS as DRIFT_RENDERERS
    from scripts.drift.sync import SyncOptions, check_all, locator, save_snapshot
    from scripts.drift.write import apply_fixes

    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.from_file and not Path(args.from_file).is_file():
        raise UsageError(f"--from-file {args.from_file}: no such file")
    loaded, catalog = load_valid_catalog(args.catalog)
    if catalog is None:
        return EXIT_USAGE
    options = SyncOptions(
        providers=_sync_providers(args, catalog),
        base_url=args.base_url,
        from_file=Path(args.from_file) if args.from_file else None,
        timeout=args.timeout,
    )
    results = asyncio.run(check_all(catalog, options))
    drifts = [r.drift for r in results]
    if args.snapshot and results[0].payload is not None:
        provider = catalog.providers[options.providers[0]]
        save_snapshot(Path(args.snapshot), results[0].payload, os.environ.get(provider.api_key_env))
    sys.stdout.write(DRIFT_RENDERERS[args.format](drifts, locator(loaded)))
    if args.write:
        today = dt.datetime.now(dt.UTC).date()
        for drift in drifts:
            if not drift.checked:
                continue
            for outcome in apply_fixes(loaded, catalog.providers[drift.provider], drift, today):
                sys.stderr.write(
                    f"{outcome.action} {display_path(outcome.path)}: {outcome.detail}\n"
                )
            for absence in drift.removed:
                sys.stderr.write(
                    f"not changed: {absence.id} is missing live; mark it deprecated or offline "
                    "by hand if the provider retired it\n"
                )
    if any(not d.checked for d in drifts):
        return EXIT_USAGE
    return EXIT_PROBLEMS if any(d.has_drift for d in drifts) else EXIT_OK


def _report_scaffold(created: object) -> int:
    path = display_path(created.path)
    if created.placeholders:
        pending = ", ".join(created.placeholders)
        print(f"created {path}; fill in {pending} (marked FILL-IN), then run:")
        print(f"  python -m scripts validate {path}")
    else:
        print(f"created {path}; check it with: python -m scripts validate {path}")
    return EXIT_OK


def command_new(args: argparse.Namespace) -> int:
    from scripts.scaffold import ScaffoldError, new_model

    values = {
        "name": args.name,
        "developer": args.developer,
        "status": args.status,
        "context_window": args.context_window,
        "max_output_tokens": args.max_output_tokens,
        "model_card": args.model_card,
    }
    try:
        created = new_model(_catalog_dir(args.catalog), args.provider, args.id, values)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    return _report_scaffold(created)


def command_new_provider(args: argparse.Namespace) -> int:
    from scripts.scaffold import ScaffoldError, new_provider

    values = {
        "name": args.name,
        "api_base": args.api_base,
        "api_key_env": args.api_key_env,
        "docs_url": args.docs_url,
    }
    try:
        created = new_provider(_catalog_dir(args.catalog), args.id, values)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    return _report_scaffold(created)


def _positive_int(value: str) -> int:
    number = integer_from_text(value)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number of tokens")
    return number


def _https_url(value: str) -> str:
    if not value.startswith("https://"):
        raise argparse.ArgumentTypeError(f"{value!r} is not an https:// URL")
    return value


def _positive_float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None


def _add_catalog_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--catalog", default="catalog", help="catalog folder (default: catalog)")


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
    _add_catalog_option(validate)
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
    _add_catalog_option(generate)
    generate.add_argument("--out", default="docs", help="docs folder to write into (default: docs)")
    generate.add_argument(
        "--config", default="mkdocs.yml", help="MkDocs config with repo_url/edit_uri for edit links"
    )
    generate.add_argument("--clean", action="store_true", help="delete the generated files instead")
    generate.set_defaults(handler=command_generate)

    sync = commands.add_parser(
        "sync",
        help="diff the catalog against each provider's live GET /models",
        description="Compare the catalog with each provider's live model list. Exit 0 no drift, "
        "1 drift found, 2 a provider could not be checked (or a usage error). The API key is "
        "read from the provider's api_key_env variable (GROQ_API_KEY for groq).",
    )
    _add_catalog_option(sync)
    sync.add_argument("--provider", metavar="ID", help="check only this provider")
    sync.add_argument(
        "--base-url", metavar="URL", help="use URL instead of api_base (with --provider)"
    )
    sync.add_argument("--from-file", metavar="PATH", help="diff against a saved /models payload")
    sync.add_argument("--snapshot", metavar="PATH", help="save the fetched payload (never the key)")
    sync.add_argument("--format", choices=DRIFT_FORMATS, default="text", help="report format")
    sync.add_argument(
        "--timeout",
        type=_positive_float,
        default=30.0,
        metavar="SECONDS",
        help="give up on an attempt after this long (default: 30)",
    )
    sync.add_argument(
        "--write",
        action="store_true",
        help="fix changed values in place and add stubs for new models (never deletes)",
    )
    sync.set_defaults(handler=command_sync)

    new = commands.add_parser(
        "new",
        help="scaffold a model file with every required field",
        description="Write catalog/<provider>/models/<id>.yaml. Values not given are left as "
        "FILL-IN placeholders that validate reports by name. Refuses to overwrite a file.",
    )
    _add_catalog_option(new)
    new.add_argument("--provider", required=True, metavar="ID", help="provider ID, e.g. groq")
    new.add_argument("--id", required=True, metavar="MODEL_ID", help="the exact API model ID")
    new.add_argument("--name", help="display name as the provider's page shows it")
    new.add_argument("--developer", help="who made the model, e.g. Meta")
    new.add_argument("--status", choices=STATUSES, help="lifecycle status")
    new.add_argument(
        "--context-window", type=_positive_int, metavar="N", help="tokens, e.g. 131072 or 128k"
    )
    new.add_argument("--max-output-tokens", type=_positive_int, metavar="N", help="tokens")
    new.add_argument(
        "--model-card", type=_https_url, metavar="URL", help="https URL of the model card"
    )
    new.set_defaults(handler=command_new)

    new_provider = commands.add_parser(
        "new-provider",
        help="scaffold a provider.yaml",
        description="Write catalog/<id>/provider.yaml with FILL-IN placeholders for values "
        "not given. Refuses to overwrite a file.",
    )
    _add_catalog_option(new_provider)
    new_provider.add_argument("--id", required=True, help="provider ID, e.g. acme")
    new_provider.add_argument("--name", help="display name")
    new_provider.add_argument("--api-base", type=_https_url, metavar="URL", help="https API base")
    new_provider.add_argument("--api-key-env", metavar="VAR", help="API key variable name")
    new_provider.add_argument("--docs-url", type=_https_url, metavar="URL", help="models docs URL")
    new_provider.set_defaults(handler=command_new_provider)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # One short run that keeps what it parses alive and makes little cyclic garbage: the
    # cyclic collector would only rescan the catalog's objects (see catalog.load_documents).
    gc.disable()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"{parser.prog} {args.command}: error: {error}\n")
    except KeyboardInterrupt:
        return 130
