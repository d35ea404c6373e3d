"""The built site in a real headless Chromium, served on 127.0.0.1: what a visitor sees."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts.catalog import build_catalog, load_documents
from tests.conftest import CATALOG

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
CATALOG_MODELS = build_catalog(load_documents(CATALOG)).models


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
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


@pytest.fixture
def visit(browser: object, site_url: str) -> Iterator[object]:
    """A fresh page that records console errors and every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))

    def check_host(request: object) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            outside.append(request.url)

    page.on("request", check_host)
    page.site_url = site_url
    yield page
    context.close()
    assert errors == [], "console errors"
    assert outside == [], "requests that left 127.0.0.1"


def visible_ids(page: object) -> list[str]:
    return page.locator(".mc-models tbody tr:not([hidden]) td:first-child code").all_inner_texts()


def test_home_table_lists_every_model(visit: object) -> None:
    visit.goto(visit.site_url)
    assert sorted(visible_ids(visit)) == sorted(m.id for m in CATALOG_MODELS)
    expected = f"{len(CATALOG_MODELS)} of {len(CATALOG_MODELS)} models"
    assert visit.locator(".mc-count").inner_text() == expected


def test_filtering_by_text_leaves_only_matching_rows(visit: object) -> None:
    visit.goto(visit.site_url)
    visit.locator("input.mc-filter-text").fill("whisper")
    ids = visible_ids(visit)
    expected = [m.id for m in CATALOG_MODELS if "whisper" in f"{m.id} {m.name}".lower()]
    assert sorted(ids) == sorted(expected)
    assert len(ids) == 3
    visit.locator("input.mc-filter-text").fill("")
    assert len(visible_ids(visit)) == len(CATALOG_MODELS)


def test_filtering_by_developer_and_status(visit: object) -> None:
    visit.goto(visit.site_url)
    visit.locator("select.mc-filter-developer").select_option("Meta")
    visit.locator("select.mc-filter-status").select_option("Preview")
    expected = [m.id for m in CATALOG_MODELS if m.developer == "Meta" and m.status == "preview"]
    assert sorted(visible_ids(visit)) == sorted(expected)


def test_sorting_by_context_window_orders_rows(visit: object) -> None:
    visit.goto(visit.site_url)
    header = visit.locator(".mc-models th", has_text="Context window")
    window = {m.id: m.context_window for m in CATALOG_MODELS}

    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = [window[i] for i in visible_ids(visit)]
    known = [v for v in values if v is not None]
    assert known == sorted(known)
    assert values == known + [None] * (len(values) - len(known)), "models without one go last"

    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    values = [window[i] for i in visible_ids(visit)]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True)
    assert values[: len(known)] == known


def test_clicking_a_model_opens_its_page_with_the_exact_id(visit: object) -> None:
    visit.goto(visit.site_url)
    visit.locator(".mc-models a", has_text="Llama 3.1 70B").click()
    visit.wait_for_url("**/models/groq/llama-3.1-70b-versatile/")
    assert visit.locator("pre code").first.inner_text().strip() == "llama-3.1-70b-versatile"
    assert "Production" in visit.locator(".mc-status").first.inner_text()
    edit = visit.locator("a", has_text="Edit this entry")
    assert edit.get_attribute("href").endswith("catalog/groq/models/llama-3.1-70b-versatile.yaml")


def test_preview_page_explains_the_temporary_limit(visit: object) -> None:
    visit.goto(visit.site_url + "models/groq/llama-3.2-1b-preview/")
    text = visit.locator("article").inner_text()
    assert "128k (131,072)" in text
    assert "8k (8,192)" in text
    assert "may change" in text


def test_search_finds_a_model(visit: object) -> None:
    visit.goto(visit.site_url)
    visit.locator("label.md-search__icon, .md-search__input").first.click()
    visit.locator("input.md-search__input").press_sequentially("mixtral", delay=50)
    result = visit.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert "Mixtral" in result.inner_text()


def test_palette_toggle_switches_to_dark(visit: object) -> None:
    visit.goto(visit.site_url)
    before = visit.locator("body").get_attribute("data-md-color-scheme")
    visit.locator("form[data-md-component=palette] label:visible").first.click()
    after = visit.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_home_page_screenshot_renders(visit: object, tmp_path: Path) -> None:
    visit.goto(visit.site_url)
    shot = tmp_path / "home.png"
    visit.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
