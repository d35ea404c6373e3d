"""Check providers concurrently: get each provider's list (every page over HTTP, or a saved
capture), compare it with the catalog as of its day, collect the results."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from modelcat_registry.catalog import Catalog, Provider
from modelcat_registry.dialects import KeyUse, dialect_for
from modelcat_registry.drift.capture import (
    MAX_CAPTURE_BYTES,
    Capture,
    CaptureError,
    read_capture_file,
    record_text,
)
from modelcat_registry.drift.compare import ProviderDrift, RefusedListError, compare
from modelcat_registry.drift.fetch import (
    FetchError,
    credentials_for,
    fetch_list,
    fetch_slots,
    make_client,
    redact,
    secrets_of,
)
from modelcat_registry.drift.plans import list_target
from modelcat_registry.drift.report import Locate, Location
from modelcat_registry.fileio import write_atomic
from modelcat_registry.loader import Kind, LoadedCatalog


@dataclass(frozen=True, slots=True)
class SyncOptions:
    providers: Sequence[str]
    as_of: dt.date | None = None  # the day a bare payload (or a live fetch) shows
    base_url: str | None = None
    from_file: Path | None = None
    timeout: float = 30.0
    allow_shrink: bool = False


@dataclass(slots=True)
class ProviderResult:
    drift: ProviderDrift
    capture: Capture | None = None


class KeyMissingError(Exception):
    """The provider's key variable is not set: the provider is skipped, not failed."""


async def get_capture(
    client: httpx.AsyncClient,
    provider: Provider,
    options: SyncOptions,
    environ: Mapping[str, str],
    slots: asyncio.Semaphore,
) -> Capture:
    dialect = dialect_for(provider.dialect)
    if options.from_file is not None:
        try:
            with options.from_file.open("rb") as handle:
                data = handle.read(MAX_CAPTURE_BYTES + 1)
        except OSError as error:
            raise FetchError(f"cannot read {options.from_file}: {error.strerror}") from None
        try:
            return read_capture_file(data, provider.id, dialect, options.as_of)
        except CaptureError as error:
            raise FetchError(f"{options.from_file}: {error}") from None
    url = list_target(provider, options.base_url)
    raw = environ.get(provider.api_key_env)
    if not (raw or "").strip() and dialect.key_use is KeyUse.REQUIRED:
        raise KeyMissingError(
            f"{provider.api_key_env} is not set; export {provider.api_key_env}=<your API key> "
            f"(from {provider.name}'s console) to check it"
        )
    credentials = credentials_for(dialect, provider.api_key_env, raw, provider.name)
    now = (
        (lambda: dt.datetime.combine(options.as_of, dt.time(12), dt.UTC)) if options.as_of else None
    )
    async with slots:
        return await fetch_list(
            client, provider.id, dialect, url, credentials, options.timeout, now=now
        )


async def check_provider(
    client: httpx.AsyncClient,
    catalog: Catalog,
    provider: Provider,
    options: SyncOptions,
    environ: Mapping[str, str],
    slots: asyncio.Semaphore | None = None,
) -> ProviderResult:
    """The provider's drift; any failure, even an unforeseen one, is a not-checked result
    with one sentence (the key redacted), never an exception."""
    secret = environ.get(provider.api_key_env)
    day = options.as_of or dt.datetime.now(dt.UTC).date()
    try:
        capture = await get_capture(client, provider, options, environ, slots or fetch_slots())
        return ProviderResult(compare(catalog, provider, capture, options.allow_shrink), capture)
    except KeyMissingError as error:
        return ProviderResult(ProviderDrift(provider.id, day, checked=False, skipped=str(error)))
    except (FetchError, RefusedListError) as error:
        message = redact(str(error), secrets_of(secret))
    except Exception as error:  # a bug or an unforeseen fault: still one sentence, exit 2
        message = (
            f"unexpected error while checking: {error.__class__.__name__}; nothing was compared "
            "(please report this as a modelcat bug)"
        )
    return ProviderResult(ProviderDrift(provider.id, day, checked=False, error=message))


async def check_all(
    catalog: Catalog, options: SyncOptions, environ: Mapping[str, str] | None = None
) -> list[ProviderResult]:
    environ = os.environ if environ is None else environ
    slots = fetch_slots()
    async with make_client(options.timeout) as client:
        return list(
            await asyncio.gather(
                *(
                    check_provider(client, catalog, catalog.providers[p], options, environ, slots)
                    for p in options.providers
                )
            )
        )


def save_snapshot(path: Path, capture: Capture) -> None:
    """The capture as a dated record, atomically (it never holds the key: a body echoing the
    key was refused when it was read)."""
    write_atomic(path, record_text(capture).encode("utf-8"))


def locator(loaded: LoadedCatalog) -> Locate:
    """Find a model's file and the line of one of its fields (or of its id, if absent)."""
    documents = {(d.provider_id, d.expected_id): d for d in loaded.of_kind(Kind.MODEL)}

    def locate(provider: str, model_id: str, field: str | None) -> Location | None:
        document = documents.get((provider, model_id))
        if document is None:
            return None
        path = tuple(int(p) if p.isdigit() else p for p in field.split(".")) if field else ("id",)
        present = document.parsed is not None and document.parsed.has_value(path)
        span = document.key_span(path if present else ("id",))
        return Location(document.shown_path, span.line, span.column)

    return locate
