"""Several providers are checked at once over real TLS; one failing does not hide the others."""

from __future__ import annotations

import json
import ssl
from pathlib import Path

import pytest
import trustme

from scripts.loopback_provider import LoopbackProvider, Reply, groq_like_item
from tests.conftest import run_cli
from tests.drift_helpers import API_KEY, matching_live_list

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
        f"id: acme\nname: Acme AI\napi_base: {api_base}\napi_key_env: ACME_API_KEY\n"
        "docs_url: https://acme.example/docs\n"
    )
    (catalog / "acme" / "models" / "acme-1.yaml").write_text(
        "id: acme-1\nname: Acme 1\ndeveloper: Acme\nstatus: production\ncontext_window: 4096\n"
    )


def point_groq_at(catalog: Path, api_base: str) -> None:
    path = catalog / "groq" / "provider.yaml"
    path.write_text(path.read_text().replace("https://api.groq.com/openai/v1", api_base))


def test_two_providers_concurrently_one_failing(
    catalog_copy: Path, certificate_authority: tuple[trustme.CA, Path]
) -> None:
    authority, bundle = certificate_authority
    acme_live = [groq_like_item("acme-1", owned_by="Acme", context_window=4096)]
    with (
        LoopbackProvider(matching_live_list(), API_KEY, tls=tls_context(authority)) as groq,
        LoopbackProvider(acme_live, ACME_KEY, prefix="/v1", tls=tls_context(authority)) as acme,
    ):
        groq.delay = 1.5
        acme.queue(Reply(500, b"down", delay=1.5), *[Reply(500, b"down")] * 3)
        point_groq_at(catalog_copy, groq.base_url)
        add_acme(catalog_copy, acme.base_url)

        result = run_cli(
            ["sync", "--format", "json"],
            cwd=catalog_copy.parent,
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
    catalog_copy: Path, certificate_authority: tuple[trustme.CA, Path]
) -> None:
    authority, _ = certificate_authority
    with LoopbackProvider(matching_live_list(), API_KEY, tls=tls_context(authority)) as groq:
        result = run_cli(
            ["sync", "--provider", "groq", "--base-url", groq.base_url, "--format", "json"],
            cwd=catalog_copy.parent,
            env={"GROQ_API_KEY": API_KEY, "SSL_CERT_FILE": ""},
        )
    assert result.returncode == 2
    error = json.loads(result.stdout)["providers"][0]["error"]
    assert error.startswith("the TLS certificate of 127.0.0.1 is not trusted (")
    assert len(groq.seen) == 0, "the handshake failed before any request was sent"
