"""`modelcat scan` on a fixture tree with a small catalog of literal dates (see
tests/scan_fixture/README.md), in every output format, plus the bundled catalog."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from modelcat_registry.catalog import Catalog, Model, build_catalog
from modelcat_registry.lifecycle import State, state, use_today
from modelcat_registry.loader import load_documents
from modelcat_registry.scan.findings import is_generic, provider_prefixes, scannable_models
from modelcat_registry.site.exports import catalog_document
from modelcat_registry.site.views import model_view
from tests.conftest import CATALOG as BUNDLED_CATALOG
from tests.conftest import run_cli

FIXTURE = Path(__file__).resolve().parent / "scan_fixture"
CATALOG = FIXTURE / "catalog"
SARIF_SCHEMA = FIXTURE / "sarif-2.1.0-rtm.5.json"
AS_OF = "2026-07-01"

# Its replacement llama-3.3-70b-versatile is deprecated on AS_OF (shutdown 2026-08-16), so the
# model to use today is the next one on the path, named first.
RETIRED_70B = (
    "'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; use 'openai/gpt-oss-120b' "
    "(path: 'llama-3.3-70b-versatile' (shuts down 2026-08-16) -> 'openai/gpt-oss-120b') "
    "[retired-model]"
)
RETIRED_8B = (
    "'llama3-8b-8192' (GroqCloud) was retired on 2025-08-30; use 'llama-3.1-8b-instant' "
    "[retired-model]"
)
EXPECTED_TEXT = f"""\
.env.example:2:12: {RETIRED_70B}
app.py:3:13: {RETIRED_70B}
app.py:4:10: 'llama-3.3-70b-versatile' (GroqCloud) shuts down on 2026-08-16 (46 days left); use 'openai/gpt-oss-120b' [deprecated-model]
app.py:10:17: {RETIRED_8B}
config.yaml:1:8: 'shared-model-1b' (GroqCloud) was retired on 2025-05-01; the provider names no replacement; at Other Cloud it is available [retired-model]
config/settings.json:2:13: 'gemma-7b-it' (GroqCloud) was retired on 2024-12-18; the provider names no replacement [retired-model]
keep.log:1:16: {RETIRED_8B}
notebook.ipynb:12:45: 'mixtral-8x7b-32768' (GroqCloud) was retired on 2025-03-20; its replacements 'gemma2-9b-it' (retired 2025-10-08) end at a model that cannot be called [retired-model]
settings.toml:2:15: {RETIRED_70B}
8 errors, 1 warning in 7 files; 8 files scanned as of 2026-07-01
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


NOTHING_TO_REPORT = (
    "no retired, limited, redirected or soon-retired model IDs; 1 file scanned as of 2026-07-01\n"
)


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
        "(46 days left); use 'openai/gpt-oss-120b'",
        "state": "deprecated",
        "shutdown": "2026-08-16",
        "days_left": 46,
        "replacement_path": ["openai/gpt-oss-120b"],
        "replacement_path_complete": True,
        "use_instead": "openai/gpt-oss-120b",
        "answered_by": None,
    }
    retired_70b = report["findings"][0]
    assert retired_70b["replacement_path"] == ["llama-3.3-70b-versatile", "openai/gpt-oss-120b"]
    assert retired_70b["use_instead"] == "openai/gpt-oss-120b"
    notebook = report["findings"][7]
    assert notebook["replacement_path"] == ["gemma2-9b-it"]
    assert notebook["replacement_path_complete"] is False
    assert notebook["use_instead"] is None
    assert notebook["days_left"] is None


def test_github_format_writes_one_workflow_annotation_per_finding(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 10
    assert lines[0] == (
        "::error file=.env.example,line=2,col=12,title=retired-model%3A llama3-70b-8192::"
        + RETIRED_70B.removesuffix(" [retired-model]")
    )
    assert lines[2].startswith(
        "::warning file=app.py,line=4,col=10,title=deprecated-model%3A llama-3.3-70b-versatile::"
    )
    assert lines[-1] == "8 errors, 1 warning in 7 files; 8 files scanned as of 2026-07-01"


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(tree: Path) -> None:
    code, out, _ = scan(tree, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "modelcat"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["retired-model", "deprecated-model", "limited-model", "redirected-model"]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
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
    retired_70b = (
        "'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30; use 'openai/gpt-oss-120b' "
        "(path: 'llama-3.3-70b-versatile' (retired 2026-08-16) -> 'openai/gpt-oss-120b') "
        "[retired-model]"
    )
    assert out.splitlines() == [
        f".env.example:2:12: {retired_70b}",
        f"app.py:3:13: {retired_70b}",
        "app.py:4:10: 'llama-3.3-70b-versatile' (GroqCloud) was retired on 2026-08-16; use "
        "'openai/gpt-oss-120b' [retired-model]",
        "app.py:10:17: " + RETIRED_8B,
        "4 errors, 0 warnings in 2 files; 2 files scanned as of 2026-08-20",
    ]


def test_as_of_before_the_announcement_reports_no_warning(tree: Path) -> None:
    code, out, _ = scan(tree, "app.py", as_of="2026-05-31")
    assert code == 1
    assert "deprecated-model" not in out
    assert out.endswith("2 errors, 0 warnings in 1 file; 1 file scanned as of 2026-05-31\n")


def test_warn_days_narrower_than_the_days_left_drops_the_warning(tree: Path) -> None:
    _, wide, _ = scan(tree, "app.py", "--warn-days", "46")
    _, narrow, _ = scan(tree, "app.py", "--warn-days", "45")
    assert "(46 days left)" in wide
    assert "deprecated-model" not in narrow


def test_provider_flag_judges_an_id_only_at_that_provider(tree: Path) -> None:
    code, out, _ = scan(tree, "config.yaml", "--provider", "other")
    assert (code, out) == (
        0,
        NOTHING_TO_REPORT,
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
    assert (code, out) == (0, NOTHING_TO_REPORT)


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
    # Saved on another day, with other states: the scan recomputes them for its own day.
    saved_on = dt.date(2025, 1, 1)
    catalog = build_catalog(load_documents(CATALOG))
    views = [model_view(catalog, model, saved_on) for model in catalog.models]
    document = catalog_document(catalog, views, saved_on)
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
            ' "dialect": "groq", "api_key_env": "GROQ_API_KEY", "docs_url": "https://a.example/d",'
            ' "models": [{"id": "m-1", "lifecycle": [{"date": "2026-01-01", "source": "x",'
            ' "shutdown": "soon"}]}]}]}',
            "models.json: providers[0].models[0].lifecycle[0].shutdown: ",
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
    bundled = sorted(p.parent.name for p in BUNDLED_CATALOG.glob("*/provider.yaml"))
    assert result.returncode == 2
    assert f"the catalog has: {', '.join(bundled)}\n" in result.stderr


def test_bundled_catalog_reports_groqs_retired_llama3_70b(tmp_path: Path) -> None:
    """GroqCloud shut llama3-70b-8192 down on 2025-08-30 (its deprecations page)."""
    (tmp_path / "app.py").write_text('client.chat.completions.create(model="llama3-70b-8192")\n')
    result = run_cli(["scan", "--as-of", "2030-01-01", "--format", "json"], cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert result.returncode == 1
    assert [(f["id"], f["provider"], f["rule"], f["shutdown"]) for f in findings] == [
        ("llama3-70b-8192", "groq", "retired-model", "2025-08-30")
    ]


# --- Across providers: prefixes, generic IDs, the four rules, the as-of day -----------------
# The fixture's Other Cloud (see tests/scan_fixture/README.md) holds the models these use.


def scan_text(
    folder: Path, name: str, text: str, *args: str, as_of: str = AS_OF
) -> tuple[int, list[dict]]:
    """Scan one file holding text: the exit code and the JSON findings."""
    (folder / name).write_text(text, encoding="utf-8")
    code, out, err = scan(folder, name, "--format", "json", *args, as_of=as_of)
    assert err == ""
    return code, json.loads(out)["findings"]


def places(findings: list[dict]) -> list[tuple[int, int, str, str, str]]:
    return [(f["line"], f["column"], f["id"], f["provider"], f["rule"]) for f in findings]


def test_a_provider_prefix_judges_the_id_at_that_provider_only(tmp_path: Path) -> None:
    """shared-model-1b is retired at GroqCloud and available at Other Cloud; `other_ai` is
    Other Cloud's code_prefixes entry, `groq` GroqCloud's own ID."""
    code, findings = scan_text(
        tmp_path,
        "app.py",
        'A = "other_ai/shared-model-1b"\n'
        'B = "groq/shared-model-1b"\n'
        'C = "other/shared-model-1b"\n'
        'D = "shared-model-1b"\n',
    )
    assert code == 1
    assert places(findings) == [
        (2, 11, "shared-model-1b", "groq", "retired-model"),
        (4, 6, "shared-model-1b", "groq", "retired-model"),
    ]
    # Pinned by its prefix, the use says nothing of the other provider; unpinned, it does.
    assert "Other Cloud" not in findings[0]["message"]
    assert findings[1]["message"].endswith("; at Other Cloud it is available")


def test_a_code_prefix_finds_a_retired_model_of_its_provider(tmp_path: Path) -> None:
    code, findings = scan_text(tmp_path, "app.py", 'm = "other_ai/old-model-2b"\n')
    assert code == 1
    assert places(findings) == [(1, 15, "old-model-2b", "other", "retired-model")]


def test_an_id_written_with_another_providers_prefix_is_judged_both_ways(tmp_path: Path) -> None:
    """`groq/gemma-7b-it` is Other Cloud's ID (available) and, as LiteLLM users write it,
    GroqCloud's retired `gemma-7b-it`: reported at GroqCloud, saying where it still works."""
    code, findings = scan_text(tmp_path, "app.py", 'model = "groq/gemma-7b-it"\n')
    assert code == 1
    assert places(findings) == [(1, 15, "gemma-7b-it", "groq", "retired-model")]
    assert findings[0]["message"] == (
        "'gemma-7b-it' (GroqCloud) was retired on 2024-12-18; the provider names no "
        "replacement; at Other Cloud it is available"
    )
    # With Other Cloud's own prefix, it is only Other Cloud's ID.
    code, findings = scan_text(tmp_path, "app.py", 'model = "other_ai/groq/gemma-7b-it"\n')
    assert (code, findings) == (0, [])


def test_a_generic_id_counts_only_as_a_whole_value(tmp_path: Path) -> None:
    """gpt-4 (6 characters or fewer) and babbage (letters alone) are retired at Other Cloud:
    reported as a quoted string, a config or env value, never in prose or a comment."""
    code, findings = scan_text(
        tmp_path,
        "app.py",
        'MODEL = "gpt-4"\n'  # 1: quoted
        "# We moved off gpt-4 and babbage last year.\n"  # 2: comment prose
        'HELP = "the gpt-4 model is gone"\n'  # 3: inside a longer string
        "tokens = count(gpt-4)\n"  # 4: an expression
        "FALLBACK = 'babbage'\n"  # 5: quoted
        'NAME = "my-gpt-4-wrapper"\n'  # 6: inside a longer name
        'PINNED = "other_ai/gpt-4"\n'  # 7: quoted, with a prefix
        "see other_ai/gpt-4 in the docs\n"  # 8: prefixed, but prose
        '# OLD = "gpt-4"\n',  # 9: quoted, on a commented-out line
    )
    assert code == 1
    assert places(findings) == [
        (1, 10, "gpt-4", "other", "retired-model"),
        (5, 13, "babbage", "other", "retired-model"),
        (7, 20, "gpt-4", "other", "retired-model"),
    ]
    code, findings = scan_text(
        tmp_path,
        "config.yaml",
        "model: gpt-4  # pinned\nfallbacks:\n  - babbage\nnotes: gpt-4 is old\n",
    )
    assert places(findings) == [
        (1, 8, "gpt-4", "other", "retired-model"),
        (3, 5, "babbage", "other", "retired-model"),
    ]
    code, findings = scan_text(tmp_path, ".env", "export OTHER_MODEL=gpt-4\n")
    assert places(findings) == [(1, 20, "gpt-4", "other", "retired-model")]
    cell = {"cell_type": "code", "source": ['create(model="gpt-4")\n', "# gpt-4 was slow\n"]}
    notebook = json.dumps({"cells": [cell]}, indent=1)
    code, findings = scan_text(tmp_path, "call.ipynb", notebook)
    # The JSON-escaped quotes make it a quoted string; the comment line stays a comment.
    [(line, text)] = [(n, t) for n, t in enumerate(notebook.splitlines(), 1) if "create" in t]
    assert places(findings) == [(line, text.index("gpt-4") + 1, "gpt-4", "other", "retired-model")]


def test_a_longer_id_is_reported_anywhere_even_in_a_comment(tmp_path: Path) -> None:
    """The whole-value rule is for generic IDs only: a specific ID in a comment is a use."""
    code, findings = scan_text(tmp_path, "app.py", "# TODO: drop old-model-2b\n")
    assert (code, places(findings)) == (1, [(1, 14, "old-model-2b", "other", "retired-model")])


def test_a_redirected_model_is_a_warning_naming_the_model_that_answers(tmp_path: Path) -> None:
    """From 2026-05-15 current-4b answers redirected-3b's requests (stated 2026-05-20)."""
    code, findings = scan_text(tmp_path, "app.py", 'm = "redirected-3b"\n')
    assert code == 1
    assert findings == [
        {
            "path": "app.py",
            "line": 1,
            "column": 6,
            "id": "redirected-3b",
            "provider": "other",
            "severity": "warning",
            "rule": "redirected-model",
            "message": "'redirected-3b' (Other Cloud) is answered by 'current-4b' since "
            "2026-05-15: the code works, but another model answers, at its price; "
            "use 'current-4b'",
            "state": "redirected",
            "shutdown": "2026-05-15",
            "days_left": None,
            "replacement_path": ["current-4b"],
            "replacement_path_complete": True,
            "use_instead": "current-4b",
            "answered_by": "current-4b",
        }
    ]


def test_a_redirect_to_a_model_that_is_gone_itself_is_an_error(tmp_path: Path) -> None:
    """orphan-6b is answered by old-model-2b, which shut down on 2025-01-31: no statement says
    what answers now, so the code is not known to work."""
    code, findings = scan_text(tmp_path, "app.py", 'm = "orphan-6b"\n')
    assert code == 1
    assert [(f["severity"], f["rule"], f["answered_by"], f["message"]) for f in findings] == [
        (
            "error",
            "redirected-model",
            "old-model-2b",
            "'orphan-6b' (Other Cloud) is answered by 'old-model-2b' since 2024-06-01, which "
            "cannot be called itself on 2026-07-01; no source says what answers now; use "
            "'aging-3b', which is deprecated itself (path: 'old-model-2b' (retired 2025-01-31) -> "
            "'aging-3b' (deprecated))",
        )
    ]


def test_a_limited_model_is_an_error_naming_where_it_still_runs(tmp_path: Path) -> None:
    """limited-5b shut down on the free tier on 2026-06-01; enterprise still serves it."""
    code, findings = scan_text(tmp_path, "app.py", 'm = "limited-5b"\n')
    assert code == 1
    assert [(f["severity"], f["rule"], f["state"], f["message"]) for f in findings] == [
        (
            "error",
            "limited-model",
            "limited",
            "'limited-5b' (Other Cloud) was shut down on 2026-06-01 except on its enterprise "
            "offering; use 'current-4b'",
        )
    ]
    # Before the day, the warning says which offering the shutdown is for.
    _, findings = scan_text(tmp_path, "app.py", 'm = "limited-5b"\n', as_of="2026-05-10")
    assert [(f["rule"], f["message"]) for f in findings] == [
        (
            "deprecated-model",
            "'limited-5b' (Other Cloud) shuts down on its free offering on 2026-06-01 "
            "(22 days left); use 'current-4b'",
        )
    ]


def test_the_advice_names_the_first_model_on_the_path_not_deprecated_that_day(
    tree: Path,
) -> None:
    """llama3-70b-8192's replacement is llama-3.3-70b-versatile, deprecated from 2026-06-01
    and replaced by openai/gpt-oss-120b: before that day the advice is its replacement, from
    it on the model after it."""
    for day, path in [
        ("2026-05-31", ["llama-3.3-70b-versatile"]),
        ("2026-06-01", ["llama-3.3-70b-versatile", "openai/gpt-oss-120b"]),
    ]:
        _, findings = scan_text(tree, "one.py", 'm = "llama3-70b-8192"\n', as_of=day)
        [finding] = findings
        assert (finding["replacement_path"], finding["use_instead"]) == (path, path[-1])
        assert f"; use '{path[-1]}'" in finding["message"]


def test_when_the_path_ends_at_a_deprecated_model_the_advice_says_so(tmp_path: Path) -> None:
    _, findings = scan_text(tmp_path, "app.py", 'm = "old-model-2b"\n')
    [finding] = findings
    assert finding["message"] == (
        "'old-model-2b' (Other Cloud) was retired on 2025-01-31; use 'aging-3b', which is "
        "deprecated itself"
    )
    assert (finding["use_instead"], finding["replacement_path_complete"]) == ("aging-3b", False)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2026-04-30", None),  # before the announcement dated 2026-05-01
        ("2026-05-01", ("warning", "deprecated-model", 14)),
        ("2026-05-15", ("error", "retired-model", None)),  # the redirect is not known yet
        ("2026-05-19", ("error", "retired-model", None)),
        ("2026-05-20", ("warning", "redirected-model", None)),  # the statement of that day
    ],
)
def test_each_day_is_judged_by_what_its_sources_had_said_by_then(
    tmp_path: Path, as_of: str, expected: tuple[str, str, int | None] | None
) -> None:
    code, findings = scan_text(tmp_path, "app.py", 'm = "redirected-3b"\n', as_of=as_of)
    assert code == (0 if expected is None else 1)
    assert [(f["severity"], f["rule"], f["days_left"]) for f in findings] == (
        [expected] if expected else []
    )


def test_sarif_gives_each_rule_its_own_id_and_the_model_that_answers(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('a = "redirected-3b"\nb = "limited-5b"\n')
    code, out, _ = scan(tmp_path, "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert code == 1
    assert [
        (r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"], r["properties"]["answeredBy"])
        for r in run["results"]
    ] == [
        ("redirected-model", "redirected-model", "warning", "current-4b"),
        ("limited-model", "limited-model", "error", None),
    ]


# --- The bundled catalog, every provider ----------------------------------------------------

REAL_AS_OF = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return build_catalog(load_documents(BUNDLED_CATALOG))


def retired_model_of_each_provider(catalog: Catalog, day: dt.date) -> list[Model]:
    """One model per provider that is retired on the day, chosen so that writing its ID, with
    or without the provider's prefix, can mean nothing else: no other provider has the ID or
    the prefixed ID, it does not start with a provider's prefix itself, and it is not generic."""
    by_id = scannable_models(catalog)
    prefixes = provider_prefixes(catalog)
    chosen: dict[str, Model] = {}
    for model in catalog.models:
        unambiguous = (
            model.provider not in chosen
            and model.id in by_id
            and len(by_id[model.id]) == 1
            and not is_generic(model.id)
            and model.id.partition("/")[0].lower() not in prefixes
            and not any(f"{prefix}/{model.id}" in by_id for prefix in prefixes)
        )
        if unambiguous and state(model, day, catalog) is State.RETIRED:
            chosen[model.provider] = model
    return list(chosen.values())


def test_bundled_catalog_reports_retired_ids_of_every_provider(
    tmp_path: Path, bundled: Catalog
) -> None:
    """A codebase that calls a retired model of each provider that has one, as the OpenAI SDK
    (bare ID) and LiteLLM (`<prefix>/<id>`, Together's and Fireworks' own prefixes) write it."""
    models = retired_model_of_each_provider(bundled, REAL_AS_OF)
    assert len({m.provider for m in models}) >= 3
    litellm = {
        m.key: (bundled.providers[m.provider].code_prefixes or (m.provider,))[0] for m in models
    }
    (tmp_path / "sdk.py").write_text(
        "".join(f'MODEL_{i} = "{m.id}"\n' for i, m in enumerate(models))
    )
    (tmp_path / "router.yaml").write_text(
        "".join(f"- model: {litellm[m.key]}/{m.id}\n" for m in models)
    )
    result = run_cli(["scan", "--as-of", REAL_AS_OF.isoformat(), "--format", "json"], cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert result.returncode == 1
    expected = [
        (path, line, column, m.id, m.provider, "retired-model")
        for path, column_of in [
            ("router.yaml", lambda m: len(f"- model: {litellm[m.key]}/") + 1),
            ("sdk.py", lambda m: len(f"MODEL_{models.index(m)} = ") + 2),
        ]
        for line, m in enumerate(models, start=1)
        for column in [column_of(m)]
    ]
    assert [
        (f["path"], f["line"], f["column"], f["id"], f["provider"], f["rule"]) for f in findings
    ] == expected
    # The advice is the site's "use today" model wherever the path reaches one.
    for finding in findings:
        model = next(m for m in models if m.id == finding["id"])
        today = use_today(bundled, model, REAL_AS_OF)
        if today is not None:
            assert finding["use_instead"] == today.id
            assert f"; use '{today.id}'" in finding["message"]


def test_bundled_catalog_judges_an_openrouter_prefixed_id_at_openrouter(
    tmp_path: Path, bundled: Catalog
) -> None:
    """OpenRouter resells models under `<vendor>/<model>` IDs (`deepseek/deepseek-chat`).
    Written bare, such an ID is also how LiteLLM users name the vendor's own model, so a
    retirement at the vendor is reported; written `openrouter/<vendor>/<model>`, it is
    OpenRouter's only."""
    by_id = scannable_models(bundled)
    prefixes = provider_prefixes(bundled)
    pairs = [
        (model, vendor_model)
        for model in bundled.models
        if model.provider == "openrouter" and model.id in by_id
        for head, _, rest in [model.id.partition("/")]
        for vendor_model in by_id.get(rest, [])
        if vendor_model.provider == prefixes.get(head.lower())
        and state(model, REAL_AS_OF, bundled) is State.AVAILABLE
        and state(vendor_model, REAL_AS_OF, bundled) is State.RETIRED
    ]
    assert pairs, "the bundled catalog has no retired vendor model that OpenRouter still serves"
    reseller, vendor_model = pairs[0]
    code, findings = scan_text(
        tmp_path,
        "app.py",
        f'bare = "{reseller.id}"\nrouted = "openrouter/{reseller.id}"\n',
        "--catalog",
        str(BUNDLED_CATALOG),
        as_of=REAL_AS_OF.isoformat(),
    )
    assert code == 1
    assert [(f["line"], f["id"], f["provider"], f["rule"]) for f in findings] == [
        (1, vendor_model.id, vendor_model.provider, "retired-model")
    ]
    assert findings[0]["message"].endswith("; at OpenRouter it is available")


def test_bundled_catalog_judges_a_litellm_prefixed_id_at_that_provider_only(
    tmp_path: Path, bundled: Catalog
) -> None:
    """An ID that several providers serve, shut down at one that has LiteLLM code prefixes
    (Together's `together_ai`) and available at another: bare, it is reported at the first
    with a word on the second; with either provider's prefix, it is judged there alone."""
    rules = {State.RETIRED: "retired-model", State.LIMITED: "limited-model"}
    by_id = scannable_models(bundled)
    shared = [
        (model, other)
        for model in bundled.models
        if bundled.providers[model.provider].code_prefixes
        and state(model, REAL_AS_OF, bundled) in rules
        for other in by_id.get(model.id, [])
        if other.provider != model.provider and state(other, REAL_AS_OF, bundled) is State.AVAILABLE
    ]
    assert shared, "no ID is shut down at a provider with code_prefixes and available elsewhere"
    model, other = shared[0]
    prefix = bundled.providers[model.provider].code_prefixes[0]
    code, findings = scan_text(
        tmp_path,
        "app.py",
        f'bare = "{model.id}"\n'
        f'litellm = "{prefix}/{model.id}"\n'
        f'elsewhere = "{other.provider}/{model.id}"\n',
        "--catalog",
        str(BUNDLED_CATALOG),
        as_of=REAL_AS_OF.isoformat(),
    )
    rule = rules[state(model, REAL_AS_OF, bundled)]
    assert code == 1
    assert [(f["line"], f["id"], f["provider"], f["rule"]) for f in findings] == [
        (1, model.id, model.provider, rule),
        (2, model.id, model.provider, rule),
    ]
    elsewhere = f"; at {bundled.providers[other.provider].name} it is available"
    assert findings[0]["message"].endswith(elsewhere)
    assert elsewhere not in findings[1]["message"]
