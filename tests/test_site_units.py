"""The pure pieces behind the pages: token formatting, escaping, links, slugs."""

from __future__ import annotations

import pytest

from scripts.catalog import STATUSES
from scripts.site import escaping, views


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


def test_every_status_has_a_label_and_a_meaning() -> None:
    assert set(views.STATUS_INFO) == set(STATUSES)
    assert all(info.meaning.endswith(".") for info in views.STATUS_INFO.values())


def test_inline_text_leaves_no_markdown_or_html_syntax() -> None:
    text = escaping.inline_text("[x](javascript:alert(1)) <b>*bold*</b> | {: .attr } `code`")
    for character in "[]()<>*|{}`:":
        assert character not in text
    assert text.startswith("&#91;x&#93;")


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
    assert "[https&#58;&#47;&#47;example&#46;com&#47;x](https://example.com/x)&#46;" in rendered
    # Markdown link syntax stays text; only the bare URL inside it becomes a link.
    assert (
        "&#91;y&#93;&#40;[https&#58;&#47;&#47;evil&#46;example](https://evil.example)&#41;"
        in rendered
    )
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
        ("!!!", "unnamed"),
    ],
)
def test_developer_slugs(name: str, slug: str) -> None:
    assert views.slug(name) == slug


def test_model_source_path_maps_pages_back_to_yaml() -> None:
    assert views.model_source_path("models/groq/a.b.md") == "catalog/groq/models/a.b.yaml"
    assert views.model_source_path("models/groq/openai/x.md") == "catalog/groq/models/openai/x.yaml"
    assert views.model_source_path("developers/meta.md") is None
