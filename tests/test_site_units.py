"""The pure pieces behind the pages: token formatting, escaping, links, slugs."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelcat_registry.lifecycle import State
from modelcat_registry.site import escaping, feeds, icon_sprite, samples, views


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (131072, "128k (131,072)"),
        (8192, "8k (8,192)"),
        (1048576, "1M (1,048,576)"),
        (128000, "128k (128,000)"),
        (131000, "131k (131,000)"),
        (1234, "1,234"),
        (None, "—"),
    ],
)
def test_human_tokens_shows_the_round_size_and_the_exact_count(
    count: int | None, shown: str
) -> None:
    assert views.human_tokens(count) == shown


def test_every_state_has_a_meaning() -> None:
    assert set(views.STATE_MEANINGS) == set(State)


@pytest.mark.parametrize(
    ("site_url", "base"),
    [("https://modelcat.github.io/modelcat/", "/modelcat/"), ("https://x.example", "/"),
     ("https://x.example/a/b", "/a/b/")],
)  # fmt: skip
def test_base_path_is_the_path_the_site_is_served_below(site_url: str, base: str) -> None:
    assert views.base_path(site_url) == base


def test_calendar_text_escapes_separators_and_line_breaks() -> None:
    assert feeds.ics_text("a,b;c\\d\nnew") == "a\\,b\\;c\\\\d\\nnew"


def test_calendar_lines_fold_at_75_octets_without_splitting_characters() -> None:
    folded = feeds._fold("SUMMARY:" + "é" * 60)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line.removeprefix(" ") for line in lines) == "SUMMARY:" + "é" * 60


def test_feed_links_are_published_page_urls() -> None:
    assert (
        feeds._page_url("https://h.example/m/", "models/a/b.md")
        == "https://h.example/m/models/a/b/"
    )
    assert feeds._page_url("https://h.example/m/", "index.md") == "https://h.example/m/"


def test_inline_text_leaves_no_markdown_or_html_syntax() -> None:
    text = escaping.inline_text("[x](javascript:alert(1)) <b>*bold*</b> | {: .attr } `code`")
    for character in "[]<>*|{}`":
        assert character not in text
    assert text.startswith("&#91;x&#93;(javascript:alert(1))")


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-26",
        "2024-09",
        "1M (1,048,576)",
        "$0.79",
        "$1,200.5",
        "no limit",
        "—",
        "-5",
        "1e+30",
    ],
)
def test_dates_and_figures_the_site_formats_are_written_as_they_are(text: str) -> None:
    assert str(escaping.computed_text(text)) == text


@pytest.mark.parametrize(
    "text",
    ["- 5", "+ 5", "1. x", "12) x", "---", "1--2", "a<b", "x & y", "`x`", "*a*", "a\nb", "a  b"],
)
def test_text_that_could_be_markup_falls_back_to_character_references(text: str) -> None:
    assert escaping.computed_text(text) == escaping.inline_text(text)


# The site's Markdown, as mkdocs.yml configures it (snippets aside: it reads files).
SITE_MARKDOWN = [
    "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.tabbed",
]  # fmt: skip


# What could begin a line of Markdown, then pieces of dates and figures and of markup.
_LINE_STARTS = ["", "- ", "+ ", "* ", "1. ", "12) ", "---", "+++", "# ", "> ", "===", "~~~"]
_LINE_STARTS += ["```", "!!! ", "??? ", "    ", "-", "1.", "<", "&", "[x]", "--8<-- ", "72"]
_PIECES = ["1", "12", "k", "M", "-", "+", ".", ",", "(", ")", "$", "—", " ", "\n", "*", "#"]
_PIECES += ["=", ">", "!", "?", ":", "~", "_", "[", "]", "`", "<", "&", "2025-03-26"]


@given(
    st.tuples(st.sampled_from(_LINE_STARTS), st.lists(st.sampled_from(_PIECES), max_size=6)).map(
        lambda parts: parts[0] + "".join(parts[1])
    )
)
def test_computed_text_at_the_start_of_a_line_is_one_plain_paragraph(text: str) -> None:
    """Whether written as it is or as character references, the text starts no list, rule,
    heading, code block or markup, and reads as what was given."""
    shown = str(escaping.computed_text(text))
    if not shown:
        return
    folded = " ".join(text.split())
    # Alone on a line, under a line of text (a heading underline?), and followed by more words.
    for source, expected in (
        (f"{shown}\n", folded),
        (f"words\n{shown}\n", f"words\n{folded}"),
        (f"{shown} words\n", f"{folded} words"),
    ):
        rendered = markdown.markdown(source, extensions=SITE_MARKDOWN)
        assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
        inner = rendered.removeprefix("<p>").removesuffix("</p>")
        assert "<" not in inner, rendered
        assert html.unescape(inner) == expected


_TEXT_PIECES = [*_PIECES, "/", ";", "'", '"', "@", "%", "|", "{", "}", "\\", "^", "&amp;"]
_TEXT_PIECES += ["https://x.example/a_b", "<b>", "](javascript:x)", "{: .c }", "--8<--", "word"]


@given(
    st.tuples(
        st.sampled_from(_LINE_STARTS), st.lists(st.sampled_from(_TEXT_PIECES), max_size=8)
    ).map(lambda parts: parts[0] + "".join(parts[1]))
)
def test_inline_text_anywhere_in_a_line_reads_as_what_was_given(text: str) -> None:
    """Catalog text with character references only where it could be markup: alone on a
    line, under one, before and after words, as a list item and in a table cell, it starts no
    construct and reads as the text given (whitespace folded)."""
    shown = str(escaping.inline_text(text))
    folded = " ".join(text.split())
    if not folded:
        return
    for source, wrapper, expected in (
        (f"{shown}\n", "p", folded),
        (f"words\n{shown}\n", "p", f"words\n{folded}"),
        (f"{shown} words\n", "p", f"{folded} words"),
        (f"words {shown}\n", "p", f"words {folded}"),
        (f"- {shown}\n", "li", folded),
        (f"| a |\n| --- |\n| {shown} |\n", "td", folded),
    ):
        rendered = markdown.markdown(source, extensions=SITE_MARKDOWN)
        inner = re.fullmatch(rf"(?s).*<{wrapper}>(.*)</{wrapper}>.*", rendered)
        assert inner is not None, rendered
        assert "<" not in inner[1], rendered
        assert html.unescape(inner[1]) == expected, rendered


def test_inline_text_writes_plain_punctuation_as_it_is() -> None:
    assert escaping.inline_text('Groq "Models" page, 2025-03: see /docs (p. 2); a-b') == (
        "Groq &#34;Models&#34; page, 2025-03: see /docs (p. 2); a-b"
    )
    assert escaping.inline_text("- item") == "&#45; item"
    assert escaping.inline_text("12) x") == "12&#41; x"
    assert escaping.inline_text("2025-03-26 x") == "2025-03-26 x"


def test_links_only_for_https() -> None:
    assert (
        escaping.link("https://example.com/a(b)", "card") == "[card](https://example.com/a%28b%29)"
    )
    assert escaping.link("javascript:alert(1)", "card") == "card"
    assert escaping.link("http://example.com", "card") == "card"


def test_paragraphs_link_bare_https_urls_and_nothing_else() -> None:
    rendered = escaping.paragraphs(
        "See https://example.com/x. Or [y](https://evil.example)\n\nNext"
    )
    assert "[https://example.com/x](https://example.com/x)." in rendered
    # Markdown link syntax stays text; only the bare URL inside it becomes a link.
    assert "&#91;y&#93;([https://evil.example](https://evil.example))" in rendered
    assert rendered.count("\n\n") == 1


def test_code_refuses_what_could_end_a_code_block() -> None:
    assert escaping.code("llama-3.1-8b-instant") == "llama-3.1-8b-instant"
    for bad in ("a`b", "a\nb"):
        with pytest.raises(ValueError, match="refusing"):
            escaping.code(bad)


def test_front_matter_titles_have_no_angle_brackets() -> None:
    assert (
        escaping.front_matter_string("<script>x</script>")
        == '"\\u2039script\\u203ax\\u2039/script\\u203a"'
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Haotian Liu", "haotian-liu"),
        ("HuggingFace", "huggingface"),
        ("<b>", "b"),
        ("日本", "日本"),
        # No letter or digit: a name from the code points, so that "!!!" and "???" get two
        # pages rather than one "unnamed" page for both.
        ("!!!", "u-21-21-21"),
        ("???", "u-3f-3f-3f"),
    ],
)
def test_developer_slugs(name: str, slug: str) -> None:
    assert views.slug(name) == slug


def test_model_source_path_maps_pages_back_to_yaml() -> None:
    assert views.model_source_path("models/groq/a.b.md") == "catalog/groq/models/a.b.yaml"
    assert views.model_source_path("models/groq/openai/x.md") == "catalog/groq/models/openai/x.yaml"
    assert views.model_source_path("developers/meta.md") is None


def test_code_samples_are_highlighted_with_each_value_escaped() -> None:
    html_text = samples.sample_html("chat", "https://api.example.test/v1", "EXAMPLE_KEY", "m<1>&x")
    assert "m&lt;1&gt;&amp;x" in html_text
    assert "<1>" not in html_text
    assert "MCSAMPLE" not in html_text, "every placeholder is replaced"
    assert 'class="language-bash highlight"' in html_text
    assert 'class="language-python highlight"' in html_text
    shown = html.unescape(re.sub(r"<[^>]+>", "", html_text))
    assert "curl https://api.example.test/v1/chat/completions \\\n" in shown
    assert '-H "Authorization: Bearer $EXAMPLE_KEY"' in shown
    assert '"model": "m<1>&x"' in shown
    assert '    model="m<1>&x",\n' in shown, "the Python sample keeps its indentation"
    assert 'api_key=os.environ["EXAMPLE_KEY"]' in shown


def test_transcription_samples_send_the_file_and_the_model() -> None:
    html_text = samples.sample_html("transcription", "https://api.example.test/v1", "K", "w-1")
    shown = html.unescape(re.sub(r"<[^>]+>", "", html_text))
    assert "curl https://api.example.test/v1/audio/transcriptions" in shown
    assert "-F model=w-1 \\\n" in shown
    assert 'transcriptions.create(model="w-1", file=audio)' in shown
    assert re.findall(r"<label for=[^>]+>([^<]+)</label>", html_text) == ["curl", "Python (openai)"]


def test_material_icons_become_references_to_one_sprite() -> None:
    icons = icon_sprite.material_icons()
    assert set(icons) == {"menu", "magnify", "arrow-left", "close"}
    sprite = icon_sprite.sprite(icons)
    for name, icon in icons.items():
        assert f'<symbol id="{name}" viewBox="0 0 24 24">{icon.body}</symbol>' in sprite
    page = f'<label>{icons["magnify"].markup}</label><b>{icons["magnify"].markup}</b><svg x="1"/>'
    assert icon_sprite.use_sprite(page, icons, "../a&b/icons.svg") == (
        '<label><svg viewBox="0 0 24 24"><use href="../a&amp;b/icons.svg#magnify"/></svg></label>'
        '<b><svg viewBox="0 0 24 24"><use href="../a&amp;b/icons.svg#magnify"/></svg></b>'
        '<svg x="1"/>'
    )
