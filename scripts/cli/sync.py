"""`modelcat sync`: diff the catalog against each provider's live GET /models.

Exit 0 no drift, 1 drift found, 2 a provider could not be checked, the catalog is invalid or
the command was called wrongly."""

from __future__ import annotations

import argparse
import datetime as dt
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
from modelcat_registry.reference_day import AS_OF_ENV


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


def _explicit_day(args: argparse.Namespace) -> dt.date | None:
    """--as-of, else MODELCAT_AS_OF, else None: a capture's own day is not overridden by
    today's date."""
    if args.as_of is None and not os.environ.get(AS_OF_ENV):
        return None
    return as_of(args)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from modelcat_registry.drift.sync import SyncOptions, check_all, locator, save_snapshot
    from modelcat_registry.drift.write import record_capture

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        raise UsageError("--timeout must be a finite, positive number of seconds")
    if args.from_file and not Path(args.from_file).exists():
        raise UsageError(f"--from-file {args.from_file}: no such file")
    if args.from_file and not Path(args.from_file).is_file():
        raise UsageError(
            f"--from-file {args.from_file} is not a regular file (a folder, FIFO, socket or "
            "device); give the saved capture or /models payload"
        )
    if args.snapshot and Path(args.snapshot).is_dir():
        raise UsageError(f"--snapshot {args.snapshot} is a folder; give a file name to write")
    if args.snapshot and Path(args.snapshot).exists() and not Path(args.snapshot).is_file():
        # The snapshot replaces the file by a rename: a device or FIFO (/dev/null) would be
        # replaced too, not written to.
        raise UsageError(
            f"--snapshot {args.snapshot} is not a regular file (a FIFO, socket or device); "
            "give a file name to write"
        )
    if args.base_url is not None and args.from_file:
        raise UsageError("--base-url and --from-file exclude each other: fetch, or read a file")
    if args.base_url is not None:
        from modelcat_registry.drift.fetch import FetchError, list_url

        try:
            list_url(args.base_url, "/models")
        except FetchError as error:
            raise UsageError(f"--base-url: {error}") from None
    day = _explicit_day(args)
    loaded, catalog = valid_catalog_documents(args.catalog)
    options = SyncOptions(
        providers=_providers(args, catalog),
        as_of=day,
        base_url=args.base_url,
        from_file=Path(args.from_file) if args.from_file else None,
        timeout=args.timeout,
        allow_shrink=args.allow_shrink,
    )
    results = asyncio.run(check_all(catalog, options))
    drifts = [r.drift for r in results]
    if args.snapshot and results[0].capture is not None:
        save_snapshot(Path(args.snapshot), results[0].capture)
    context = ReportContext(locator(loaded), _blob_base())
    sys.stdout.write(RENDERERS[args.format](drifts, context))
    if args.write:
        for result in results:
            capture = result.capture
            if capture is None:
                continue
            if capture.export:
                _say(
                    f"not written: {args.from_file} is modelcat's own export, not a capture of "
                    f"{result.drift.provider}'s list; --write records captures only"
                )
                continue
            provider = catalog.providers[result.drift.provider]
            for outcome in record_capture(loaded, catalog, provider, capture):
                _say(f"{outcome.action} {display_path(outcome.path)}: {outcome.detail}")
    if any(d.failed for d in drifts):
        return EXIT_USAGE
    return EXIT_FOUND if any(d.has_drift for d in drifts) else EXIT_OK


def _say(line: str) -> None:
    sys.stderr.write(terminal_safe(line) + "\n")


def _seconds(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "sync",
        help="diff the catalog against each provider's live GET /models",
        description="Compare the catalog with each provider's live model list, as of the day "
        "the list shows. Exit 0 no drift, 1 drift found, 2 a provider could not be checked, the "
        "catalog is invalid, or a usage error. The API key is read from the provider's "
        "api_key_env variable (GROQ_API_KEY for groq); a provider whose key is not set is "
        "skipped.",
    )
    add_catalog_option(command)
    add_as_of_option(command)
    command.add_argument("--provider", metavar="ID", help="check only this provider")
    command.add_argument(
        "--base-url",
        metavar="URL",
        help="fetch the list from URL (plus the dialect's path) instead of the provider's "
        "(with --provider)",
    )
    command.add_argument(
        "--from-file",
        metavar="PATH",
        help="compare with a saved capture record (dated by itself), the site's export, or a "
        "bare payload (give its day with --as-of)",
    )
    command.add_argument(
        "--snapshot",
        metavar="PATH",
        help="save what was read as a dated capture record (never the key)",
    )
    command.add_argument(
        "--allow-shrink",
        action="store_true",
        help="accept a list under half the size of the previous check (it is refused "
        "otherwise, not taken as a mass removal)",
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
        help="record the capture: the provider's checks, each model's observed records, stubs "
        "for new models, the newest capture.json (never changes a documented fact, never "
        "deletes)",
    )
    command.set_defaults(handler=run)
