"""Check a provider's `/models` body before anything uses it; pure functions only.

The body comes from a remote server and is untrusted. It is refused, with one sentence saying
what is wrong, when it is larger than MAX_BODY_BYTES, is not UTF-8 JSON, nests deeper than
MAX_DEPTH (checked on the text before parsing, so no recursion limit is ever reached), has an
integer of more than MAX_INTEGER_DIGITS digits, a float that is not finite or is longer than
MAX_FLOAT_CHARS characters, NaN or Infinity, a string with a lone surrogate or a control
character (only tab, CR and LF are allowed; model IDs and `owned_by` must be printable), an
item that is not an object with a string `id`, a duplicate ID, or a compared field of the
wrong type.

Secrets (the API key) are replaced by "***" in every string of the payload, keys included, so
a server echoing the key as a model ID cannot get it printed or used as a file name.
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

# The fields the comparison reads, and the JSON types they may have (null is always allowed).
FIELD_TYPES: dict[str, tuple[type, str]] = {
    "context_window": (int, "a whole number"),
    "max_completion_tokens": (int, "a whole number"),
    "owned_by": (str, "a string"),
    "active": (bool, "true or false"),
}

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
    inside its raw form is covered either way)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def redact_payload(payload: Any, secrets: Iterable[str]) -> Any:
    """A copy of a parsed JSON value with every secret replaced by "***" in every string,
    object keys included. Recursive: meant for values read_models_payload has bounded."""
    wanted = tuple(s for s in secrets if s)
    if not wanted:
        return payload

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return redact_text(value, wanted)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {redact_text(k, wanted): clean(v) for k, v in value.items()}
        return value

    return clean(payload)


def nests_deeper_than(text: str, limit: int) -> bool:
    """Whether the arrays and objects of JSON text nest more than limit levels deep,
    brackets inside strings aside; linear time, no recursion."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= limit:
        return False
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def read_models_payload(
    body: bytes, secrets: Iterable[str] = ()
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The payload (secrets redacted) and its `data` items, or PayloadError saying what is
    wrong with the body."""
    secrets = tuple(s for s in secrets if s)
    if len(body) > MAX_BODY_BYTES:
        raise PayloadError(too_large())
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
            "refusing to parse it (a model list needs 3)"
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
        payload = redact_payload(payload, secrets)
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise PayloadError("the response JSON has no 'data' list (expected the OpenAI list format)")
    items = payload["data"]
    seen: set[str] = set()
    for index, item in enumerate(items):
        _check_item(index, item)
        if item["id"] in seen:
            raise PayloadError(f"the response lists model ID {_shown(item['id'])} twice")
        seen.add(item["id"])
    return payload, items


def too_large(decompressed: bool = False) -> str:
    how = " once decompressed" if decompressed else ""
    return (
        f"the response is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB{how}; "
        "refusing to read it"
    )


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


def _check_item(index: int, item: Any) -> None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        raise PayloadError(f"item {index} of the response's 'data' list has no string 'id'")
    if not item["id"].isprintable():
        unprintable = next(c for c in item["id"] if not c.isprintable())
        raise PayloadError(
            f"item {index} of the response's 'data' list has an 'id' with an unprintable "
            f"character (U+{ord(unprintable):04X}); model IDs never contain one"
        )
    for field, (wanted, described) in FIELD_TYPES.items():
        value = item.get(field)
        if value is None:
            continue
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise PayloadError(
                f"item {index} ({_shown(item['id'])}) of the response's 'data' list has a "
                f"{field!r} of type {_json_type(value)}; expected {described} or null"
            )
        if isinstance(value, str) and not value.isprintable():  # reports print it as it is
            unprintable = next(c for c in value if not c.isprintable())
            raise PayloadError(
                f"item {index} ({_shown(item['id'])}) of the response's 'data' list has a "
                f"{field!r} with an unprintable character (U+{ord(unprintable):04X}); "
                "refusing the list rather than print it"
            )


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list" if isinstance(value, list) else "object"
