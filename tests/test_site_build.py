"""The built site of tests/site_catalog as of 2026-11-25, under MkDocs and Zensical: a page per
model with its lifecycle first, exports, edit links, feeds; expected values are literals."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from tests.conftest import (
    CATALOG,
    REPO,
    SITE_AS_OF,
    SITE_CATALOG,
    build_site,
    make_site_project,
    run_cli,
    run_tool,
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
    assert len(pages) == 14


def test_retired_page_opens_with_its_state_and_what_to_use_today(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "old-70b"))
    assert text.index("Retired since 2026-08-16") < text.index("What to use instead")
    assert "Use today: new-120b" in text[: text.index("What to use instead")]
    path = text[text.index("What to use instead") : text.index("Model ID")]
    assert "old-70b : retired (since 2026-08-16)" in path
    assert "mid-70b : retired (since 2026-09-30)" in path
    assert "new-120b : available" in path
    assert "replaces old-70b , as of 2026-05; source: Alpha deprecations page" in path
    assert path.index("old-70b") < path.index("mid-70b") < path.index("new-120b")
    assert "Use today: new-120b , which is available as of 2026-11-25" in path


def test_a_redirected_model_says_who_answers_and_at_what_price(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "redirected-8b"))
    assert "Redirected to new-120b since 2026-07-01" in text
    assert "the code works, the model and the bill are not what the ID says" in text
    assert "Billed at new-120b's price." in text
    assert "Redirected requests are billed at new-120b 's price" not in text  # it has no price
    home = (built_site / "index.html").read_text()
    row = next(r for r in re.findall(r"<tr data-state=.*?</tr>", home, re.DOTALL)
               if ">redirected-8b<" in r)  # fmt: skip
    assert 'data-state="redirected"' in row


def test_a_model_shut_down_for_some_tiers_is_limited_not_retired(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "enterprise-70b"))
    assert "Limited to enterprise since 2026-08-01" in text
    assert "It is not retired for everyone." in text
    assert "stays available on enterprise" in text


def test_a_withdrawn_announcement_is_shown_but_not_in_force(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "kept-pro"))
    assert "Available as of 2026-11-25" in text
    assert (
        "retires not sooner than 2027-09 (a floor, not a shutdown date)"
        in text.replace(
            "not sooner than 2027-09 (a floor, not a shutdown date)",
            "not sooner than 2027-09 (a floor, not a shutdown date)",
        )
        or "not sooner than 2027-09" in text
    )
    assert "withdraws the statement of 2026-09-10" in text
    assert "Withdrawn statements are never in force." in text


def test_an_alias_page_says_where_it_points_on_the_day(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "new-latest"))
    assert "This ID is an alias: on 2026-11-25 it points to new-120b" in text
    assert "2026-01-10 mid-70b" in text and "2026-10-01 new-120b" in text


def test_the_same_weights_at_two_providers_are_one_model(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "new-120b"))
    where = text[text.index("Where to call it") : text.index("Facts")]
    assert "Alpha Cloud new-120b (this page) Available 131,072 tokens" in where
    assert "Beta AI new-120b Available 131,072 tokens $0.20 in / $0.80 out per 1M tokens" in where


def test_retired_page_samples_call_the_replacement_not_the_retired_id(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "old-70b").read_text()
    samples = re.findall(r'<section class="mc-sample".*?</section>', page, re.DOTALL)
    assert samples
    sample_text = html.unescape(re.sub(r"<[^>]+>", "", "".join(samples)))
    assert '"model": "new-120b"' in sample_text
    assert "old-70b" not in sample_text
    assert "cannot be called as itself on 2026-11-25" in text_of(
        model_page(built_site, "alpha", "old-70b")
    )


def test_deprecated_page_counts_the_days_left(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "fading-8b"))
    assert "Deprecated: shuts down on 2026-12-15, 20 days left" in text
    page = model_page(built_site, "alpha", "fading-8b").read_text()
    assert "fading-8b" in html.unescape(re.sub(r"<[^>]+>", "", page.split("Call it")[-1]))


def test_available_page_shows_prices_limits_and_the_api_disagreement(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "new-120b"))
    assert text.index("Available as of 2026-11-25") < text.index("Facts")
    assert "2026-01-10 standard $0.15 in / $0.75 out per 1M tokens" in text
    assert "2026-10-01 standard $0.10 in / $0.50 out per 1M tokens (in force)" in text
    assert "Alpha pricing page (2026-01-10 to 2026-10-01)" in text
    assert "2026-02-01 to 2026-11-20 (newest check)" in text
    assert "max output: 32,768 tokens" in text
    assert "API and docs disagree" in text
    assert "docs: max_output_tokens 65536; API: max_output_tokens 32768" in text


def test_audio_page_shows_the_hourly_price_and_speech_limits(built_site: Path) -> None:
    text = text_of(model_page(built_site, "alpha", "whisper-x"))
    assert "$0.111 per hour of audio" in text
    assert "ASH 7,200" in text
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
    assert "Models in the catalog 13 (7 callable on 2026-11-25)" in text
    assert "Last drift check 2026-11-20" in text
    assert "Atom feed · shutdown calendar" in text
    for title in ("Alpha models page", "Alpha deprecations page", "Alpha GET /models capture"):
        assert title in text


def test_about_page_describes_each_provider_and_where_its_facts_come_from(
    built_site: Path,
) -> None:
    text = text_of(built_site / "about" / "index.html")
    assert "The provider's own page wins" in text and "Nothing is guessed" in text
    for folder in sorted(p for p in SITE_CATALOG.iterdir() if p.is_dir()):
        provider = yaml.safe_load((folder / "provider.yaml").read_text())
        dates = sorted(str(s["date"]) for s in provider["sources"].values())
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        sources = f"{len(provider['sources'])}, dated {span}"
        checks = provider.get("checks") or [{}]
        last_check = str(checks[-1].get("until") or checks[-1].get("date") or "never")
        models = len(list((folder / "models").rglob("*.yaml")))
        row = f"{provider['name']} {models} \\d+ {sources} {last_check}"
        assert re.search(row, text), row


def test_developer_page_spans_providers(built_site: Path) -> None:
    page = (built_site / "developers" / "openai" / "index.html").read_text()
    # Table links are absolute below the base path of site_url, the same under both engines.
    assert 'href="/modelcat/models/alpha/new-120b/"' in page
    assert 'href="/modelcat/models/beta/new-120b/"' in page


def test_home_table_rows_carry_effective_values_and_state(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    rows = re.findall(r"<tr data-state=.*?</tr>", home, re.DOTALL)
    assert len(rows) == 14
    tiny = next(r for r in rows if ">tiny-1b-preview<" in r)
    assert 'data-sort="8192"' in tiny, "sorting uses the context window in force"
    whisper = next(r for r in rows if ">whisper-x<" in r)
    assert 'data-sort="0.111"' in whisper
    slug = next(r for r in rows if ">big-405b<" in r)
    assert "data-copy" not in slug and "no API ID" in slug
    stub = next(r for r in rows if ">live-stub<" in r)
    assert "data-copy" not in stub and "unreviewed stub" in stub
    retired = next(r for r in rows if ">old-70b<" in r)
    assert "data-default" not in retired and 'data-copy="true"' in retired
    available = next(r for r in rows if re.match(r'<tr[^>]*>\s*<td><a href="[^"]*/new-120b/"', r))
    assert 'data-default="true"' in available and 'data-copy="true"' in available
    assert 'data-value="Retired"' not in retired, "the state cell's text is its value"
    # Use today: the first model on its path not deprecated on the day, linked.
    assert re.sub(r">\s+<", "><", retired).endswith(
        '<td><a href="/modelcat/models/alpha/new-120b/"><code class="mc-id">new-120b</code>'
        "</a></td></tr>"
    )


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
    assert re.findall(r">\n</?(?:li|td|tr|p|nav|ul)[\s>]", outside_code) == [], "nor breaks"
    assert '<meta name="description"' not in page, "the site's description is the home page's"
    home = (built_site / "index.html").read_text()
    assert '<meta name="description" content="Exact, reviewed facts' in home
    assert re.search(r"\n    model<span", page), "code keeps its indentation"


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
    for icon in ("logo", "repo", "edit", "brightness-4", "brightness-7", "arrow-up"):
        assert f'<span class="mc-icon mc-icon--{icon}"></span>' in page
        assert re.search(rf"\.mc-icon--{icon} {{\s*--mc-icon: url\('data:image/svg\+xml", css)
    assert "M2.6 10.59" not in page, "the repository icon's path is not written into pages"
    assert "M12 18c-.89" not in page, "nor the palette toggle's"


def test_dates_and_figures_are_written_without_character_references(built_site: Path) -> None:
    page = model_page(built_site, "alpha", "new-120b").read_text()
    assert "<td>2026-01-10</td>" in page
    assert "$0.15 in / $0.75 out per 1M tokens" in page
    assert not re.search(r"\d{4}&#45;\d\d", page), "a date written with character references"


def test_catalog_export_holds_every_field_and_the_state(built_site: Path) -> None:
    export = json.loads((built_site / "api" / "models.json").read_text())
    assert export["as_of"] == "2026-11-25"
    alpha = next(p for p in export["providers"] if p["id"] == "alpha")
    old = next(m for m in alpha["models"] if m["id"] == "old-70b")
    assert (old["state"], old["callable"], old["use_instead"]) == ("retired", False, "new-120b")
    source = yaml.safe_load((SITE_CATALOG / "alpha" / "models" / "old-70b.yaml").read_text())
    computed = {"state", "callable", "use_instead", "answered_by", "alias_target",
                "shutdown_in_force", "replacements_in_force"}  # fmt: skip
    assert {k: v for k, v in old.items() if k not in computed} == json.loads(
        json.dumps(source, default=str)
    )
    single = json.loads((built_site / "api" / "models" / "alpha" / "old-70b.json").read_text())
    assert single["use_instead"] == "new-120b" and single["page"] == "models/alpha/old-70b/"


def test_the_openai_list_export_says_what_was_observed_and_what_documented(
    built_site: Path,
) -> None:
    listing = json.loads((built_site / "api" / "alpha" / "models.json").read_text())
    assert listing["modelcat_export"]["observed_on"] == "2026-11-20"
    listed = {item["id"]: item["modelcat"]["listed"] for item in listing["data"]}
    assert listed == {
        "live-stub": "observed",
        "new-120b": "observed",
        "fading-8b": "documented",
        "tiny-1b-preview": "documented",
        "whisper-x": "documented",
        "kept-pro": "documented",
        "new-latest": "documented",
    }
    documented = next(item for item in listing["data"] if item["id"] == "whisper-x")
    assert set(documented) == {"id", "object", "modelcat"}, "no invented observation"


def test_csv_export_has_one_row_per_model(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "api" / "models.csv").read_text())))
    assert len(rows) == 14
    assert next(r for r in rows if r["id"] == "old-70b")["use_instead"] == "new-120b"
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
    assert "https://docs.alpha.example/deprecations" in old.summary, "the source's URL"
    beta = feedparser.parse((built_site / "feeds" / "beta.xml").read_bytes())
    assert beta.bozo == 0
    assert {e.title for e in beta.entries} == {"Price: new-120b (Beta AI)"}


def test_shutdown_calendar_lists_every_dated_shutdown_past_and_upcoming(built_site: Path) -> None:
    raw = (built_site / "shutdowns.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "redirected-8b shuts down (Alpha Cloud)",
        "redirected-8b redirected to new-120b (Alpha Cloud)",
        "enterprise-70b shuts down (Alpha Cloud) (for free, developer; still on enterprise)",
        "old-70b shuts down (Alpha Cloud)",
        "mid-70b shuts down (Alpha Cloud)",
        "fading-8b shuts down (Alpha Cloud)",
    }
    fading = events["fading-8b shuts down (Alpha Cloud)"]
    assert fading.decoded("DTSTART").isoformat() == "2026-12-15"
    assert "Replacements: new-120b." in str(fading["DESCRIPTION"])
    assert "https://docs.alpha.example/deprecations" in str(fading["DESCRIPTION"])
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    beta = icalendar.Calendar.from_ical((built_site / "shutdowns" / "beta.ics").read_bytes())
    [empty] = beta.walk("VEVENT")  # RFC 5545 wants a component: one saying there is none
    assert str(empty["SUMMARY"]) == "No dated shutdown in the catalog"


def test_changes_page_lists_future_and_past_events(built_site: Path) -> None:
    text = text_of(built_site / "changes" / "index.html")
    future, past = text.split("Past", 1)
    assert "2026-12-15 fading-8b Alpha Cloud Shutdown : fading-8b shuts down at Alpha Cloud" in (
        future
    )
    assert (
        "2026-08-16 old-70b Alpha Cloud Shutdown : old-70b shuts down at Alpha Cloud new-120b"
        in (past)
    ), "with the model to use today"
    assert "2026-10-01 new-120b Alpha Cloud Price" in past
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


def test_badges_twins_llms_txt_and_compare_data_are_published(built_site: Path) -> None:
    badge = (built_site / "badges" / "alpha" / "old-70b.svg").read_text()
    assert badge.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<title>old-70b at Alpha Cloud: retired (as of 2026-11-25)</title>" in badge
    page = model_page(built_site, "alpha", "old-70b").read_text()
    assert (
        "[![old-70b status](https://modelcat.github.io/modelcat/badges/alpha/old-70b.svg)]"
        "(https://modelcat.github.io/modelcat/models/alpha/old-70b/)"
    ) in html.unescape(re.sub(r"<[^>]+>", "", page)), "the badge Markdown, highlighted"
    twin = (built_site / "models" / "alpha" / "old-70b" / "index.md").read_text()
    assert twin.startswith("# Old 70B (Alpha Cloud)\n")
    assert "- Use today: `new-120b`" in twin
    llms = (built_site / "llms.txt").read_text()
    assert llms.startswith("# modelcat\n\n> ")
    assert (
        "- [old-70b (Alpha Cloud)](https://modelcat.github.io/modelcat/models/alpha/old-70b/"
        "index.md): retired; use today: new-120b"
    ) in llms
    compare = json.loads((built_site / "api" / "compare.json").read_text())
    by_key = {f"{m['provider']}/{m['id']}": m for m in compare["models"]}
    old = by_key["alpha/old-70b"]
    assert (old["use_instead"], compare["states"][old["state"]]) == ("new-120b", "Retired")
    assert compare["providers"]["alpha"] == "Alpha Cloud"
    new = by_key["alpha/new-120b"]
    assert new["max_output"] == {"text": "65,536 tokens"}
    assert new["also_at"] == ["Beta AI"]
    assert "answered_by" not in new and "use_instead" not in new, "no value, no key"
    assert by_key["alpha/live-stub"]["context"] == {"text": "65,536 tokens", "api": "2026-11-20"}


def test_the_export_read_back_by_sync_reports_no_drift(built_site: Path, tmp_path: Path) -> None:
    result = run_cli(
        ["sync", "--catalog", str(SITE_CATALOG), "--provider", "alpha", "--from-file",
         str(built_site / "api" / "alpha" / "models.json"), "--format", "json"],
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    [report] = json.loads(result.stdout)["providers"]
    assert report["as_of"] == "2026-11-20"


def test_generate_removes_the_page_of_a_deleted_model(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(SITE_CATALOG, catalog)
    out = tmp_path / "docs"
    assert run_cli(["generate", "--out", str(out)], cwd=tmp_path).returncode == 0
    page = out / "models" / "alpha" / "next-model.md"
    assert page.is_file()
    (catalog / "alpha" / "models" / "next-model.yaml").unlink()
    result = run_cli(["generate", "--out", str(out)], cwd=tmp_path)
    assert result.returncode == 0
    assert "3 removed" in result.stdout, "the page, its badge and JSON document"
    assert not page.exists()
    assert not (out / "badges" / "alpha" / "next-model.svg").exists()
    assert not (out / "api" / "models" / "alpha" / "next-model.json").exists()


def test_generate_refuses_an_invalid_catalog(tmp_path: Path, catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "bad.yaml").write_text("id: nope\n")
    result = run_cli(["generate", "--out", str(tmp_path / "docs")], cwd=tmp_path)
    assert result.returncode == 2
    assert "catalog/groq/models/bad.yaml:1:5: id 'nope' does not match" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_the_real_catalog_builds_strictly(real_site: Path) -> None:
    site = real_site  # built by `mkdocs build --strict` (conftest.build_site)
    for path in sorted((CATALOG / "groq" / "models").rglob("*.yaml")):
        model_id = path.relative_to(CATALOG / "groq" / "models").with_suffix("").as_posix()
        assert model_id in model_page(site, "groq", model_id).read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_every_generated_file_is_ignored_by_git(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    args = ["generate", "--catalog", str(SITE_CATALOG), "--out", str(out)]
    assert run_cli(args, cwd=tmp_path).returncode == 0
    manifest = (out / ".generated").read_text().splitlines()
    generated = [f"docs/{line}" for line in manifest] + ["docs/.generated"]
    assert {p.split("/")[1] for p in generated} >= {"api", "badges", "feeds", "models"}
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--verbose", "--non-matching", "--stdin"],
        cwd=REPO, input="\n".join(generated), capture_output=True, text=True, check=False,
    )  # fmt: skip
    not_ignored = [line.split("\t")[1] for line in result.stdout.splitlines() if line[:2] == "::"]
    assert not_ignored == [], "generated files git would commit"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_hook_builds_from_memory_and_writes_nothing_into_docs(tmp_path: Path) -> None:
    """A link in the docs folder that leads out gets nothing written through it: MkDocs gets
    the rendered pages from memory, and the docs folder is left as it was."""
    project = make_site_project(tmp_path / "project", SITE_CATALOG)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "docs" / "models").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "models" / "alpha").symlink_to(outside)
    before = _tree(project / "docs")
    result = run_tool(
        "mkdocs", ["build", "--strict"], cwd=project, env={"MODELCAT_AS_OF": SITE_AS_OF}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _tree(project / "docs") == before
    assert list(outside.iterdir()) == []
    assert (project / "site" / "models" / "alpha" / "old-70b" / "index.html").is_file()


def test_the_hook_publishes_the_catalog_not_what_generate_left_in_docs(tmp_path: Path) -> None:
    """Pages an earlier `modelcat generate` wrote are replaced by the fresh rendering, and the
    page of a model removed since is not published, though it is still on disk."""
    project = make_site_project(tmp_path / "project", SITE_CATALOG)
    env = {"MODELCAT_AS_OF": SITE_AS_OF}
    generated = run_cli(["generate", "--catalog", "catalog", "--out", "docs"], project, env)
    assert generated.returncode == 0, generated.stderr
    old_page = project / "docs" / "models" / "alpha" / "old-70b.md"
    old_page.write_text(old_page.read_text().replace("Old 70B", "Edited by hand"))
    (project / "catalog" / "alpha" / "models" / "next-model.yaml").unlink()
    built = run_tool("mkdocs", ["build", "--strict"], cwd=project, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "docs" / "models" / "alpha" / "next-model.md").is_file()
    assert not (project / "site" / "models" / "alpha" / "next-model").exists()
    page = (project / "site" / "models" / "alpha" / "old-70b" / "index.html").read_text()
    assert "Old 70B" in page and "Edited by hand" not in page
    assert (project / "site" / "models" / "alpha" / "old-70b" / "index.md").is_file()
