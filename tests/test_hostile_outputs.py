"""Outputs cannot be forged: one list of hostile strings goes through every field of every
output (validate text/json/github, sync text/markdown/json/github, the CSV export and the
built site's HTML), and each output shows them as inert data of its own kind."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from modelcat_registry.output_escaping import spreadsheet_safe
from tests.conftest import make_site_project, run_cli, run_tool

HOSTILE_STRINGS = [
    "x\n::error::forged",
    "x\r\n::error file=a.yaml,line=1::forged",
    "\x1b[31mred\x1b[0m",
    "a\rb",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " @SUM(1+1)",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "nul\x00byte",
    "%0A::error::percent",
]
LONE_SURROGATE = "\ud800lone"  # only JSON payloads can carry one; YAML refuses it

# What no line of a terminal, annotation or report may contain raw.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ud800-\udfff]"
)


def assert_no_raw_controls(output: str) -> None:
    found = RAW_CONTROL.search(output)
    assert found is None, f"raw {found.group()!r} in output: {output[:300]!r}"


def hostile_models(catalog: Path) -> list[str]:
    """One model file per hostile string: it is an unknown key and an enum value (both are
    echoed by the messages)."""
    names = []
    for index, text in enumerate(HOSTILE_STRINGS):
        name = f"hostile-{index}"
        document = f"id: {name}\nsource: models-page-2024-10\nstatus: {json.dumps(text)}\n"
        document += f"{json.dumps(text)}: 1\n"
        (catalog / "groq" / "models" / f"{name}.yaml").write_text(document)
        names.append(name)
    return names


def test_validate_text_json_and_github_outputs_cannot_be_forged(catalog_copy: Path) -> None:
    names = hostile_models(catalog_copy)
    outputs = {
        fmt: run_cli(["validate", "--format", fmt], cwd=catalog_copy.parent)
        for fmt in ("text", "json", "github")
    }
    for fmt, result in outputs.items():
        assert result.returncode == 1, (fmt, result.stderr)
        assert result.stderr == ""
        assert_no_raw_controls(result.stdout)
    report = json.loads(outputs["json"].stdout)
    problems = report["errors"]
    assert {e["path"] for e in problems} == {f"catalog/groq/models/{n}.yaml" for n in names}
    # JSON keeps each value exactly (as JSON escapes): a program sees what the file holds.
    messages = "\n".join(e["message"] for e in problems)
    for text in HOSTILE_STRINGS:
        assert f"not '{text}'" in messages
    # Text: one line per problem, each `path:line:col: message [rule]`, then the summary.
    text_lines = outputs["text"].stdout.splitlines()
    assert len(text_lines) == len(problems) + 1
    for line in text_lines[:-1]:
        assert re.fullmatch(r"catalog/groq/models/hostile-\d+\.yaml:\d+:\d+: .+ \[[a-z-]+\]", line)
    # GitHub: one annotation per problem; nothing else starts a workflow command.
    github_lines = outputs["github"].stdout.splitlines()
    assert len(github_lines) == len(problems) + 1
    for line in github_lines[:-1]:
        assert line.startswith("::error file=catalog/groq/models/hostile-"), line
    assert not github_lines[-1].startswith("::")


# Printable hostile text reaches the report (escaped); a list with control characters or a
# lone surrogate in an ID is refused whole by the payload check, in one sentence.
PRINTABLE_HOSTILE = [text for text in HOSTILE_STRINGS if text.isprintable()]
UNPRINTABLE_HOSTILE = [text for text in HOSTILE_STRINGS if not text.isprintable()]


def payload_file(tmp_path: Path, texts: list[str]) -> Path:
    items = [
        {"id": text, "object": "model", "created": 1, "owned_by": text, "active": True}
        for text in texts
    ]
    items.append(
        {"id": "gemma2-9b-it", "object": "model", "created": 1, "owned_by": PRINTABLE_HOSTILE[0]}
    )
    path = tmp_path / "payload.json"
    path.write_text(json.dumps({"object": "list", "data": items}))  # ASCII, surrogate escaped
    return path


@pytest.fixture
def hostile_payload(tmp_path: Path) -> Path:
    return payload_file(tmp_path, PRINTABLE_HOSTILE)


# A bare /models payload carries no date: sync is told the day it was captured. The lists here
# are short; --allow-shrink keeps sync from refusing them as a mass removal, so that what is
# checked is what the IDs do to the report.
CAPTURED = ["--as-of", "2026-11-20", "--allow-shrink"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
@pytest.mark.parametrize("text", [*UNPRINTABLE_HOSTILE, LONE_SURROGATE])
def test_sync_refuses_a_list_with_unprintable_ids_in_one_sentence(
    catalog_copy: Path, tmp_path: Path, text: str, fmt: str
) -> None:
    payload = payload_file(tmp_path, [text])
    result = run_cli(
        ["sync", "--provider", "groq", "--from-file", str(payload), *CAPTURED, "--format", fmt],
        cwd=catalog_copy.parent,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert_no_raw_controls(result.stdout)
    if fmt == "json":
        [provider] = json.loads(result.stdout)["providers"]
        assert provider["checked"] is False and provider["error"]
        reason = provider["error"]
    else:
        assert "could not be checked" in result.stdout.lower()
        reason = result.stdout
    assert "(U+" in reason, "refused for the character it names, not for another reason"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
def test_sync_outputs_cannot_be_forged_by_live_ids(
    catalog_copy: Path, hostile_payload: Path, fmt: str
) -> None:
    args = ["sync", "--provider", "groq", "--from-file", str(hostile_payload), *CAPTURED]
    result = run_cli([*args, "--format", fmt], cwd=catalog_copy.parent)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert_no_raw_controls(result.stdout)
    lines = result.stdout.splitlines()
    if fmt == "json":
        report = json.loads(result.stdout)
        added = {a["id"] for p in report["providers"] for a in p["added"]}
        assert set(PRINTABLE_HOSTILE) <= added
    if fmt == "github":
        for line in lines:
            assert not line.startswith("::error::"), line
            if line.startswith("::"):
                assert re.match(r"::(warning|error|notice) [a-z]+=", line), line
    if fmt == "markdown":
        rows = [line for line in lines if line.startswith("| ")]
        assert rows, result.stdout
        for row in rows:  # every row keeps its 6 columns: no cell breaks out of the table
            assert len(re.findall(r"(?<!\\)\|", row)) == 7, row
        assert "<script>" not in re.sub(r"`[^`]*`", "", result.stdout)
    if fmt == "text":
        assert all(not line.startswith("::") for line in lines)


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", " =1", "\u3000=1", "\u200b=1", "\x00=1",
     "\ufeff@x", "\uff1d1"],
)  # fmt: skip
def test_spreadsheet_guard_covers_leading_whitespace_and_controls(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Meta", "1-2", "a=b", "llama-3.1-8b", 8192, -1, 0.5])
def test_spreadsheet_guard_leaves_ordinary_cells_alone(cell: object) -> None:
    assert spreadsheet_safe(cell) == cell


HOSTILE_CATALOG = Path(__file__).parent / "hostile_catalog"


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tags: list[str] = []
        self.script_text: list[str] = []
        self.title: list[str] = []
        self._open = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open = tag
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.links += [value for name, value in attrs if name in {"href", "src"} and value]
        self.sources += [value for name, value in attrs if name == "src" and value]

    def handle_endtag(self, tag: str) -> None:
        self._open = ""

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.script_text.append(data)
        if self._open == "title":
            self.title.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("hostile") / "project", HOSTILE_CATALOG)
    result = run_tool("mkdocs", ["build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_hostile_catalog_passes_validate_so_the_site_must_render_it() -> None:
    result = run_cli(["validate", "--catalog", str(HOSTILE_CATALOG)], cwd=HOSTILE_CATALOG)
    assert result.returncode == 0, result.stdout


def test_built_html_has_no_handler_script_or_unsafe_link(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        parsed = _Html()
        parsed.feed(page.read_text())
        where = page.relative_to(hostile_site)
        assert parsed.handlers == [], where
        assert not any("alert(" in text for text in parsed.script_text), where
        assert "iframe" not in parsed.tags, where
        assert not any("<" in text for text in parsed.title), (where, parsed.title)
        for link in parsed.links:
            scheme = link.strip().lower()
            assert not scheme.startswith(("javascript:", "data:", "vbscript:")), (where, link)
        # Nothing from the catalog is loaded as an image or frame.
        assert not any("evil.example" in source for source in parsed.sources), where


def test_hostile_values_are_shown_as_text_in_the_html(hostile_site: Path) -> None:
    page = (hostile_site / "models" / "evil" / "hostile-1" / "index.html").read_text()
    assert "alert(&#39;name&#39;)" in page or "alert('name')" in page
    assert "&lt;script&gt;" in page or "&#60;script&#62;" in page
    assert 'href="https://example.com/ok?%28x%29"' in page


def test_developers_whose_names_share_a_slug_share_one_page(hostile_site: Path) -> None:
    developers = sorted(p.parent.name for p in (hostile_site / "developers").glob("*/index.html"))
    assert developers.count("evil") == 1
    page = (hostile_site / "developers" / "evil" / "index.html").read_text()
    assert "hostile-3" in page
    assert "hostile-4" in page


def test_csv_export_guards_every_formula_cell(hostile_site: Path) -> None:
    text = (hostile_site / "api" / "models.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "' =1+1" in cells
    assert "'@SUM(1+1)" in cells
    assert "'=cmd|' /C calc'!A0" in cells
    leading = re.compile(r"^[\s\x00-\x1f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]*[=+\-@]")
    for cell in cells:
        if leading.match(cell):
            assert cell.startswith("'"), cell
