"""Every fault of the live endpoint: exit 2, one clear sentence, the key never shown."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from scripts.drift.fetch import MAX_BODY_BYTES
from scripts.loopback_provider import LoopbackProvider, Reply
from tests.drift_helpers import API_KEY, matching_live_list, sync


def failure(catalog: Path, base_url: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = sync(catalog, base_url, "--format", "json", *args, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    assert provider["checked"] is False
    return provider["error"]


def test_missing_key_names_the_variable(catalog_copy: Path, groq: LoopbackProvider) -> None:
    error = failure(catalog_copy, groq.base_url, env={"GROQ_API_KEY": ""})
    assert error.startswith("GROQ_API_KEY is not set; export GROQ_API_KEY=")
    assert groq.seen == []


def test_wrong_key_is_an_authentication_failure(catalog_copy: Path, groq: LoopbackProvider) -> None:
    error = failure(catalog_copy, groq.base_url, env={"GROQ_API_KEY": "gsk_wrong"})
    assert error == (
        "authentication failed (HTTP 401): check that GROQ_API_KEY holds a valid API key"
    )


def test_forbidden_is_an_authentication_failure(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(403, b'{"error": {"message": "forbidden"}}'))
    assert failure(catalog_copy, groq.base_url).startswith("authentication failed (HTTP 403)")


def test_404_suggests_a_wrong_base_url(catalog_copy: Path, groq: LoopbackProvider) -> None:
    error = failure(catalog_copy, groq.origin + "/v1")
    assert error.startswith(f"HTTP 404 from {groq.origin}/v1/models: wrong base URL?")


def test_429_honours_retry_after_then_succeeds(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(429, b'{"error": {"message": "rate limited"}}', {"Retry-After": "1"}))
    started = time.monotonic()
    result = sync(catalog_copy, groq.base_url)
    assert result.returncode == 0, result.stdout
    assert time.monotonic() - started >= 1.0
    assert len(groq.seen) == 2


def test_429_with_a_long_retry_after_fails_at_once(
    catalog_copy: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(429, b"{}", {"Retry-After": "3600"}))
    error = failure(catalog_copy, groq.base_url)
    assert error == "rate limited (HTTP 429); the provider asks to retry in 3600 s"
    assert len(groq.seen) == 1


def test_server_errors_are_retried_then_succeed(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(500, b"oops"), Reply(503, b"busy"))
    result = sync(catalog_copy, groq.base_url)
    assert result.returncode == 0
    assert len(groq.seen) == 3


def test_persistent_server_errors_fail_after_bounded_retries(
    catalog_copy: Path, groq: LoopbackProvider
) -> None:
    groq.queue(*[Reply(502, b"<html>Bad gateway</html>")] * 4)
    error = failure(catalog_copy, groq.base_url)
    assert error == "server error (HTTP 502) after 4 attempts"
    assert len(groq.seen) == 4


def test_dropped_connection_is_retried(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(drop_connection=True))
    result = sync(catalog_copy, groq.base_url)
    assert result.returncode == 0, result.stdout
    assert len(groq.seen) == 2


def test_nothing_listening_fails_clearly(catalog_copy: Path) -> None:
    error = failure(catalog_copy, "http://127.0.0.1:9/openai/v1")
    assert error.startswith("connection failed (")
    assert error.endswith("after 4 attempts")


def test_slow_response_times_out(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(delay=5))
    started = time.monotonic()
    error = failure(catalog_copy, groq.base_url, "--timeout", "1")
    assert error == "no complete answer from 127.0.0.1 within 1 s (--timeout)"
    assert time.monotonic() - started < 4


def test_trickling_body_times_out(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(trickle_seconds=0.2))
    error = failure(catalog_copy, groq.base_url, "--timeout", "1")
    assert "within 1 s" in error


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<!DOCTYPE html><html><body>Gateway</body></html>", "the response is not JSON"),
        (b'{"object": "list", "data": [{"id": "a"}', "the response is not JSON"),
        (b'{"object": "list"}', "the response JSON has no 'data' list"),
        (b'{"object": "list", "data": [{"object": "model"}]}', "item 0 of the response's 'data'"),
        (b'{"data": [{"id": "a"}, {"id": "a"}]}', "the response lists model ID 'a' twice"),
    ],
    ids=["html", "truncated", "no-data", "no-id", "duplicate-id"],
)
def test_malformed_bodies(
    catalog_copy: Path, groq: LoopbackProvider, body: bytes, expected: str
) -> None:
    groq.queue(Reply(200, body))
    assert failure(catalog_copy, groq.base_url).startswith(expected)


def test_oversized_body_is_refused(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(200, b" " * (MAX_BODY_BYTES + 1)))
    assert failure(catalog_copy, groq.base_url).startswith("the response is larger than 10 MiB")


def test_plain_http_to_another_host_is_refused_before_sending(catalog_copy: Path) -> None:
    error = failure(catalog_copy, "http://api.example.com/openai/v1")
    assert error.startswith("refusing to send the API key to http://api.example.com")


def test_redirect_to_another_host_does_not_forward_the_key(
    catalog_copy: Path, groq: LoopbackProvider
) -> None:
    with LoopbackProvider(matching_live_list(), API_KEY, prefix="/elsewhere") as other:
        # "localhost" and "127.0.0.1" are different hosts to a client.
        target = other.base_url.replace("127.0.0.1", "localhost") + "/models"
        groq.queue(Reply(307, b"", {"Location": target}))
        error = failure(catalog_copy, groq.base_url)
        assert error.startswith("authentication failed (HTTP 401)")
        assert len(other.seen) == 1
        assert "authorization" not in other.seen[0].headers


def test_redirect_on_the_same_host_is_followed(catalog_copy: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(308, b"", {"Location": groq.base_url + "/models"}))
    result = sync(catalog_copy, groq.base_url)
    assert result.returncode == 0
    assert groq.seen[1].headers["authorization"] == f"Bearer {API_KEY}"


def test_an_error_body_echoing_the_key_is_redacted(
    catalog_copy: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(200, f"<html>bad key {API_KEY}</html>".encode()))
    error = failure(catalog_copy, groq.base_url)
    assert "***" in error
