"""The pieces that judge what a provider sends, one by one: the payload checks, the key
echoed in a body, Retry-After, redirect targets, the key, and the last wall around every
provider's check."""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcat_registry.dialects import Listing, dialect_for
from modelcat_registry.drift import sync as sync_module
from modelcat_registry.drift.capture import CaptureError, Page, listings_of
from modelcat_registry.drift.fetch import (
    MIN_KEY_LENGTH,
    RETRY_AFTER_CEILING_SECONDS,
    FetchError,
    _redirect_target,
    credentials_from,
    redact,
    retry_after_seconds,
)
from modelcat_registry.drift.payload import MAX_DEPTH, PayloadError, read_json
from modelcat_registry.drift.sync import SyncOptions, check_all
from modelcat_registry.valid_catalog import load_valid_catalog
from tests.drift_helpers import API_KEY, AS_OF_DAY, ENV

NOW = 1_700_000_000.0


def models(*items: dict[str, Any]) -> bytes:
    return json.dumps({"object": "list", "data": list(items)}).encode()


def parse(body: bytes, secrets: tuple[str, ...] = ()) -> tuple[Any, tuple[Listing, ...]]:
    """The body as sync reads a GroqCloud list: bounded JSON, then the dialect's entries."""
    payload = read_json(body, secrets)
    return payload, listings_of(dialect_for("groq"), [Page(payload, "0" * 64)])


def refusal(body: bytes, secrets: tuple[str, ...] = ()) -> str:
    with pytest.raises((PayloadError, CaptureError)) as caught:
        parse(body, secrets)
    return str(caught.value)


# -- payload checks ------------------------------------------------------------------------


def test_a_groq_like_list_passes_unchanged() -> None:
    item = {"id": "llama3-8b-8192", "owned_by": "Meta \U0001f999", "context_window": 8192}
    item["description"] = "line one\nline two\ttabbed"
    payload, listings = parse(models(item))
    assert payload == {"object": "list", "data": [item]}
    assert [(x.id, dict(x.facts)) for x in listings] == [
        ("llama3-8b-8192", {"owner": "Meta \U0001f999", "context_window": 8192})
    ]


def test_nesting_100000_deep_is_refused_without_recursion() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert refusal(deep).startswith(f"the response JSON nests arrays or objects more than {64}")
    inside = b'{"data": [{"id": "a", "x": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}]}"
    assert "nests arrays or objects more than" in refusal(inside)


def test_the_nesting_prescan_stays_linear_on_unterminated_strings() -> None:
    started = time.monotonic()
    assert refusal(b'"' + b'\\"' * 100_000).startswith("the response is not JSON")
    assert refusal(b'["' + b'\\"' * 100_000 + b"\\").startswith("the response is not JSON")
    assert time.monotonic() - started < 2, "a quadratic scan takes minutes here"


def test_nesting_up_to_the_bound_is_accepted_and_brackets_in_strings_do_not_count() -> None:
    nested: Any = 1
    for _ in range(MAX_DEPTH - 3):
        nested = [nested]
    parse(models({"id": "a", "x": nested, "y": "[[[[{{{{" * 1000}))
    assert "nests" in refusal(models({"id": "a", "x": [nested]}))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (b"9" * 5000, "the response has a 5000-digit number (at most 20 are accepted)"),
        (b"-" + b"1" * 21, "the response has a 21-digit number"),
        (b"1e999", "the response has the number 1e999, which is too long or out of range"),
        (b"-1e400", "the response has the number -1e400, which"),
        (b"0." + b"1" * 5000, "the response has the number 0.111111111111111111..., which"),
        (b"NaN", "the response has NaN, which is not valid JSON"),
        (b"Infinity", "the response has Infinity, which is not valid JSON"),
    ],
)
def test_huge_or_non_finite_numbers_are_refused(number: bytes, expected: str) -> None:
    assert refusal(b'{"data": [{"id": "a", "created": ' + number + b"}]}").startswith(expected)


def test_numbers_within_the_bounds_are_kept() -> None:
    body = b'{"data": [{"id": "a", "created": 18446744073709551615, "x": -1.5e300}]}'
    assert parse(body)[0]["data"][0]["created"] == 2**64 - 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            b'{"data": [{"id": "a\\ud800"}]}',
            "a lone surrogate, which is not valid Unicode (U+D800)",
        ),
        (b'{"data": [{"id": "a", "owned_by": "\\udc00x"}]}', "(U+DC00) in data[0].owned_by"),
        (b'{"data": [{"id": "a", "\\udfff": 1}]}', "(U+DFFF) in a key of data[0]"),
        (b'{"data": [{"id": "a", "x": ["\\u0007"]}]}', "a control character (U+0007) in data"),
        (b'{"data": [{"id": "a", "owned_by": "\\u009b31m"}]}', "a control character (U+009B)"),
        (b'{"data": [{"id": "a", "owned_by": "\x7f"}]}', "a control character (U+007F)"),
        (b'{"data": [{"id": "a\\tb"}]}', "has an ID with an unprintable character (U+0009)"),
        (b'{"data": [{"id": "a\\u202eb"}]}', "has an ID with an unprintable character (U+202E)"),
    ],
)
def test_strings_that_cannot_be_printed_safely_are_refused(body: bytes, expected: str) -> None:
    error = refusal(body)
    assert expected in error
    assert error.endswith("; refusing the list rather than print or write it") or " ID " in error


def test_a_valid_surrogate_pair_is_one_character_and_accepted() -> None:
    [item] = parse(b'{"data": [{"id": "a", "owned_by": "\\ud83d\\ude00"}]}')[1]
    assert item.facts["owner"] == "\U0001f600"


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("context_window", "8192", "context_window"),
        ("context_window", 8192.0, "context_window"),
        ("max_completion_tokens", True, "max_output_tokens"),
        ("owned_by", ["Meta"], "owner"),
        ("active", "yes", "available"),
        ("owned_by", "Meta\r| row |", "owner"),
    ],
)
def test_compared_fields_of_the_wrong_type_or_unprintable_are_refused_not_recorded(
    field: str, value: Any, refused: str
) -> None:
    [listing] = parse(models({"id": "m", field: value}))[1]
    assert refused in listing.refused and refused not in listing.facts


def test_a_utf8_bom_is_accepted_and_other_encodings_are_not() -> None:
    body = models({"id": "a"})
    assert [x.id for x in parse(b"\xef\xbb\xbf" + body)[1]] == ["a"]
    assert refusal(body.decode().encode("utf-16")).startswith(
        "the response is not JSON (it is not UTF-8: invalid byte at 0"
    )


def test_long_remote_text_is_cut_in_messages() -> None:
    long_id = "x" * 10_000
    assert len(refusal(models({"id": long_id}, {"id": long_id}))) < 200


# -- redaction -----------------------------------------------------------------------------


def test_a_body_that_echoes_the_key_is_refused_whole_and_never_rewritten() -> None:
    """Rewriting the key inside the data would change what is written (a short key would
    rewrite field names): the list is refused instead."""
    for body in (
        models({"id": API_KEY, "owned_by": "x"}),
        models({"id": "a", "owned_by": f"by {API_KEY}!"}),
        json.dumps({"data": [{"id": "a"}], f"k{API_KEY}": 1}).encode(),
    ):
        error = refusal(body, (API_KEY,))
        assert error.startswith("the response contains the API key itself; refusing the list")
        assert API_KEY not in error


def test_an_excerpt_never_shows_part_of_the_key() -> None:
    body = b"x" * 50 + API_KEY.encode() + b" <html>"
    error = refusal(body, (API_KEY,))
    assert API_KEY[:10] not in error
    assert "***" in error


# -- fuzzing: whatever arrives, the parser returns or raises FetchError --------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=())),  # lone surrogates included
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.text(st.characters(exclude_categories=()), max_size=8), children, max_size=5
        )
    ),
    max_leaves=30,
)
items = st.fixed_dictionaries(
    {"id": st.text(st.characters(exclude_categories=()), max_size=12) | json_values},
    optional={
        "owned_by": json_values,
        "context_window": json_values,
        "max_completion_tokens": json_values,
        "active": json_values,
    },
)
list_payloads = st.fixed_dictionaries({"data": st.lists(items | json_values, max_size=6)})


def assert_parses_or_refuses(body: bytes) -> None:
    try:
        payload, listings = parse(body, (API_KEY,))
    except (PayloadError, CaptureError) as error:
        message = str(error)
        assert message and "\n" not in message
        message.encode("utf-8")  # printable and writable
        return
    text = json.dumps(payload, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates left to crash printing or writing
    assert API_KEY not in text
    assert all(x.id.isprintable() for x in listings)


@settings(max_examples=300, deadline=None)
@given(json_values | list_payloads)
def test_any_json_value_is_parsed_or_refused_in_one_sentence(value: Any) -> None:
    assert_parses_or_refuses(json.dumps(value).encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_parsed_or_refused_in_one_sentence(body: bytes) -> None:
    assert_parses_or_refuses(body)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["[", "]", "{", "}", '"', "\\", ",", ":", "1", "x"]), max_size=200))
def test_bracket_soup_is_parsed_or_refused_in_one_sentence(pieces: list[str]) -> None:
    assert_parses_or_refuses(("".join(pieces)).encode())


# -- redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "location", "followed"),
    [
        ("https://api.x.com/v1/models", "/v2/models", "https://api.x.com/v2/models"),
        ("https://api.x.com/v1/models", "models?p=2", "https://api.x.com/v1/models?p=2"),
        ("https://api.x.com/v1/models", "https://API.X.COM:443/v1/m", "https://api.x.com/v1/m"),
        ("https://api.x.com/v1/models", "http://api.x.com/v1/models", None),
        ("http://127.0.0.1:8000/models", "https://127.0.0.1:8000/models", None),
        ("https://api.x.com/v1/models", "https://api.x.com:8443/v1/models", None),
        ("https://api.x.com/v1/models", "//evil.example/v1/models", None),
        ("https://api.x.com/v1/models", "https://api.x.com.evil.example/", None),
        ("https://api.x.com/v1/models", "javascript:alert(1)", None),
        ("https://api.x.com/v1/models", "https://[::1", "invalid"),
    ],
)
def test_only_same_origin_redirects_are_followed(
    current: str, location: str, followed: str | None
) -> None:
    if followed is None:
        with pytest.raises(FetchError, match=r"redirected to another origin .*refusing to follow"):
            _redirect_target(httpx.URL(current), location)
    elif followed == "invalid":
        with pytest.raises(FetchError, match="redirected to an invalid URL"):
            _redirect_target(httpx.URL(current), location)
    else:
        assert _redirect_target(httpx.URL(current), location) == httpx.URL(followed)


# -- Retry-After ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0.0),
        ("7", 7.0),
        (" 30 ", 30.0),
        ("99999999999999999999", RETRY_AFTER_CEILING_SECONDS),
        ("9" * 5000, RETRY_AFTER_CEILING_SECONDS),
        ("-5", None),
        ("+5", None),
        ("1e9", None),
        ("1.5", None),
        ("soon", None),
        ("\u00b2", None),  # superscript two: isdigit() but not a number float() reads
        ("\uff11\uff12", None),  # full-width digits: not the ASCII DIGIT of RFC 9110
        ("", None),
        (None, None),
    ],
)
def test_retry_after_delta_seconds_never_crashes(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (email.utils.formatdate(NOW + 30, usegmt=True), 30.0),
        (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", RETRY_AFTER_CEILING_SECONDS),
        ("Mon, 01 Jan 0001 00:00:00 GMT", 0.0),
        ("Tue, 14 Nov 2023 22:13:50 -0000", 30.0),  # no zone claimed: read as UTC
        ("Tue, 14 Nov 2023 23:13:50 +0100", 30.0),
        ("Tue, 14 Nov 99999 22:13:50 GMT", None),
        ("Mon, 99 Foo 2024 99:99:99 GMT", None),
        ("Tue, 14 Nov 2023 25:61:61 GMT", None),
        ("Tue, 14 Nov", None),
    ],
)
def test_retry_after_http_date_never_crashes(value: str, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


@given(st.text())
def test_retry_after_of_any_text_is_a_bounded_wait_or_none(value: str) -> None:
    seconds = retry_after_seconds(value, now=NOW)
    assert seconds is None or 0.0 <= seconds <= RETRY_AFTER_CEILING_SECONDS


# -- the key -------------------------------------------------------------------------------


def test_redact_covers_the_key_as_set_and_stripped() -> None:
    assert redact(f"a {API_KEY} b", f"  {API_KEY}\n") == "a *** b"
    assert redact(f"a  {API_KEY}\n", f"  {API_KEY}\n") == "a***"
    assert redact("nothing", None) == "nothing"


def test_a_key_too_short_to_keep_out_of_reports_is_refused() -> None:
    for value in ("x", "sk-1", "a" * (MIN_KEY_LENGTH - 1)):
        with pytest.raises(FetchError) as caught:
            credentials_from("GROQ_API_KEY", value, "GroqCloud")
        assert "too short to be an API key" in str(caught.value)
        assert "GROQ_API_KEY is" in str(caught.value)
    assert credentials_from("GROQ_API_KEY", "a" * MIN_KEY_LENGTH, "GroqCloud").key


def test_the_key_is_stripped_and_anything_else_inside_it_refused() -> None:
    credentials = credentials_from("GROQ_API_KEY", f"\t{API_KEY} \r\n", "GroqCloud")
    assert credentials.key == API_KEY
    assert API_KEY not in repr(credentials)
    assert set(credentials.secrets) == {f"\t{API_KEY} \r\n", API_KEY}
    for value in (f"{API_KEY[:5]} {API_KEY[5:]}", f"{API_KEY}\x00", f"{API_KEY}\u2028x"):
        with pytest.raises(FetchError) as caught:
            credentials_from("GROQ_API_KEY", value, "GroqCloud")
        assert str(caught.value).startswith("GROQ_API_KEY holds more than an API key")
        assert API_KEY[:5] not in str(caught.value)


# -- the last wall -------------------------------------------------------------------------


def test_an_unexpected_exception_becomes_one_sentence_without_the_key(
    drift_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_fetch(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError(f"internal detail with the key {API_KEY}")

    monkeypatch.setattr(sync_module, "fetch_list", broken_fetch)
    _, catalog = load_valid_catalog(drift_catalog)
    assert catalog is not None
    options = SyncOptions(providers=["groq"], as_of=AS_OF_DAY, base_url="http://127.0.0.1:9/v1")
    [result] = asyncio.run(check_all(catalog, options, ENV))
    assert result.drift.checked is False
    assert result.drift.error == (
        "unexpected error while checking: RuntimeError; nothing was compared (please report "
        "this as a modelcat bug)"
    )
