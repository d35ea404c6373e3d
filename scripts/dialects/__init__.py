"""One module per `/models` wire format, named after it. provider.yaml names its dialect
(`dialect:`; the schema's enum lists them); a provider that speaks the plain OpenAI list needs
only `dialect: openai`. Adding a wire format is one module here (with a `DIALECT`), its name in
the provider schema's enum, and a test server that speaks it (tests/provider_wires.py)."""

from __future__ import annotations

import importlib
from functools import cache

from modelcat_registry.dialects.base import Dialect, KeyUse, Listing, ResponseError
from modelcat_registry.schemas import enum_values

__all__ = ["DIALECT_NAMES", "Dialect", "KeyUse", "Listing", "ResponseError", "dialect_for"]

DIALECT_NAMES: tuple[str, ...] = enum_values("provider", ("dialect",))


@cache
def dialect_for(name: str) -> Dialect:
    if name not in DIALECT_NAMES:
        raise KeyError(name)
    dialect: Dialect = importlib.import_module(f"{__name__}.{name}").DIALECT
    return dialect
