"""The built site in a real headless Chromium, served on 127.0.0.1 below /modelcat/ as on GitHub
Pages: what a visitor sees. tests/site_catalog (as of 2026-11-25) under both engines, and the
real catalog (560 models, as of 2026-12-07) under MkDocs, for what only shows at full size.

Every page records console errors and every request that leaves 127.0.0.1; a test fails on
either. Pages and contexts are shared where a test makes several checks, to keep the file fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from modelcat_registry.catalog import Catalog
from modelcat_registry.lifecycle import State, is_callable, migration_path, state, use_today
from modelcat_registry.valid_catalog import read_valid_catalog
from tests.conftest import REAL_SITE_AS_OF, SITE_AS_OF, SITE_CATALOG

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BASE = "/modelcat/"
# How long a page or an element is waited for: this site answers in milliseconds on loopback,
# so a test that fails does not wait Playwright's default 30 s for each missing element.
WAIT_MS = 10_000


AS_OF = dt.date.fromisoformat(SITE_AS_OF)
REAL_AS_OF = dt.date.fromisoformat(REAL_SITE_AS_OF)


@functools.cache
def fixture_catalog() -> Catalog:
    """tests/site_catalog, typed; the real catalog is conftest's `catalog` fixture."""
    return read_valid_catalog(SITE_CATALOG)


def all_ids() -> list[str]:
    return sorted(m.id for m in fixture_catalog().models)


def available_today() -> list[str]:
    """The home table starts with the models a new user can call and should: available as
    themselves today. Deprecated ones (still callable, but ending) wait behind the include
    control."""
    catalog = fixture_catalog()
    found = sorted(
        m.id
        for m in catalog.models
        if state(m, AS_OF, catalog) is State.AVAILABLE and is_callable(m, AS_OF, catalog)
    )
    # What the rule means here: an alias of an available model is shown, a deprecated one not.
    assert "new-latest" in found and "fading-8b" not in found
    return found


def use_today_id(provider: str, model_id: str) -> str | None:
    catalog = fixture_catalog()
    model = catalog.find(provider, model_id)
    assert model is not None, model_id
    target = use_today(catalog, model, AS_OF)
    return target.id if target else None


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site below /modelcat/ and answers unknown paths with 404.html."""

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(BASE).lstrip("/"))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
            )
        pytest.skip("no /usr/bin/chromium; install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def open_page(browser: Any, site_url: str, width: int = 1280, dark: bool = False) -> Any:
    """A fresh page that records console errors and every request that leaves 127.0.0.1."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light"
    )
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.errors = []
    page.outside = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def check_host(request: Any) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            page.outside.append(request.url)

    page.on("request", check_host)
    page.site_url = site_url
    return page


def finish(page: Any, expect_404: bool = False) -> None:
    errors = [e for e in page.errors if not (expect_404 and "404" in e)]
    page.context.close()
    assert errors == [], "console errors"
    assert page.outside == [], "requests that left 127.0.0.1"


@pytest.fixture
def visit(browser: Any, site_url: str) -> Iterator[Any]:
    page = open_page(browser, site_url)
    yield page
    finish(page)


def visible_ids(page: Any) -> list[str]:
    return page.locator(".mc-models tbody tr:not([hidden]) td:first-child code").all_inner_texts()


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def resize(page: Any, width: int, settle: bool = False) -> None:
    """A new viewport width (the layout that a measurement reads follows at once); settle:
    and two frames for the theme's resize observers to act on it (Material makes a code block
    focusable once it sees that it scrolls)."""
    page.set_viewport_size({"width": width, "height": 900})
    if settle:
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )


def goto(page: Any, url: str) -> None:
    page.goto(url)
    if "/compare/" in url:
        page.locator(".mc-compare-output table, .mc-compare-output .mc-empty").first.wait_for()


# --- The model table -------------------------------------------------------------------------


def test_default_view_shows_only_models_available_today(visit: Any) -> None:
    visit.goto(visit.site_url)
    expected = available_today()
    assert sorted(visible_ids(visit)) == expected
    count = visit.locator(".mc-count").inner_text()
    assert count.startswith(f"{len(expected)} of {len(all_ids())} models"), count


def test_include_control_shows_every_model(visit: Any) -> None:
    visit.goto(visit.site_url)
    visit.locator("input.mc-include-all").check()
    assert sorted(visible_ids(visit)) == all_ids()
    assert query(visit)["all"] == ["1"]


def test_provider_filter_leaves_that_providers_models(visit: Any) -> None:
    visit.goto(visit.site_url)
    visit.locator("select.mc-filter-provider").select_option("Beta AI")
    assert visible_ids(visit) == ["new-120b"]
    assert query(visit)["provider"] == ["Beta AI"]


def test_sorting_by_context_uses_the_window_in_force(visit: Any) -> None:
    visit.goto(visit.site_url)
    header = visit.locator(".mc-models th", has_text="Context")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    # tiny-1b-preview serves 8,192 for now although 131,072 is documented: it sorts first;
    # the stub's window is the API's own figure (65,536, marked API); the models with no
    # window (an alias, a model whose docs give none, an audio model) sort last.
    no_window = ["kept-pro", "new-latest", "whisper-x"]
    ids = visible_ids(visit)
    assert ids[:4] == ["tiny-1b-preview", "live-stub", "new-120b", "new-120b"]
    assert sorted(ids[4:]) == no_window
    stub_row = visit.locator(".mc-models tbody tr", has=visit.locator("code", has_text="live-stub"))
    assert stub_row.locator(".mc-api").inner_text() == "API"
    header.locator("button").click()
    ids = visible_ids(visit)
    assert ids[:4] == ["new-120b", "new-120b", "live-stub", "tiny-1b-preview"]
    assert sorted(ids[4:]) == no_window, "no window sorts last either way"
    assert query(visit)["sort"] == ["context:desc"]


def test_state_sorts_in_lifecycle_order(visit: Any) -> None:
    visit.goto(visit.site_url + "?all=1")
    visit.locator(".mc-models th", has_text="State").locator("button").click()
    states = visit.locator(".mc-models tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.state)"
    )
    order = [s.value for s in State]
    assert len(set(states)) == len(order), "the fixture has a model in every state"
    assert states == sorted(states, key=order.index)


def test_filter_matches_numbers_without_separators(visit: Any) -> None:
    visit.goto(visit.site_url)
    # Both new-120b rows show a 131,072 window; tiny-1b-preview shows 8,192 (the window in force).
    for typed, expected in (("131072", ["new-120b"] * 2), ("131,072", ["new-120b"] * 2),
                            ("8192", ["tiny-1b-preview"])):  # fmt: skip
        visit.locator("input.mc-filter-text").fill(typed)
        assert visible_ids(visit) == expected, typed
    assert "8,192" in visit.locator(".mc-models tbody tr:not([hidden])").inner_text()


def test_url_state_is_restored_on_load(visit: Any) -> None:
    visit.goto(visit.site_url + "?filter=70b&all=1&sort=model:desc&state=Retired")
    assert visit.locator("input.mc-filter-text").input_value() == "70b"
    assert visit.locator("input.mc-include-all").is_checked()
    assert visit.locator("select.mc-filter-state").input_value() == "Retired"
    assert visit.locator(".mc-models th", has_text="Model").get_attribute("aria-sort") == (
        "descending"
    )
    # enterprise-70b also matches "70b", but it is limited, not retired.
    assert visible_ids(visit) == ["old-70b", "mid-70b"]


def test_no_match_shows_an_empty_state_that_clears(visit: Any) -> None:
    visit.goto(visit.site_url)
    visit.locator("input.mc-filter-text").fill("old-70b")
    empty = visit.locator(".mc-empty")
    assert empty.is_visible()
    assert "1 deprecated, retired or not callable one does" in empty.inner_text()
    assert not visit.locator(".mc-models table").is_visible()
    empty.locator("button").click()
    assert sorted(visible_ids(visit)) == all_ids()


def test_only_real_reviewed_ids_get_a_copy_button(visit: Any) -> None:
    visit.goto(visit.site_url + "?all=1")
    with_copy = visit.locator("tbody tr:has(button.mc-copy) td:first-child code").all_inner_texts()
    assert "big-405b" not in with_copy, "listed without an API ID"
    assert "live-stub" not in with_copy, "an unreviewed stub"
    assert "new-120b" in with_copy


def test_figures_align_right_in_the_model_tables(visit: Any) -> None:
    """Context and price are figures, right-aligned; the other columns read as text."""
    for path, columns in (("", 6), ("providers/alpha/", 5)):
        visit.goto(visit.site_url + path)
        row = visit.locator(".mc-models tbody tr:not([hidden])").first
        aligns = row.locator("td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c).textAlign)"
        )
        context, price = columns - 3, columns - 2
        expected = ["right" if i in {context, price} else "left" for i in range(columns)]
        assert [a if a == "right" else "left" for a in aligns] == expected, (path, aligns)


def test_clicking_a_row_opens_the_model_page(visit: Any) -> None:
    visit.goto(visit.site_url)
    visit.locator(".mc-models a", has_text="tiny-1b-preview").click()
    visit.wait_for_url("**/models/alpha/tiny-1b-preview/")
    assert "8k (8,192)" in visit.locator("article").inner_text()


# --- Model pages and lists -------------------------------------------------------------------


def test_retired_page_shows_what_to_use_instead_and_no_callable_sample_of_its_id(
    visit: Any,
) -> None:
    visit.goto(visit.site_url + "models/alpha/old-70b/")
    article = visit.locator("article")
    assert "Retired since 2026-08-16" in article.inner_text()
    target = use_today_id("alpha", "old-70b")
    assert target == "new-120b"
    path = visit.locator("h2#what-to-use-instead + ol").inner_text()
    assert path.index("old-70b") < path.index("mid-70b") < path.index(target)
    for tab in visit.locator(".mc-sample .tabbed-labels label").all():
        tab.click()
    samples = " ".join(visit.locator(".mc-sample pre").all_inner_texts())
    assert target in samples
    assert "old-70b" not in samples
    edit = visit.locator("a", has_text="Edit this entry")
    assert edit.get_attribute("href").endswith("catalog/alpha/models/old-70b.yaml")
    # Its statements are a table (a sentence run into the table's first line made it text).
    statements = visit.locator("article table", has=visit.locator("th", has_text="Statement"))
    assert "shutdown on 2026-08-16; replacement: mid-70b" in statements.inner_text()


def test_lists_of_models_to_move_from_have_a_use_today_column(visit: Any) -> None:
    """The retired and deprecated lists and the Changes page name the model to use today, the
    first model on the replacement path that is not deprecated, not only the next one."""
    rows = {
        "status/retired/": ["old-70b", "mid-70b"],
        "status/deprecated/": ["fading-8b"],
        "changes/": ["old-70b", "fading-8b"],
    }
    for path, model_ids in rows.items():
        visit.goto(visit.site_url + path)
        tables = visit.locator("article table")
        headings = tables.first.locator("thead th").all_inner_texts()
        assert "Use today" in headings, (path, headings)
        column = headings.index("Use today")
        for model_id in model_ids:
            model_cell = visit.locator("td:nth-child(2) code" if path == "changes/" else
                                       "td:first-child code", has_text=model_id)  # fmt: skip
            row = tables.locator("tbody tr", has=model_cell).first
            cell = row.locator("td").nth(column)
            target = use_today_id("alpha", model_id)
            assert cell.inner_text().strip() == target, (path, model_id)
            assert cell.locator("a").get_attribute("href").endswith(f"/models/alpha/{target}/")


def test_icons_drawn_by_the_stylesheet_show_on_a_model_page(browser: Any, site_url: str) -> None:
    """Logo, repository, edit, palette and back-to-top icons come from catalog.css, not from
    each page: each is a painted box of the theme's icon size (the drawer's logo is twice that),
    light and dark. The drawer is laid out, off screen, even while it is closed; on a phone the
    repository is linked from the footer's copyright line."""
    for width, dark in ((1400, False), (390, True)):
        page = open_page(browser, site_url, width=width, dark=dark)
        page.goto(site_url + "models/alpha/new-120b/")
        shown = page.locator(".mc-icon").evaluate_all(
            """icons => icons.filter(i => i.getClientRects().length).map(i => {
                const style = getComputedStyle(i), box = i.getBoundingClientRect();
                return [i.className, i.closest(".md-nav__title") !== null,
                        Math.round(box.width), Math.round(box.height),
                        style.maskImage.startsWith('url("data:image/svg+xml'),
                        style.backgroundColor !== "rgba(0, 0, 0, 0)"];
            })"""
        )
        names = {name.removeprefix("mc-icon mc-icon--") for name, *_ in shown}
        toggle = "brightness-7" if dark else "brightness-4"  # the palette's switch to the other
        # "Back to top" is laid out, out of sight, until the reader scrolls back up. The
        # repository link is in the header, which a phone does not show (nor the drawer).
        repo = {"repo"} if width > 1000 else set()
        assert names == {"logo", "edit", toggle, "arrow-up"} | repo, shown
        footer_link = page.locator('.md-copyright a[href="https://github.com/modelcat/modelcat"]')
        assert footer_link.count() == 1
        for _, in_drawer_title, box_width, box_height, masked, painted in shown:
            size = 48 if in_drawer_title else 24
            assert (box_width, box_height) == (size, size) and masked and painted, shown
        finish(page)


def test_menu_and_search_icons_from_the_sprite_are_drawn(
    browser: Any, built_site: Path, site_url: str
) -> None:
    """Under MkDocs the menu and search icons are references to one sprite file: each shown
    one is drawn (its symbol loaded), the buttons at the theme's icon size, wide and narrow."""
    page_html = (built_site / "models" / "alpha" / "new-120b" / "index.html").read_text()
    if "assets/images/theme-icons.svg#magnify" not in page_html:
        pytest.skip("Zensical runs no MkDocs hook: its icons stay inline, as the theme writes them")
    narrow = {"menu", "magnify", "arrow-left", "close"}  # the search form is laid out, closed
    for width, expected in ((1400, {"magnify", "close"}), (390, narrow)):
        page = open_page(browser, site_url, width=width)
        page.goto(site_url + "models/alpha/new-120b/")
        drawn = page.locator(".md-header svg").evaluate_all(
            """icons => icons.filter(i => i.getClientRects().length).map(i => {
                const box = i.getBoundingClientRect(), use = i.querySelector("use");
                const shape = (use || i).getBBox();
                return [use ? use.getAttribute("href").split("#")[1] : "inline",
                        Math.round(box.width), shape.width > 0 && shape.height > 0];
            })"""
        )
        assert {name for name, *_ in drawn} == expected, drawn
        assert all(painted for *_, painted in drawn), drawn
        assert all(box == 24 for name, box, _ in drawn if name in {"menu", "magnify"}), drawn
        finish(page)


# --- Compare ---------------------------------------------------------------------------------

COMPARED = ["alpha/new-120b", "beta/new-120b", "alpha/old-70b", "alpha/live-stub",
            "alpha/redirected-8b", "alpha/enterprise-70b"]  # fmt: skip
COMPARE_SIX = "compare/?" + "&".join(f"m={key}" for key in COMPARED)


def compare_column(table: Any, fact: str, column: int) -> Any:
    return table.locator("tbody tr", has_text=fact).first.locator("td").nth(column)


def test_compare_is_a_material_table_with_one_column_per_model(visit: Any) -> None:
    # Six models, then one the catalog does not hold, one asked for twice and a seventh.
    extra = "&m=alpha/no-such-model&m=alpha/old-70b&m=alpha/whisper-x"
    goto(visit, visit.site_url + COMPARE_SIX + extra)
    table = visit.locator(".mc-compare-output table")
    problems = visit.locator(".mc-problems").inner_text()
    assert "Not in the catalog: alpha/no-such-model" in problems
    assert "Asked for twice: alpha/old-70b" in problems
    assert "Only 6 models fit side by side; 1 more was left out: alpha/whisper-x." in problems
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Fact", *(key.split("/", 1)[1] for key in COMPARED)]
    assert query(visit)["m"][:6] == COMPARED

    # Material's table: a border around it and between rows; fact names in bold on the left.
    style = table.evaluate(
        """t => {
            const s = getComputedStyle(t), cell = getComputedStyle(t.querySelector("tbody td"));
            const label = getComputedStyle(t.querySelector('tbody th[scope="row"]'));
            return {border: [s.borderTopStyle, parseFloat(s.borderTopWidth) > 0],
                    rule: [cell.borderTopStyle, parseFloat(cell.borderTopWidth) > 0],
                    label: [label.textAlign, Number(label.fontWeight) >= 700]};
        }"""
    )
    assert style == {"border": ["solid", True], "rule": ["solid", True], "label": ["left", True]}

    # Documented values first: alpha's new-120b documents 65,536 output tokens where its API
    # reports 32,768. The API's value, marked, only where no document states one (the stub).
    output = table.locator("tbody tr", has_text="Max output")
    assert "65,536" in output.locator("td").nth(0).inner_text()
    assert "16,384" in output.locator("td").nth(1).inner_text()
    stub_context = compare_column(table, "Context window", COMPARED.index("alpha/live-stub"))
    assert stub_context.locator(".mc-api-note").inner_text().strip() == (
        "(as the API reported it on 2026-11-20; no document states it)"
    )
    assert compare_column(table, "Context window", 0).locator(".mc-api-note").count() == 0
    # Use today: the end of the path, not the next model (old-70b's next one is retired too).
    for column, key in enumerate(COMPARED):
        provider, model_id = key.split("/", 1)
        expected = use_today_id(provider, model_id) or "this model"
        assert compare_column(table, "Use today", column).inner_text() == expected, key

    # Another pick replaces a column and the address follows.
    visit.locator("select.mc-compare-pick").nth(5).select_option("alpha/whisper-x")
    assert query(visit)["m"] == [*COMPARED[:5], "alpha/whisper-x"]
    assert table.locator("thead th").count() == 7


def test_compare_with_one_known_model_names_the_unknown_one(visit: Any) -> None:
    goto(visit, visit.site_url + "compare/?m=alpha/new-120b&m=gamma/new-120b")
    assert visit.locator(".mc-problems").inner_text() == "Not in the catalog: gamma/new-120b"
    assert "Choose at least two models" in visit.locator(".mc-compare-output").inner_text()


# --- Search and 404 --------------------------------------------------------------------------


def test_search_finds_a_model_by_id(visit: Any, built_site: Path) -> None:
    if built_site.parent.parent.name.startswith("zensical"):
        pytest.skip(
            "Zensical's search has another interface; its index is checked in test_site_build"
        )
    visit.goto(visit.site_url)
    visit.locator("label.md-search__icon, .md-search__input").first.click()
    visit.locator("input.md-search__input").press_sequentially("fading", delay=30)
    result = visit.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert "Fading 8B" in result.inner_text()


def test_404_page_offers_search_and_a_way_home(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url)
    response = page.goto(site_url + "models/alpha/no-such-model/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    page.locator("#mc-404-query").fill("whisper")
    page.locator(".mc-404-search button").click()
    page.wait_for_url("**/modelcat/?q=whisper")
    finish(page, expect_404=True)


# --- Layout: every table fits its column -----------------------------------------------------

WIDE = (1024, 1400, 1920)
PHONE = 390

# Every table on the page that does not fit its column: wider than its box (it would scroll),
# inside a box that scrolls sideways, or reaching out of the article.
TABLES_THAT_DO_NOT_FIT = """() => {
  const found = [];
  for (const table of document.querySelectorAll("article table")) {
    if (!table.getClientRects().length) continue;
    const name = (table.querySelector("th") || table).textContent.trim().slice(0, 24);
    const column = table.closest("article").getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (box.left < column.left - 1 || box.right > column.right + 1) {
      found.push(`${name}: ${Math.round(box.left)}-${Math.round(box.right)} px outside ` +
                 `${Math.round(column.left)}-${Math.round(column.right)}`);
    }
    for (let node = table; node.tagName !== "ARTICLE"; node = node.parentElement) {
      const scrolls = node === table || getComputedStyle(node).overflowX !== "visible";
      if (scrolls && node.scrollWidth > node.clientWidth) {
        found.push(`${name}: ${node.scrollWidth} > ${node.clientWidth} px ` +
                   `(${node === table ? "table" : node.className || node.tagName})`);
      }
    }
  }
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (page > 0) found.push(`the page scrolls sideways by ${page} px`);
  return found;
}"""

# Model IDs in model tables that break inside a part (anywhere but after a '/'): each part is a
# text node of the <code>, and a part on two lines has rectangles at two heights.
IDS_BROKEN_INSIDE_A_PART = """() => Array.from(document.querySelectorAll(".mc-models code.mc-id"))
  .filter(code => code.getClientRects().length)
  .filter(code => Array.from(code.querySelectorAll("*")).concat([code]).some(element =>
    Array.from(element.childNodes).some(node => {
      if (node.nodeType !== Node.TEXT_NODE) return false;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      return tops.size > 1;
    })))
  .map(code => code.textContent)"""

# One page of each kind (every entry of the navigation that holds a table), with a model page
# in each state the fixture has.
PAGE_TYPES = [
    "?all=1",
    "providers/",
    "providers/alpha/",
    "developers/",
    "developers/openai/",
    "models/alpha/new-120b/",  # available, prices, limits, API disagreement, two providers
    "models/alpha/fading-8b/",  # deprecated
    "models/alpha/old-70b/",  # retired, a two-step path
    "models/alpha/enterprise-70b/",  # limited
    "models/alpha/redirected-8b/",  # redirected
    "models/alpha/next-model/",  # coming soon
    "models/alpha/big-405b/",  # offline, no API ID
    "models/alpha/live-stub/",  # an unreviewed stub
    "models/alpha/kept-pro/",  # a withdrawn statement and a floor
    "models/alpha/new-latest/",  # an alias
    "models/alpha/whisper-x/",  # audio
    "changes/",
    *(f"status/{s.value}/" for s in State),
    COMPARE_SIX,
    "reference/schema/",
    "reference/exports/",
    "check-your-code/",
    "performance/",
    "about/",
]


def layout_problems(page: Any, paths: list[str]) -> dict[str, list[str]]:
    """Each page loaded once at 1400 px, then measured at every width by resizing it."""
    found: dict[str, list[str]] = {}
    for path in paths:
        resize(page, 1400)
        goto(page, page.site_url + path)
        for width in (*WIDE, PHONE):
            resize(page, width)
            problems = page.evaluate(TABLES_THAT_DO_NOT_FIT)
            if width == PHONE:
                broken = page.evaluate(IDS_BROKEN_INSIDE_A_PART)
                problems += [f"{model_id} breaks inside a part" for model_id in broken]
            if problems:
                found[f"{path} at {width} px"] = problems
    return found


def test_every_table_fits_its_column_on_every_page_type(browser: Any, site_url: str) -> None:
    """At 1024, 1400 and 1920 px every table fits its column; on a 390 px phone the page does
    not scroll sideways and no table scrolls either (the wide ones become cards), and a
    model ID breaks only after a '/'."""
    page = open_page(browser, site_url)
    found = layout_problems(page, PAGE_TYPES)
    finish(page)
    assert found == {}


# Each cell of a row: how it is laid out, the label the stylesheet writes before it, its text.
CELLS = """row => Array.from(row.cells).map(cell => [
    getComputedStyle(cell).display, getComputedStyle(cell, "::before").content,
    cell.getAttribute("data-label"), cell.innerText.replace(/\\s+/g, " ").trim()])"""


def test_phone_cards_show_every_value_with_its_label(browser: Any, site_url: str) -> None:
    """On a phone a model table is a list of cards, and so is a table of four columns or
    more (the Changes page): each value keeps a label, and none is lost."""
    page = open_page(browser, site_url, width=PHONE)
    page.goto(site_url + "?all=1")
    card = page.locator(".mc-models tbody tr", has=page.locator("td:first-child code",
                                                                has_text="old-70b"))  # fmt: skip
    cells = card.evaluate(CELLS)
    assert [display for display, *_ in cells] == ["block", *["inline-block"] * 4, "block"]
    assert [(label, text) for _, label, _, text in cells[3:]] == [
        ('"Context "', "131,072"),
        ("none", "$0.59 / $0.79 in / out per 1M tokens"),
        ('"Use today: "', use_today_id("alpha", "old-70b")),
    ]
    assert cells[0][3].startswith("old-70b Old 70B") and cells[1][3] == "Alpha Cloud"
    page.goto(site_url + "changes/")
    first = page.locator("article table").first.locator("tbody tr").first.evaluate(CELLS)
    assert [label for _, _, label, _ in first] == ["Date", "Model", "What", "Use today", "Source"]
    assert all(display == "block" and before != "none" for display, before, *_ in first), first
    assert [text for *_, text in first][:2] == ["2026-12-15", "fading-8b Alpha Cloud"]
    finish(page)


# --- Accessibility ---------------------------------------------------------------------------

# One page of each kind: a model page for each kind of notice (the badges of every state are
# on the home page), both kinds of state list, and the page that only JavaScript fills.
AXE_PAGES = {
    "home": "?all=1",
    "available": "models/alpha/new-120b/",
    "deprecated": "models/alpha/fading-8b/",
    "retired": "models/alpha/old-70b/",
    "coming-soon": "models/alpha/next-model/",
    "no API ID": "models/alpha/big-405b/",
    "provider": "providers/alpha/",
    "developer": "developers/openai/",
    "changes": "changes/",
    "state list": "status/retired/",
    "model list": "status/available/",
    "compare": COMPARE_SIX,
    "schema": "reference/schema/",
    "404": "no-such-page/",
}
SERIOUS = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
    ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
)


def axe_violations(
    page: Any, paths: dict[str, str], widths: tuple[int, ...]
) -> dict[str, list[str]]:
    """axe-core on each page, loaded once at the first width and run at each width in turn."""
    found: dict[str, list[str]] = {}
    for name, path in paths.items():
        resize(page, widths[0])
        goto(page, page.site_url + path)
        page.add_script_tag(path=str(AXE))
        for width in widths:
            resize(page, width, settle=True)
            violations = page.evaluate(SERIOUS)
            if violations:
                found[f"{name} at {width} px"] = violations
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(
    browser: Any, site_url: str, built_site: Path, dark: bool
) -> None:
    """At 1400 and 390 px, in the light and the dark scheme. Zensical runs half the matrix
    (light at 390 px, dark at 1400 px) to keep the suite fast."""
    widths: tuple[int, ...] = (1400, PHONE)
    if built_site.parent.parent.name.startswith("zensical"):
        widths = (1400,) if dark else (PHONE,)
    page = open_page(browser, site_url, dark=dark)
    found = axe_violations(page, AXE_PAGES, widths)
    finish(page, expect_404=True)
    assert found == {}


# --- The real catalog, at its full size ------------------------------------------------------


@pytest.fixture(scope="module")
def real_site_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


def real_pages(catalog: Catalog) -> dict[str, str]:
    """The largest page of each kind; the provider with the most models has the longest
    provider page."""
    biggest = max(catalog.providers, key=lambda p: sum(m.provider == p for m in catalog.models))
    return {
        "home": "?all=1",
        "provider": f"providers/{biggest}/",
        "changes": "changes/",
        "retired": "status/retired/",
        "about": "about/",
    }


def test_the_real_catalog_home_lists_the_callable_models_of_every_provider(
    browser: Any, real_site_url: str, catalog: Catalog
) -> None:
    """What `MODELCAT_AS_OF=2026-12-07 make site` shows on its home page: the models callable
    today of every provider, and for each model to move from, the model to use today."""
    page = open_page(browser, real_site_url, width=1400)
    page.goto(real_site_url)
    rows = page.locator(".mc-models tbody tr").evaluate_all(
        """rows => rows.map(r => [r.querySelector("td a").getAttribute("href"), !r.hidden,
                                  r.cells[1].textContent.trim(),
                                  r.cells[r.cells.length - 1].textContent.trim()])"""
    )
    finish(page)
    assert len(rows) == len(catalog.models)
    shown_providers = {provider for _, shown, provider, _ in rows if shown}
    assert shown_providers == {p.name for p in catalog.providers.values()}
    shown_targets = {href: target for href, _, _, target in rows}
    wrong = {}
    for model in catalog.models:
        href = f"{BASE}models/{model.provider}/{model.id}/"
        target = use_today(catalog, model, REAL_AS_OF)
        path = migration_path(catalog, model, REAL_AS_OF)
        model_state = state(model, REAL_AS_OF, catalog)
        if model_state in {State.AVAILABLE, State.COMING_SOON}:
            expected = "—"
        elif target is not None:
            expected = target.id
        elif path.ends_callable:  # no model free of an end: the last that can still be called
            end = path.steps[-1]
            expected = f"{end.id} {state(end, REAL_AS_OF, catalog).value} too"
        else:
            expected = "none named"
        if shown_targets[href] != expected:
            wrong[href] = (shown_targets[href], expected)
    assert wrong == {}


def test_the_real_catalog_shows_what_the_api_reports_as_a_person_reads_it(
    browser: Any, real_site_url: str, catalog: Catalog
) -> None:
    """Dates, not Unix numbers; yes or no, not True; a unit on every figure."""
    model = next(
        m
        for m in catalog.models
        if any({"created", "available", "context_window"} <= set(o.values) for o in m.observed)
    )
    page = open_page(browser, real_site_url, width=1400)
    page.goto(f"{real_site_url}models/{model.provider}/{model.id}/")
    reported = page.locator("article table", has=page.locator("th", has_text="Listed"))
    text = reported.locator("tbody").inner_text()
    finish(page)
    assert re.search(r"created: \d{4}-\d\d-\d\d", text), text
    assert re.search(r"active: (yes|no)\b", text), text
    assert re.search(r"context: [\d,]+ tokens", text), text
    assert not re.search(r"\b\d{9,}\b|True|False", text), text


def test_the_real_catalog_pages_fit_and_pass_axe(
    browser: Any, real_site_url: str, catalog: Catalog
) -> None:
    """The largest pages at the real size: every table fits at every width, and axe finds
    nothing serious in light mode at 1400 px and dark mode at 390 px (the full matrix of both
    runs on the fixture site, whose pages have the same templates and stylesheet)."""
    pages = real_pages(catalog)
    page = open_page(browser, real_site_url)
    layout = layout_problems(page, list(pages.values()))
    finish(page)
    assert layout == {}
    found = {}
    for width, dark in ((1400, False), (PHONE, True)):
        page = open_page(browser, real_site_url, dark=dark)
        for name, violations in axe_violations(page, pages, (width,)).items():
            found[f"{name}{' dark' if dark else ''}"] = violations
        finish(page)
    assert found == {}
