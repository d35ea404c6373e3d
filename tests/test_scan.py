"""`modelcat scan` on a fixture tree with a small catalog of literal dates (see
tests/scan_fixture/README.md), in every output format, plus the bundled catalog."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from modelcat_registry.catalog import build_catalog
from modelcat_registry.loader import load_documents
from modelcat_registry.site.exports import catalog_document
from tests.conftest import run_cli

FIXTURE = Path(__file__).resolve().parent / "scan_fixture"
CATALOG = FIXTURE / "catalog"
SARIF_SCHEMA = FIXTURE / "sarif-2.1.0-rtm.5.json"
AS_OF = "2026-07-01"

RETIRED_70B = (
    "'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; "
    "use 'llama-3.3-70b-versatile' (shuts down 2026-08-16) [retired-model]"
)
RETIRED_8B = (
    "'llama3-8b-8192' (GroqCloud) was retired on 2025-08-30; use 'llama-3.1-8b-instant' "
    "[retired-model]"
)
EXPECTED_TEXT = f"""\
.env.example:2:12: {RETIRED_70B}
app.py:3:13: {RETIRED_70B}
app.py:4:10: 'llama-3.3-70b-versatile' (GroqCloud) shuts down on 2026-08-16 (46 days left); move to 'openai/gpt-oss-120b' [deprecated-model]
app.py:10:17: {RETIRED_8B}
config.yaml:1:8: 'shared-model-1b' (GroqCloud) was retired on 2025-05-01; the provider names no replacement; at Other Cloud it is available [retired-model]
config/settings.json:2:13: 'gemma-7b-it' (GroqCloud) was retired on 2024-12-18; the provider names no replacement [retired-model]
keep.log:1:16: {RETIRED_8B}
notebook.ipynb:12:45: 'mixtral-8x7b-32768' (GroqCloud) was retired on 2025-03-20; its replacements 'gemma2-9b-it' (retired 2025-10-08) end at a retired model with no replacement [retired-model]
settings.toml:2:15: {RETIRED_70B}
8 retired model uses, 1 soon-retired model use in 7 files; 8 files scanned as of 2026-07-01
"""  # noqa: E501 (one expected report line per line)

# (path, line, column, id, severity) of every finding, as of AS_OF.
EXPECTED_PLACES = [
    (".env.example", 2, 12, "llama3-70b-8192", "error"),
    ("app.py", 3, 13, "llama3-70b-8192", "error"),
    ("app.py", 4, 10, "llama-3.3-70b-versatile", "warning"),
    ("app.py", 10, 17, "llama3-8b-8192", "error"),
    ("config.yaml", 1, 8, "shared-model-1b", "error"),
    ("config/settings.json", 2, 13, "gemma-7b-it", "error"),
    ("keep.log", 1, 16, "llama3-8b-8192", "error"),
    ("notebook.ipynb", 12, 45, "mixtral-8x7b-32768", "error"),
    ("settings.toml", 2, 15, "llama3-70b-8192", "error"),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The fixture tree, plus what the repository must not hold: a .gitignore and the files
    it ignores, a binary file, and symlinks to a file and a folder outside the tree."""
    root = tmp_path / "tree"
    shutil.copytree(FIXTURE / "tree", root)
    (root / ".gitignore").write_text("ignored/\n*.log\n!keep.log\n")
    (root / "ignored").mkdir()
    (root / "ignored" / "old.py").write_text('MODEL = "llama3-70b-8192"\n')
    (root / "debug.log").write_text("called gemma-7b-it\n")
    (root / "keep.log").write_text("fallback model llama3-8b-8192.\n")
    (root / "weights.bin").write_bytes(b"\x00\x01binary llama3-70b-8192 \x00\xff")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text('MODEL = "gemma-7b-it"\n')
    (root / "link-outside.py").symlink_to(outside / "secret.py")
    (root / "link-folder").symlink_to(outside, target_is_directory=True)
    (root / "link-inside.py").symlink_to(root / "app.py")
    return root


def scan(cwd: Path, *args: str, as_of: str = AS_OF) -> tuple[int, str, str]:
    result = run_cli(["scan", "--catalog", str(CATALOG), "--as-of", as_of, *args], cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def test_text_report_lists_exactly_the_retired_and_soon_retired_uses(tree: Path) -> None:
    code, out, err = scan(tree)
    assert (code, err) == (1, "")
    assert out == EXPECTED_TEXT


def test_json_report_has_the_documented_shape(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["as_of"] == AS_OF
    assert report["warn_days"] == 90
    assert report["summary"] == {
        "errors": 8,
        "warnings": 1,
        "files_scanned": 8,
        "files_with_findings": 7,
    }
    places = [
        (f["path"], f["line"], f["column"], f["id"], f["severity"]) for f in report["findings"]
    ]
    assert places == EXPECTED_PLACES
    assert report["findings"][2] == {
        "path": "app.py",
        "line": 4,
        "column": 10,
        "id": "llama-3.3-70b-versatile",
        "provider": "groq",
        "severity": "warning",
        "rule": "deprecated-model",
        "message": "'llama-3.3-70b-versatile' (GroqCloud) shuts down on 2026-08-16 "
        "(46 days left); move to 'openai/gpt-oss-120b'",
        "state": "deprecated",
        "shutdown": "2026-08-16",
        "days_left": 46,
        "replacement_path": ["openai/gpt-oss-120b"],
        "replacement_path_complete": True,
    }
    notebook = report["findings"][7]
    assert notebook["replacement_path"] == ["gemma2-9b-it"]
    assert notebook["replacement_path_complete"] is False
    assert notebook["days_left"] is None


def test_github_format_writes_one_workflow_annotation_per_finding(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 10
    assert lines[0] == (
        "::error file=.env.example,line=2,col=12,title=retired-model%3A llama3-70b-8192::"
        "'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; "
        "use 'llama-3.3-70b-versatile' (shuts down 2026-08-16)"
    )
    assert lines[2].startswith(
        "::warning file=app.py,line=4,col=10,title=deprecated-model%3A llama-3.3-70b-versatile::"
    )
    assert lines[-1] == (
        "8 retired model uses, 1 soon-retired model use in 7 files; "
        "8 files scanned as of 2026-07-01"
    )


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "modelcat"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        "retired-model",
        "deprecated-model",
    ]
    places = [
        (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
            result["locations"][0]["physicalLocation"]["region"]["startColumn"],
            result["properties"]["modelId"],
            result["level"],
        )
        for result in run["results"]
    ]
    assert places == EXPECTED_PLACES
    assert [r["ruleId"] for r in run["results"]].count("deprecated-model") == 1


def test_sarif_output_with_no_findings_still_validates(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "sarif", "--provider", "other")
    assert code == 0
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The vendored schema is really checking: a result without a message is invalid."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    broken = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "modelcat"}}, "results": [{"ruleId": "x"}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_as_of_after_the_shutdown_turns_the_warning_into_an_error(tree: Path) -> None:
    code, out, _ = scan(tree, "app.py", ".env.example", as_of="2026-08-20")
    assert code == 1
    assert out.splitlines() == [
        ".env.example:2:12: 'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; use "
        "'llama-3.3-70b-versatile' (retired 2026-08-16) -> 'openai/gpt-oss-120b' [retired-model]",
        "app.py:3:13: 'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; use "
        "'llama-3.3-70b-versatile' (retired 2026-08-16) -> 'openai/gpt-oss-120b' [retired-model]",
        "app.py:4:10: 'llama-3.3-70b-versatile' (GroqCloud) was retired on 2026-08-16; use "
        "'openai/gpt-oss-120b' [retired-model]",
        "app.py:10:17: " + RETIRED_8B,
        "4 retired model uses, 0 soon-retired model uses in 2 files; "
        "2 files scanned as of 2026-08-20",
    ]


def test_as_of_before_the_announcement_reports_no_warning(tree: Path) -> None:
    code, out, _ = scan(tree, "app.py", as_of="2026-05-31")
    assert code == 1
    assert "deprecated-model" not in out
    assert out.endswith("2 retired model uses, 0 soon-retired model uses in 1 file; "
                        "1 file scanned as of 2026-05-31\n")  # fmt: skip


def test_warn_days_narrower_than_the_days_left_drops_the_warning(tree: Path) -> None:
    _, wide, _ = scan(tree, "app.py", "--warn-days", "46")
    _, narrow, _ = scan(tree, "app.py", "--warn-days", "45")
    assert "(46 days left)" in wide
    assert "deprecated-model" not in narrow


def test_provider_flag_judges_an_id_only_at_that_provider(tree: Path) -> None:
    code, out, _ = scan(tree, "config.yaml", "--provider", "other")
    assert (code, out) == (
        0,
        "no retired or soon-retired model IDs; 1 file scanned as of 2026-07-01\n",
    )
    code, out, _ = scan(tree, "config.yaml", "--provider", "groq")
    assert code == 1
    assert out.splitlines()[0] == (
        "config.yaml:1:8: 'shared-model-1b' (GroqCloud) was retired on 2025-05-01; "
        "the provider names no replacement [retired-model]"
    )


def test_clean_files_exit_0(tree: Path) -> None:
    (tree / "clean.py").write_text('MODEL = "llama-3.1-8b-instant"\n')
    code, out, _ = scan(tree, "clean.py")
    assert (code, out) == (
        0,
        "no retired or soon-retired model IDs; 1 file scanned as of 2026-07-01\n",
    )


def test_binary_symlinked_and_gitignored_files_are_not_read(tree: Path) -> None:
    _, out, _ = scan(tree, "--format", "json")
    paths = {finding["path"] for finding in json.loads(out)["findings"]}
    assert paths.isdisjoint(
        {"weights.bin", "link-outside.py", "link-inside.py", "ignored/old.py", "debug.log"}
    )
    assert not any(path.startswith(("link-folder", "../")) for path in paths)


def test_a_file_named_on_the_command_line_is_scanned_even_if_gitignored(tree: Path) -> None:
    code, out, _ = scan(tree, "ignored/old.py")
    assert code == 1
    assert out.startswith("ignored/old.py:1:10: 'llama3-70b-8192' (GroqCloud) was retired")


def test_gitignore_of_a_parent_folder_applies_when_scanning_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "src" / "build").mkdir(parents=True)
    (tmp_path / "src" / "build" / "out.py").write_text('MODEL = "gemma-7b-it"\n')
    (tmp_path / "src" / "main.py").write_text('MODEL = "gemma-7b-it"\n')
    code, out, _ = scan(tmp_path, "src")
    assert code == 1
    assert out.splitlines()[0].startswith("src/main.py:1:10: 'gemma-7b-it'")
    assert "build" not in out


def test_paths_are_shown_relative_to_the_current_folder(tree: Path) -> None:
    _, out, _ = scan(tree / "config", "settings.json", "../config.yaml")
    assert [line.split(": ", 1)[0] for line in out.splitlines()[:2]] == [
        "../config.yaml:1:8",
        "settings.json:2:13",
    ]


def test_control_characters_in_a_file_name_are_escaped(tmp_path: Path) -> None:
    (tmp_path / "evil\x1b[2J,name:.py").write_text('MODEL = "gemma-7b-it"\n')
    _, text, _ = scan(tmp_path)
    assert text.startswith("evil\\x1b[2J,name:.py:1:10: 'gemma-7b-it'")
    _, github, _ = scan(tmp_path, "--format", "github")
    assert github.startswith("::error file=evil\\x1b[2J%2Cname%3A.py,line=1,col=10,")


def test_catalog_json_export_gives_the_same_report_as_the_catalog_folder(
    tree: Path, tmp_path: Path
) -> None:
    export = tmp_path / "models.json"
    catalog = build_catalog(load_documents(CATALOG))
    document = catalog_document(catalog, dt.date(2025, 1, 1))
    export.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli(["scan", "--catalog-json", str(export), "--as-of", AS_OF], cwd=tree)
    assert (result.returncode, result.stdout) == (1, EXPECTED_TEXT)


@pytest.mark.parametrize(
    ("content", "expected_error"),
    [
        ("{not json", "models.json:1:2: not valid JSON: Expecting property name"),
        ('{"providers": {}}', "not an api/models.json export"),
        (
            '{"providers": [{"id": "groq", "name": "GroqCloud", "api_base": "https://a.example/v1",'
            ' "api_key_env": "GROQ_API_KEY", "docs_url": "https://a.example/docs",'
            ' "models": [{"id": "m-1", "lifecycle": {"shutdown": "soon", "source": "x"}}]}]}',
            "models.json: providers[0].models[0].lifecycle.shutdown: ",
        ),
        ('{"schema_version": 99, "providers": []}', "written for schema version 99"),
    ],
    ids=["not-json", "not-an-export", "invalid-model", "other-schema-version"],
)
def test_unusable_catalog_json_exits_2_with_the_reason(
    tmp_path: Path, content: str, expected_error: str
) -> None:
    (tmp_path / "models.json").write_text(content, encoding="utf-8")
    result = run_cli(["scan", "--catalog-json", "models.json", "."], cwd=tmp_path)
    assert result.returncode == 2
    assert expected_error in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "expected_error"),
    [
        (["--catalog", "nowhere"], "catalog folder 'nowhere' does not exist"),
        (["--catalog", "c", "--catalog-json", "f.json"], "not allowed with argument"),
        (["--warn-days", "-1"], "must be a whole number of days, 0 or more, not '-1'"),
        (["--as-of", "2026-13-01"], "--as-of must be a real date"),
        (["--provider", "nope", "--catalog", str(CATALOG)], "unknown provider 'nope'"),
        (["--catalog", str(CATALOG), "missing.py"], "missing.py: no such file or folder"),
        (["--format", "xml"], "invalid choice: 'xml'"),
    ],
    ids=["no-catalog", "both-catalogs", "negative-days", "bad-date", "provider", "path", "fmt"],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], expected_error: str) -> None:
    result = run_cli(["scan", *args], cwd=tmp_path)
    assert result.returncode == 2
    assert expected_error in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_catalog_folder_exits_2_with_its_problems(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    (catalog / "groq" / "models" / "gemma-7b-it.yaml").write_text("id: gemma-7b-it\nbogus: 1\n")
    result = run_cli(["scan", "--catalog", str(catalog), "."], cwd=tmp_path)
    assert result.returncode == 2
    assert "gemma-7b-it.yaml:2:1" in result.stderr


def test_bundled_catalog_is_the_default_outside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('MODEL = "llama-3.1-8b-instant"\n')
    result = run_cli(["scan", "--provider", "nope"], cwd=tmp_path)
    assert result.returncode == 2
    assert "the catalog has: groq" in result.stderr


def test_bundled_catalog_reports_groqs_retired_llama3_70b(tmp_path: Path) -> None:
    """GroqCloud shut llama3-70b-8192 down on 2025-08-30 (its deprecations page)."""
    (tmp_path / "app.py").write_text('client.chat.completions.create(model="llama3-70b-8192")\n')
    result = run_cli(["scan", "--as-of", "2030-01-01", "--format", "json"], cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert result.returncode == 1
    assert [(f["id"], f["provider"], f["rule"], f["shutdown"]) for f in findings] == [
        ("llama3-70b-8192", "groq", "retired-model", "2025-08-30")
    ]
