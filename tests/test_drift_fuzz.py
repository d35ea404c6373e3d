"""Whatever a server sends, `sync` ends in exit 0, 1 or 2 with a JSON report: never a
traceback, never the key. Each example is a real `sync` process against a loopback server,
so the examples are few."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from modelcat_registry.drift.fetch import retry_after_seconds
from modelcat_registry.loopback_provider import LoopbackProvider, Reply
from tests.drift_helpers import sync
from tests.test_drift_payload import list_payloads

END_TO_END = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CODINGS = [None, "identity", "gzip", "deflate", "x-gzip", "gzip, gzip", "br", "gzip, deflate"]
COMPRESS = {"gzip": gzip.compress, "x-gzip": gzip.compress, "deflate": zlib.compress}

header_names = st.sampled_from(
    ["Content-Encoding", "Content-Type", "Retry-After", "Location", "Cache-Control", "Vary"]
) | st.from_regex(r"\AX-[A-Za-z0-9-]{1,20}\Z")
visible = st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.characters(
    min_codepoint=0xA0, max_codepoint=0xFF
)
header_values = (
    st.text(visible, max_size=40).map(str.strip)
    | st.sampled_from(["gzip", "deflate", "br", "/openai/v1/models", "http://[::1", "0", "1e9"])
    | st.integers(min_value=-(10**30), max_value=10**30).map(str)
)


def assert_one_sentence_or_a_report(catalog: Path, server: LoopbackProvider) -> None:
    result = sync(catalog, server.base_url, "--format", "json", "--timeout", "5")
    assert result.returncode in (0, 1, 2), result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    if result.returncode == 2:
        assert provider["checked"] is False
        assert provider["error"] and "\n" not in provider["error"]
    else:
        assert provider["checked"] is True


@END_TO_END
@given(
    body=st.binary(max_size=600) | list_payloads.map(lambda value: json.dumps(value).encode()),
    coding=st.sampled_from(CODINGS),
    compress=st.booleans(),
)
def test_any_body_ends_in_exit_0_1_or_2_without_a_traceback(
    drift_catalog: Path, groq: LoopbackProvider, body: bytes, coding: str | None, compress: bool
) -> None:
    groq.replies.clear()
    if compress and coding in COMPRESS:
        body = COMPRESS[coding](body)
    groq.queue(Reply(200, body, {"Content-Encoding": coding} if coding else {}))
    assert_one_sentence_or_a_report(drift_catalog, groq)


@END_TO_END
@given(
    status=st.sampled_from([200, 201, 204, 301, 302, 303, 307, 308, 400, 404, 418, 429, 500]),
    headers=st.dictionaries(header_names, header_values, max_size=4),
    send_the_list=st.booleans(),
)
def test_any_status_and_headers_end_in_exit_0_1_or_2_without_a_traceback(
    drift_catalog: Path,
    groq: LoopbackProvider,
    status: int,
    headers: dict[str, str],
    send_the_list: bool,
) -> None:
    wait = retry_after_seconds(headers.get("Retry-After"))
    assume(status != 429 or wait is None or wait == 0 or wait > 60)  # keep each example quick
    groq.replies.clear()
    groq.queue(Reply(status, None if send_the_list else b"", headers))
    assert_one_sentence_or_a_report(drift_catalog, groq)
