"""Find catalog model IDs as whole tokens in a file's bytes, in one pass.

The pass is an Aho-Corasick automaton over the raw bytes (ahocorasick-rs: the Rust
`aho-corasick` crate that ripgrep uses), so a file with no ID in it
is never decoded. Only the few places where an ID occurs are checked against the rule below.

The boundary rule, exact and case-sensitive (a case variant is not a use):

- a word character is a letter or digit (Unicode, as ripgrep's `-w` means it) or `_`;
- before an ID: the start of the text, or a character that is neither a word character nor
  one of `. + @ -` (those glue it to a longer name: `x-llama3-8b-8192`). `/` and `:` may come
  before an ID, so that `groq/llama3-70b-8192` (LiteLLM) and `groq:llama3-70b-8192`
  (pydantic-ai) are uses of `llama3-70b-8192`;
- after an ID: the end of the text, or a character that is not a word character and, when it
  is one of `- . : @ + /`, is not followed by a word character. So `llama3-8b-8192.` ending a
  sentence is a use, `llama3-8b-8192-tool-use-preview` and `models/llama3-8b-8192/config` are
  not uses of `llama3-8b-8192`;
- an ID found inside a longer ID that is also found there (`gpt-oss-120b` inside
  `openai/gpt-oss-120b`) is not reported: the longer ID is the use.

Lines and columns are 1-based; columns count characters (code points) of the UTF-8 text,
not bytes, and a UTF-8 byte order mark is not counted.

Each hit also says what surrounds it, for the judge to use: the `prefix` written before it
with `/` or `:` (`groq` in `groq/llama3-70b-8192`, `openrouter` in
`openrouter/anthropic/claude-sonnet-4.5`), and whether the ID (with its prefix) is a whole
value: a quoted string (`"ada"`, `'gpt-4'`) or the value of a `key: value` / `KEY=value`
line or of a YAML list item (`- gpt-4`), and not inside an identifier, prose or a line that
starts with `#` or `//` (a comment, quoted values in it included).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick_rs

_WORD_ASCII = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_LEFT_GLUE = frozenset(b".+@-")
_JOINERS = frozenset(b"-.:@+/")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Hit:
    """One use of an ID: its 1-based line and column in characters."""

    line: int
    column: int
    id: str
    prefix: str | None = None  # written before it with '/' or ':', lower-cased
    whole_value: bool = False  # a quoted string or the value of a key: value line


_PREFIX_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_QUOTES = frozenset(b"\"'`")
_KEY_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_LINE_COMMENTS = (b"#", b"//")
_BACKSLASH = ord("\\")


def prefix_before(data: bytes, start: int) -> tuple[str | None, int]:
    """The token written before an ID with '/' or ':', and where the two begin."""
    if start == 0 or data[start - 1] not in b"/:":
        return None, start
    begin = start - 1
    while begin > 0 and data[begin - 1] in _PREFIX_CHARS and start - begin < 40:
        begin -= 1
    token = data[begin : start - 1]
    if not token:
        return None, start
    return token.decode("ascii").lower(), begin


def is_whole_value(data: bytes, start: int, end: int) -> bool:
    """Whether data[start:end] is a quoted string, or the whole value of a `key: value` or
    `KEY=value` line or of a YAML list item `- value` (a comment may follow it)."""
    line_start = data.rfind(b"\n", 0, start) + 1
    head = data[line_start:start].strip()
    if head.startswith(_LINE_COMMENTS):  # a commented-out line is a comment
        return False
    before = data[start - 1] if start > 0 else None
    after = data[end] if end < len(data) else None
    if before in _QUOTES:
        # Inside a JSON string (a notebook's code cell), the quotes are escaped: \"gpt-4\"
        escaped = start > 1 and data[start - 2] == _BACKSLASH
        return data[end : end + 2] == bytes((_BACKSLASH, before)) if escaped else after == before
    line_end = data.find(b"\n", end)
    tail = data[end : len(data) if line_end == -1 else line_end].strip()
    if tail and not tail.startswith(b"#"):
        return False
    if head == b"-":
        return True
    if not head or head[-1:] not in (b":", b"=") or head.lstrip(b"-").strip()[:1] == b"#":
        return False
    key = head[:-1].strip().lstrip(b"-").strip().removeprefix(b"export ").strip()
    return bool(key) and all(byte in _KEY_CHARS for byte in key)


def _char_after(data: bytes, index: int) -> str:
    return data[index : index + 4].decode("utf-8", "ignore")[:1]


def _char_before(data: bytes, index: int) -> str:
    start = index - 1
    while start > 0 and index - start < 4 and 0x80 <= data[start] < 0xC0:
        start -= 1
    return data[start:index].decode("utf-8", "ignore")[-1:]


def _is_word_at(data: bytes, index: int, before: bool) -> bool:
    byte = data[index - 1] if before else data[index]
    if byte < 0x80:
        return byte in _WORD_ASCII
    character = _char_before(data, index) if before else _char_after(data, index)
    return character.isalnum()


def _left_ok(data: bytes, start: int) -> bool:
    if start == 0:
        return True
    return data[start - 1] not in _LEFT_GLUE and not _is_word_at(data, start, before=True)


def _right_ok(data: bytes, end: int) -> bool:
    if end >= len(data):
        return True
    if _is_word_at(data, end, before=False):
        return False
    glued = data[end] in _JOINERS and end + 1 < len(data)
    return not (glued and _is_word_at(data, end + 1, before=False))


class Matcher:
    """Every ID of a set, found as a whole token."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = sorted({model_id for model_id in ids if model_id})
        # A full DFA: measured twice as fast as the default on source text, where the IDs'
        # first letters are too common for the prefilter to skip much; its size grows with
        # the total length of the IDs (a few MB for thousands).
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                [model_id.encode() for model_id in self._ids],
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if self._ids
            else None
        )

    def spans(self, data: bytes) -> list[tuple[int, int, str]]:
        """(start, end, id) of each whole-token use, as byte offsets, in order."""
        if self._automaton is None:
            return []
        accepted = [
            (start, end, self._ids[index])
            for index, start, end in self._automaton.find_matches_as_indexes(data, overlapping=True)
            if _right_ok(data, end) and _left_ok(data, start)
        ]
        if len(accepted) < 2:
            return accepted
        # Longest first at each start, so a shorter ID inside a longer one is dropped.
        accepted.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int, str]] = []
        reach = -1
        for span in accepted:
            if span[1] <= reach:
                continue
            kept.append(span)
            reach = span[1]
        return kept

    def hits(self, data: bytes) -> Iterator[Hit]:
        """Each use with its line and column."""
        line = 1
        line_start = len(_BOM) if data.startswith(_BOM) else 0
        scanned = 0
        for start, end, model_id in self.spans(data):
            newlines = data.count(b"\n", scanned, start)
            if newlines:
                line += newlines
                line_start = data.rfind(b"\n", scanned, start) + 1
            scanned = start
            column = len(data[line_start:start].decode("utf-8", "replace")) + 1
            prefix, begin = prefix_before(data, start)
            yield Hit(line, column, model_id, prefix, is_whole_value(data, begin, end))
