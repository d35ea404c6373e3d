"""Check a provider's response body before anything uses it; pure functions only.

The body comes from a remote server and is untrusted. It is refused, with one sentence saying
what is wrong, when it is larger than MAX_BODY_BYTES, is not UTF-8 JSON, nests deeper than
MAX_DEPTH (checked on the text before parsing, so no recursion limit is ever reached), has an
integer of more than MAX_INTEGER_DIGITS digits, a float that is not finite or is longer than
MAX_FLOAT_CHARS characters, NaN or Infinity, or a string with a lone surrogate or a control
character (only tab, CR and LF are allowed). What the list must look like is the dialect's
business (scripts/dialects/).

A body that contains the API key anywhere (a server echoing it as a model ID, say) is refused
whole: rewriting it would change data that may be written, and printing it would leak the key.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_INTEGER_DIGITS = 20  # enough for any 64-bit count of tokens or timestamp
MAX_FLOAT_CHARS = 40
REDACTED = "***"

# A JSON string, or an unterminated one up to the end: it always matches where it starts, so
# the scan stays linear whatever the quotes and backslashes (a pattern that must find the
# closing quote rescans from every later quote of an unterminated string: quadratic).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# Anywhere: lone surrogates, C0 controls but tab/LF/CR, DEL and C1 controls.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_EXCERPT_CHARS = 60


class PayloadError(Exception):
    """The body cannot be used; the message is one sentence for a person."""


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """text with every secret replaced by "***" (longest first, so a secret's stripped form
    inside its raw form is covered either way). For messages only, never for data."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def nests_deeper_than(text: str, limit: int) -> bool:
    """Whether the arrays and objects of JSON text nest more than limit levels deep,
    brackets inside strings aside; linear time, no recursion."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= limit:
        return False
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def read_json(body: bytes, secrets: Iterable[str] = (), limit: int = MAX_BODY_BYTES) -> Any:
    """The parsed body, or PayloadError saying what is wrong with it (a body that holds one of
    the secrets included). limit: the most bytes accepted."""
    secrets = tuple(s for s in secrets if s)
    if len(body) > limit:
        raise PayloadError(too_large(limit=limit))
    try:
        text = body.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as error:
        raise PayloadError(
            f"the response is not JSON (it is not UTF-8: invalid byte at {error.start}; "
            f"it starts with {_excerpt(body, secrets)!r})"
        ) from None
    if nests_deeper_than(text, MAX_DEPTH):
        raise PayloadError(
            f"the response JSON nests arrays or objects more than {MAX_DEPTH} levels deep; "
            "refusing to parse it (a model list needs a handful)"
        )
    try:
        payload = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as error:
        raise PayloadError(
            f"the response is not JSON (JSONDecodeError at byte {error.pos}; "
            f"it starts with {_excerpt(body, secrets)!r})"
        ) from None
    except RecursionError:  # the pre-scan makes this unreachable; kept as a second wall
        raise PayloadError(
            f"the response JSON nests more than {MAX_DEPTH} levels deep; refusing to parse it"
        ) from None
    if _check_strings(payload, secrets):
        raise PayloadError(
            "the response contains the API key itself; refusing the list rather than print, "
            "store or record anything from it (is a proxy echoing requests?)"
        )
    return payload


def too_large(decompressed: bool = False, limit: int = MAX_BODY_BYTES) -> str:
    how = " once decompressed" if decompressed else ""
    return f"the response is larger than {limit // (1024 * 1024)} MiB{how}; refusing to read it"


def _excerpt(body: bytes, secrets: tuple[str, ...]) -> str:
    longest = max((len(s) for s in secrets), default=0)
    start = body[: _EXCERPT_CHARS + longest].decode("utf-8", "replace")
    return redact_text(start, secrets)[:_EXCERPT_CHARS].strip().replace("\n", " ")


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise PayloadError(
            f"the response has a {digits}-digit number (at most {MAX_INTEGER_DIGITS} are "
            "accepted); refusing the list"
        )
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text) if len(text) <= MAX_FLOAT_CHARS else math.nan
    if not math.isfinite(value):
        raise PayloadError(
            f"the response has the number {text[:20]}{'...' if len(text) > 20 else ''}, which "
            "is too long or out of range; refusing the list"
        )
    return value


def _parse_constant(name: str) -> Any:
    raise PayloadError(f"the response has {name}, which is not valid JSON; refusing the list")


def _check_strings(payload: Any, secrets: tuple[str, ...]) -> bool:
    """PayloadError at the first string (key or value) with a lone surrogate or a control
    character other than tab, LF and CR; otherwise whether any string holds a secret."""
    holds_secret = False
    for text in _strings(payload):
        if _BAD_TEXT.search(text):
            _locate_bad_string(payload, "")  # raises, naming where the string is
            raise PayloadError("the response has a string that cannot be printed safely")
        holds_secret = holds_secret or any(secret in text for secret in secrets)
    return holds_secret


def _strings(value: Any) -> Iterable[str]:
    """Every string in a JSON value, object keys included; iterative."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            yield from value
            stack.extend(value.values())


def _locate_bad_string(value: Any, where: str) -> None:
    if isinstance(value, str):
        _check_text(value, where or "the top level")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _locate_bad_string(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, f"a key of {where or 'the top level'}")
            _locate_bad_string(item, f"{where}.{_key_text(key)}" if where else _key_text(key))


def _check_text(text: str, where: str) -> None:
    bad = _BAD_TEXT.search(text)
    if bad is None:
        return
    character = ord(bad.group())
    what = (
        "a lone surrogate, which is not valid Unicode"
        if 0xD800 <= character <= 0xDFFF
        else "a control character"
    )
    raise PayloadError(
        f"the response has {what} (U+{character:04X}) in {where[:80]}; refusing the list "
        "rather than print or write it"
    )


def _key_text(key: str) -> str:
    return key if key.isidentifier() else _shown(key)


def _shown(text: str) -> str:
    """A remote string for a message: quoted, escaped, and cut to a readable length."""
    return repr(text[:80]) + ("..." if len(text) > 80 else "")
