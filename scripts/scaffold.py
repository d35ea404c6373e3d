"""Write new catalog entries: the fields the schema asks for, unknown values as placeholders
that `validate` rejects by name, so nothing is guessed and nothing is forgotten. What each
placeholder asks for is the schema's `x-placeholder` beside the field.

Every given value is checked before anything is written, by the rules `validate` applies (the
entry is validated as it would be written, and its source against the provider's sources),
and every problem is reported at once: an entry is created only if no given value is wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelcat_registry.fileio import OutsideRootError, write_atomic_within
from modelcat_registry.loader import (
    PROVIDER_FILE,
    Document,
    model_file,
    parse_document,
    read_document,
    schema_modeline,
)
from modelcat_registry.schemas import field_order, is_valid_id, placeholders
from modelcat_registry.validation import (
    PLACEHOLDER_PREFIX,
    cross_file_findings,
    document_problems,
    file_facts,
)
from modelcat_registry.yaml_source import yaml_scalar


@dataclass(frozen=True, slots=True)
class ArgumentProblem:
    """What is wrong with one value given for the entry (field: the field it was given for),
    or with the entry as a whole (field None: its ID, its provider, an existing file)."""

    field: str | None
    message: str


class ScaffoldError(Exception):
    """The entry cannot be created; each problem says why and what to do."""

    def __init__(self, problems: Sequence[ArgumentProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = list(problems)


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


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _fill(kind: str, given: Mapping[str, Any]) -> dict[str, Any]:
    values = _given(given)
    for key, hint in placeholders(kind).items():
        values.setdefault(key, placeholder(hint))
    return {key: values[key] for key in field_order(kind) if key in values}


def _create(catalog_dir: Path, relative: Path, fields: dict[str, Any]) -> Scaffold:
    path = catalog_dir / relative
    if path.exists() or path.is_symlink():
        raise ScaffoldError([_exists(path)])
    try:
        write_atomic_within(catalog_dir, path, entry_text(relative, fields).encode())
    except OutsideRootError as error:
        raise ScaffoldError([ArgumentProblem(None, str(error))]) from None
    pending = tuple(
        k for k, v in fields.items() if isinstance(v, str) and v.startswith(PLACEHOLDER_PREFIX)
    )
    return Scaffold(path, pending)


def _exists(path: Path) -> ArgumentProblem:
    return ArgumentProblem(None, f"{path} already exists; edit it instead")


def _provider_id_problems(catalog_dir: Path, provider_id: str, *, known: bool) -> list[str]:
    if not is_valid_id("provider", provider_id):
        return [
            f"{provider_id!r} is not a valid provider ID: use lowercase letters, digits and '-'"
        ]
    if known and not (catalog_dir / provider_id / PROVIDER_FILE).is_file():
        names = sorted(p.parent.name for p in catalog_dir.glob(f"*/{PROVIDER_FILE}"))
        return [_unknown_provider(provider_id, names)]
    return []


def _value_problems(document: Document, given: Mapping[str, Any]) -> list[ArgumentProblem]:
    """The problems validate would report in document at the values of the given fields (not
    at its placeholders, which validate reports by name, as it should)."""
    at = {
        (span.line, span.column): key
        for key in given
        if document.parsed and document.parsed.has_value((key,))
        for span in [document.span((key,))]
    }
    return [
        ArgumentProblem(at[(problem.line, problem.column)], problem.message)
        for problem in [*document.problems, *document_problems(document)]
        if (problem.line, problem.column) in at
    ]


# What YAML, Python or a terminal may take for the end of a line.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _text_problem(key: str, value: object) -> ArgumentProblem | None:
    """What keeps a value from being one line of UTF-8 text in the file, if anything."""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return ArgumentProblem(key, f"{key} is not UTF-8 text; write it in UTF-8")
    line_break = _LINE_BREAK.search(text)
    if line_break:
        return ArgumentProblem(
            key,
            f"{key} must be one line; remove the line break (U+{ord(line_break.group()):04X}) "
            f"at character {line_break.start() + 1}",
        )
    return None


def _entry_problems(
    catalog_dir: Path, relative: Path, kind: str, given: Mapping[str, Any]
) -> tuple[Document, list[ArgumentProblem]]:
    """The entry as it would be written with the given values, and their problems: first
    what keeps a value from being one line of text, then what validate finds in the rest."""
    problems = [p for key, value in given.items() if (p := _text_problem(key, value))]
    written = {k: v for k, v in given.items() if k not in {p.field for p in problems}}
    data = entry_text(relative, _fill(kind, written)).encode()
    document = parse_document(catalog_dir / relative, relative.parts, data)
    return document, problems + _value_problems(document, written)


def check_new_model(
    catalog_dir: Path, provider_id: str, model_id: str, values: Mapping[str, Any]
) -> list[ArgumentProblem]:
    """Every problem that would keep the model entry from being created, or make validate
    reject a value given for it: nothing is written."""
    problems = [
        ArgumentProblem(None, message)
        for message in _provider_id_problems(catalog_dir, provider_id, known=True)
    ]
    provider_known = not problems
    id_valid = is_valid_id("model", model_id)
    if not id_valid:
        problems.append(
            ArgumentProblem(
                None,
                f"{model_id!r} is not a valid model ID: use letters, digits and . _ : @ + -, "
                "with '/' only between parts, and no part named index or README (the exact ID "
                "the API accepts)",
            )
        )
    elif provider_known:
        models_dir = catalog_dir / provider_id / "models"
        clash = [
            p for p in models_dir.rglob("*.yaml")
            if p.relative_to(models_dir).with_suffix("").as_posix().casefold()
            == model_id.casefold()
        ]  # fmt: skip
        if clash:
            problems.append(_exists(clash[0]))
    # The values are checked in an entry at a well-formed place even when the ID or provider
    # is wrong, so that one run reports them all.
    place_provider = provider_id if provider_known else "provider"
    place_id = model_id if id_valid else "model"
    relative = model_file(catalog_dir, place_provider, place_id).relative_to(catalog_dir)
    given = _given(values)
    document, value_problems = _entry_problems(
        catalog_dir, relative, "model", {"id": place_id, **given}
    )
    problems += [p for p in value_problems if p.field != "id"]
    if provider_known and "source" in given:
        problems += _source_problems(catalog_dir, provider_id, document, value_problems)
    return problems


def _source_problems(
    catalog_dir: Path, provider_id: str, model: Document, found: list[ArgumentProblem]
) -> list[ArgumentProblem]:
    """The source given for the model, checked against its provider's sources as validate
    checks it (unless the key itself is already reported as malformed)."""
    if any(problem.field == "source" for problem in found):
        return []
    provider_path = catalog_dir / provider_id / PROVIDER_FILE
    provider = read_document(provider_path, (provider_id, PROVIDER_FILE), catalog_dir)
    model_facts = file_facts(model)
    return [
        ArgumentProblem("source", finding.message)
        for finding in cross_file_findings([file_facts(provider), model_facts], catalog_dir)
        if finding.facts is model_facts and finding.where == ("source",)
    ]


def new_model(
    catalog_dir: Path, provider_id: str, model_id: str, values: Mapping[str, Any]
) -> Scaffold:
    problems = check_new_model(catalog_dir, provider_id, model_id, values)
    if problems:
        raise ScaffoldError(problems)
    relative = model_file(catalog_dir, provider_id, model_id).relative_to(catalog_dir)
    return _create(catalog_dir, relative, _fill("model", {"id": model_id, **values}))


def check_new_provider(
    catalog_dir: Path, provider_id: str, values: Mapping[str, Any]
) -> list[ArgumentProblem]:
    """Every problem that would keep the provider entry from being created, or make validate
    reject a value given for it: nothing is written."""
    problems = [
        ArgumentProblem(None, message)
        for message in _provider_id_problems(catalog_dir, provider_id, known=False)
    ]
    place_provider = "provider" if problems else provider_id
    relative = Path(place_provider, PROVIDER_FILE)
    path = catalog_dir / relative
    if not problems and (path.exists() or path.is_symlink()):
        problems.append(_exists(path))
    given = _given(values)
    value_problems = _entry_problems(
        catalog_dir, relative, "provider", {"id": place_provider, **given}
    )[1]
    problems += [p for p in value_problems if p.field != "id"]
    return problems


def new_provider(catalog_dir: Path, provider_id: str, values: Mapping[str, Any]) -> Scaffold:
    problems = check_new_provider(catalog_dir, provider_id, values)
    if problems:
        raise ScaffoldError(problems)
    fields = _fill("provider", {"id": provider_id, **values})
    return _create(catalog_dir, Path(provider_id, PROVIDER_FILE), fields)


def _unknown_provider(provider_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(provider_id, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown provider {provider_id!r}; {hint}known: {', '.join(known) or 'none'} "
        f"(add one with: modelcat new-provider --id {provider_id})"
    )
