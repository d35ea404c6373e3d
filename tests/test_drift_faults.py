"""Every fault of the live endpoint: exit 2, one clear sentence, the key never shown."""

from __future__ import annotations

import gzip
import json
import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from modelcat_registry.drift.fetch import MAX_BODY_BYTES
from modelcat_registry.loopback_provider import LoopbackProvider, Reply, groq_like_item
from tests.drift_helpers import API_KEY, ENV, matching_live_list, sync

MiB = 1024 * 1024
PEAK_MEMORY_LIMIT = 200 * MiB


def model_list(server: LoopbackProvider) -> bytes:
    return json.dumps({"object": "list", "data": server.models}).encode()


def failure(catalog: Path, base_url: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = sync(catalog, base_url, "--format", "json", *args, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    assert provider["checked"] is False
    return provider["error"]


def test_a_missing_key_skips_the_provider_and_names_the_variable(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    result = sync(drift_catalog, groq.base_url, "--format", "json", env={"GROQ_API_KEY": ""})
    assert result.returncode == 0, result.stdout + result.stderr  # skipped, not failed
    [provider] = json.loads(result.stdout)["providers"]
    assert provider["checked"] is False and provider["error"] is None
    assert provider["skipped"].startswith("GROQ_API_KEY is not set; export GROQ_API_KEY=")
    assert groq.seen == []


def test_wrong_key_is_an_authentication_failure(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    error = failure(drift_catalog, groq.base_url, env={"GROQ_API_KEY": "gsk_wrong_key_0123"})
    assert error == (
        "authentication failed (HTTP 401: 'Invalid API Key'): check that GROQ_API_KEY holds a "
        "valid API key"
    )


def test_forbidden_is_an_authentication_failure(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(403, b'{"error": {"message": "forbidden"}}'))
    assert failure(drift_catalog, groq.base_url).startswith(
        "authentication failed (HTTP 403: 'forbidden')"
    )


def test_404_suggests_a_wrong_base_url(drift_catalog: Path, groq: LoopbackProvider) -> None:
    error = failure(drift_catalog, groq.origin + "/v1")
    assert error.startswith(
        f"HTTP 404 from {groq.origin}/v1/models: 'Unknown request URL': wrong base URL?"
    )


def test_429_honours_retry_after_then_succeeds(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(429, b'{"error": {"message": "rate limited"}}', {"Retry-After": "1"}))
    started = time.monotonic()
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 0, result.stdout
    assert time.monotonic() - started >= 1.0
    assert len(groq.seen) == 2


def test_429_with_a_long_retry_after_fails_at_once(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(429, b"{}", {"Retry-After": "3600"}))
    error = failure(drift_catalog, groq.base_url)
    assert error == "rate limited (HTTP 429); the provider asks to retry in 3600 s"
    assert len(groq.seen) == 1


def test_server_errors_are_retried_then_succeed(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(500, b"oops"), Reply(503, b"busy"))
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 0
    assert len(groq.seen) == 3


def test_persistent_server_errors_fail_after_bounded_retries(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(*[Reply(502, b"<html>Bad gateway</html>")] * 4)
    error = failure(drift_catalog, groq.base_url)
    assert error == "server error (HTTP 502) after 4 attempts"
    assert len(groq.seen) == 4


def test_dropped_connection_is_retried(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(drop_connection=True))
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 0, result.stdout
    assert len(groq.seen) == 2


def test_nothing_listening_fails_clearly(drift_catalog: Path) -> None:
    error = failure(drift_catalog, "http://127.0.0.1:9/openai/v1")
    assert error.startswith("connection failed (")
    assert error.endswith("after 4 attempts")


def test_slow_response_times_out(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(delay=5))
    started = time.monotonic()
    error = failure(drift_catalog, groq.base_url, "--timeout", "1")
    assert error == "no complete answer from 127.0.0.1 within 1 s (--timeout)"
    assert time.monotonic() - started < 4


def test_trickling_body_times_out(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(trickle_seconds=0.2))
    error = failure(drift_catalog, groq.base_url, "--timeout", "1")
    assert "within 1 s" in error


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<!DOCTYPE html><html><body>Gateway</body></html>", "the response is not JSON"),
        (b'{"object": "list", "data": [{"id": "a"}', "the response is not JSON"),
        (b'{"object": "list"}', "the response JSON has no 'data' list"),
        (b'{"object": "list", "data": [{"object": "model"}]}', "entry 0 of the list has no"),
        (b'{"data": [{"id": "a"}, {"id": "a"}]}', "the list names model ID 'a' twice"),
        (b'{"data": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "the response JSON nests"),
        (b'{"data": [{"id": "a", "created": ' + b"9" * 5000 + b"}]}", "the response has a 5000-"),
        (b'{"data": [{"id": "a", "created": 1e999}]}', "the response has the number 1e999"),
        (b'{"data": [{"id": "a", "created": NaN}]}', "the response has NaN"),
        (b'{"data": [{"id": "a", "created": -Infinity}]}', "the response has -Infinity"),
        (b'{"data": [{"id": "a\\ud800"}]}', "the response has a lone surrogate"),
        (b'{"data": [{"id": "a", "owned_by": "\\udfff"}]}', "the response has a lone surrogate"),
        (b'{"data": [{"id": "a\\u0000b"}]}', "the response has a control character (U+0000)"),
        (b'{"data": [{"id": "a\\nb"}]}', "entry 0 of the list has an ID with an unprintable"),
        (b'{"data": [{"id": "a", "owned_by": "\\u001b[2J"}]}', "the response has a control"),
        (b'{"data": [{"id": "caf\xe9"}]}', "the response is not JSON (it is not UTF-8"),
    ],
    ids=[
        "html",
        "truncated",
        "no-data",
        "no-id",
        "duplicate-id",
        "nested-100000-deep",
        "5000-digit-integer",
        "1e999",
        "NaN",
        "-Infinity",
        "lone-surrogate-in-id",
        "lone-surrogate-in-owned_by",
        "NUL-in-id",
        "newline-in-id",
        "escape-sequence-in-owned_by",
        "latin-1",
    ],
)
def test_malformed_bodies(
    drift_catalog: Path, groq: LoopbackProvider, body: bytes, expected: str
) -> None:
    groq.queue(Reply(200, body))
    assert failure(drift_catalog, groq.base_url).startswith(expected)


def test_oversized_body_is_refused(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(Reply(200, b" " * (MAX_BODY_BYTES + 1)))
    assert failure(drift_catalog, groq.base_url).startswith("the response is larger than 10 MiB")


def test_plain_http_to_another_host_is_refused_before_sending(drift_catalog: Path) -> None:
    error = failure(drift_catalog, "http://api.example.com/openai/v1")
    assert error.startswith("refusing to connect to http://api.example.com")


def test_redirect_to_another_host_is_refused_without_sending_the_key(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    with LoopbackProvider(matching_live_list(), API_KEY, prefix="/elsewhere") as other:
        # "localhost" and "127.0.0.1" are different hosts to a client.
        target = other.base_url.replace("127.0.0.1", "localhost") + "/models"
        groq.queue(Reply(307, b"", {"Location": target}))
        error = failure(drift_catalog, groq.base_url)
        assert error.startswith(
            f"127.0.0.1 redirected to another origin (http://localhost:{target.split(':')[2][:5]}"
        )
        assert "refusing to follow" in error
        assert other.seen == [], "nothing at all is sent to the other origin"


@pytest.mark.parametrize(
    "location",
    ["http://127.0.0.1:9/openai/v1/models", "https://127.0.0.1:{port}/openai/v1/models"],
    ids=["other-port", "other-scheme"],
)
def test_redirect_to_another_port_or_scheme_is_refused(
    drift_catalog: Path, groq: LoopbackProvider, location: str
) -> None:
    port = groq.origin.rsplit(":", 1)[1]
    groq.queue(Reply(302, b"", {"Location": location.format(port=port)}))
    assert "redirected to another origin" in failure(drift_catalog, groq.base_url)
    assert len(groq.seen) == 1


def test_more_than_five_redirects_are_refused(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(*[Reply(302, b"", {"Location": groq.base_url + "/models"})] * 6)
    error = failure(drift_catalog, groq.base_url)
    assert error.startswith(f"more than 5 redirects from {groq.base_url}/models")
    assert len(groq.seen) == 6


def test_a_redirect_without_location_or_to_an_invalid_url_is_refused(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(301, b""))
    assert failure(drift_catalog, groq.base_url).startswith("HTTP 301 from ")
    groq.queue(Reply(301, b"", {"Location": "http://[::1"}))
    assert failure(drift_catalog, groq.base_url) == (
        "127.0.0.1 redirected to an invalid URL; refusing to follow it"
    )


def test_redirect_on_the_same_host_is_followed(drift_catalog: Path, groq: LoopbackProvider) -> None:
    groq.queue(
        Reply(308, b"", {"Location": groq.base_url + "/models"}),
        Reply(302, b"", {"Location": "/openai/v1/models"}),  # relative: same origin
    )
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 0, result.stdout
    assert len(groq.seen) == 3
    assert groq.seen[2].headers["authorization"] == f"Bearer {API_KEY}"


def test_an_error_body_echoing_the_key_is_redacted(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.queue(Reply(200, f"<html>bad key {API_KEY}</html>".encode()))
    error = failure(drift_catalog, groq.base_url)
    assert "***" in error
    groq.queue(Reply(401, json.dumps({"error": {"message": f"bad key {API_KEY}"}}).encode()))
    error = failure(drift_catalog, groq.base_url)
    assert "bad key ***" in error


def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of size zero bytes (a multiple of 1 MiB), built without compressing
    them all: after a full flush, each further MiB of zeros compresses to the same block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MiB):
        crc = zlib.crc32(bytes(MiB), crc)
    stream = block + again * (size // MiB - 1) + compressor.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + stream + struct.pack("<II", crc, size & 0xFFFFFFFF)


# A small launcher starts `sync` and reports its peak memory: a child forked straight from
# the test process would count the test process's own pages in its peak until its exec.
PEAK_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def sync_with_peak_memory(
    catalog: Path, base_url: str, *args: str
) -> tuple[subprocess.CompletedProcess[str], int]:
    """`sync` as a child process, and the most memory it ever held (its peak RSS, in bytes)."""
    command = [sys.executable, "-m", "modelcat_registry", "sync", "--provider", "groq"]
    command += ["--base-url", base_url, "--format", "json", *args]
    peak_file = catalog.parent / "peak-rss"
    result = subprocess.run(
        [sys.executable, "-c", PEAK_LAUNCHER, str(peak_file), *command],
        cwd=catalog.parent,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert API_KEY not in result.stdout + result.stderr
    return result, int(peak_file.read_text())


def test_a_normal_sync_stays_far_below_the_memory_bound(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    result, peak = sync_with_peak_memory(drift_catalog, groq.base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert peak < PEAK_MEMORY_LIMIT / 2


def test_stacked_gzip_is_refused_before_it_exceeds_the_cap(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    bomb = gzip.compress(gzip_of_zeros(1024 * MiB))  # 1 GiB of zeros, compressed twice
    assert len(bomb) < 4096
    groq.queue(Reply(200, bomb, {"Content-Encoding": "gzip, gzip"}))
    result, peak = sync_with_peak_memory(drift_catalog, groq.base_url)
    assert result.returncode == 2, result.stdout + result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    assert provider["error"].startswith(
        "the response is compressed more than once (Content-Encoding 'gzip, gzip'); refusing"
    )
    assert peak < PEAK_MEMORY_LIMIT


@pytest.mark.parametrize("split", [False, True], ids=["one-header", "two-headers"])
def test_stacked_encodings_are_refused_however_they_are_sent(
    drift_catalog: Path, groq: LoopbackProvider, split: bool
) -> None:
    body = gzip.compress(gzip.compress(model_list(groq)))
    if split:
        headers = (("Content-Encoding", "gzip"), ("Content-Encoding", "gzip"))
    else:
        headers = (("Content-Encoding", "gzip,identity,  x-gzip"),)
    groq.queue(Reply(200, body, raw_headers=headers))
    assert failure(drift_catalog, groq.base_url).startswith(
        "the response is compressed more than once"
    )


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_a_decompression_bomb_is_stopped_at_the_cap_while_decompressing(
    drift_catalog: Path, groq: LoopbackProvider, coding: str
) -> None:
    bomb = gzip_of_zeros(1024 * MiB)  # 1 MiB on the wire, 1 GiB decompressed
    if coding == "deflate":
        bomb = b"\x78\x9c" + bomb[10:-8]  # the same deflate data, zlib-wrapped
    groq.queue(Reply(200, bomb, {"Content-Encoding": coding}))
    result, peak = sync_with_peak_memory(drift_catalog, groq.base_url)
    assert result.returncode == 2, result.stdout + result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    assert provider["error"] == (
        "the response is larger than 10 MiB once decompressed; refusing to read it"
    )
    assert peak < PEAK_MEMORY_LIMIT / 2


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZip", lambda body: gzip.compress(body[:100]) + gzip.compress(body[100:])),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("identity", lambda body: body),
    ],
    ids=["gzip", "x-gzip", "two-gzip-members", "deflate-zlib", "deflate-raw", "identity"],
)
@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_gzip_and_deflate_bodies_are_decoded(
    drift_catalog: Path, groq: LoopbackProvider, coding: str, encode: object, length: bool
) -> None:
    body = encode(model_list(groq))  # type: ignore[operator]
    headers = {"Content-Encoding": coding}
    groq.queue(Reply(200, body, headers, default_headers=length))
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert groq.seen[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("coding", "body", "expected"),
    [
        ("br", b"\x1b\x00", "the response uses Content-Encoding 'br', which modelcat cannot"),
        ("zstd", b"", "the response uses Content-Encoding 'zstd', which modelcat cannot"),
        ("gzip", b"not gzip at all", "the response's gzip data is corrupt ("),
        ("gzip", "truncated", "the response's gzip data is corrupt (it ends before"),
        ("gzip", "trailing", "the response's gzip data is corrupt ("),
        ("deflate", b"\xff\xff\xff", "the response's deflate data is corrupt ("),
    ],
    ids=["br", "zstd", "not-gzip", "truncated-gzip", "garbage-after-gzip", "bad-deflate"],
)
def test_unknown_or_corrupt_encodings_are_refused_in_one_sentence(
    drift_catalog: Path, groq: LoopbackProvider, coding: str, body: bytes | str, expected: str
) -> None:
    if body == "truncated":
        body = gzip.compress(model_list(groq))[:-12]
    elif body == "trailing":
        body = gzip.compress(model_list(groq)) + b"garbage"
    assert isinstance(body, bytes)
    groq.queue(Reply(200, body, {"Content-Encoding": coding}))
    assert failure(drift_catalog, groq.base_url).startswith(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("soon", None),
        ("-5", None),
        ("1e9", None),
        ("\u00b2", None),  # a superscript two: str.isdigit() says yes, float() says no
        (
            "99999999999999999999",
            "rate limited (HTTP 429); the provider asks to retry in 31536000 s",
        ),
        ("Fri, 31 Dec 9999 23:59:59 GMT", "rate limited (HTTP 429); the provider asks to retry"),
        ("Mon, 01 Jan 1900 00:00:00 GMT", None),
    ],
    ids=["word", "negative", "exponent", "superscript", "huge", "far-future", "far-past"],
)
def test_garbage_retry_after_never_crashes(
    drift_catalog: Path, groq: LoopbackProvider, value: str, expected: str | None
) -> None:
    groq.queue(Reply(429, b"{}", {"Retry-After": value}))
    if expected is None:  # not a usable wait: back off as for any 429, then succeed
        result = sync(drift_catalog, groq.base_url)
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(groq.seen) == 2
    else:
        assert failure(drift_catalog, groq.base_url).startswith(expected)


@pytest.mark.parametrize(
    "value",
    [f"{API_KEY} {API_KEY}", f"{API_KEY}\n{API_KEY}", f"{API_KEY}\x7f", f"{API_KEY}\u00e9"],
    ids=["inner-space", "inner-newline", "control-character", "non-ascii"],
)
def test_a_key_with_more_than_the_key_is_refused_without_showing_it(
    drift_catalog: Path, groq: LoopbackProvider, value: str
) -> None:
    error = failure(drift_catalog, groq.base_url, env={"GROQ_API_KEY": value})
    assert error.startswith("GROQ_API_KEY holds more than an API key (")
    assert groq.seen == []


def test_whitespace_around_the_key_is_stripped(drift_catalog: Path, groq: LoopbackProvider) -> None:
    result = sync(drift_catalog, groq.base_url, env={"GROQ_API_KEY": f"  {API_KEY}\n"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert groq.seen[0].headers["authorization"] == f"Bearer {API_KEY}"


def files_and_contents(folder: Path) -> str:
    return "\n".join(
        f"{path.relative_to(folder)}\n{path.read_text() if path.is_file() else ''}"
        for path in sorted(folder.rglob("*"))
    )


def test_a_server_echoing_the_key_is_refused_whole_and_nothing_is_written(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.models.append(groq_like_item(f"llama-{API_KEY}", owned_by=f"by {API_KEY}"))
    before = files_and_contents(drift_catalog)
    snapshot = drift_catalog.parent / "snapshot.json"
    for output in ("text", "json", "markdown", "github"):
        result = sync(drift_catalog, groq.base_url, "--format", output)  # asserts no key shown
        assert result.returncode == 2, result.stdout + result.stderr
        assert "the response contains the API key itself" in result.stdout
    raw_key = {"GROQ_API_KEY": f" {API_KEY}\n"}
    result = sync(drift_catalog, groq.base_url, "--write", "--snapshot", str(snapshot), env=raw_key)
    assert result.returncode == 2, result.stdout + result.stderr
    assert files_and_contents(drift_catalog) == before, "nothing recorded from such a list"
    assert not snapshot.exists()


def test_a_placeholder_key_is_refused_before_anything_is_sent(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    """A key like `x` cannot be kept out of reports (it is in every word): refused at once."""
    error = failure(drift_catalog, groq.base_url, env={"GROQ_API_KEY": "x"})
    assert error.startswith("GROQ_API_KEY is 1 character long, too short to be an API key")
    assert groq.seen == []
