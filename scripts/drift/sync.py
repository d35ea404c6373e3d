"""Check providers concurrently: get each live list (HTTP or a saved file), compare, collect."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from scripts.catalog import Catalog, Kind, LoadedCatalog, Provider
from scripts.drift.compare import ProviderDrift, compare
from scripts.drift.fetch import (
    Credentials,
    FetchError,
    fetch_models,
    make_client,
    models_url,
    parse_models_payload,
    redact,
)
from scripts.drift.report import Locate, Location
from scripts.fileio import write_atomic


@dataclass(frozen=True, slots=True)
class SyncOptions:
    providers: Sequence[str]
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
) -> dict[str, Any]:
    if options.from_file is not None:
        try:
            body = options.from_file.read_bytes()
        except OSError as error:
            raise FetchError(f"cannot read {options.from_file}: {error.strerror}") from None
        return parse_models_payload(body)[0]
    key = environ.get(provider.api_key_env, "").strip()
    if not key:
        raise FetchError(
            f"{provider.api_key_env} is not set; export {provider.api_key_env}=<your API key> "
            f"(from {provider.name}'s console) and run again"
        )
    url = models_url(options.base_url or provider.api_base)
    body = await fetch_models(client, url, Credentials(provider.api_key_env, key), options.timeout)
    return parse_models_payload(body)[0]


async def check_provider(
    client: httpx.AsyncClient,
    catalog: Catalog,
    provider: Provider,
    options: SyncOptions,
    environ: Mapping[str, str],
) -> ProviderResult:
    try:
        payload = await _live_list(client, provider, options, environ)
    except FetchError as error:
        secret = environ.get(provider.api_key_env)
        return ProviderResult(
            ProviderDrift(provider.id, checked=False, error=redact(str(error), secret))
        )
    return ProviderResult(
        compare(provider.id, catalog.models_of(provider.id), payload["data"]), payload
    )


async def check_all(
    catalog: Catalog, options: SyncOptions, environ: Mapping[str, str] | None = None
) -> list[ProviderResult]:
    environ = os.environ if environ is None else environ
    async with make_client(options.timeout) as client:
        return list(
            await asyncio.gather(
                *(
                    check_provider(client, catalog, catalog.providers[p], options, environ)
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
