"""Hostile catalog values render inert: no script runs, no raw HTML, only https links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ENGINES, build_site, make_site_project

HOSTILE = Path(__file__).parent / "hostile_catalog"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.inline_scripts: list[str] = []
        self.tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in {"href", "src"} and value:
                self.links.append(value)
            if name == "src" and value:
                self.sources.append(value)
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.fixture(scope="module", params=ENGINES)
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("hostile") / "project", HOSTILE)
    return build_site(project, request.param)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_catalog_is_valid_so_the_site_must_render_it() -> None:
    from modelcat_registry.loader import load_documents
    from modelcat_registry.validation import validate_catalog

    assert validate_catalog(load_documents(HOSTILE)) == []


def test_no_event_handler_script_or_unsafe_link_reaches_the_html(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        collector = _Collector()
        collector.feed(page.read_text())
        where = page.relative_to(hostile_site)
        assert collector.handlers == [], where
        assert collector.inline_scripts == [], where
        assert "iframe" not in collector.tags, where
        for link in collector.links:
            assert not link.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                where,
                link,
            )
        # Nothing from the catalog is loaded as an image or frame.
        assert not any("evil.example" in source for source in collector.sources), where


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "models" / "evil" / "hostile-1" / "index.html").read_text()
    assert "&lt;script&gt;" in page or "&#60;script&#62;" in page
    # The plain https URL in the notes is a link; the javascript: ones are not.
    assert 'href="https://example.com/ok?%28x%29"' in page


def test_a_model_card_url_is_rendered_only_as_its_link(hostile_site: Path) -> None:
    # A URL that closes its Markdown link no longer validates (tests/bad_inputs/
    # docs_url_markdown_breakout.yaml); one with & and ? stays one link.
    page = (hostile_site / "models" / "evil" / "hostile-1" / "index.html").read_text()
    assert 'href="https://example.com/card?x=1&amp;y=2"' in page


PROVIDER_NAME = "<script>alert('provider')</script></title><script>alert('title')</script>Evil"


def test_hostile_values_stay_escaped_in_the_feed_and_calendar(hostile_site: Path) -> None:
    import feedparser
    import icalendar

    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert any(PROVIDER_NAME in e.title for e in feed.entries)
    calendar = icalendar.Calendar.from_ical((hostile_site / "shutdowns.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"hostile-1 shuts down ({PROVIDER_NAME})"
    assert event.decoded("DTSTART").isoformat() == "2030-01-01"
