"""`new` and `new-provider`: entries with every required field and nothing guessed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

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
            "--context-window", "131072", "--max-output-tokens", "32768",
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
         "--status", "production"],
        cwd=drift_catalog.parent,
    )  # fmt: skip
    assert model.returncode == 0, model.stderr
    validate = run_cli(["validate"], cwd=drift_catalog.parent)
    assert validate.returncode == 1
    assert re.findall(r"^\S+:\d+:\d+: (\w+) is still a placeholder", validate.stdout, re.M) == [
        "source", "context_window", "model_card", "dialect"
    ]  # fmt: skip
    again = run_cli(["new-provider", "--id", "acme"], cwd=drift_catalog.parent)
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_new_provider_writes_the_dialect_it_is_given_and_checks_it(drift_catalog: Path) -> None:
    sentences = refused(["new-provider", "--id", "acme", "--dialect", "openai-ish"], drift_catalog)
    assert len(sentences) == 1 and sentences[0].startswith("--dialect: dialect "), sentences
    assert "openai" in sentences[0]
    result = run_cli(
        ["new-provider", "--id", "acme", "--name", "Acme AI", "--api-base", "https://api.acme.example/v1",
         "--api-key-env", "ACME_API_KEY", "--docs-url", "https://docs.acme.example/models",
         "--dialect", "openai"],
        cwd=drift_catalog.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    provider = yaml.safe_load((drift_catalog / "acme" / "provider.yaml").read_text())
    assert provider["dialect"] == "openai"


def test_new_refuses_a_provider_id_that_leaves_the_catalog(drift_catalog: Path) -> None:
    outside = drift_catalog.parent / "x"
    outside.mkdir()
    (outside / "provider.yaml").write_text("id: x\n")
    for args in (["new", "--provider", "../x", "--id", "m"], ["new-provider", "--id", "../x"]):
        result = run_cli(args, cwd=drift_catalog.parent)
        assert result.returncode == 2, args
        assert "'../x' is not a valid provider ID" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["provider.yaml"]


def refused(args: list[str], catalog: Path) -> list[str]:
    """The sentences a refused `new` or `new-provider` prints (exit 2), after checking that
    nothing was written."""
    before = sorted(catalog.rglob("*"))
    result = run_cli(args, cwd=catalog.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert sorted(catalog.rglob("*")) == before, "nothing is written"
    prefix = f"modelcat {args[0]}: error: "
    lines = result.stderr.splitlines()
    assert all(line.startswith(prefix) for line in lines), result.stderr
    return [line.removeprefix(prefix) for line in lines]


NEW_X = ["new", "--provider", "groq", "--id", "x"]


def test_new_parses_a_large_token_count_exactly(drift_catalog: Path) -> None:
    # Through a float, 9007199254740993 became 9007199254740992 and was written.
    assert refused([*NEW_X, "--context-window", "9007199254740993"], drift_catalog) == [
        "--context-window: context_window must be at most 100,000,000, not "
        "9,007,199,254,740,993; write the real value"
    ]


@pytest.mark.parametrize(
    ("given", "binary", "decimal"), [("128k", 131072, 128000), ("1M", 1048576, 1000000)]
)
def test_new_refuses_a_suffixed_token_count_and_asks_for_the_exact_number(
    drift_catalog: Path, given: str, binary: int, decimal: int
) -> None:
    assert refused([*NEW_X, "--context-window", given], drift_catalog) == [
        "--context-window must be the exact number of tokens as the source states it "
        f"(write {binary} or {decimal}, not {given!r})"
    ]


@pytest.mark.parametrize(
    ("flag", "value", "code", "at"),
    [("--name", "Llama\n3", "000A", 6), ("--name", "Llama 3\r\n", "000D", 8),
     ("--name", "Llama\u20283", "2028", 6), ("--model-card", "https://x.example/a\nb", "000A", 20)],
    ids=["name-lf", "name-crlf", "name-u2028", "model-card-lf"],
)  # fmt: skip
def test_new_refuses_a_line_break_in_a_value(
    drift_catalog: Path, flag: str, value: str, code: str, at: int
) -> None:
    field = flag.removeprefix("--").replace("-", "_")
    assert refused([*NEW_X, flag, value], drift_catalog) == [
        f"{flag}: {field} must be one line; remove the line break (U+{code}) at character {at}"
    ]


def test_new_checks_the_source_against_the_providers_sources_before_writing(
    drift_catalog: Path,
) -> None:
    assert refused([*NEW_X, "--source", "doc"], drift_catalog) == [
        "--source: source 'doc' is not a source of provider 'groq' (did you mean 'docs'?); "
        "add it under sources: in catalog/groq/provider.yaml or name one of: deprecations, docs"
    ]


def test_new_provider_checks_the_api_key_variable_before_writing(drift_catalog: Path) -> None:
    assert refused(["new-provider", "--id", "acme", "--api-key-env", "bad var"], drift_catalog) == [
        "--api-key-env: api_key_env is not valid: 'bad var'; write an environment variable name "
        "ending in _API_KEY, such as GROQ_API_KEY, on the same line as the key"
    ]


def test_new_reports_every_bad_argument_in_one_run(drift_catalog: Path) -> None:
    sentences = refused(
        ["new", "--provider", "groq", "--id", "alpha-8b", "--name", "Two\nlines",
         "--status", "beta", "--source", "nope", "--context-window", "128k",
         "--max-output-tokens", "lots", "--model-card", "http://x.example/card"],
        drift_catalog,
    )  # fmt: skip
    assert sentences == [
        "--context-window must be the exact number of tokens as the source states it "
        "(write 131072 or 128000, not '128k')",
        "--max-output-tokens must be a whole number of tokens such as 131072, not 'lots'",
        "catalog/groq/models/alpha-8b.yaml already exists; edit it instead",
        "--name: name must be one line; remove the line break (U+000A) at character 4",
        "--status: status must be one of production, preview, coming-soon, offline, not 'beta'; "
        "write the tier the provider's docs give; for a model being shut down, write "
        "lifecycle.shutdown and lifecycle.replacements instead",
        "--model-card: model_card must use https://; write 'https://x.example/card'",
        "--source: source 'nope' is not a source of provider 'groq'; add it under sources: in "
        "catalog/groq/provider.yaml or name one of: deprecations, docs",
    ]


def test_new_provider_reports_every_bad_argument_in_one_run(drift_catalog: Path) -> None:
    sentences = refused(
        ["new-provider", "--id", "acme", "--name", "Acme\u2028AI",
         "--api-base", "http://api.acme.example/v1", "--api-key-env", "ACME_KEY",
         "--docs-url", "https://docs.acme.example/a b"],
        drift_catalog,
    )  # fmt: skip
    assert [sentence.split(":")[0] for sentence in sentences] == [
        "--name", "--api-base", "--api-key-env", "--docs-url"
    ]  # fmt: skip
    assert sentences[1] == (
        "--api-base: api_base must use https://; write 'https://api.acme.example/v1'"
    )
