"""Every dialect's list under hostile paging and the fetch limits: a list that never ends, a
cursor or page token that repeats, thousands of one-item pages, pages too large in sum or too
slow in sum; and, for every dialect, a page too large, a decompression bomb, a page too slow
and redirects that must not be followed. Each ends in exit 2 with one sentence in the report,
writes nothing (not even with --write and --snapshot) and never shows the key.

The servers are real ones on 127.0.0.1 that speak each dialect's paging (tests/provider_wires.py
for the honest ones); `sync` runs in this process (tests/in_process.py), so a traceback would
fail the test as an exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from modelcat_registry.dialects import DIALECT_NAMES, dialect_for
from modelcat_registry.dialects.base import single_page
from modelcat_registry.drift.capture import MAX_PAGES
from modelcat_registry.drift.fetch import (
    LIST_DEADLINE_FACTOR,
    MAX_LIST_BYTES,
    MAX_REDIRECTS,
)
from modelcat_registry.drift.payload import MAX_BODY_BYTES
from modelcat_registry.drift.sync import SyncOptions, check_all
from modelcat_registry.loopback_provider import LoopbackProvider, Reply, Wire
from modelcat_registry.valid_catalog import read_valid_catalog
from tests.in_process import Outcome, run_main
from tests.provider_wires import PAGE_SIZE, PREFIXES, WIRES, entry_named
from tests.test_dialects import write_catalog
from tests.test_drift_faults import gzip_of_zeros

KEY = "paging-test-key-0123456789"
DAY = "2026-12-07"
MiB = 1024 * 1024

# The dialects whose list comes in pages; every other one is read in one request.
PAGED = sorted(name for name in DIALECT_NAMES if dialect_for(name).next_query is not single_page)


def test_the_paged_dialects_are_the_four_documented_ones() -> None:
    """A new paged dialect must get a hostile pager below (HostilePager.body)."""
    assert PAGED == ["anthropic", "fireworks", "gemini", "openrouter"]


# --- a server that pages as the dialect does, but decides when (and whether) the list ends ---

NextToken = Callable[[int], int | None]


def next_page(number: int) -> int:
    """A list that always has one more page."""
    return number + 1


class HostilePager(Wire):
    """Serves page n (n = the page token or cursor it was asked for, 0 for the first) with
    one entry, and points to page next_token(n), or ends the list when that is None. The
    cursor is carried as each dialect carries it: Anthropic's `after_id` (the page's
    `last_id`), Gemini's and Fireworks' `pageToken`, OpenRouter's `links.next` offset."""

    path = "/models"

    def __init__(
        self,
        dialect: str,
        next_token: NextToken,
        entry: Callable[[int], dict[str, Any]] | None = None,
    ) -> None:
        self.dialect = dialect
        self.next_token = next_token
        self.entry = entry or (lambda n: entry_named(dialect, f"page-{n}"))
        self.honest = WIRES[dialect]

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        return self.honest.authorized(headers, query, key)

    def unauthorized(self) -> Reply:
        return self.honest.unauthorized()

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        asked = query.get(
            {"anthropic": "after_id", "openrouter": "offset"}.get(self.dialect, "pageToken")
        )
        number = int(asked) if asked else 0
        following = self.next_token(number)
        return json.dumps(self.body([self.entry(number)], following)).encode()

    def body(self, entries: list[dict[str, Any]], following: int | None) -> dict[str, Any]:
        token = None if following is None else str(following)
        if self.dialect == "anthropic":
            # last_id is the cursor the next request sends as after_id: here, a page number.
            return {"data": entries, "has_more": token is not None,
                    "first_id": entries[0]["id"], "last_id": token}  # fmt: skip
        if self.dialect == "openrouter":
            links = {"next": f"/api/v1/models?offset={token}"} if token else {}
            return {"data": entries, "links": links}
        if self.dialect == "gemini":
            return {"models": entries, **({"nextPageToken": token} if token else {})}
        assert self.dialect == "fireworks", f"no hostile pager for {self.dialect}"
        return {"models": entries, "nextPageToken": token or "", "totalSize": 10**6}


def files_and_contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def sync_refused(tmp_path: Path, dialect: str, server: LoopbackProvider, *args: str) -> str:
    """`sync --write --snapshot` of a one-provider catalog of the dialect against the server;
    asserts exit 2, one sentence as the whole report, nothing written, no key shown; returns
    the sentence."""
    catalog = write_catalog(tmp_path, dialect)
    before = files_and_contents(catalog)
    snapshot = tmp_path / "snapshot.json"
    outcome: Outcome = run_main(
        ["sync", "--catalog", str(catalog), "--provider", "acme", "--base-url",
         server.base_url, "--as-of", DAY, "--write", "--snapshot", str(snapshot), *args],
        tmp_path,
        {"ACME_API_KEY": KEY},
    )  # fmt: skip
    assert outcome.code == 2, outcome.output
    assert outcome.stderr == "", "nothing is written, so nothing is said about writing"
    assert KEY not in outcome.output
    first, closing = outcome.stdout.splitlines()
    assert closing == "no drift in 0 checked providers; 1 could not be checked"
    assert first.startswith("acme: could not be checked: ")
    assert files_and_contents(catalog) == before, "nothing is written to the catalog"
    assert not snapshot.exists()
    sentence = first.removeprefix("acme: could not be checked: ")
    assert "\n" not in sentence
    return sentence


def hostile_server(dialect: str, wire: Wire) -> LoopbackProvider:
    return LoopbackProvider([], KEY, prefix=PREFIXES[dialect], wire=wire)


ENDLESS = (
    f"the list did not end after {MAX_PAGES} pages; refusing to follow more (a model list "
    "needs a few)"
)


def points_back(page: int) -> str:
    return (
        f"page {page} of the list points back to a page already read (its cursor or page token "
        "repeats); stopping rather than loop"
    )


@pytest.mark.parametrize("dialect", PAGED)
@pytest.mark.parametrize(
    ("next_token", "expected", "requests"),
    [
        (next_page, ENDLESS, MAX_PAGES),
        (lambda n: 1, points_back(2), 2),
        (lambda n: n % 3 + 1, points_back(4), 4),
    ],
    ids=["more-forever", "same-cursor-again", "cursors-in-a-cycle"],
)
def test_a_list_that_never_ends_stops_at_a_stated_bound(
    tmp_path: Path, dialect: str, next_token: NextToken, expected: str, requests: int
) -> None:
    with hostile_server(dialect, HostilePager(dialect, next_token)) as server:
        assert sync_refused(tmp_path, dialect, server) == expected
    assert len(server.seen) == requests


@pytest.mark.parametrize("dialect", PAGED)
def test_thousands_of_one_item_pages_stop_at_the_page_bound(tmp_path: Path, dialect: str) -> None:
    """An honest list of 5,000 models served one a page: the bound is on pages, whatever the
    server's reason for so many."""
    models = [entry_named(dialect, f"model-{n}") for n in range(5000)]

    def following(n: int) -> int | None:
        return n + 1 if n + 1 < len(models) else None

    with hostile_server(dialect, HostilePager(dialect, following, models.__getitem__)) as server:
        assert sync_refused(tmp_path, dialect, server) == ENDLESS
    assert len(server.seen) == MAX_PAGES


@pytest.mark.parametrize("dialect", PAGED)
def test_pages_too_large_in_sum_stop_at_the_list_bound(tmp_path: Path, dialect: str) -> None:
    """Each page under the 10 MiB a response may have, but 9 MiB each: the sixth passes the
    50 MiB a whole list may have, and is refused before it is parsed."""
    padding = "x" * (9 * MiB)
    field = {"anthropic": "display_name", "openrouter": "name"}.get(dialect, "displayName")
    pager = HostilePager(
        dialect, next_page, lambda n: entry_named(dialect, f"page-{n}", **{field: padding})
    )
    with hostile_server(dialect, pager) as server:
        sentence = sync_refused(tmp_path, dialect, server)
    pages = MAX_LIST_BYTES // (9 * MiB) + 1
    assert sentence == (
        f"the list is larger than {MAX_LIST_BYTES // MiB} MiB over {pages} pages; refusing to "
        "read more"
    )
    assert len(server.seen) == pages == 6


def test_pages_too_slow_in_sum_stop_at_the_list_deadline(tmp_path: Path) -> None:
    """Each page well within --timeout, but the whole list must come within 10 times it. The
    four paged dialects are checked at once (as `sync` checks providers), so the test waits
    for one deadline, not four: through check_all, since a provider.yaml may not name a
    plain-http api_base and --base-url replaces only one provider's."""
    timeout = 0.4
    providers = {}
    servers: dict[str, LoopbackProvider] = {}
    with contextlib.ExitStack() as stack:
        for dialect in PAGED:
            server = stack.enter_context(hostile_server(dialect, HostilePager(dialect, next_page)))
            server.delay = 0.06
            servers[dialect] = server
            catalog = read_valid_catalog(write_catalog(tmp_path / dialect, dialect))
            acme = catalog.providers["acme"]
            providers[dialect] = dataclasses.replace(
                acme, id=dialect, data={**acme.data, "api_base": server.base_url}
            )
        catalog = dataclasses.replace(catalog, providers=providers, models=())
        options = SyncOptions(providers=PAGED, as_of=dt.date.fromisoformat(DAY), timeout=timeout)
        results = asyncio.run(check_all(catalog, options, {"ACME_API_KEY": KEY}))
    expected = (
        f"the list from 127.0.0.1 did not arrive within {timeout * LIST_DEADLINE_FACTOR:g} s "
        f"({LIST_DEADLINE_FACTOR} times --timeout), pages included"
    )
    assert {r.drift.provider: r.drift.error for r in results} == dict.fromkeys(PAGED, expected)
    for dialect, server in servers.items():
        assert 10 < len(server.seen) < MAX_PAGES, f"{dialect}: the deadline ended it, not the bound"


# --- the limits of one response, for every dialect, on its last page --------------------------

# 1 MiB on the wire, 64 MiB once decompressed: far past the 10 MiB cap.
BOMB = gzip_of_zeros(64 * MiB)


def faulty_server(dialect: str, fault: list[Reply]) -> LoopbackProvider:
    """The dialect's honest server with PAGE_SIZE + 1 models: a paged dialect serves the first
    page, then the fault on the second; any other serves the fault at once."""
    models = [entry_named(dialect, f"model-{n}") for n in range(PAGE_SIZE + 1)]
    server = LoopbackProvider(models, KEY, prefix=PREFIXES[dialect], wire=WIRES[dialect])
    server.queue(*([Reply()] if dialect in PAGED else []), *fault)
    return server


def list_path(dialect: str) -> str:
    return WIRES[dialect].path


@pytest.mark.parametrize("dialect", sorted(DIALECT_NAMES))
def test_a_page_over_the_body_cap_is_refused(tmp_path: Path, dialect: str) -> None:
    """Sent without a Content-Length, so the cap is counted on the bytes as they come."""
    oversized = Reply(200, b" " * (MAX_BODY_BYTES + 1), default_headers=False)
    with faulty_server(dialect, [oversized]) as server:
        sentence = sync_refused(tmp_path, dialect, server)
    assert sentence == "the response is larger than 10 MiB; refusing to read it"


@pytest.mark.parametrize("dialect", sorted(DIALECT_NAMES))
def test_a_decompression_bomb_is_refused(tmp_path: Path, dialect: str) -> None:
    with faulty_server(dialect, [Reply(200, BOMB, {"Content-Encoding": "gzip"})]) as server:
        sentence = sync_refused(tmp_path, dialect, server)
    assert sentence == "the response is larger than 10 MiB once decompressed; refusing to read it"


def test_the_bomb_is_what_it_claims() -> None:
    expanded = gzip.decompress(BOMB)
    assert len(BOMB) < 2 * MiB and len(expanded) == 64 * MiB > MAX_BODY_BYTES


@pytest.mark.parametrize("dialect", sorted(DIALECT_NAMES))
def test_a_page_slower_than_the_timeout_is_refused(tmp_path: Path, dialect: str) -> None:
    with faulty_server(dialect, [Reply(delay=2)]) as server:
        sentence = sync_refused(tmp_path, dialect, server, "--timeout", "0.3")
    assert sentence == "no complete answer from 127.0.0.1 within 0.3 s (--timeout)"


@pytest.mark.parametrize("dialect", sorted(DIALECT_NAMES))
def test_a_redirect_to_another_origin_is_not_followed(tmp_path: Path, dialect: str) -> None:
    with LoopbackProvider([], KEY, prefix=PREFIXES[dialect], wire=WIRES[dialect]) as other:
        elsewhere = other.base_url + list_path(dialect)
        with faulty_server(dialect, [Reply(307, b"", {"Location": elsewhere})]) as server:
            sentence = sync_refused(tmp_path, dialect, server)
    assert sentence.startswith(
        f"127.0.0.1 redirected to another origin ({other.origin}); refusing to follow"
    )
    assert other.seen == [], "nothing at all, the key least, goes to the other origin"


@pytest.mark.parametrize("dialect", sorted(DIALECT_NAMES))
def test_more_redirects_than_the_bound_are_not_followed(tmp_path: Path, dialect: str) -> None:
    with faulty_server(dialect, []) as server:
        target = server.base_url + list_path(dialect)
        server.queue(*[Reply(302, b"", {"Location": target})] * (MAX_REDIRECTS + 1))
        sentence = sync_refused(tmp_path, dialect, server)
    assert sentence.startswith(f"more than {MAX_REDIRECTS} redirects from {target}")
    assert sentence.endswith("; refusing to follow more")
    first_page = 1 if dialect in PAGED else 0
    assert len(server.seen) == first_page + MAX_REDIRECTS + 1
