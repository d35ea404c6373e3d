"""What `sync` checks for each provider, before any request: the list's URL, and the
variable its key is read from with whether the dialect sends a key at all. `sync` fetches
from these URLs; `modelcat providers` shows the plans (the scheduled drift job builds its
matrix from them, one provider per entry, each given the secret its plan names)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from modelcat_registry.catalog import Catalog, Provider
from modelcat_registry.dialects import KeyUse, dialect_for
from modelcat_registry.drift.fetch import list_url


@dataclass(frozen=True, slots=True)
class CheckPlan:
    id: str
    name: str
    dialect: str
    list_url: str
    api_key_env: str
    key_use: KeyUse


def list_target(provider: Provider, base_url: str | None = None) -> httpx.URL:
    """Where the provider's list is: base_url (--base-url) plus the dialect's path, else the
    provider's models_url, else its api_base plus the dialect's path."""
    dialect = dialect_for(provider.dialect)
    if base_url is not None:
        return list_url(base_url, dialect.list_path)
    if provider.models_url:
        return list_url(provider.models_url, "")
    return list_url(provider.api_base, dialect.list_path)


def check_plans(catalog: Catalog) -> list[CheckPlan]:
    """One plan per provider, in ID order."""
    return [
        CheckPlan(
            id=provider.id,
            name=provider.name,
            dialect=provider.dialect,
            list_url=str(list_target(provider)),
            api_key_env=provider.api_key_env,
            key_use=dialect_for(provider.dialect).key_use,
        )
        for provider in (catalog.providers[p] for p in sorted(catalog.providers))
    ]
