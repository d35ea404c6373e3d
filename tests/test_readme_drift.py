"""The README's drift section says what the code does: the fetcher's bounds are the code's
constants, and the dialect table names every dialect with the providers that use it, the
path of its list, the headers that carry the key and how it pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from modelcat_registry.cli import build_parser
from modelcat_registry.dialects import DIALECT_NAMES, KeyUse, dialect_for
from modelcat_registry.dialects.base import single_page
from modelcat_registry.drift import capture, fetch, payload
from tests.conftest import CATALOG, REPO

README = (REPO / "README.md").read_text()
PROSE = " ".join(README.split())  # line breaks as spaces, wherever the text wraps
UNITS = {"": 1, "KiB": 1024, "MiB": 1024 * 1024}
# Every bound the fetcher enforces that a reader of the README needs (issue 23: "state the
# bounds in the README"); each must have a row.
REQUIRED = {
    "MAX_BODY_BYTES",
    "MAX_PAGES",
    "MAX_LIST_BYTES",
    "LIST_DEADLINE_FACTOR",
    "MAX_REDIRECTS",
    "MIN_KEY_LENGTH",
    "MAX_ATTEMPTS",
    "MAX_RETRY_AFTER_SECONDS",
    "MAX_CONCURRENT_FETCHES",
    "MAX_DEPTH",
    "MAX_INTEGER_DIGITS",
    "MAX_CAPTURE_BYTES",
    "--timeout",
}


def table_after(heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after heading, as cells."""
    section = README[README.index(f"\n{heading}\n") :]
    lines = section[section.index("\n|") + 1 :].splitlines()
    rows = []
    for line in lines[2:]:  # past the header and its --- line
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def amount(text: str) -> int:
    """The first number of a cell, in its unit: '10 MiB' is 10485760, '64 levels' is 64."""
    match = re.search(r"(\d[\d,]*)\s*(KiB|MiB)?", text)
    assert match, f"no number in {text!r}"
    return int(match.group(1).replace(",", "")) * UNITS[match.group(2) or ""]


def constant(name: str) -> float:
    if name == "--timeout":
        return build_parser(["sync"]).parse_args(["sync"]).timeout
    for module in (fetch, payload, capture):
        if hasattr(module, name):
            return getattr(module, name)
    raise AssertionError(f"the README names {name}, which no fetcher module defines")


def test_the_fetcher_bounds_in_the_readme_are_the_codes_constants() -> None:
    rows = table_after("### Bounds of the fetcher")
    named = set()
    for what, bound, where in rows:
        name = where.strip("`")
        named.add(name)
        assert amount(bound) == constant(name), f"{what}: README says {bound}, code has {name}"
    assert named >= REQUIRED, f"no row for {sorted(REQUIRED - named)}"
    # Decompressed and on the wire are both stated, each with the same cap.
    body_rows = [what for what, _, where in rows if where == "`MAX_BODY_BYTES`"]
    assert sorted(body_rows) == ["a response body, as received", "a response body, decompressed"]
    # The prose repeats the key's bound; it must agree too.
    assert f"shorter than {fetch.MIN_KEY_LENGTH} characters" in PROSE


def test_the_readme_says_a_body_that_echoes_the_key_is_refused_whole() -> None:
    section = PROSE[PROSE.index("### Bounds of the fetcher") :]
    assert "a body that contains it anywhere is refused whole" in section
    # ... which is what the payload check does: it refuses, it does not rewrite.
    key = "k" * fetch.MIN_KEY_LENGTH
    try:
        payload.read_json(f'{{"data": [{{"id": "{key}"}}]}}'.encode(), (key,))
    except payload.PayloadError as error:
        assert key not in str(error)
    else:
        raise AssertionError("a body echoing the key was accepted")


def providers_by_dialect() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for path in sorted(CATALOG.glob("*/provider.yaml")):
        provider = yaml.safe_load(path.read_text())
        found.setdefault(provider["dialect"], []).append(provider)
    return found


def test_the_dialect_table_says_what_each_dialect_module_does() -> None:
    rows = {row[0].strip("`"): row[1:] for row in table_after("### Dialects")}
    assert set(rows) == set(DIALECT_NAMES)
    catalog = providers_by_dialect()
    for name, (providers, listing, key, paging) in rows.items():
        dialect = dialect_for(name)
        using = catalog.get(name, [])
        assert providers.split(", ") == [p["name"] for p in using], name
        urls = {p.get("models_url") for p in using}
        if urls and None not in urls:
            assert all(urlsplit(url).path in listing for url in urls), name
        else:
            assert f"GET {dialect.list_path}" in listing, name
        if dialect.key_use is KeyUse.NEVER:
            assert key == "nothing", name
        else:
            for header in dialect.auth_headers("key-0123456789abcdef"):
                assert header.lower() in key.lower(), (name, header)
            assert ("only if the key is set" in key) == (dialect.key_use is KeyUse.OPTIONAL)
        if dialect.next_query is single_page:
            assert paging == "one page", name
        else:
            assert paging != "one page", name
            for field, value in dialect.first_query.items():
                assert f"{field}={value}" in paging, (name, field)


def test_the_providers_table_names_every_provider_of_the_catalog_with_its_dialect() -> None:
    rows = table_after("## Providers and their sources")
    listed = {row[0]: row[1] for row in rows}
    expected = {}
    for path in sorted(CATALOG.glob("*/provider.yaml")):
        provider = yaml.safe_load(path.read_text())
        expected[f"{provider['name']} (`{provider['id']}`)"] = f"`{provider['dialect']}`"
    assert listed == expected
    assert all(row[2] for row in rows), "every provider names its sources"
    count = sum(1 for _ in CATALOG.glob("*/models/**/*.yaml"))
    assert f"eleven providers ({count} models" in PROSE and len(expected) == 11
