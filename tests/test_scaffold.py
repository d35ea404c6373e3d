"""`new` and `new-provider`: entries with every required field and nothing guessed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli


def test_new_model_with_placeholders_that_validate_names(drift_catalog: Path) -> None:
    result = run_cli(
        ["new", "--provider", "groq", "--id", "delta-70b", "--developer", "Meta"],
        cwd=drift_catalog.parent,
    )
    assert result.returncode == 0, result.stderr
    path = drift_catalog / "groq" / "models" / "delta-70b.yaml"
    assert "created catalog/groq/models/delta-70b.yaml" in result.stdout
    text = path.read_text()
    assert (
        text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/model.schema.json"
    )
    assert "id: delta-70b" in text
    assert "developer: Meta" in text

    check = run_cli(["validate", "catalog/groq/models/delta-70b.yaml"], cwd=drift_catalog.parent)
    assert check.returncode == 1
    placeholders = re.findall(
        r"^\S+:\d+:\d+: (\w+) is still a placeholder", check.stdout, re.MULTILINE
    )
    assert placeholders == ["name", "status", "source", "context_window", "model_card"]

    filled = (
        text.replace(
            "\"FILL-IN: the display name as the provider's models page shows it, or delete this "
            'line"',
            "Delta 70B",
        )
        .replace(
            '"FILL-IN: one of production, preview, coming-soon, offline, or delete this line if '
            'the provider does not say"',
            "production",
        )
        .replace(
            '"FILL-IN: the key of the source in provider.yaml\'s sources that states these facts"',
            "docs",
        )
    )
    filled = "\n".join(line for line in filled.splitlines() if "FILL-IN" not in line) + "\n"
    path.write_text(filled)
    assert run_cli(["validate"], cwd=drift_catalog.parent).returncode == 0


def test_new_model_with_every_value_validates_at_once(drift_catalog: Path) -> None:
    result = run_cli(
        [
            "new", "--provider", "groq", "--id", "vendor/new-20b", "--name", "New 20B",
            "--developer", "Vendor", "--status", "preview", "--source", "docs",
            "--context-window", "128k", "--max-output-tokens", "32768",
            "--model-card", "https://huggingface.co/vendor/new-20b",
        ],
        cwd=drift_catalog.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = drift_catalog / "groq" / "models" / "vendor" / "new-20b.yaml"
    lines = path.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../../schema/model.schema.json"
    assert lines[1:] == [
        "id: vendor/new-20b",
        "name: New 20B",
        "developer: Vendor",
        "status: preview",
        "source: docs",
        "context_window: 131072",
        "max_output_tokens: 32768",
        "model_card: https://huggingface.co/vendor/new-20b",
    ]
    validate = run_cli(["validate"], cwd=drift_catalog.parent)
    assert validate.stdout == "catalog OK: 8 models, 1 provider\n"


def test_new_refuses_to_overwrite(drift_catalog: Path) -> None:
    before = (drift_catalog / "groq" / "models" / "alpha-8b.yaml").read_bytes()
    for model_id in ("alpha-8b", "Alpha-8B"):
        result = run_cli(["new", "--provider", "groq", "--id", model_id], cwd=drift_catalog.parent)
        assert result.returncode == 2
        assert "alpha-8b.yaml already exists; edit it instead" in result.stderr
    assert (drift_catalog / "groq" / "models" / "alpha-8b.yaml").read_bytes() == before


def test_new_refuses_an_unknown_provider_and_suggests_one(drift_catalog: Path) -> None:
    result = run_cli(["new", "--provider", "grok", "--id", "x"], cwd=drift_catalog.parent)
    assert result.returncode == 2
    assert "unknown provider 'grok'; did you mean 'groq'?" in result.stderr
    assert not (drift_catalog / "grok").exists()


def test_new_refuses_invalid_ids(drift_catalog: Path) -> None:
    for bad in ("../escape", "has space", "-leading", "a//b", "trailing/", "a" * 201, "a\n"):
        result = run_cli(["new", "--provider", "groq", f"--id={bad}"], cwd=drift_catalog.parent)
        assert result.returncode == 2, bad
        assert "is not a valid model ID" in result.stderr
    assert sorted(p.name for p in drift_catalog.parent.iterdir()) == ["catalog"]


def test_new_rejects_bad_values_as_usage_errors(drift_catalog: Path) -> None:
    base = ["new", "--provider", "groq", "--id", "x"]
    for extra in (["--context-window", "lots"], ["--model-card", "http://x"], ["--status", "beta"]):
        result = run_cli([*base, *extra], cwd=drift_catalog.parent)
        assert result.returncode == 2, extra
    assert not (drift_catalog / "groq" / "models" / "x.yaml").exists()


def test_new_provider_then_a_model_for_it(drift_catalog: Path) -> None:
    result = run_cli(
        ["new-provider", "--id", "acme", "--name", "Acme AI", "--api-base", "https://api.acme.example/v1",
         "--api-key-env", "ACME_API_KEY", "--docs-url", "https://docs.acme.example/models"],
        cwd=drift_catalog.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    provider = (drift_catalog / "acme" / "provider.yaml").read_text().splitlines()
    assert provider[0] == "# yaml-language-server: $schema=../../schema/provider.schema.json"
    model = run_cli(
        ["new", "--provider", "acme", "--id", "acme-1", "--name", "Acme 1", "--developer", "Acme",
         "--status", "production", "--source", "docs"],
        cwd=drift_catalog.parent,
    )  # fmt: skip
    assert model.returncode == 0
    validate = run_cli(["validate"], cwd=drift_catalog.parent)
    assert validate.stdout.splitlines()[-1].startswith("catalog invalid: 3 problems")
    assert "context_window is still a placeholder" in validate.stdout
    assert "source 'docs' is not a source of provider 'acme'" in validate.stdout
    again = run_cli(["new-provider", "--id", "acme"], cwd=drift_catalog.parent)
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_new_refuses_a_provider_id_that_leaves_the_catalog(drift_catalog: Path) -> None:
    outside = drift_catalog.parent / "x"
    outside.mkdir()
    (outside / "provider.yaml").write_text("id: x\n")
    for args in (["new", "--provider", "../x", "--id", "m"], ["new-provider", "--id", "../x"]):
        result = run_cli(args, cwd=drift_catalog.parent)
        assert result.returncode == 2, args
        assert "'../x' is not a valid provider ID" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["provider.yaml"]
