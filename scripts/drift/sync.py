"""Check providers concurrently: get each live list (HTTP or a saved file), compare, collect."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from modelcat_registry.catalog import Catalog, Provider
from modelcat_registry.drift.compare import ProviderDrift, compare
from modelcat_registry.drift.fetch import (
    MAX_BODY_BYTES,
    FetchError,
    credentials_from,
    fetch_models,
    fetch_slots,
    make_client,
    models_url,
    parse_models_payload,
    redact,
    secrets_of,
)
from modelcat_registry.drift.report import Locate, Location
from modelcat_registry.fileio import write_atomic
from modelcat_registry.loader import Kind, LoadedCatalog


@dataclass(frozen=True, slots=True)
class SyncOptions:
    providers: Sequence[str]
    as_of: dt.date
    base_url: str | None = None
    from_file: Path | None = None
    timeout: float = 30.0


@dataclass(slots=True)
class ProviderResult:
    drift: ProviderDrift
    payload: dict[str, Any] | None = None


async def _live_list(
    client: httpx.AsyncClient,
    provider: Provider,
    options: SyncOptions,
    environ: Mapping[str, str],
    slots: asyncio.Semaphore,
) -> dict[str, Any]:
    secrets = secrets_of(environ.get(provider.api_key_env))
    if options.from_file is not None:
        try:
            with options.from_file.open("rb") as handle:
                body = handle.read(MAX_BODY_BYTES + 1)
        except OSError as error:
            raise FetchError(f"cannot read {options.from_file}: {error.strerror}") from None
        return parse_models_payload(body, secrets)[0]
    credentials = credentials_from(
        provider.api_key_env, environ.get(provider.api_key_env), provider.name
    )
    url = models_url(options.base_url or provider.api_base)
    async with slots:
        body = await fetch_models(client, url, credentials, options.timeout)
    return parse_models_payload(body, secrets)[0]


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
    try:
        payload = await _live_list(client, provider, options, environ, slots or fetch_slots())
        return ProviderResult(
            compare(provider.id, catalog.models_of(provider.id), payload["data"], options.as_of),
            payload,
        )
    except FetchError as error:
        message = redact(str(error), secret)
    except Exception as error:  # a bug or an unforeseen fault: still one sentence, exit 2
        message = (
            f"unexpected error while checking: {error.__class__.__name__}; nothing was compared "
            "(please report this as a modelcat bug)"
        )
    return ProviderResult(ProviderDrift(provider.id, options.as_of, checked=False, error=message))


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


def save_snapshot(path: Path, payload: dict[str, Any], secret: str | None) -> None:
    """The fetched payload as JSON, atomically, with the key redacted should it appear."""
    text = redact(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", secret)
    write_atomic(path, text.encode("utf-8"))


def locator(loaded: LoadedCatalog) -> Locate:
    """Find a model's file and the line of one of its fields (or of its id, if absent)."""
    documents = {(d.provider_id, d.expected_id): d for d in loaded.of_kind(Kind.MODEL)}

    def locate(provider: str, model_id: str, field: str | None) -> Location | None:
        document = documents.get((provider, model_id))
        if document is None:
            return None
        path = tuple(field.split(".")) if field else ("id",)
        present = document.parsed is not None and document.parsed.has_value(path)
        span = document.key_span(path if present else ("id",))
        return Location(document.shown_path, span.line, span.column)

    return locate
