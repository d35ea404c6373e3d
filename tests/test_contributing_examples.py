"""CONTRIBUTING.md's worked examples, run as written: the provider that is a provider.yaml
alone (validate, providers, new, sync against a loopback server serving the documented
list, with the documented output, then --write), and the dialect that is one module, a wire
and golden entries (its translation, its round trip, and every page fetched from the
documented wire with its own header)."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import types
from pathlib import Path
from typing import Any

import pytest

import tests.provider_wires
from modelcat_registry.dialects import Dialect
from modelcat_registry.drift.fetch import Credentials, fetch_list, list_url, make_client
from modelcat_registry.loopback_provider import LoopbackProvider, Wire
from tests.conftest import REPO, run_cli
from tests.provider_wires import WIRES

CONTRIBUTING = REPO / "CONTRIBUTING.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
KEY = "acme-test-key-0123456789"


def example(language: str, marker: str) -> str:
    """The one code block of CONTRIBUTING.md in that language that contains marker."""
    found = [
        body for lang, body in FENCE.findall(CONTRIBUTING.read_text()) if lang == language
        if marker in body
    ]  # fmt: skip
    assert len(found) == 1, f"{len(found)} {language} blocks of CONTRIBUTING.md hold {marker!r}"
    return found[0]


def commands(block: str) -> list[list[str]]:
    """The modelcat commands of a shell block, as argument lists (comments dropped)."""
    lines = [shlex.split(line, comments=True) for line in block.splitlines()]
    return [words[1:] for words in lines if words and words[0] == ".venv/bin/modelcat"]


# --- a provider.yaml alone ----------------------------------------------------------------


@pytest.fixture
def acme_catalog(catalog_copy: Path) -> Path:
    """The bundled catalog with CONTRIBUTING's provider.yaml added, as the guide says."""
    provider = catalog_copy / "acme" / "provider.yaml"
    provider.parent.mkdir()
    provider.write_text(example("yaml", "\nid: acme\n"))
    return catalog_copy


def test_the_provider_yaml_of_the_guide_validates(acme_catalog: Path) -> None:
    check, providers, new = commands(example("sh", "modelcat providers"))
    assert check == ["validate"]
    result = run_cli(check, acme_catalog.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("catalog OK: ")

    listed = run_cli(providers, acme_catalog.parent)
    assert listed.returncode == 0, listed.stderr
    [line] = [line for line in listed.stdout.splitlines() if line.startswith("acme ")]
    # The guide shows that line as the command's comment.
    [shown] = re.findall(r"modelcat providers +# (.*)", example("sh", "modelcat providers"))
    assert line.split() == shown.split()

    created = run_cli(new, acme_catalog.parent)
    assert created.returncode == 0, created.stderr
    model = acme_catalog / "acme" / "models" / "acme-large-2.yaml"
    # As the guide says: the model card is the one placeholder left; deleting it is valid.
    assert 'model_card: "FILL-IN' in model.read_text()
    model.write_text(re.sub(r"^model_card: .*\n", "", model.read_text(), flags=re.MULTILINE))
    again = run_cli(["validate"], acme_catalog.parent)
    assert again.returncode == 0, again.stdout + again.stderr


def test_the_guides_sync_prints_the_documented_report_and_write_converges(
    acme_catalog: Path,
) -> None:
    [new] = commands(example("sh", "modelcat new --provider acme"))[2:]
    assert run_cli(new, acme_catalog.parent).returncode == 0
    model = acme_catalog / "acme" / "models" / "acme-large-2.yaml"
    model.write_text(re.sub(r"^model_card: .*\n", "", model.read_text(), flags=re.MULTILINE))
    served = json.loads(example("json", '"acme-large-2"'))["data"]
    [sync] = commands(example("sh", "modelcat sync --provider acme"))
    documented = example("text", "acme (as of")

    with LoopbackProvider(served, KEY, prefix="/v1", wire=WIRES["openai"]) as server:
        at = sync.index("--base-url") + 1
        assert sync[at] == "http://127.0.0.1:8080/v1"
        sync[at] = server.base_url
        env = {"ACME_API_KEY": KEY}
        first = run_cli(sync, acme_catalog.parent, env=env)
        assert first.returncode == 1, first.stdout + first.stderr
        assert first.stdout == documented

        written = run_cli([*sync, "--write"], acme_catalog.parent, env=env)
        assert written.returncode == 1, written.stderr
        stub = acme_catalog / "acme" / "models" / "acme-mini-1.yaml"
        assert "needs_review: true" in stub.read_text()
        assert (acme_catalog / "acme" / "capture.json").is_file()
        assert "\nchecks:\n" in (acme_catalog / "acme" / "provider.yaml").read_text()

        second = run_cli(sync, acme_catalog.parent, env=env)
        assert second.returncode == 0, second.stdout
        assert "no drift in 1 checked provider" in second.stdout
    assert run_cli(["validate"], acme_catalog.parent).returncode == 0


# --- a dialect: one module, a wire, golden entries ---------------------------------------


def documented_dialect() -> Dialect:
    module = types.ModuleType("nimbus_from_contributing")
    exec(compile(example("python", "DIALECT = Dialect("), "CONTRIBUTING.md", "exec"), vars(module))  # noqa: S102
    dialect: Dialect = module.DIALECT
    return dialect


def documented_wire() -> Wire:
    # The wire is written to live in tests/provider_wires.py: run it among that file's names.
    namespace = dict(vars(tests.provider_wires))
    exec(compile(example("python", "class NimbusWire("), "CONTRIBUTING.md", "exec"), namespace)  # noqa: S102
    wire: Wire = namespace["NimbusWire"]()
    return wire


def documented_golden() -> tuple[dict[str, Any], dict[str, Any]]:
    entries = eval("{" + example("python", '"nimbus": (') + "}")  # noqa: S307
    return entries["nimbus"]


def test_the_guides_dialect_translates_its_golden_entry_and_back() -> None:
    dialect = documented_dialect()
    entry, expected = documented_golden()
    listing = dialect.listing(entry, 0)
    assert listing is not None and listing.id == "nimbus-pro-1"
    assert dict(listing.facts) == expected
    assert listing.refused == {}
    back = dialect.listing(dialect.to_wire("nimbus-pro-1", expected), 0)
    assert back is not None and dict(back.facts) == expected


def test_the_guides_dialect_reads_every_page_of_the_guides_wire() -> None:
    dialect, wire = documented_dialect(), documented_wire()
    entry, _ = documented_golden()
    models = [{**entry, "id": f"nimbus-{n}"} for n in range(5)]  # three pages of two

    async def fetch(base_url: str) -> Any:
        async with make_client(10) as client:
            return await fetch_list(
                client, "nimbus", dialect, list_url(base_url, dialect.list_path),
                Credentials("NIMBUS_API_KEY", KEY), timeout=10,
            )  # fmt: skip

    with LoopbackProvider(models, KEY, prefix="/v1", wire=wire) as server:
        capture = asyncio.run(fetch(server.base_url))
        seen = server.seen
    assert [item.id for item in capture.listings] == [m["id"] for m in models]
    assert len(seen) == 3
    assert [r.path.partition("?")[2] for r in seen] == [
        "page_size=100",
        "page_size=100&cursor=2",
        "page_size=100&cursor=4",
    ]
    assert all(r.headers["x-nimbus-key"] == KEY and "authorization" not in r.headers for r in seen)
