"""`modelcat new` and `modelcat new-provider`: scaffold catalog entries (exit 0, or 2).

Every argument is checked before anything is written, and every problem is reported in one
run, one sentence each, naming the flag."""

from __future__ import annotations

import argparse
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from modelcat_registry.cli.common import (
    EXIT_OK,
    UsageError,
    add_as_of_option,
    add_catalog_option,
    catalog_dir,
)
from modelcat_registry.loader import display_path
from modelcat_registry.output_escaping import terminal_safe
from modelcat_registry.schemas import enum_values, field_schema

if TYPE_CHECKING:
    from modelcat_registry.scaffold import ArgumentProblem

TOKEN_FIELDS = ("context_window", "max_output_tokens")
# The most digits a token count is read with (the schema allows 9 at most); more are refused
# unread (int() reads at most 4,300).
MAX_TOKEN_DIGITS = 30
_DIGITS = re.compile(r"[0-9]+")
_SUFFIXED = re.compile(r"\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<suffix>[kKmM])\s*")
_SUFFIX_FACTORS = {"k": (1024, 1000), "m": (1024 * 1024, 1_000_000)}


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _sentences(problems: list[ArgumentProblem]) -> list[str]:
    """One sentence per problem, naming the flag of the value it concerns."""
    return [
        problem.message if problem.field is None else f"{_flag(problem.field)}: {problem.message}"
        for problem in problems
    ]


def _report(created: object) -> int:
    path = terminal_safe(display_path(created.path))
    if created.placeholders:
        pending = ", ".join(created.placeholders)
        print(f"created {path}; fill in {pending} (marked FILL-IN), then run:")
        print(f"  modelcat validate {path}")
    else:
        print(f"created {path}; check it with: modelcat validate {path}")
    return EXIT_OK


def token_count(field: str, text: str) -> int | str:
    """The exact number of tokens text states, or why it is not one. A suffixed number such
    as 128k is refused: a source's "128k" may mean 128,000 or 131,072."""
    flag = _flag(field)
    if _DIGITS.fullmatch(text):
        if len(text.lstrip("0")) <= MAX_TOKEN_DIGITS:
            return int(text)  # exactly: never through a float
        most = field_schema("model", (field,))["maximum"]
        return f"{flag} must be at most {most:,} tokens, not a number of {len(text)} digits"
    suffixed = _SUFFIXED.fullmatch(text)
    if suffixed:
        number = Decimal(suffixed["number"])
        binary, decimal = (number * f for f in _SUFFIX_FACTORS[suffixed["suffix"].lower()])
        if binary == binary.to_integral_value() and decimal == decimal.to_integral_value():
            return (
                f"{flag} must be the exact number of tokens as the source states it (write "
                f"{int(binary)} or {int(decimal)}, not {text!r})"
            )
        return f"{flag} must be the exact number of tokens as the source states it, not {text!r}"
    return f"{flag} must be a whole number of tokens such as 131072, not {text!r}"


def _token_values(args: argparse.Namespace) -> tuple[dict[str, int], list[str]]:
    values: dict[str, int] = {}
    problems: list[str] = []
    for field in TOKEN_FIELDS:
        text = getattr(args, field)
        if text is None:
            continue
        parsed = token_count(field, text)
        if isinstance(parsed, int):
            values[field] = parsed
        else:
            problems.append(parsed)
    return values, problems


def run_new(args: argparse.Namespace) -> int:
    from modelcat_registry.scaffold import ScaffoldError, check_new_model, new_model

    tokens, problems = _token_values(args)
    values = {
        "name": args.name,
        "developer": args.developer,
        "status": args.status,
        "source": args.source,
        "context_window": tokens.get("context_window"),
        "max_output_tokens": tokens.get("max_output_tokens"),
        "model_card": args.model_card,
    }
    root = catalog_dir(args.catalog)
    problems += _sentences(check_new_model(root, args.provider, args.id, values))
    if problems:
        raise UsageError(*problems)
    try:
        created = new_model(root, args.provider, args.id, values)
    except ScaffoldError as error:  # the catalog changed between the check and the write
        raise UsageError(*_sentences(error.problems)) from None
    return _report(created)


def run_new_provider(args: argparse.Namespace) -> int:
    from modelcat_registry.scaffold import ScaffoldError, check_new_provider, new_provider

    values = {
        "name": args.name,
        "api_base": args.api_base,
        "api_key_env": args.api_key_env,
        "docs_url": args.docs_url,
        "dialect": args.dialect,
    }
    root = catalog_dir(args.catalog)
    problems = _sentences(check_new_provider(root, args.id, values))
    if problems:
        raise UsageError(*problems)
    try:
        created = new_provider(root, args.id, values)
    except ScaffoldError as error:  # the catalog changed between the check and the write
        raise UsageError(*_sentences(error.problems)) from None
    return _report(created)


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="scaffold a model file with every field to fill in",
        description="Write catalog/<provider>/models/<id>.yaml. Values not given are left as "
        "FILL-IN placeholders that validate reports by name. Every value given is checked "
        "first, as validate checks it; nothing is written if one is wrong. Refuses to "
        "overwrite a file.",
    )
    add_catalog_option(new)
    add_as_of_option(new)
    new.add_argument("--provider", required=True, metavar="ID", help="provider ID, e.g. groq")
    new.add_argument("--id", required=True, metavar="MODEL_ID", help="the exact API model ID")
    new.add_argument("--name", help="display name as the provider's page shows it")
    new.add_argument("--developer", help="who made the model, e.g. Meta")
    statuses = enum_values("model", ("status",))
    new.add_argument("--status", metavar="{" + ",".join(statuses) + "}", help="tier: one of these")
    new.add_argument("--source", metavar="KEY", help="key of the source in provider.yaml")
    new.add_argument(
        "--context-window",
        metavar="N",
        help="tokens, the exact number the source states, e.g. 131072 (not 128k)",
    )
    new.add_argument("--max-output-tokens", metavar="N", help="tokens, e.g. 32768")
    new.add_argument("--model-card", metavar="URL", help="https URL of the model card")
    new.set_defaults(handler=run_new)

    provider = commands.add_parser(
        "new-provider",
        help="scaffold a provider.yaml",
        description="Write catalog/<id>/provider.yaml with FILL-IN placeholders for values "
        "not given. Every value given is checked first, as validate checks it; nothing is "
        "written if one is wrong. Refuses to overwrite a file.",
    )
    add_catalog_option(provider)
    add_as_of_option(provider)
    provider.add_argument("--id", required=True, help="provider ID, e.g. acme")
    provider.add_argument("--name", help="display name")
    provider.add_argument("--api-base", metavar="URL", help="https API base")
    provider.add_argument(
        "--api-key-env", metavar="VAR", help="API key variable, e.g. ACME_API_KEY"
    )
    provider.add_argument("--docs-url", metavar="URL", help="models docs URL")
    dialects = enum_values("provider", ("dialect",))
    provider.add_argument(
        "--dialect",
        metavar="{" + ",".join(dialects) + "}",
        help="the format of its GET /models list (openai for a plain OpenAI-compatible one)",
    )
    provider.set_defaults(handler=run_new_provider)
