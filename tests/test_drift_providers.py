"""Several providers are checked at once over real TLS; one failing does not hide the others."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
import trustme

from modelcat_registry.drift.sync import SyncOptions, check_all
from modelcat_registry.loopback_provider import LoopbackProvider, Reply, groq_like_item
from modelcat_registry.valid_catalog import load_valid_catalog
from tests.conftest import run_cli
from tests.drift_helpers import API_KEY, AS_OF_DAY, ENV, matching_live_list

ACME_KEY = "acme_test_key_ABCDEF0123456789"


@pytest.fixture(scope="module")
def certificate_authority(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    authority = trustme.CA()
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    return authority, bundle


def tls_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


def add_acme(catalog: Path, api_base: str) -> None:
    (catalog / "acme" / "models").mkdir(parents=True)
    (catalog / "acme" / "provider.yaml").write_text(
        f"id: acme\nname: Acme AI\napi_base: {api_base}\ndialect: openai\n"
        "api_key_env: ACME_API_KEY\n"
        "docs_url: https://acme.example/docs\n"
        "sources:\n  docs:\n    title: Acme models\n    date: 2025-01-01\n"
    )
    (catalog / "acme" / "models" / "acme-1.yaml").write_text(
        "id: acme-1\nname: Acme 1\ndeveloper: Acme\nstatus: production\nsource: docs\n"
        "context_window: 4096\n"
    )


def point_groq_at(catalog: Path, api_base: str) -> None:
    path = catalog / "groq" / "provider.yaml"
    path.write_text(path.read_text().replace("https://api.groq.com/openai/v1", api_base))


def test_two_providers_concurrently_one_failing(
    drift_catalog: Path, certificate_authority: tuple[trustme.CA, Path]
) -> None:
    authority, bundle = certificate_authority
    acme_live = [groq_like_item("acme-1", owned_by="Acme", context_window=4096)]
    with (
        LoopbackProvider(matching_live_list(), API_KEY, tls=tls_context(authority)) as groq,
        LoopbackProvider(acme_live, ACME_KEY, prefix="/v1", tls=tls_context(authority)) as acme,
    ):
        groq.delay = 1.5
        acme.queue(Reply(500, b"down", delay=1.5), *[Reply(500, b"down")] * 3)
        point_groq_at(drift_catalog, groq.base_url)
        add_acme(drift_catalog, acme.base_url)

        result = run_cli(
            ["sync", "--format", "json"],
            cwd=drift_catalog.parent,
            env={"GROQ_API_KEY": API_KEY, "ACME_API_KEY": ACME_KEY, "SSL_CERT_FILE": str(bundle)},
        )

    assert result.returncode == 2, result.stdout + result.stderr
    report = json.loads(result.stdout)
    acme_result, groq_result = report["providers"]
    assert acme_result["provider"] == "acme"
    assert acme_result["checked"] is False
    assert acme_result["error"] == "server error (HTTP 500) after 4 attempts"
    assert groq_result == {**groq_result, "provider": "groq", "checked": True, "error": None}
    assert groq_result["changed"] == groq_result["added"] == groq_result["removed"] == []
    # Both first requests arrived before either 1.5 s answer was sent: concurrent, not in turn.
    assert abs(groq.seen[0].at - acme.seen[0].at) < 1.0
    assert ACME_KEY not in result.stdout + result.stderr


def test_an_untrusted_certificate_is_a_clear_failure(
    drift_catalog: Path, certificate_authority: tuple[trustme.CA, Path]
) -> None:
    authority, _ = certificate_authority
    with LoopbackProvider(matching_live_list(), API_KEY, tls=tls_context(authority)) as groq:
        result = run_cli(
            ["sync", "--provider", "groq", "--base-url", groq.base_url, "--format", "json"],
            cwd=drift_catalog.parent,
            env={"GROQ_API_KEY": API_KEY, "SSL_CERT_FILE": ""},
        )
    assert result.returncode == 2
    error = json.loads(result.stdout)["providers"][0]["error"]
    assert error.startswith("the TLS certificate of 127.0.0.1 is not trusted (")
    assert len(groq.seen) == 0, "the handshake failed before any request was sent"


def test_a_redirect_from_https_to_http_is_refused(
    drift_catalog: Path, certificate_authority: tuple[trustme.CA, Path]
) -> None:
    authority, bundle = certificate_authority
    with (
        LoopbackProvider(matching_live_list(), API_KEY, tls=tls_context(authority)) as groq,
        LoopbackProvider(matching_live_list(), API_KEY) as plain,
    ):
        groq.queue(Reply(301, b"", {"Location": plain.base_url + "/models"}))
        result = run_cli(
            ["sync", "--provider", "groq", "--base-url", groq.base_url, "--format", "json"],
            cwd=drift_catalog.parent,
            env={"GROQ_API_KEY": API_KEY, "SSL_CERT_FILE": str(bundle)},
        )
    assert result.returncode == 2, result.stdout + result.stderr
    error = json.loads(result.stdout)["providers"][0]["error"]
    assert error.startswith(f"127.0.0.1 redirected to another origin ({plain.origin}); refusing")
    assert plain.seen == []
    assert API_KEY not in result.stdout + result.stderr


# A slow provider in a process of its own, so that its 200 threads do not compete with the
# client for this process's interpreter; it reports how many requests came, and over how long.
SLOW_SERVER = """
import sys
from modelcat_registry.loopback_provider import LoopbackProvider
with LoopbackProvider([{"id": "m"}], sys.argv[1], delay=1.0) as server:
    print(server.base_url, flush=True)
    sys.stdin.read()
    times = [request.at for request in server.seen]
    print(len(times), max(times) - min(times), flush=True)
"""


def test_two_hundred_slow_providers_are_all_fetched_at_once(drift_catalog: Path) -> None:
    """httpx's default pool holds 100 connections: the second hundred would wait a whole
    answer's time (and that wait would count against each attempt's deadline)."""
    _, catalog = load_valid_catalog(drift_catalog)
    assert catalog is not None
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_SERVER, API_KEY],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as server:
        assert server.stdin is not None and server.stdout is not None
        groq = catalog.providers["groq"]
        data = {**groq.data, "api_base": server.stdout.readline().strip()}
        template = dataclasses.replace(groq, data=data)
        providers = {f"p{n:03}": dataclasses.replace(template, id=f"p{n:03}") for n in range(200)}
        many = dataclasses.replace(catalog, providers=providers, models=())
        started = time.monotonic()
        results = asyncio.run(
            check_all(
                many,
                # One model a provider: the size check would refuse it against the 4 listed.
                SyncOptions(providers=sorted(providers), as_of=AS_OF_DAY, allow_shrink=True),
                ENV,
            )
        )
        elapsed = time.monotonic() - started
        server.stdin.close()
        requests, spread = server.stdout.readline().split()
    assert [r.drift.error for r in results if not r.drift.checked] == []
    assert int(requests) == 200
    assert float(spread) < 1.0, "every request was sent before the first answer came"
    # The spread is the test; the time only rules out a queue (two rounds or more would take
    # 2 s of waiting alone). It allows a loaded machine (another test process beside it):
    # how fast is `make bench`'s business (drift_concurrency).
    assert elapsed < 5.0, f"200 providers answering after 1 s took {elapsed:.1f} s"
