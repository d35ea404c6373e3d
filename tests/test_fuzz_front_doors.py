"""Fuzzing the front doors (issue 23): every command's arguments and environment variables,
catalog files with hostile text in every text field the schema has, and `/models` bodies in
every dialect. The rules: no traceback, exit codes as documented, nothing written outside the
target folder, no documented fact changed, no key in any output.

Commands run inside this process through `main(argv)` (tests/in_process.py), so an example
costs milliseconds instead of a process start, and a traceback is an exception that fails the
test. The example budgets are fixed and derandomized (the same examples on every run, no
example database): the file costs the same on every run, about 45 s on 2 cores. To explore
further, raise a budget and set derandomize=False for a local run; what that finds belongs in
tests/test_unusable_paths.py as a case of its own.

tests/test_validate_fuzz.py already feeds arbitrary bytes and YAML to validate, and
tests/test_drift_fuzz.py arbitrary bodies, statuses and headers to a Groq-like server; this
file adds what they leave out.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import trustme
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from modelcat_registry.dialects import dialect_for
from modelcat_registry.drift.capture import CaptureError, Page, listings_of
from modelcat_registry.drift.payload import PayloadError, read_json
from modelcat_registry.loader import MAX_FILE_BYTES, load_documents
from modelcat_registry.loopback_provider import LoopbackProvider
from modelcat_registry.problems import Problem
from modelcat_registry.schemas import load_schema, validator_for
from modelcat_registry.validation import validate_catalog
from tests.drift_helpers import API_KEY, DRIFT_DATA, matching_live_list
from tests.in_process import Outcome, environment, run_main
from tests.provider_wires import GOLDEN


def budget(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# --- (a) every command's arguments and environment ---------------------------------------------

# The exit codes README documents per command (argparse's usage errors are 2 as well).
EXIT_CODES = {
    "validate": {0, 1, 2},
    "generate": {0, 2},
    "sync": {0, 1, 2},
    "scan": {0, 1, 2},
    "new": {0, 2},
    "new-provider": {0, 2},
}

# Text a hostile or careless caller passes: empty and blank, option-like, line breaks that
# could forge a report line, escape and bidi controls, other scripts, emoji, combining marks,
# a value of 10,000 characters, numbers in every form, markup, URLs of every scheme, and the
# lone surrogates a non-UTF-8 argument becomes (os.fsdecode's surrogateescape).
HOSTILE_WORDS = [
    "", " ", "-", "--", "-x", "--frmat", "\n", "a\nb", "x\r\n::error::forged", "\x1b[31mred",
    "\u2028", "\u202eevil\u202c", "zero\u200bwidth", "\U0001f600", "e\u0301", "日本", "ﷺ",
    "x" * 10_000, "128k", "0x2000", "9" * 5000, "-1", "0", "1e309", "nan", "inf",
    "<script>alert(1)</script>", "https://example.com/card", "http://example.com/card",
    "javascript:alert(1)", "FILL-IN", "index", "README", "groq", "GROQ_API_KEY", "bad var",
    "%s%n", "{}", "[]", "null", "\udcff\udcfe",
]  # fmt: skip
argv_characters = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00"
) | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)
# The curated words twice as often as random text: each names a known way to go wrong.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.sampled_from(HOSTILE_WORDS),
    st.text(argv_characters, max_size=30),
)

NOT_UTF8_CATALOG = "catalog-\udcff"  # a catalog in a folder named with the byte 0xff
# Paths, relative to the sandbox the command runs in, and a few system paths that can be
# neither written nor created: never one a write could damage, since the tests may run as root.
HOSTILE_PATHS = [
    "catalog/groq", "catalog/groq/models/alpha-8b.yaml", "outside", "outside/sentinel.txt",
    "payloads/garbage.bin", "payloads/empty.json", "payloads/fifo", "payloads/folder",
    "nowhere", "app.py", ".", "", " ", "-", "x" * 300, "a/" * 2100, "日本/\U0001f600",
    "e\u0301", "\u202eevil", "a\nb", "\udcff", "/proc/modelcat-fuzz/docs", "/proc/version",
    "/proc/self/status", NOT_UTF8_CATALOG,
]  # fmt: skip


def inside(text: str) -> str:
    """Hostile text as a path that stays below the sandbox (no absolute path, no '..')."""
    return "sub/" + text.replace("..", "__")


hostile_paths = st.one_of(
    st.sampled_from(HOSTILE_PATHS), st.sampled_from(HOSTILE_PATHS), hostile_text.map(inside)
)
hostile_readable = hostile_paths | st.sampled_from(["/dev/null", "/dev/zero"])
USUAL_DAYS = ["2026-01-01", "2025-06-01", "2099-01-02", "0001-01-01", "9999-12-31"]
hostile_days = st.sampled_from(
    ["garbage", "2026-13-45", "2026-02-30", " 2026-01-01", "2026-01-01\n",
     "\uff12\uff10\uff12\uff16-01-01", "+2026-01-01", "2026-1-1", "20260101", "2026-W01-1"]
) | hostile_text  # fmt: skip
hostile_numbers = st.sampled_from(
    ["-1", "1e3", "1.5", "128k", "128 K", "0x2000", "\u0663", "10000000000", "9" * 40, " 5",
     "999999999", "9007199254740993"]
) | hostile_text  # fmt: skip
# Placeholders for the loopback server's address, known only once it runs.
HOSTILE_BASE_URLS = [
    "{base}/", "{base}?x=1", "{base}#top", "{origin}/elsewhere", "", " ", "not-a-url",
    "ftp://127.0.0.1/v1", "http://example.com/v1", "https://[::1", "javascript:alert(1)",
    "\u202e{base}", "{base}\n",
]  # fmt: skip
hostile_base_urls = st.sampled_from(HOSTILE_BASE_URLS) | hostile_text.filter(
    lambda t: "://" not in t and not t.lstrip().startswith("//")
)


@dataclass(frozen=True)
class Values:
    """An option's usual values, and the hostile ones it must also survive."""

    usual: st.SearchStrategy[str]
    hostile: st.SearchStrategy[str] = hostile_text


def one_of(*values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


CATALOG = Values(one_of("catalog"), hostile_paths)
AS_OF = Values(one_of(*USUAL_DAYS), hostile_days)
FORMAT = Values(one_of("text", "json", "github"))
SWITCH = None


@dataclass(frozen=True)
class Command:
    """What a command takes: options (SWITCH for one without a value), the options a usual
    call gives, positional arguments, the options naming where it may write, and the options
    that name where it reads from."""

    options: Mapping[str, Values | None]
    usual: tuple[str, ...] = ()
    positionals: Values | None = None
    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # options that exclude each other: one is given, usually


COMMANDS: dict[str, Command] = {
    "validate": Command(
        {"--catalog": CATALOG, "--as-of": AS_OF, "--format": FORMAT},
        positionals=Values(
            one_of("catalog/groq/models/alpha-8b.yaml", "catalog/groq", "catalog"),
            hostile_readable,
        ),
    ),
    "generate": Command(
        {
            "--catalog": CATALOG,
            "--as-of": AS_OF,
            "--out": Values(one_of("docs", "out/site"), hostile_paths),
            "--config": Values(one_of("payloads/mkdocs.yml"), hostile_readable),
            "--clean": SWITCH,
        },
        targets=("--out",),
    ),
    "sync": Command(
        {
            "--catalog": CATALOG,
            "--as-of": AS_OF,
            "--provider": Values(one_of("groq"), one_of("grok") | hostile_text),
            "--from-file": Values(one_of("payloads/live.json"), hostile_readable),
            "--base-url": Values(one_of("{base}"), hostile_base_urls),
            "--snapshot": Values(one_of("snapshot.json", "out/snapshot.json"), hostile_paths),
            "--allow-shrink": SWITCH,
            "--format": Values(one_of("text", "json", "github", "markdown")),
            "--timeout": Values(
                one_of("30", "5"),
                one_of("1e-9", "0", "-1", "nan", "inf", "1e308", "1e309", "", " 5 ", "5s"),
            ),
            "--write": SWITCH,
        },
        usual=("--provider", "--as-of"),
        targets=("--snapshot", "--catalog"),
        # Never the provider's real api_base: the list comes from a file or the loopback server.
        sources=("--from-file", "--base-url"),
    ),
    "scan": Command(
        {
            "--catalog": CATALOG,
            "--catalog-json": Values(one_of("payloads/models.json"), hostile_readable),
            "--as-of": AS_OF,
            "--warn-days": Values(one_of("0", "90", "36500"), hostile_numbers),
            "--provider": Values(one_of("groq"), one_of("openai") | hostile_text),
            "--format": Values(one_of("text", "json", "github", "sarif")),
        },
        positionals=Values(one_of("app.py", ".", "payloads"), hostile_readable),
        # Never the bundled catalog of 560 models: a second per example.
        sources=("--catalog", "--catalog-json"),
    ),
    "new": Command(
        {
            "--catalog": CATALOG,
            "--as-of": AS_OF,
            "--provider": Values(one_of("groq")),
            "--id": Values(one_of("fresh-model", "vendor/fresh-model", "alpha-8b")),
            "--name": Values(one_of("Fresh Model")),
            "--developer": Values(one_of("Meta", "日本")),
            "--status": Values(one_of("production", "preview")),
            "--source": Values(one_of("docs", "deprecations"), one_of("nope") | hostile_text),
            "--context-window": Values(one_of("131072", "8192"), hostile_numbers),
            "--max-output-tokens": Values(one_of("32768"), hostile_numbers),
            "--model-card": Values(one_of("https://huggingface.co/meta-llama/Llama-3.1-8B")),
        },
        usual=("--provider", "--id"),
        targets=("--catalog",),
    ),
    "new-provider": Command(
        {
            "--catalog": CATALOG,
            "--as-of": AS_OF,
            "--id": Values(one_of("acme", "groq")),
            "--name": Values(one_of("Acme AI")),
            "--api-base": Values(one_of("https://api.acme.example/v1")),
            "--api-key-env": Values(one_of("ACME_API_KEY"), one_of("bad var") | hostile_text),
            "--docs-url": Values(one_of("https://acme.example/docs")),
            "--dialect": Values(one_of("openai", "together"), one_of("openai-ish") | hostile_text),
        },
        usual=("--id",),
        targets=("--catalog",),
    ),
}
# Tokens put anywhere in the command line: stray options, a stray end of options, help.
STRAY = one_of("extra", "-", "--frmat", "-z", "--as-of", "-h", "--")
KEYS = Values(
    one_of(API_KEY),
    one_of(f"  {API_KEY}\n", f"{API_KEY[:6]} {API_KEY[6:]}", f"{API_KEY}\u00e9", "x", "",
           "sk-" + "a" * 5000, f"{API_KEY}\x1b[2J"),
)  # fmt: skip
ENVIRONMENT = {"MODELCAT_AS_OF": AS_OF, "GROQ_API_KEY": KEYS}


@st.composite
def invocations(draw: st.DrawFn, name: str) -> tuple[list[str], dict[str, str]]:
    """A command line and environment that would be a usual call, but for one or two
    hostile values (or none, or a stray token): each example reaches past the first check."""
    command = COMMANDS[name]
    optional = sorted(set(command.options) - set(command.sources))
    flags = [*command.usual, *draw(st.lists(st.sampled_from(optional), max_size=5))]
    if command.sources:
        # One source, rarely both (a usage error). Hypothesis draws small integers most
        # often: the rare branch is the largest value.
        sources = draw(st.permutations(command.sources))
        flags += sources[: 2 if draw(st.integers(0, 9)) == 9 else 1]
    flags = list(dict.fromkeys(flags))
    env_names = ["GROQ_API_KEY", *draw(st.lists(st.just("MODELCAT_AS_OF"), max_size=1))]
    positionals = draw(st.integers(0, 2)) if command.positionals else 0
    slots = [*flags, *env_names, *[f"positional {n}" for n in range(positionals)]]
    hostile = set(draw(st.lists(st.sampled_from(slots), max_size=2))) if slots else set()

    def value(slot: str, values: Values) -> str:
        return draw(values.hostile if slot in hostile else values.usual)

    argv = [name]
    for flag in flags:
        values = command.options[flag]
        argv += [flag] if values is None else [flag, value(flag, values)]
    for slot in slots[len(flags) + len(env_names) :]:
        assert command.positionals is not None
        argv.append(value(slot, command.positionals))
    if draw(st.integers(0, 9)) == 9:
        argv.insert(draw(st.integers(1, len(argv))), draw(STRAY))
    return argv, {env: value(env, ENVIRONMENT[env]) for env in env_names}


Tree = dict[Path, tuple[int, int, int]]


def tree(root: Path) -> Tree:
    """Every path below root (relative to it) with its kind, size and modification time."""
    found: Tree = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            info = path.lstat()
            found[path.relative_to(root)] = (
                stat.S_IFMT(info.st_mode),
                info.st_size,
                info.st_mtime_ns,
            )
    return found


@dataclass
class Sandbox:
    """A folder a command runs in: a small catalog, payloads of every kind (a FIFO among
    them), a folder no usual call names, and a loopback GroqCloud server. After each example
    it is put back as it was (from `source`)."""

    root: Path
    source: Path
    server: LoopbackProvider
    pristine: Tree

    def restore(self) -> None:
        """Rebuild what the example changed, but the pages `generate` wrote into its usual
        folders: the next example then finds them there (and a run that writes 56 files
        atomically would cost most of the budget)."""
        current = tree(self.root)
        changed = {
            path.parts[0]
            for path in current.keys() | self.pristine.keys()
            if current.get(path) != self.pristine.get(path)
        } - KEPT_OUTPUTS
        for top in changed:
            path = self.root / top
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                path.unlink()
            if (self.source / top).exists():
                copy_entry(self.source / top, path)
        self.pristine = tree(self.root)


KEPT_OUTPUTS = {"docs", "out"}


def copy_entry(source: Path, target: Path) -> None:
    """A file or folder of the sandbox's source, and the FIFO a copy cannot make."""
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy2(source, target)
    if target.name == "payloads":
        os.mkfifo(target / "fifo")


def sandbox_source(root: Path) -> None:
    shutil.copytree(DRIFT_DATA / "catalog", root / "catalog")
    # A catalog in a folder whose name is not UTF-8 (a byte 0xff), with a broken file: its
    # path reaches every report.
    shutil.copytree(DRIFT_DATA / "catalog", root / NOT_UTF8_CATALOG)
    (root / NOT_UTF8_CATALOG / "groq" / "models" / "broken.yaml").write_text("id: x\nname: [\n")
    payloads = root / "payloads"
    (payloads / "folder").mkdir(parents=True)
    shutil.copy(DRIFT_DATA / "live-matching.json", payloads / "live.json")
    (payloads / "garbage.bin").write_bytes(b"\xff\xfe\x00garbage\x1b[2J")
    (payloads / "empty.json").write_text("")
    (payloads / "mkdocs.yml").write_text(
        "site_name: fuzz\nrepo_url: https://github.com/example/fuzz\nedit_uri: edit/main/docs/\n"
    )
    export = run_main(["generate", "--out", str(root / "export"), "--as-of", "2026-01-01"], root)
    assert export.code == 0, export.output
    shutil.copy(root / "export" / "api" / "models.json", payloads / "models.json")
    shutil.rmtree(root / "export")
    (root / "outside").mkdir()
    (root / "outside" / "sentinel.txt").write_text("written only by a command that names it\n")
    (root / "app.py").write_text('MODELS = ["alpha-8b", "old-model", "soon-gone"]\n')


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    source = tmp_path_factory.mktemp("front-doors-source")
    sandbox_source(source)
    # The commands reach only plain-http loopback servers: a CA bundle of one certificate
    # spares each sync the 30 ms of loading the system's (httpx reads SSL_CERT_FILE).
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(bundle))
    root = tmp_path_factory.mktemp("front-doors")
    for entry in source.iterdir():
        copy_entry(entry, root / entry.name)
    with (
        LoopbackProvider(matching_live_list(), API_KEY) as server,
        environment({"SSL_CERT_FILE": str(bundle)}),
    ):
        yield Sandbox(root, source, server, tree(root))


def values_of(argv: list[str], flag: str) -> list[str]:
    return [argv[i + 1] for i, token in enumerate(argv[:-1]) if token == flag]


def allowed_targets(name: str, argv: list[str], root: Path) -> list[Path]:
    """Where the command may write: the folders and files its arguments name."""
    command = COMMANDS[name]
    targets: list[str] = []
    for flag in command.targets:
        if flag == "--catalog" and name == "sync" and "--write" not in argv:
            continue
        given = values_of(argv, flag)
        default = {"--out": "docs", "--catalog": "catalog"}.get(flag)
        targets += given or ([default] if default else [])
    return [(root / target).absolute() for target in targets]


def check_outcome(name: str, argv: list[str], env: dict[str, str], sandbox: Sandbox) -> Outcome:
    """Run the command in the sandbox; assert the rules; return what it did."""
    base, origin = sandbox.server.base_url, sandbox.server.origin
    argv = [token.replace("{base}", base).replace("{origin}", origin) for token in argv]
    outcome = run_main(argv, sandbox.root, env)
    shown = f"{argv!r} with {env!r}:\n{outcome.output[:2000]}"
    assert outcome.code in EXIT_CODES[name], shown
    assert "Traceback" not in outcome.output, shown
    outcome.stdout.encode("utf-8")  # a real stdout is strict UTF-8: a lone surrogate would crash
    key = env.get("GROQ_API_KEY", "").strip()
    assert API_KEY not in outcome.output, shown
    if len(key) >= 8:
        assert key not in outcome.output, shown
    targets = allowed_targets(name, argv, sandbox.root)
    after = tree(sandbox.root)
    for path in after.keys() | sandbox.pristine.keys():
        if after.get(path) != sandbox.pristine.get(path):
            full = (sandbox.root / path).absolute()
            # A folder on the way to a target may be created, or change as its entries do.
            on_the_way = full.is_dir() and any(t.is_relative_to(full) for t in targets)
            assert on_the_way or any(full.is_relative_to(t) for t in targets), (
                f"{path} changed, outside {targets}: {shown}"
            )
    return outcome


EXAMPLES = {
    "validate": 200,
    "generate": 120,
    "sync": 200,
    "scan": 200,
    "new": 200,
    "new-provider": 150,
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_any_arguments_and_environment_end_in_a_documented_exit_code(
    sandbox: Sandbox, name: str
) -> None:
    @budget(EXAMPLES[name])
    @given(invocation=invocations(name))
    def run(invocation: tuple[list[str], dict[str, str]]) -> None:
        argv, env = invocation
        try:
            check_outcome(name, argv, env, sandbox)
        finally:
            sandbox.restore()

    run()


# --- (b) catalog files with hostile text in every text field of the schema ----------------------

TextPath = tuple[str, ...]


def text_fields(kind: str) -> dict[TextPath, str]:
    """Every place the schema holds free text, and its definition (`text`: one line, or
    `paragraphs`), as a path of keys: "[]" for every item of a list, "*" for every value of
    a mapping."""
    schema = load_schema(kind)
    definitions = schema["$defs"]
    found: dict[TextPath, str] = {}

    def walk(node: Mapping[str, Any], path: TextPath) -> None:
        reference = node.get("$ref")
        if isinstance(reference, str):
            name = reference.rsplit("/", 1)[1]
            if name in ("text", "paragraphs"):
                found[path] = name
            else:
                walk(definitions[name], path)
            return
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "[]"))
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], (*path, "*"))
        for combinator in ("allOf", "anyOf", "oneOf"):
            for child in node.get(combinator, []):
                walk(child, path)

    walk(schema, ())
    return found


TEXT_FIELDS = {"provider": text_fields("provider"), "model": text_fields("model")}

# A catalog that holds every text field at least once: a provider with a source, a model with
# every kind of dated entry, an alias of it, and the model it is redirected to.
BASE_PROVIDER: dict[str, Any] = {
    "id": "acme",
    "name": "Acme",
    "api_base": "https://api.acme.example/v1",
    "dialect": "openai",
    "api_key_env": "ACME_API_KEY",
    "docs_url": "https://acme.example/docs",
    "sources": {
        "docs": {
            "title": "Acme models page",
            "url": "https://acme.example/docs",
            "date": "2025-01-01",
            "note": "Read on the day.",
        }
    },
}
BASE_MODELS: dict[str, dict[str, Any]] = {
    "fuzzed": {
        "id": "fuzzed", "name": "Fuzzed", "developer": "Fuzz Labs", "status": "production",
        "source": "docs", "context_window": 131072,
        "temporary_limit": {"context_window": 8192, "note": "Limited in preview."},
        "lifecycle": [
            {"date": "2025-02-01", "source": "docs", "shutdown": "2026-01-01",
             "replacements": ["target"], "note": "Announced.",
             "redirect": {"from": "2026-01-01", "to": "target", "note": "Served by target."}},
        ],
        "prices": [{"date": "2025-01-01", "source": "docs", "input_per_mtok_usd": 1,
                    "output_per_mtok_usd": 2, "note": "Per 1M tokens."}],
        "free_tier_limits": [{"date": "2025-01-01", "source": "docs", "rpm": 10,
                              "note": "Free plan."}],
        "developer_plan_limits": [{"date": "2025-01-01", "source": "docs", "rpm": 100,
                                   "note": "Developer plan."}],
        "notes": "Notes about the model.",
        "observed": [{"first_seen": "2025-01-01", "last_seen": "2025-02-01",
                      "name": "Fuzzed", "owner": "acme"}],
    },
    "fuzzed-latest": {
        "id": "fuzzed-latest",
        "alias_of": [{"date": "2025-01-01", "source": "docs", "target": "fuzzed",
                      "note": "The alias."}],
    },
    "target": {"id": "target", "name": "Target", "developer": "Fuzz Labs",
               "status": "production", "source": "docs"},
}  # fmt: skip


def places(document: Any, path: TextPath) -> list[tuple[tuple[Any, ...], Any, Any]]:
    """Where a text field's path leads in document: (the concrete path, container, key)."""
    if not path:
        return []
    head, rest = path[0], path[1:]
    if head in ("[]", "*"):
        if head == "[]" and isinstance(document, list):
            children = list(enumerate(document))
        elif head == "*" and isinstance(document, dict):
            children = list(document.items())
        else:
            return []
        return [
            ((key, *where), container, last)
            for key, child in children
            for where, container, last in places(child, rest)
        ]
    if not isinstance(document, dict) or head not in document:
        return []
    if not rest:
        return [((head,), document, head)]
    return [((head, *where), c, k) for where, c, k in places(document[head], rest)]


def test_the_base_catalog_holds_every_text_field_of_the_schema() -> None:
    """So that the fuzz below reaches every one: a text field added to the schema must be
    added to the base catalog too."""
    for path in TEXT_FIELDS["provider"]:
        assert places(BASE_PROVIDER, path), path
    for path in TEXT_FIELDS["model"]:
        assert any(places(model, path) for model in BASE_MODELS.values()), path
    assert len(TEXT_FIELDS["model"]) >= 12 and len(TEXT_FIELDS["provider"]) >= 3


# Bidi controls, NUL, line and paragraph separators, emoji, combining marks, 10,000-character
# values; markup, Markdown, YAML front matter and template look-alikes; what a spreadsheet runs.
HOSTILE_TEXT = [
    "<script>alert(1)</script>", "</title><script>alert(2)</script>", "\u202eevil\u202c",
    "\u2066isolate\u2069", "a\x00b", "a\u2028b", "a\u2029b", "a\x85b", "\U0001f600",
    "\U0001f1ef\U0001f1f5", "e\u0301\u0301\u0301", "\u0628\u0645", "日本", "x" * 10_000,
    "---", "title: x\n---", "# heading", "[x](javascript:alert(1))", "{: onclick=alert(1) }",
    "| a | b |", "]]>", "&amp;", "\\", '"', "'", "`code`", "*bold*", "{{ x }}", "{% raw %}",
    "\t", " padded ", "line\nbreak", "zero\u200bwidth", "\ufeffbom", "\x1b[2J", "=1+1",
]  # fmt: skip
SHORT_HOSTILE_TEXT = [text for text in HOSTILE_TEXT if len(text) < 100]
text_values = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.lists(st.sampled_from(SHORT_HOSTILE_TEXT), min_size=2, max_size=4).map(" ".join),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
)
hostile_fields = st.fixed_dictionaries(
    {
        "provider": st.dictionaries(st.sampled_from(sorted(TEXT_FIELDS["provider"])), text_values),
        "model": st.dictionaries(
            st.sampled_from(sorted(TEXT_FIELDS["model"])), text_values, min_size=1
        ),
        # PyYAML's way (escapes for what YAML cannot hold raw), or indented JSON (a YAML
        # document too) with every character but the JSON-escaped controls written raw.
        "writer": st.sampled_from(["yaml", "json"]),
    }
)


@dataclass(frozen=True)
class Written:
    path: Path
    text: str
    values: dict[tuple[Any, ...], tuple[str, str]]  # concrete path -> (value, definition)


def write_with_text(
    path: Path, base: dict[str, Any], kind: str, values: Mapping[TextPath, str], writer: str
) -> Written:
    document = copy.deepcopy(base)
    placed: dict[tuple[Any, ...], tuple[str, str]] = {}
    for field, value in values.items():
        for where, container, key in places(document, field):
            container[key] = value
            placed[where] = (value, TEXT_FIELDS[kind][field])
    if writer == "yaml":
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**9)
    else:
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Written(path, text, placed)


def read_back(file: Written) -> dict[tuple[Any, ...], tuple[str, str]] | None:
    """The text values as a YAML reader finds them in the file (PyYAML folds a line break it
    wrote in a single-quoted value into a space), or None if the file is no YAML at all."""
    try:
        document = yaml.safe_load(file.text)
    except yaml.YAMLError:
        return None
    found = {}
    for where, (_, rule) in file.values.items():
        value: Any = document
        for key in where:
            value = value[key]
        found[where] = (value, rule)
    return found


def refused(value: str, definition: str) -> bool:
    """Whether the schema's definition refuses value outright (length, or a character)."""
    rule = load_schema("model")["$defs"][definition]
    return not (
        rule["minLength"] <= len(value) <= rule["maxLength"]
        and re.search(rule["pattern"], value) is not None
    )


def value_lines(text: str) -> dict[tuple[Any, ...], int]:
    """The 1-based line (as editors count lines) where each value of the document starts, by
    its concrete path."""
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        lines[path] = len(EDITOR_LINE_BREAK.findall(text, 0, node.start_mark.index)) + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                walk(value, (*path, index))

    walk(yaml.compose(text), ())
    return lines


# Lines as editors count them, which validate's positions follow (scripts/yaml_source.py),
# though libyaml also ends a line at U+0085, U+2028 and U+2029.
EDITOR_LINE_BREAK = re.compile("\r\n|[\r\n]")


def check_problems_are_positioned(problems: list[Problem], files: list[Written]) -> None:
    by_file = {file.path.resolve(): file for file in files}
    for problem in problems:
        assert problem.message and "\n" not in problem.message, problem
        file = by_file[Path(problem.path).resolve()]
        lines = EDITOR_LINE_BREAK.split(file.text)
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem
    for file in files:
        reported = {p.line for p in problems if Path(p.path).resolve() == file.path.resolve()}
        values = read_back(file)
        if values is None:  # a character YAML forbids (DEL, say): the file's one problem
            assert reported, f"{file.path.name} is no YAML, and reported nowhere"
            continue
        refusals = [where for where, (value, rule) in values.items() if refused(value, rule)]
        if refusals:
            assert reported, f"{file.path.name} holds refused text, reported nowhere"
        if len(file.text.encode()) <= MAX_FILE_BYTES:  # else one problem: the file's size
            starts = value_lines(file.text)
            for where in refusals:
                assert starts[where] in reported, (file.path.name, where, sorted(reported))


def title_of(*parts: str) -> str:
    """A page title as the front matter holds it: whitespace folded, no angle brackets."""
    text = re.sub(r"\s+", " ", " · ".join(parts)).strip()
    return text.replace("<", "\u2039").replace(">", "\u203a")


def check_pages_are_inert(docs: Path, provider: dict[str, Any], model: dict[str, Any]) -> None:
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page
        if text.startswith("---\n"):
            _, meta = get_data(text)  # as MkDocs reads it: a broken front matter is {}
            assert meta, f"{page.relative_to(docs)} lost its front matter:\n{text[:400]}"
    meta = get_data((docs / "models" / "acme" / "fuzzed.md").read_text(encoding="utf-8"))[1]
    assert meta["title"] == title_of(model["name"], provider["name"])
    assert meta["hide"] == ["toc"]
    for feed in [docs / "feed.xml", *docs.glob("feeds/*.xml")]:
        ElementTree.fromstring(feed.read_bytes())  # noqa: S314 (our own output: well-formed?)
    export = json.loads((docs / "api" / "models" / "acme" / "fuzzed.json").read_text())
    assert (export["name"], export["developer"]) == (model["name"], model["developer"])


@pytest.fixture(scope="module")
def text_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-text")


@budget(250)
@given(example=hostile_fields)
def test_hostile_text_in_every_field_is_reported_in_place_or_rendered_inert(
    text_folder: Path, example: dict[str, Any]
) -> None:
    """validate reports every value the schema refuses, at its line; a catalog it accepts
    renders with every value escaped: no raw <script, every front matter readable, feeds
    well-formed, exports holding the very text."""
    shutil.rmtree(text_folder, ignore_errors=True)
    root = text_folder / "catalog"
    writer = example["writer"]
    files = [
        write_with_text(root / "acme" / "provider.yaml", BASE_PROVIDER, "provider",
                        example["provider"], writer),
        *(write_with_text(root / "acme" / "models" / f"{name}.yaml", base, "model",
                          example["model"], writer) for name, base in BASE_MODELS.items()),
    ]  # fmt: skip
    problems = validate_catalog(load_documents(root))
    check_problems_are_positioned(problems, files)
    if problems:
        return
    outcome = run_main(
        ["generate", "--catalog", "catalog", "--out", "docs", "--as-of", "2026-06-01"], text_folder
    )
    assert outcome.code == 0, outcome.output
    provider = yaml.safe_load(files[0].text)
    model = yaml.safe_load(files[1].text)
    check_pages_are_inert(text_folder / "docs", provider, model)


# --- (c) /models bodies in every dialect ----------------------------------------------------------

# Strings a provider could send in any field: empty, dates that are none, numbers as text,
# URLs of every kind, prefixes with nothing after them, other scripts, bidi controls, markup.
HOSTILE_JSON_STRINGS = [
    "", " ", "2026-13-45", "2026-02-30", "2026-09-25T00:00:00Z", "9999-12-31", "0", "-1",
    "1e309", "NaN", "0.0000025", "-0.000001", "0x10", "https://huggingface.co/a/b",
    "https://huggingface.co/../x", "http://huggingface.co/a/b", "models/", "models/x",
    "accounts/fireworks/models/", "x" * 300, "日本", "\U0001f600", "\u202eevil", "<script>",
    "index", "README", "a/../b", "true", "\x1b[2J", "a\x00b",
]  # fmt: skip
# Random text without control characters: one anywhere makes the whole body refused (a
# case the curated strings above cover), and the entries would never be read.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**19), max_value=10**19),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(HOSTILE_JSON_STRINGS),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
)
printable_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(printable_text, inner, max_size=3),
    max_leaves=6,
)
# IDs: mostly usual; else one a catalog file cannot have (reported, never written), and
# rarely one that makes the whole list refused (no ID, an unprintable character).
usual_ids = st.sampled_from(["kept", "gone", "new-1", "new-2", "vendor/new-3"])
model_ids = st.one_of(
    usual_ids,
    usual_ids,
    usual_ids,
    usual_ids,
    st.sampled_from(
        [
            "../x",
            "index",
            "a//b",
            "Kept",
            "x" * 300,
            "日本",
            "-x",
            "a b",
            " ",
            "",
            "a\nb",
            "\u202eid",
        ]
    ),
)


def fields_of(template: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The object with some of its keys, each value mutated."""
    return st.fixed_dictionaries({}, optional={k: mutated(v) for k, v in template.items()})


def mutated(template: Any) -> st.SearchStrategy[Any]:
    """The documented value, or a hostile one in its place; objects keep some of their keys,
    each mutated in turn (so that nested fields such as `pricing.prompt` get their share)."""
    if isinstance(template, dict):
        return st.one_of(fields_of(template), fields_of(template), json_values)
    if isinstance(template, list) and template:
        return st.one_of(st.lists(st.one_of(*map(mutated, template)), max_size=3), json_values)
    return st.one_of(st.just(template), st.just(template), json_values)


def with_id(dialect: str, entry: Any, model_id: str) -> Any:
    """The entry under model_id, in the field that holds a dialect's IDs."""
    if not isinstance(entry, dict):
        return entry
    if dialect == "gemini":
        return {**entry, "name": f"models/{model_id}"}
    if dialect == "fireworks":
        return {**entry, "name": model_id}
    return {**entry, "id": model_id}


@st.composite
def bodies(draw: st.DrawFn, dialect: str) -> Any:
    """A list as the dialect's documented shape holds it, with hostile values anywhere: in
    the entries' fields, their IDs (repeated, refused), the entries, or the envelope."""
    template = GOLDEN[dialect][0]
    entry = st.tuples(fields_of(template), model_ids).map(lambda pair: with_id(dialect, *pair))
    entries = draw(st.lists(entry, min_size=1, max_size=4))
    # Hypothesis draws small integers most often: the rare cases are the largest values.
    if draw(st.integers(0, 7)) == 7:  # an entry that is no object
        entries.insert(draw(st.integers(0, len(entries))), draw(json_values))
    if draw(st.integers(0, 7)) == 7:  # no list where the dialect has it
        return draw(json_values)
    return enveloped(dialect, entries)


def enveloped(dialect: str, entries: list[Any]) -> Any:
    """entries in the dialect's envelope (taken from an empty list of it: the dialect's own
    envelope reads fields of the entries, which hostile ones may lack)."""
    shape = dialect_for(dialect).envelope([])
    if isinstance(shape, list):
        return entries
    [key] = [key for key, value in shape.items() if isinstance(value, list)]
    return {**shape, key: entries}


OBSERVED_ORACLE = validator_for("model")


@pytest.mark.parametrize("dialect", sorted(GOLDEN))
def test_any_body_translates_to_observations_the_schema_accepts_or_one_sentence(
    dialect: str,
) -> None:
    translator = dialect_for(dialect)

    @budget(100)
    @given(body=bodies(dialect))
    def run(body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        try:
            listings = listings_of(translator, [Page(read_json(data), "0" * 64)])
        except (PayloadError, CaptureError) as error:
            message = str(error)
            assert message and "\n" not in message and "Traceback" not in message
            return
        for listing in listings:
            assert listing.id and listing.id.isprintable(), listing
            record = {"first_seen": "2026-06-01", **listing.facts}
            errors = list(OBSERVED_ORACLE.iter_errors({"id": "x", "observed": [record]}))
            assert not errors, (listing, [e.message for e in errors])
            assert set(listing.facts).isdisjoint(listing.refused)

    run()


# A catalog of one provider of the dialect, with documented facts the API may contradict.
DOCUMENTED = {
    "kept": "name: Kept\ndeveloper: Acme\nstatus: production\nsource: docs\n"
    "context_window: 8192\nmax_output_tokens: 4096\n",
    "gone": "name: Gone\nstatus: preview\nsource: docs\n",
}


def documented_catalog(root: Path, dialect: str) -> Path:
    catalog = root / "catalog"
    shutil.rmtree(catalog, ignore_errors=True)
    (catalog / "acme" / "models").mkdir(parents=True)
    (catalog / "acme" / "provider.yaml").write_text(
        "id: acme\nname: Acme\napi_base: https://api.acme.example/v1\n"
        f"dialect: {dialect}\napi_key_env: ACME_API_KEY\ndocs_url: https://acme.example/docs\n"
        "sources:\n  docs:\n    title: Acme models page\n    date: 2026-01-01\n"
    )
    for model_id, facts in DOCUMENTED.items():
        (catalog / "acme" / "models" / f"{model_id}.yaml").write_text(f"id: {model_id}\n{facts}")
    return catalog


def documented_facts(catalog: Path) -> dict[str, Any]:
    """Every model file's content but what sync records (observed), and the provider's but
    its checks."""
    facts = {}
    for path in sorted(catalog.rglob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        document.pop("checks" if path.name == "provider.yaml" else "observed", None)
        facts[str(path.relative_to(catalog))] = document
    return facts


@pytest.fixture(scope="module")
def write_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sync-write")


@pytest.mark.parametrize("dialect", sorted(GOLDEN))
def test_sync_write_of_any_body_never_changes_a_documented_fact(
    write_folder: Path, dialect: str
) -> None:
    """What a list says goes to observed records and stubs: a documented fact stays as the
    docs have it, every file written validates, and nothing is written outside the catalog."""

    @budget(25)
    @given(body=bodies(dialect))
    def run(body: Any) -> None:
        catalog = documented_catalog(write_folder, dialect)
        before = documented_facts(catalog)
        payload = write_folder / "payload.json"
        payload.write_text(json.dumps(body, ensure_ascii=False))
        outcome = run_main(
            ["sync", "--catalog", "catalog", "--provider", "acme", "--from-file",
             "payload.json", "--as-of", "2026-06-01", "--write"],
            write_folder,
        )  # fmt: skip
        assert outcome.code in {0, 1, 2}, outcome.output
        after = documented_facts(catalog)
        for path, document in before.items():
            assert after[path] == document, f"{path} changed:\n{outcome.output}"
        for path in after.keys() - before.keys():  # stubs of new models, for review
            assert path.startswith("acme/models/"), path
            assert after[path]["needs_review"] is True
        assert sorted(p.name for p in write_folder.iterdir()) == ["catalog", "payload.json"]
        assert validate_catalog(load_documents(catalog)) == [], outcome.output

    run()
