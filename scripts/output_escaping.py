"""Escaping for every plain-text output kind: terminals, GitHub workflow commands and CSV.

(Markdown and HTML have their own module, `scripts.site.escaping`.) Values that reach these
outputs may come from a stranger's pull request or a remote server: a line break could forge
a second report line or a `::error` workflow command, an escape sequence could rewrite the
terminal, a leading `=` could run as a spreadsheet formula.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, zero-width and bidi controls, line and paragraph separators, BOM.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """text on one line with every control or invisible character shown as an escape."""
    return _UNSAFE.sub(_escaped, str(text))


def github_data(text: str) -> str:
    """A workflow command's message, as the Actions runner expects it; other controls are
    shown escaped so nothing can end the command or hide text."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_safe(escaped)


def github_property(text: str) -> str:
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, message: str, **properties: object) -> str:
    """`::level key=value,...::message`, every part escaped."""
    shown = ",".join(
        f"{key}={github_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return (
        f"::{level} {shown}::{github_data(message)}"
        if shown
        else f"::{level}::{github_data(message)}"
    )


# Anything a spreadsheet may skip before it looks for a formula sign: whitespace (Unicode
# included), controls and the invisible characters of _UNSAFE.
_FORMULA_START = re.compile(
    "^[\\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]*[=+\\-@\uff1d\uff0b\uff0d\uff20]"
)


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text that starts with = + - @ (or
    their full-width forms), possibly after whitespace, control or invisible characters, and
    text that starts with a tab or carriage return, gets a leading apostrophe."""
    if isinstance(value, str) and (_FORMULA_START.match(value) or value[:1] in {"\t", "\r"}):
        return "'" + value
    return value
