"""Make catalog text inert wherever it lands in Markdown or HTML.

Every character that starts Markdown or HTML in the middle of a line becomes a numeric
character reference, and so does the first mark of the text, which could start a list, a rule
or a block at the start of one: Markdown no longer sees link brackets, emphasis, table pipes,
attribute lists or raw HTML in it, and HTML shows the same characters. Only https:// URLs
become links.
"""

from __future__ import annotations

import json
import re
import string
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

# Anywhere in a line: links and images, emphasis, code, raw HTML and character references,
# table cells, attribute lists, admonition and tab marks, backslash escapes, and quotes (the
# same text lands in HTML attribute values). The other marks (- + . , : ; / ( ) ? ...) start
# nothing in the middle of a line of the site's Markdown (mkdocs.yml's extensions).
_ACTIVE = "\\`*_{}[]<>&!|~^=#\"'"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _ACTIVE}
# At the start of a line any mark may begin a block ("- ", "+ ", "---", "??? ", ": "), and
# digits before "." or ")" an ordered list ("1. ", "12) "): that mark becomes a reference too.
_PUNCTUATION = re.escape(string.punctuation)
_LINE_START_MARK = re.compile(rf"\d+(?=[.)])|(?=[{_PUNCTUATION}])")
_WHITESPACE = re.compile(r"\s+")
_HTTPS_URL = re.compile(r"https://[^\s<>\"'`]+")
_URL_TRAILING_PUNCTUATION = ".,;:!?"
# Characters left alone inside a link target; everything else is percent-encoded.
_URL_SAFE = "/:?#[]@!$&*+,;=%-._~"


def inline_text(value: object) -> Markup:
    """One line of inert text: whitespace folded, punctuation as character references."""
    return _inline_text(str(value))


# The same names, dates and titles recur on thousands of pages: escape each once.
@lru_cache(maxsize=1 << 16)
def _inline_text(text: str) -> Markup:
    line = _WHITESPACE.sub(" ", text).strip()
    return Markup(_inert(line, line_start=True))  # noqa: S704 (escaped by _inert)


def _inert(line: str, line_start: bool) -> str:
    """One line of text (whitespace already folded) as references where it could be markup;
    line_start when it may begin a line of Markdown."""
    mark = _LINE_START_MARK.match(line) if line_start else None
    if mark is None:
        return line.translate(_ENTITIES)
    at = mark.end()
    return f"{line[:at]}&#{ord(line[at])};{line[at + 1 :].translate(_ENTITIES)}"


# What the site formats itself from numbers and dates ("1M (1,048,576)", "$0.79 in / $1 out",
# "no limit", "2025-03-26"): letters, digits, single spaces and marks that start no Markdown or HTML
# construct in the middle of a line, nor at its start: no list marker ("- ", "1. ", or "72."
# that a template follows with a space), no lone "-" or "+" and no run of them (a rule or a
# heading underline). Such text needs no character references, which would triple the bytes of
# every date and figure on thousands of pages.
_COMPUTED_WORD = r"[0-9A-Za-z,.;/()$+\-\u2014]+"
_COMPUTED_TEXT = re.compile(
    rf"(?![-+]( |$)|\d+[.)]( |$)|.*[-+]{{2}}){_COMPUTED_WORD}(?: {_COMPUTED_WORD})*"
)


def computed_text(value: object) -> Markup:
    """A date or figure the site formatted itself, as it is; anything else as inline_text."""
    return _computed_text(str(value))


@lru_cache(maxsize=1 << 16)
def _computed_text(text: str) -> Markup:
    if _COMPUTED_TEXT.fullmatch(text):
        return Markup(text)  # noqa: S704 (only characters inert in Markdown and HTML)
    return _inline_text(text)


def front_matter_string(value: object) -> Markup:
    """A page title for YAML front matter, with no '<' or '>' at all, as an ASCII YAML
    double-quoted string.

    Some engines put the title into <title> unescaped, where '</title>' would end it; angle
    brackets become look-alike quotation marks instead. Every character from DEL up is an
    escape: one beyond U+FFFF (an emoji) as YAML's \\UXXXXXXXX, never as JSON's surrogate
    pair, which libyaml (MkDocs' front-matter reader) refuses, losing the whole front matter.
    """
    text = _WHITESPACE.sub(" ", str(value)).strip().replace("<", "\u2039").replace(">", "\u203a")
    quoted = json.dumps(text, ensure_ascii=False)  # quotes, backslashes and controls escaped
    return Markup("".join(map(_yaml_ascii, quoted)))  # noqa: S704 (a quoted string, <> replaced)


def _yaml_ascii(char: str) -> str:
    if char < "\x7f":
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe_url(value: object) -> str | None:
    """The URL made safe to put in a link target, or None unless it is https://."""
    url = str(value).strip()
    if not url.lower().startswith("https://"):
        return None
    return quote(url, safe=_URL_SAFE).replace("(", "%28").replace(")", "%29")


def link(url: object, text: object) -> Markup:
    """A Markdown link to an https URL; other schemes render as plain text."""
    target = safe_url(url)
    if target is None:
        return inline_text(text)
    return Markup(f"[{inline_text(text)}]({target})")  # noqa: S704 (escaped text, checked URL)


def paragraphs(value: object) -> Markup:
    """Multi-paragraph plain text: inert, with bare https URLs turned into links."""
    blocks = [b for b in re.split(r"\n\s*\n", str(value)) if b.strip()]
    return Markup("\n\n".join(_autolink(block) for block in blocks))  # noqa: S704 (escaped)


def _autolink(block: str) -> str:
    line = _WHITESPACE.sub(" ", block).strip()
    parts: list[str] = []
    position = 0
    for match in _HTTPS_URL.finditer(line):
        url = _trim_url(match.group())
        parts.append(_inert(line[position : match.start()], line_start=position == 0))
        parts.append(link(url, url))
        position = match.start() + len(url)
    parts.append(_inert(line[position:], line_start=position == 0))
    return "".join(parts)


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, and a ')' that closes a parenthesis around it."""
    while url:
        closes_outer = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] in _URL_TRAILING_PUNCTUATION or closes_outer:
            url = url[:-1]
        else:
            return url
    return url


def breakable_id(value: object) -> Markup:
    """A model ID for a raw HTML block (where Markdown is not read): HTML-escaped, with a
    line-break opportunity after each '/' (<wbr> adds nothing when the text is copied). An ID
    of several parts has each in a <span>, which the stylesheet keeps whole where a line is
    long enough for any part (a model card on a phone)."""
    parts = str(value).split("/")
    if len(parts) == 1:
        return escape(parts[0])
    last = len(parts) - 1
    return Markup("<wbr>").join(
        Markup("<span>{}{}</span>").format(part, "/" if index < last else "")
        for index, part in enumerate(parts)
    )


def code(value: object) -> Markup:
    """Text for a code span or fenced block, where character references would show literally.

    Only values the schema restricts (IDs, https base URLs) go here; a backtick or a line
    break could end the code block, so they are refused rather than escaped.
    """
    text = str(value)
    if "`" in text or "\n" in text or "\r" in text:
        raise ValueError(f"refusing to place {text!r} in a code block")
    return Markup(text)  # noqa: S704 (no backtick or line break: inert in a code span)
