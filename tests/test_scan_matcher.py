"""The token boundary rule of scripts/scan/matcher.py, case by case."""

from __future__ import annotations

import pytest

from modelcat_registry.bench.scan import _passes_scan_rule
from modelcat_registry.scan.matcher import Hit, Matcher

IDS = ["llama3-8b-8192", "gpt-oss-120b", "openai/gpt-oss-120b", "llama3-8b-8192-tool-use"]


def found(text: str) -> list[tuple[int, int, str]]:
    return [(h.line, h.column, h.id) for h in Matcher(IDS).hits(text.encode())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('model="llama3-8b-8192"', [(1, 8, "llama3-8b-8192")]),
        ("Use llama3-8b-8192.", [(1, 5, "llama3-8b-8192")]),
        ("llama3-8b-8192", [(1, 1, "llama3-8b-8192")]),
        ("groq/llama3-8b-8192", [(1, 6, "llama3-8b-8192")]),
        ("groq:llama3-8b-8192", [(1, 6, "llama3-8b-8192")]),
        ("(llama3-8b-8192)", [(1, 2, "llama3-8b-8192")]),
        ("models/llama3-8b-8192/", [(1, 8, "llama3-8b-8192")]),
        ("llama3-8b-8192-tool-use", [(1, 1, "llama3-8b-8192-tool-use")]),
        ("openai/gpt-oss-120b", [(1, 1, "openai/gpt-oss-120b")]),
        ("x openai/gpt-oss-120b y gpt-oss-120b",
         [(1, 3, "openai/gpt-oss-120b"), (1, 25, "gpt-oss-120b")]),
    ],
    ids=["quoted", "sentence-end", "alone", "litellm", "pydantic-ai", "parens", "folder-end",
         "longer-id-wins", "slash-id-whole", "both"],
)  # fmt: skip
def test_whole_token_uses_are_found(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "llama3-8b-8192-tool-use-preview",
        "LLAMA3-8B-8192",
        "Llama3-8b-8192",
        "xllama3-8b-8192",
        "llama3-8b-81920",
        "x-llama3-8b-8192",
        "v2.llama3-8b-8192",
        "user@llama3-8b-8192",
        "weights/llama3-8b-8192/config.json",
        "llama3-8b-8192.yaml",
        "llama3-8b-8192_v2",
        "éllama3-8b-8192",
        "llama3-8b-8192ß",
        "llama3-8b-8192-é",
        "openai/gpt-oss-120b-turbo",
    ],
)
def test_look_alikes_are_not_uses(text: str) -> None:
    assert found(text) == []


def test_lines_and_columns_count_characters_after_a_bom_and_crlf() -> None:
    data = "\ufeffa\r\ncafé → llama3-8b-8192\r\n\r\n  gpt-oss-120b\n".encode()
    assert list(Matcher(IDS).hits(data)) == [
        Hit(2, 8, "llama3-8b-8192"),
        Hit(4, 3, "gpt-oss-120b"),
    ]


def test_several_uses_on_one_line_and_invalid_utf8_do_not_shift_columns() -> None:
    data = b"\xff\xfe gpt-oss-120b, llama3-8b-8192\n\xffllama3-8b-8192"
    assert list(Matcher(IDS).hits(data)) == [
        Hit(1, 4, "gpt-oss-120b"),
        Hit(1, 18, "llama3-8b-8192"),
        Hit(2, 2, "llama3-8b-8192"),
    ]


def test_an_empty_id_set_finds_nothing() -> None:
    assert list(Matcher([]).hits(b"llama3-8b-8192")) == []


@pytest.mark.parametrize(
    ("line", "start", "end", "expected"),
    [
        (b'm = "llama3-8b-8192"', 5, 19, True),
        (b"llama3-8b-8192-tool-use-preview", 0, 14, False),
        (b"x-llama3-8b-8192", 2, 16, False),
        (b"groq/llama3-8b-8192.", 5, 19, True),
        (b"models/llama3-8b-8192/config", 7, 21, False),
    ],
)
def test_the_benchmarks_copy_of_the_rule_agrees(
    line: bytes, start: int, end: int, expected: bool
) -> None:
    """The benchmark filters ripgrep's matches with its own copy of the rule."""
    assert _passes_scan_rule(line, start, end) is expected


def surroundings(text: str, ids: list[str] | None = None) -> list[tuple[str, str | None, bool]]:
    return [(h.id, h.prefix, h.whole_value) for h in Matcher(ids or IDS).hits(text.encode())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('model="groq/llama3-8b-8192"', [("llama3-8b-8192", "groq", True)]),
        ("Agent('groq:llama3-8b-8192')", [("llama3-8b-8192", "groq", True)]),
        ("see Together_AI/llama3-8b-8192 here", [("llama3-8b-8192", "together_ai", False)]),
        ('"openrouter/openai/gpt-oss-120b"', [("openai/gpt-oss-120b", "openrouter", True)]),
        ('"openai/gpt-oss-120b"', [("openai/gpt-oss-120b", None, True)]),
        ("model: llama3-8b-8192", [("llama3-8b-8192", None, True)]),
        ("  - model: llama3-8b-8192  # old", [("llama3-8b-8192", None, True)]),
        ("models:\n  - llama3-8b-8192\n", [("llama3-8b-8192", None, True)]),
        ("export GROQ_MODEL=llama3-8b-8192", [("llama3-8b-8192", None, True)]),
        ("model = `llama3-8b-8192`", [("llama3-8b-8192", None, True)]),
        ('"create(model=\\"llama3-8b-8192\\")\\n",', [("llama3-8b-8192", None, True)]),
    ],
    ids=["litellm-quoted", "pydantic-ai", "prefix-lower-cased", "openrouter-vendor-model",
         "slash-id-no-prefix", "yaml-value", "yaml-list-of-maps", "yaml-list-item", "env",
         "backticks", "escaped-in-json"],
)  # fmt: skip
def test_a_hit_says_its_prefix_and_whether_it_is_a_whole_value(
    text: str, expected: list[tuple[str, str | None, bool]]
) -> None:
    assert surroundings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# moved off llama3-8b-8192 last year",
        "# model: llama3-8b-8192",
        "# - llama3-8b-8192",
        "// model: llama3-8b-8192",
        'print("calling llama3-8b-8192 now")',
        "client.create(model=llama3-8b-8192)",
        "model: llama3-8b-8192 or another",
        "- llama3-8b-8192 is the old one",
        "'llama3-8b-8192\"",
        '# MODEL = "llama3-8b-8192"',
        '    // fallback("llama3-8b-8192")',
        '"\\"llama3-8b-8192"',
    ],
    ids=["comment", "commented-key", "commented-item", "slash-comment", "inside-a-sentence",
         "call-argument", "value-with-more", "list-item-prose", "mismatched-quotes",
         "commented-out-string", "commented-out-call", "escaped-quote-unclosed"],
)  # fmt: skip
def test_a_use_in_prose_a_comment_or_an_expression_is_not_a_whole_value(text: str) -> None:
    assert [whole for _, _, whole in surroundings(text)] == [False]
