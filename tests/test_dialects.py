"""Every provider's `/models` dialect: its translation of documented entries into the catalog's
words (golden), the reverse direction (round trip), and `modelcat sync` against a loopback
server that speaks it: the right auth headers and no other, every page followed, the
provider's own error shape for a refused key, and the added, removed and changed sets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelcat_registry.dialects import DIALECT_NAMES, dialect_for
from modelcat_registry.dialects.base import fits
from modelcat_registry.loopback_provider import LoopbackProvider
from tests.conftest import run_cli
from tests.provider_wires import GOLDEN, PAGE_SIZE, PREFIXES, WIRES, entry_named

KEY = "test-key-0123456789abcdef"
DAY = "2026-12-07"
# Every header that carries a key in some dialect: each request must carry its own only.
SECRET_HEADERS = frozenset().union(*(wire.key_headers for wire in WIRES.values()))


def test_every_dialect_of_the_schema_has_a_module_a_wire_and_a_golden_entry() -> None:
    assert set(DIALECT_NAMES) == set(WIRES) == set(GOLDEN) == set(PREFIXES)
    for name in DIALECT_NAMES:
        assert dialect_for(name).name == name


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_documented_entries_translate_into_the_catalogs_words(name: str) -> None:
    entry, expected = GOLDEN[name]
    listing = dialect_for(name).listing(entry, 0)
    assert listing is not None
    assert dict(listing.facts) == expected
    assert listing.refused == {}


def test_mistral_fine_tunes_are_the_accounts_own_and_skipped() -> None:
    entry = {**GOLDEN["mistral"][0], "type": "fine-tuned", "id": "ft:open-mistral-7b:abc"}
    assert dialect_for("mistral").listing(entry, 0) is None


FEB_30 = {"year": 2026, "month": 2, "day": 30}


@pytest.mark.parametrize(
    ("name", "entry", "refused"),
    [
        ("openrouter", {"id": "x/auto", "pricing": {"prompt": "-1"}}, "input_per_mtok_usd"),
        ("groq", {"id": "m", "context_window": 10**12}, "context_window"),
        ("fireworks", {"name": "accounts/f/models/m", "deprecationDate": FEB_30}, "shutdown"),
        ("openai", {"id": "m", "shutdown_date": "someday"}, "shutdown"),
        ("xai", {"id": "m", "prompt_text_token_price": "30000"}, "input_per_mtok_usd"),
    ],
)
def test_values_that_would_not_validate_are_refused_not_facts(
    name: str, entry: dict[str, Any], refused: str
) -> None:
    listing = dialect_for(name).listing(entry, 0)
    assert listing is not None
    assert refused in listing.refused and refused not in listing.facts


facts_strategy = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(alphabet="abcdef XYZ.", min_size=1, max_size=20).filter(str.strip),
        "owner": st.text(alphabet="abcdefgh", min_size=1, max_size=12),
        "created": st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
        "context_window": st.integers(min_value=1, max_value=10**8),
        "max_output_tokens": st.integers(min_value=1, max_value=10**8),
        "shutdown": st.dates().map(lambda d: d.isoformat()),
        "input_per_mtok_usd": st.sampled_from([0, 0.1, 0.15, 2.5, 3, 15, 0.0375]),
        "output_per_mtok_usd": st.sampled_from([0, 0.6, 10, 22.5]),
    },
)


@pytest.mark.parametrize("name", sorted(GOLDEN))
@given(facts=facts_strategy)
@settings(max_examples=40, deadline=None)
def test_what_a_dialect_writes_it_reads_back(name: str, facts: dict[str, Any]) -> None:
    """The reverse direction: for the fields the dialect carries (those of its golden
    entry), observations → the provider's shape → the same observations."""
    dialect = dialect_for(name)
    carried = set(GOLDEN[name][1])
    kept = {k: v for k, v in facts.items() if k in carried and fits(k, v)}
    entry = dialect.to_wire("model-1", kept)
    listing = dialect.listing(entry, 0)
    assert listing is not None and listing.id == "model-1"
    assert {k: v for k, v in listing.facts.items() if k in kept} == kept


# --- sync against a loopback server of each dialect -----------------------------------------


def write_catalog(root: Path, name: str) -> Path:
    """A one-provider catalog of the dialect: `kept` (listed), `gone` (documented, not
    listed), and `later` (documented only after the day)."""
    provider = root / "catalog" / "acme"
    (provider / "models").mkdir(parents=True)
    (provider / "provider.yaml").write_text(
        "id: acme\nname: Acme\napi_base: https://api.acme.example/v1\n"
        f"dialect: {name}\napi_key_env: ACME_API_KEY\ndocs_url: https://acme.example/docs\n"
        "sources:\n  docs:\n    title: Acme models page\n    date: 2026-01-01\n"
        "  later:\n    title: Acme news\n    date: 2027-01-01\n"
    )
    for model_id, source in (("kept", "docs"), ("gone", "docs"), ("later", "later")):
        path = provider / "models" / f"{model_id}.yaml"
        path.write_text(f"id: {model_id}\nname: {model_id.title()}\nsource: {source}\n")
    return root / "catalog"


@pytest.fixture(params=sorted(WIRES))
def dialect_server(request: pytest.FixtureRequest) -> Iterator[tuple[str, LoopbackProvider]]:
    name = request.param
    entries = [entry_named(name, model_id) for model_id in ("kept", "new-1", "new-2", "new-3")]
    with LoopbackProvider(entries, KEY, prefix=PREFIXES[name], wire=WIRES[name]) as server:
        yield name, server


def test_sync_follows_every_page_with_the_dialects_headers_only(
    tmp_path: Path, dialect_server: tuple[str, LoopbackProvider]
) -> None:
    name, server = dialect_server
    catalog = write_catalog(tmp_path, name)
    result = run_cli(
        ["sync", "--catalog", str(catalog), "--provider", "acme", "--base-url",
         server.base_url, "--as-of", DAY, "--format", "json"],
        tmp_path,
        env={"ACME_API_KEY": KEY},
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    [report] = json.loads(result.stdout)["providers"]
    assert sorted(a["id"] for a in report["added"]) == ["new-1", "new-2", "new-3"]
    assert [r["id"] for r in report["removed"]] == ["gone"]
    assert [c["id"] for c in report["changed"]] == ["kept"]  # its first observation
    assert {a["id"]: a["reason"] for a in report["expected_absent"]} == {
        "later": f"not documented or seen live by {DAY}"
    }
    wire = WIRES[name]
    assert len(server.seen) == (-(-4 // PAGE_SIZE) if wire.paged else 1)
    for request in server.seen:
        sent = {h for h in SECRET_HEADERS if h in request.headers}
        assert sent == wire.key_headers, (name, request.headers)
        assert KEY not in request.path  # never in the query string
        if name == "anthropic":
            assert request.headers["anthropic-version"] == "2023-06-01"


@pytest.mark.parametrize("name", sorted(set(WIRES) - {"cerebras"}))
def test_a_refused_key_is_one_sentence_with_the_providers_message(
    tmp_path: Path, name: str
) -> None:
    catalog = write_catalog(tmp_path, name)
    wrong = "wrong-key-0123456789"
    with LoopbackProvider([], KEY, prefix=PREFIXES[name], wire=WIRES[name]) as server:
        result = run_cli(
            ["sync", "--catalog", str(catalog), "--provider", "acme", "--base-url",
             server.base_url, "--as-of", DAY],
            tmp_path,
            env={"ACME_API_KEY": wrong},
        )  # fmt: skip
    if name == "openrouter":  # public: a wrong key is refused, and so reported
        assert result.returncode == 2
    assert result.returncode == 2, result.stdout + result.stderr
    assert "authentication failed" in result.stdout
    assert "ACME_API_KEY" in result.stdout
    assert wrong not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["cerebras", "openrouter"])
def test_a_public_list_needs_no_key(tmp_path: Path, name: str) -> None:
    catalog = write_catalog(tmp_path, name)
    entries = [entry_named(name, "kept"), entry_named(name, "gone")]
    with LoopbackProvider(entries, KEY, prefix=PREFIXES[name], wire=WIRES[name]) as server:
        result = run_cli(
            ["sync", "--catalog", str(catalog), "--provider", "acme", "--base-url",
             server.base_url, "--as-of", DAY],
            tmp_path,
            env={"ACME_API_KEY": ""},
        )  # fmt: skip
        assert all(not any(h in r.headers for h in SECRET_HEADERS) for r in server.seen)
    assert result.returncode == 1, result.stdout + result.stderr  # first observations
    assert "skipped" not in result.stdout


def test_a_provider_whose_key_is_not_set_is_skipped_not_failed(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path, "openai")
    result = run_cli(["sync", "--catalog", str(catalog)], tmp_path, env={"ACME_API_KEY": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "acme: skipped: ACME_API_KEY is not set" in result.stdout
    assert "1 skipped (no key set)" in result.stdout
