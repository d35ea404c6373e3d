"""The built site of tests/site_catalog as of 2026-11-25, under MkDocs and Zensical: a page per
model with its lifecycle first, exports, edit links, feeds; expected values are literals."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from tests.conftest import (
    CATALOG,
    SITE_CATALOG,
    build_site,
    make_site_project,
    run_cli,
)

EDIT = "https://github.com/modelcat/modelcat/edit/main/"
SITE_URL = "https://modelcat.github.io/modelcat/"


def text_of(page: Path) -> str:
    """The page's article as plain text, tags dropped and entities decoded."""
    source = page.read_text()
    article = re.search(r"<article.*?</article>", source, re.DOTALL)
    assert article, page
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group())))


def model_page(site: Path, provider: str, model_id: str) -> Path:
    return site / "models" / provider / model_id / "index.html"


def test_every_model_has_a_page_titled_with_its_provider(built_site: Path) -> None:
    expected = {
        ("alpha", "old-70b"): "Old 70B · Alpha Cloud",
        ("alpha", "new-120b"): "New 120B · Alpha Cloud",
        ("beta", "new-120b"): "New 120B · Beta AI",
        ("alpha", "live-stub"): "live-stub · Alpha Cloud",
    }
    for (provider, model_id), title in expected.items():
        page = model_page(built_site, provider, model_id).read_text()
        assert f"<title>{title} - modelcat</title>" in page
    pages = sorted(p.parent.name for p in (built_site / "models").rglob("index.html"))
    assert len(pages) == 10


def test_retired_page_opens_with_its_state_and_migration_path(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "old-70b"))
    assert text.index("Retired since 2026-08-16") < text.index("Migration path")
    path = text[text.index("Migration path") : text.index("Model ID")]
    assert "old-70b : retired (since 2026-08-16)" in path
    assert "mid-70b : retired (since 2026-09-30)" in path
    assert "new-120b : available" in path
    assert "replaces old-70b from 2026-08-16; source: Alpha deprecations page" in path
    assert path.index("old-70b") < path.index("mid-70b") < path.index("new-120b")


def test_retired_page_samples_call_the_replacement_not_the_retired_id(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "old-70b").read_text()
    samples = re.findall(r'<section class="mc-sample".*?</section>', page, re.DOTALL)
    assert samples
    sample_text = html.unescape(re.sub(r"<[^>]+>", "", "".join(samples)))
    assert '"model": "new-120b"' in sample_text
    assert "old-70b" not in sample_text
    assert "cannot be called on 2026-11-25" in text_of(model_page(built_site, "alpha", "old-70b"))


def test_deprecated_page_counts_the_days_left(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "fading-8b"))
    assert "Deprecated: shuts down on 2026-12-15, 20 days left" in text
    page = model_page(built_site, "alpha", "fading-8b").read_text()
    assert "fading-8b" in html.unescape(re.sub(r"<[^>]+>", "", page.split("Call it")[-1]))


def test_available_page_shows_prices_limits_and_the_api_disagreement(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "new-120b"))
    assert text.index("Available as of 2026-11-25") < text.index("Facts")
    assert "2026-01-10 $0.15 $0.75" in text
    assert "2026-10-01 $0.10 $0.50" in text or "2026-10-01 $0.1 $0.5" in text
    assert "Alpha pricing page (2026-01-10 to 2026-10-01)" in text
    assert "max_completion_tokens 32k (32,768) 64k (65,536) API and docs disagree" in text


def test_audio_page_shows_the_hourly_price_and_speech_limits(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "whisper-x"))
    assert "$0.111" in text
    assert "Audio seconds / hour" in text
    assert "7,200" in text
    assert "/audio/transcriptions" in text


def test_stub_and_slug_pages_say_what_they_are(built_site: Path) -> None:
    assert "Unreviewed stub" in text_of(model_page(built_site, "alpha", "live-stub"))
    slug = text_of(model_page(built_site, "alpha", "big-405b"))
    assert "without an API ID" in slug
    assert "Call it" not in slug


def test_edit_links_point_at_the_catalog_yaml(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "old-70b").read_text()
    target = EDIT + "catalog/alpha/models/old-70b.yaml"
    # The theme's edit button and the page's own "Edit this entry" link.
    assert page.count(f'href="{target}"') == 2
    provider = (built_site / "providers" / "alpha" / "index.html").read_text()
    assert f'href="{EDIT}catalog/alpha/provider.yaml"' in provider
    home = (built_site / "index.html").read_text()
    assert 'rel="edit"' not in home, "a generated page with no single source has no edit button"


def test_provider_page_lists_its_facts_and_sources(built_site: Path) -> None:
    text = text_of(built_site / "providers" / "alpha" / "index.html")
    assert "https://api.alpha.example/openai/v1" in text
    assert "ALPHA_API_KEY" in text
    assert "Models in the catalog 9 (5 callable on 2026-11-25)" in text
    assert "Last drift check 2026-11-20" in text
    for title in ("Alpha models page", "Alpha deprecations page", "Alpha GET /models capture"):
        assert title in text


def test_developer_page_spans_providers(built_site: Path) -> None:
    page = (built_site / "developers" / "openai" / "index.html").read_text()
    # Table links are absolute below the base path of site_url, the same under both engines.
    assert 'href="/modelcat/models/alpha/new-120b/"' in page
    assert 'href="/modelcat/models/beta/new-120b/"' in page


def test_home_table_rows_carry_effective_values_and_state(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    rows = re.findall(r"<tr data-state=.*?</tr>", home, re.DOTALL)
    assert len(rows) == 10
    tiny = next(r for r in rows if ">tiny-1b-preview<" in r)
    assert 'data-sort="8192"' in tiny, "sorting uses the context window in force"
    whisper = next(r for r in rows if ">whisper-x<" in r)
    assert 'data-sort="0.111"' in whisper
    slug = next(r for r in rows if ">big-405b<" in r)
    assert 'data-copy="false"' in slug and "no API ID" in slug
    stub = next(r for r in rows if ">live-stub<" in r)
    assert 'data-copy="false"' in stub and "unreviewed stub" in stub
    retired = next(r for r in rows if ">old-70b<" in r)
    assert 'data-default="false"' in retired


def test_model_tables_and_samples_stay_out_of_the_search_index(built_site: Path) -> None:
    index_file = built_site / "search" / "search_index.json"
    if not index_file.exists():
        index_file = built_site / "search.json"
    index = json.loads(index_file.read_text())
    docs = index.get("docs") or index["items"]  # MkDocs' and Zensical's formats
    assert "Authorization: Bearer" not in json.dumps(docs), "code samples are not indexed"
    home_docs = [d for d in docs if d["location"].split("#")[0] in ("", "index.html")]
    assert home_docs
    assert "whisper-x" not in json.dumps(home_docs), "the home table is not indexed"
    old = " ".join(d["title"] + d["text"] for d in docs if "models/alpha/old-70b/" in d["location"])
    assert "Old 70B" in old and "old-70b" in old, "model names and IDs stay searchable"


def test_a_model_page_is_searchable_by_name_and_id_only(built_site: Path) -> None:
    index_file = built_site / "search" / "search_index.json"
    if not index_file.exists():
        index_file = built_site / "search.json"
    index = json.loads(index_file.read_text())
    docs = index.get("docs") or index["items"]
    entries = [d for d in docs if "models/alpha/new-120b/" in d["location"]]
    assert entries
    found = json.dumps(entries)
    assert "New 120B" in found and "new-120b" in found
    for section in ("Facts", "Prices", "Free-tier rate limits", "What the API reports", "Call it"):
        assert all(d["title"] != section for d in entries), section
    assert "$0.75" not in found, "the facts tables stay out of the index"


def test_mkdocs_pages_drop_indentation_but_code_keeps_it(built_site: Path) -> None:
    if built_site.parents[1].name.startswith("zensical"):
        pytest.skip("Zensical runs no MkDocs hook: its pages keep their indentation")
    page = model_page(built_site, "alpha", "new-120b").read_text()
    outside_code = re.sub(r"<pre[\s>].*?</pre>", "", page, flags=re.DOTALL)
    assert re.findall(r"\n[ \t]+\S", outside_code) == []
    assert re.search(r'\n    <span class="n">model</span>', page), "code keeps its indentation"


def test_a_hidden_table_of_contents_is_not_written_into_the_page(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "new-120b").read_text()
    assert 'data-md-component="toc"' not in page
    assert 'href="#prices"' not in page.replace('class="headerlink" href="#prices"', "")
    assert 'id="prices"' in page, "the sections keep their anchors"
    home = (built_site / "index.html").read_text()
    assert 'data-md-component="toc"' not in home
    contributing = (built_site / "contributing" / "index.html").read_text()
    assert 'data-md-component="toc"' in contributing, "pages that show theirs keep it"
    # A page in the navigation offers its table of contents in the menu: it needs one.
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        if '<label class="md-nav__link md-nav__link--active" for="__toc">' in text:
            assert 'data-md-component="toc"' in text, f"{page}: a menu entry with no contents"


def test_icons_on_every_page_come_from_the_stylesheet(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "new-120b").read_text()
    css = (built_site / "assets" / "stylesheets" / "catalog.css").read_text()
    for icon in ("logo", "repo", "edit"):
        assert f'<span class="mc-icon mc-icon--{icon}"></span>' in page
        assert re.search(rf"\.mc-icon--{icon} {{\s*--mc-icon: url\('data:image/svg\+xml", css)
    assert "M2.6 10.59" not in page, "the repository icon's path is not written into pages"


def test_dates_and_figures_are_written_without_character_references(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "new-120b").read_text()
    assert "<td>2026-01-10</td>" in page
    assert "<td>$0.15</td>" in page
    assert "&#45;" not in re.sub(r"<a [^>]*>.*?</a>", "", page), "dates outside source titles"


def test_catalog_export_holds_every_field_and_the_state(built_site: Path) -> None:
    export = json.loads((built_site / "api" / "models.json").read_text())
    assert export["as_of"] == "2026-11-25"
    alpha = next(p for p in export["providers"] if p["id"] == "alpha")
    old = next(m for m in alpha["models"] if m["id"] == "old-70b")
    assert (old["state"], old["callable"]) == ("retired", False)
    source = yaml.safe_load((SITE_CATALOG / "alpha" / "models" / "old-70b.yaml").read_text())
    assert {k: v for k, v in old.items() if k not in {"state", "callable"}} == json.loads(
        json.dumps(source, default=str)
    )


def test_openai_list_export_holds_only_models_callable_on_the_day(built_site: Path) -> None:
    listing = json.loads((built_site / "api" / "alpha" / "models.json").read_text())
    assert sorted(item["id"] for item in listing["data"]) == [
        "fading-8b",
        "live-stub",
        "new-120b",
        "tiny-1b-preview",
        "whisper-x",
    ]


def test_csv_export_has_one_row_per_model(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "api" / "models.csv").read_text())))
    assert len(rows) == 10
    tiny = next(r for r in rows if r["id"] == "tiny-1b-preview")
    assert (tiny["context_window"], tiny["context_window_in_force"]) == ("131072", "8192")


def test_atom_feed_parses_and_lists_past_events_only(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert "Shutdown: old-70b (Alpha Cloud)" in titles
    assert "Price: new-120b (Alpha Cloud)" in titles
    assert "Shutdown: fading-8b (Alpha Cloud)" not in titles, "2026-12-15 is after the build date"
    assert feed.entries[0].updated.startswith("2026-11-01")  # newest first: fading-8b announced
    old = next(e for e in feed.entries if e.title == "Shutdown: old-70b (Alpha Cloud)")
    assert old.link == SITE_URL + "models/alpha/old-70b/"


def test_shutdown_calendar_parses_and_lists_upcoming_shutdowns(built_site: Path) -> None:
    raw = (built_site / "shutdowns.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["fading-8b shuts down (Alpha Cloud)"]
    [event] = events
    assert event.decoded("DTSTART").isoformat() == "2026-12-15"
    assert "Replacements: new-120b." in str(event["DESCRIPTION"])
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_changes_page_lists_future_and_past_events(built_site: Path) -> None:
    text = text_of(built_site / "changes" / "index.html")
    future, past = text.split("Past", 1)
    assert "2026-12-15 Shutdown fading-8b" in future
    assert "2026-08-16 Shutdown old-70b" in past
    assert "2026-10-01 Price new-120b" in past
    assert past.index("2026-10-01") < past.index("2026-08-16"), "newest first"


def test_404_page_has_search_and_a_link_home(built_site: Path) -> None:
    page = (built_site / "404.html").read_text()
    assert 'name="q"' in page
    assert "Go to the model catalog" in page


def test_the_two_engines_build_the_same_pages(tmp_path: Path) -> None:
    sites = {}
    for engine in ("mkdocs", "zensical"):
        project = make_site_project(tmp_path / engine, SITE_CATALOG)
        sites[engine] = build_site(project, engine)

    def pages(site: Path) -> set[str]:
        return {
            p.relative_to(site).as_posix()
            for p in site.rglob("index.html")
            if not p.relative_to(site).as_posix().startswith(("search", "assets"))
        }

    assert pages(sites["mkdocs"]) == pages(sites["zensical"])
    for engine, site in sites.items():
        assert (site / "feed.xml").read_bytes() == (sites["mkdocs"] / "feed.xml").read_bytes()
        assert "old-70b" in (site / "models" / "alpha" / "old-70b" / "index.html").read_text(), (
            engine
        )


def test_generate_twice_writes_nothing_the_second_time(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    env = {"MODELCAT_AS_OF": "2026-11-25"}
    args = ["generate", "--catalog", str(SITE_CATALOG), "--out", str(out)]
    first = run_cli(args, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    written = sorted(p for p in out.rglob("*") if p.is_file())
    mtimes = {p: p.stat().st_mtime_ns for p in written}
    second = run_cli(args, cwd=tmp_path, env=env)
    assert second.returncode == 0
    assert ": 0 written," in second.stdout
    assert {p: p.stat().st_mtime_ns for p in written} == mtimes


def test_a_later_build_date_retires_the_deprecated_model(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    args = ["generate", "--catalog", str(SITE_CATALOG), "--out", str(out)]
    assert run_cli(args, cwd=tmp_path, env={"MODELCAT_AS_OF": "2026-12-15"}).returncode == 0
    page = (out / "models" / "alpha" / "fading-8b.md").read_text()
    assert '!!! danger "Retired since 2026-12-15"' in page


def test_generate_removes_the_page_of_a_deleted_model(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    import shutil

    shutil.copytree(SITE_CATALOG, catalog)
    out = tmp_path / "docs"
    assert run_cli(["generate", "--out", str(out)], cwd=tmp_path).returncode == 0
    page = out / "models" / "alpha" / "next-model.md"
    assert page.is_file()
    (catalog / "alpha" / "models" / "next-model.yaml").unlink()
    result = run_cli(["generate", "--out", str(out)], cwd=tmp_path)
    assert result.returncode == 0
    assert "1 removed" in result.stdout
    assert not page.exists()


def test_generate_refuses_an_invalid_catalog(tmp_path: Path, catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "bad.yaml").write_text("id: nope\n")
    result = run_cli(["generate", "--out", str(tmp_path / "docs")], cwd=tmp_path)
    assert result.returncode == 2
    assert "catalog/groq/models/bad.yaml:1:5: id 'nope' does not match" in result.stderr
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("engine", ["mkdocs"])
def test_the_real_catalog_builds_strictly(tmp_path: Path, engine: str) -> None:
    project = make_site_project(tmp_path / "project", CATALOG)
    site = build_site(project, engine)
    for path in sorted((CATALOG / "groq" / "models").rglob("*.yaml")):
        model_id = path.relative_to(CATALOG / "groq" / "models").with_suffix("").as_posix()
        assert model_id in model_page(site, "groq", model_id).read_text()
