"""`modelcat new` and `modelcat new-provider`: scaffold catalog entries (exit 0, or 2)."""

from __future__ import annotations

import argparse

from modelcat_registry.cli.common import (
    EXIT_OK,
    UsageError,
    add_as_of_option,
    add_catalog_option,
    catalog_dir,
)
from modelcat_registry.loader import display_path
from modelcat_registry.schemas import enum_values
from modelcat_registry.validation import integer_from_text


def _report(created: object) -> int:
    path = display_path(created.path)
    if created.placeholders:
        pending = ", ".join(created.placeholders)
        print(f"created {path}; fill in {pending} (marked FILL-IN), then run:")
        print(f"  modelcat validate {path}")
    else:
        print(f"created {path}; check it with: modelcat validate {path}")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from modelcat_registry.scaffold import ScaffoldError, new_model

    values = {
        "name": args.name,
        "developer": args.developer,
        "status": args.status,
        "source": args.source,
        "context_window": args.context_window,
        "max_output_tokens": args.max_output_tokens,
        "model_card": args.model_card,
    }
    try:
        created = new_model(catalog_dir(args.catalog), args.provider, args.id, values)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    return _report(created)


def run_new_provider(args: argparse.Namespace) -> int:
    from modelcat_registry.scaffold import ScaffoldError, new_provider

    values = {
        "name": args.name,
        "api_base": args.api_base,
        "api_key_env": args.api_key_env,
        "docs_url": args.docs_url,
    }
    try:
        created = new_provider(catalog_dir(args.catalog), args.id, values)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    return _report(created)


def _tokens(value: str) -> int:
    number = integer_from_text(value)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number of tokens")
    return number


def _https_url(value: str) -> str:
    if not value.startswith("https://"):
        raise argparse.ArgumentTypeError(f"{value!r} is not an https:// URL")
    return value


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="scaffold a model file with every field to fill in",
        description="Write catalog/<provider>/models/<id>.yaml. Values not given are left as "
        "FILL-IN placeholders that validate reports by name. Refuses to overwrite a file.",
    )
    add_catalog_option(new)
    add_as_of_option(new)
    new.add_argument("--provider", required=True, metavar="ID", help="provider ID, e.g. groq")
    new.add_argument("--id", required=True, metavar="MODEL_ID", help="the exact API model ID")
    new.add_argument("--name", help="display name as the provider's page shows it")
    new.add_argument("--developer", help="who made the model, e.g. Meta")
    new.add_argument("--status", choices=enum_values("model", ("status",)), help="tier")
    new.add_argument("--source", metavar="KEY", help="key of the source in provider.yaml")
    new.add_argument(
        "--context-window", type=_tokens, metavar="N", help="tokens, e.g. 131072 or 128k"
    )
    new.add_argument("--max-output-tokens", type=_tokens, metavar="N", help="tokens")
    new.add_argument(
        "--model-card", type=_https_url, metavar="URL", help="https URL of the model card"
    )
    new.set_defaults(handler=run_new)

    provider = commands.add_parser(
        "new-provider",
        help="scaffold a provider.yaml",
        description="Write catalog/<id>/provider.yaml with FILL-IN placeholders for values "
        "not given. Refuses to overwrite a file.",
    )
    add_catalog_option(provider)
    add_as_of_option(provider)
    provider.add_argument("--id", required=True, help="provider ID, e.g. acme")
    provider.add_argument("--name", help="display name")
    provider.add_argument("--api-base", type=_https_url, metavar="URL", help="https API base")
    provider.add_argument(
        "--api-key-env", metavar="VAR", help="API key variable, e.g. ACME_API_KEY"
    )
    provider.add_argument("--docs-url", type=_https_url, metavar="URL", help="models docs URL")
    provider.set_defaults(handler=run_new_provider)
