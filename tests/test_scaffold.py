"""`new` and `new-provider`: entries with every required field and nothing guessed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli


def test_new_model_with_placeholders_that_validate_names(catalog_copy: Path) -> None:
    result = run_cli(
        ["new", "--provider", "groq", "--id", "llama-3.3-70b-versatile", "--developer", "Meta"],
        cwd=catalog_copy.parent,
    )
    assert result.returncode == 0, result.stderr
    path = catalog_copy / "groq" / "models" / "llama-3.3-70b-versatile.yaml"
    assert "created catalog/groq/models/llama-3.3-70b-versatile.yaml" in result.stdout
    text = path.read_text()
    assert (
        text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/model.schema.json"
    )
    assert "id: llama-3.3-70b-versatile" in text
    assert "developer: Meta" in text

    check = run_cli(
        ["validate", "catalog/groq/models/llama-3.3-70b-versatile.yaml"], cwd=catalog_copy.parent
    )
    assert check.returncode == 1
    placeholders = re.findall(
        r"^\S+:\d+:\d+: (\w+) is still a placeholder", check.stdout, re.MULTILINE
    )
    assert placeholders == ["name", "status", "context_window", "model_card"]

    filled = text.replace(
        '"FILL-IN: the display name as the provider\'s models page shows it"', "Llama 3.3 70B"
    ).replace(
        '"FILL-IN: one of production, preview, coming-soon, offline, deprecated"', "production"
    )
    filled = "\n".join(line for line in filled.splitlines() if "FILL-IN" not in line) + "\n"
    path.write_text(filled)
    assert run_cli(["validate"], cwd=catalog_copy.parent).returncode == 0


def test_new_model_with_every_value_validates_at_once(catalog_copy: Path) -> None:
    result = run_cli(
        [
            "new", "--provider", "groq", "--id", "openai/gpt-oss-20b", "--name", "GPT OSS 20B",
            "--developer", "OpenAI", "--status", "preview", "--context-window", "128k",
            "--max-output-tokens", "32768", "--model-card", "https://huggingface.co/openai/gpt-oss-20b",
        ],
        cwd=catalog_copy.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = catalog_copy / "groq" / "models" / "openai" / "gpt-oss-20b.yaml"
    lines = path.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../../schema/model.schema.json"
    assert lines[1:] == [
        "id: openai/gpt-oss-20b",
        "name: GPT OSS 20B",
        "developer: OpenAI",
        "status: preview",
        "context_window: 131072",
        "max_output_tokens: 32768",
        "model_card: https://huggingface.co/openai/gpt-oss-20b",
    ]
    validate = run_cli(["validate"], cwd=catalog_copy.parent)
    assert validate.stdout == "catalog OK: 20 models, 1 provider\n"


def test_new_refuses_to_overwrite(catalog_copy: Path) -> None:
    before = (catalog_copy / "groq" / "models" / "gemma2-9b-it.yaml").read_bytes()
    for model_id in ("gemma2-9b-it", "Gemma2-9B-IT"):
        result = run_cli(["new", "--provider", "groq", "--id", model_id], cwd=catalog_copy.parent)
        assert result.returncode == 2
        assert "gemma2-9b-it.yaml already exists; edit it instead" in result.stderr
    assert (catalog_copy / "groq" / "models" / "gemma2-9b-it.yaml").read_bytes() == before


def test_new_refuses_an_unknown_provider_and_suggests_one(catalog_copy: Path) -> None:
    result = run_cli(["new", "--provider", "grok", "--id", "x"], cwd=catalog_copy.parent)
    assert result.returncode == 2
    assert "unknown provider 'grok'; did you mean 'groq'?" in result.stderr
    assert not (catalog_copy / "grok").exists()


def test_new_refuses_invalid_ids(catalog_copy: Path) -> None:
    for bad in ("../escape", "has space", "-leading", "a//b", "trailing/", "a" * 201):
        result = run_cli(["new", "--provider", "groq", f"--id={bad}"], cwd=catalog_copy.parent)
        assert result.returncode == 2, bad
        assert "is not a valid model ID" in result.stderr
    assert sorted(p.name for p in catalog_copy.parent.iterdir()) == ["catalog"]


def test_new_rejects_bad_values_as_usage_errors(catalog_copy: Path) -> None:
    base = ["new", "--provider", "groq", "--id", "x"]
    for extra in (["--context-window", "lots"], ["--model-card", "http://x"], ["--status", "beta"]):
        result = run_cli([*base, *extra], cwd=catalog_copy.parent)
        assert result.returncode == 2, extra
    assert not (catalog_copy / "groq" / "models" / "x.yaml").exists()


def test_new_provider_then_a_model_for_it(catalog_copy: Path) -> None:
    result = run_cli(
        ["new-provider", "--id", "acme", "--name", "Acme AI", "--api-base", "https://api.acme.example/v1",
         "--api-key-env", "ACME_API_KEY", "--docs-url", "https://docs.acme.example/models"],
        cwd=catalog_copy.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    provider = (catalog_copy / "acme" / "provider.yaml").read_text().splitlines()
    assert provider[0] == "# yaml-language-server: $schema=../../schema/provider.schema.json"
    model = run_cli(
        ["new", "--provider", "acme", "--id", "acme-1", "--name", "Acme 1", "--developer", "Acme",
         "--status", "production"],
        cwd=catalog_copy.parent,
    )  # fmt: skip
    assert model.returncode == 0
    validate = run_cli(["validate"], cwd=catalog_copy.parent)
    assert validate.stdout.splitlines()[-1].startswith("catalog invalid: 2 problems")
    assert "context_window is still a placeholder" in validate.stdout
    again = run_cli(["new-provider", "--id", "acme"], cwd=catalog_copy.parent)
    assert again.returncode == 2
    assert "already exists" in again.stderr
