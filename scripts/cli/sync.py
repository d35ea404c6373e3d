"""`modelcat sync`: diff the catalog against each provider's live GET /models.

Exit 0 no drift, 1 drift found, 2 a provider could not be checked, the catalog is invalid or
the command was called wrongly."""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from pathlib import Path

from modelcat_registry.catalog import Catalog
from modelcat_registry.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_as_of_option,
    add_catalog_option,
    as_of,
    valid_catalog_documents,
)
from modelcat_registry.drift.report import FORMATS, RENDERERS, ReportContext
from modelcat_registry.loader import display_path
from modelcat_registry.output_escaping import terminal_safe


def _providers(args: argparse.Namespace, catalog: Catalog) -> list[str]:
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


def _blob_base() -> str | None:
    """Where GitHub Actions shows the checked-out files, for links in Markdown reports."""
    server = os.environ.get("GITHUB_SERVER_URL")
    repository = os.environ.get("GITHUB_REPOSITORY")
    if not (server and repository):
        return None
    return f"{server}/{repository}/blob/{os.environ.get('GITHUB_SHA') or 'main'}/"


def run(args: argparse.Namespace) -> int:
    import asyncio

    from modelcat_registry.drift.sync import SyncOptions, check_all, locator, save_snapshot
    from modelcat_registry.drift.write import apply_fixes

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        raise UsageError("--timeout must be a finite, positive number of seconds")
    if args.from_file and not Path(args.from_file).is_file():
        raise UsageError(f"--from-file {args.from_file}: no such file")
    if args.snapshot and Path(args.snapshot).is_dir():
        raise UsageError(f"--snapshot {args.snapshot} is a folder; give a file name to write")
    day = as_of(args)
    loaded, catalog = valid_catalog_documents(args.catalog)
    options = SyncOptions(
        providers=_providers(args, catalog),
        as_of=day,
        base_url=args.base_url,
        from_file=Path(args.from_file) if args.from_file else None,
        timeout=args.timeout,
    )
    results = asyncio.run(check_all(catalog, options))
    drifts = [r.drift for r in results]
    if args.snapshot and results[0].payload is not None:
        provider = catalog.providers[options.providers[0]]
        save_snapshot(Path(args.snapshot), results[0].payload, os.environ.get(provider.api_key_env))
    context = ReportContext(locator(loaded), _blob_base())
    sys.stdout.write(RENDERERS[args.format](drifts, context))
    if args.write:
        for result in results:
            drift = result.drift
            if not drift.checked or result.payload is None:
                continue
            provider = catalog.providers[drift.provider]
            for outcome in apply_fixes(loaded, provider, drift, result.payload["data"]):
                sys.stderr.write(
                    terminal_safe(
                        f"{outcome.action} {display_path(outcome.path)}: {outcome.detail}"
                    )
                    + "\n"
                )
            for absence in drift.removed:
                sys.stderr.write(
                    terminal_safe(
                        f"not changed: {absence.id} is missing live; if the provider shut it "
                        "down, add its lifecycle (shutdown date, replacements, source) by hand"
                    )
                    + "\n"
                )
    if any(not d.checked for d in drifts):
        return EXIT_USAGE
    return EXIT_FOUND if any(d.has_drift for d in drifts) else EXIT_OK


def _seconds(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "sync",
        help="diff the catalog against each provider's live GET /models",
        description="Compare the catalog with each provider's live model list. Exit 0 no drift, "
        "1 drift found, 2 a provider could not be checked, the catalog is invalid, or a usage "
        "error. The API key is read from the provider's api_key_env variable (GROQ_API_KEY for "
        "groq).",
    )
    add_catalog_option(command)
    add_as_of_option(command)
    command.add_argument("--provider", metavar="ID", help="check only this provider")
    command.add_argument(
        "--base-url", metavar="URL", help="use URL instead of api_base (with --provider)"
    )
    command.add_argument(
        "--from-file",
        metavar="PATH",
        help="diff against a saved /models payload (give its capture date with --as-of)",
    )
    command.add_argument(
        "--snapshot", metavar="PATH", help="save the fetched payload (never the key)"
    )
    command.add_argument("--format", choices=FORMATS, default="text", help="report format")
    command.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="give up on an attempt after this long (default: 30)",
    )
    command.add_argument(
        "--write",
        action="store_true",
        help="record the live values in each model's observed block and add stubs for new "
        "models (never changes a documented fact, never deletes)",
    )
    command.set_defaults(handler=run)
