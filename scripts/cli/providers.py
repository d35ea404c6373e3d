"""`modelcat providers`: list how `sync` checks each provider of the catalog (its dialect,
the variable its key is read from and whether one is sent, the list's URL). The scheduled
drift workflow builds its matrix from `--format json`. Exit 0 listed, 2 the catalog is
invalid or a usage error."""

from __future__ import annotations

import argparse
import sys

from modelcat_registry.cli.common import EXIT_OK, add_catalog_option, valid_catalog


def run(args: argparse.Namespace) -> int:
    from modelcat_registry.drift.plans import check_plans
    from modelcat_registry.drift.report import PLAN_RENDERERS

    plans = check_plans(valid_catalog(args.catalog))
    sys.stdout.write(PLAN_RENDERERS[args.format](plans))
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    from modelcat_registry.drift.report import PLAN_FORMATS

    command = commands.add_parser(
        "providers",
        help="list the catalog's providers as sync checks them: dialect, key variable, list URL",
        description="List each provider of the catalog as `modelcat sync` checks it: its "
        "dialect, the environment variable its API key is read from (api_key_env) and whether "
        "the dialect sends a key (required, optional, or never for a public list), and the URL "
        'of its model list. --format json gives {"providers": [{id, name, dialect, list_url, '
        "api_key_env, key_use}]}. Exit 0, or 2 if the catalog is invalid.",
    )
    add_catalog_option(command)
    command.add_argument("--format", choices=PLAN_FORMATS, default="text", help="output format")
    command.set_defaults(handler=run)
