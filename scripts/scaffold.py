"""Write new catalog entries: the fields the schema asks for, unknown values as placeholders
that `validate` rejects by name, so nothing is guessed and nothing is forgotten. What each
placeholder asks for is the schema's `x-placeholder` beside the field."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelcat_registry.fileio import OutsideRootError, write_atomic_within
from modelcat_registry.loader import PROVIDER_FILE, model_file, schema_modeline
from modelcat_registry.schemas import field_order, is_valid_id, placeholders
from modelcat_registry.validation import PLACEHOLDER_PREFIX
from modelcat_registry.yaml_source import yaml_scalar


class ScaffoldError(Exception):
    """The entry cannot be created; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    path: Path
    placeholders: tuple[str, ...]


def placeholder(hint: str) -> str:
    return f"{PLACEHOLDER_PREFIX}: {hint}"


def entry_text(relative_path: Path, fields: Mapping[str, Any], comments: Sequence[str] = ()) -> str:
    """A catalog file: schema modeline, comments, then the fields in the order given."""
    lines = [schema_modeline(relative_path), *(f"# {c}" for c in comments)]
    lines += [f"{key}: {yaml_scalar(value)}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def _fill(kind: str, given: Mapping[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in given.items() if v is not None}
    for key, hint in placeholders(kind).items():
        values.setdefault(key, placeholder(hint))
    return {key: values[key] for key in field_order(kind) if key in values}


def _create(catalog_dir: Path, relative: Path, fields: dict[str, Any]) -> Scaffold:
    path = catalog_dir / relative
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; edit it instead")
    try:
        write_atomic_within(catalog_dir, path, entry_text(relative, fields).encode())
    except OutsideRootError as error:
        raise ScaffoldError(str(error)) from None
    pending = tuple(
        k for k, v in fields.items() if isinstance(v, str) and v.startswith(PLACEHOLDER_PREFIX)
    )
    return Scaffold(path, pending)


def _check_provider_id(provider_id: str) -> None:
    if not is_valid_id("provider", provider_id):
        raise ScaffoldError(
            f"{provider_id!r} is not a valid provider ID: use lowercase letters, digits and '-'"
        )


def new_model(
    catalog_dir: Path, provider_id: str, model_id: str, values: Mapping[str, Any]
) -> Scaffold:
    _check_provider_id(provider_id)
    provider_dir = catalog_dir / provider_id
    if not (provider_dir / PROVIDER_FILE).is_file():
        known = sorted(p.parent.name for p in catalog_dir.glob(f"*/{PROVIDER_FILE}"))
        raise ScaffoldError(_unknown_provider(provider_id, known))
    if not is_valid_id("model", model_id):
        raise ScaffoldError(
            f"{model_id!r} is not a valid model ID: use letters, digits and . _ : @ + -, with "
            "'/' only between parts, and no part named index or README (the exact ID the "
            "API accepts)"
        )
    models_dir = provider_dir / "models"
    clash = [
        p for p in models_dir.rglob("*.yaml")
        if p.relative_to(models_dir).with_suffix("").as_posix().casefold() == model_id.casefold()
    ]  # fmt: skip
    if clash:
        raise ScaffoldError(f"{clash[0]} already exists; edit it instead")
    relative = model_file(catalog_dir, provider_id, model_id).relative_to(catalog_dir)
    return _create(catalog_dir, relative, _fill("model", {"id": model_id, **values}))


def new_provider(catalog_dir: Path, provider_id: str, values: Mapping[str, Any]) -> Scaffold:
    _check_provider_id(provider_id)
    fields = _fill("provider", {"id": provider_id, **values})
    return _create(catalog_dir, Path(provider_id, PROVIDER_FILE), fields)


def _unknown_provider(provider_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(provider_id, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown provider {provider_id!r}; {hint}known: {', '.join(known) or 'none'} "
        f"(add one with: modelcat new-provider --id {provider_id})"
    )
