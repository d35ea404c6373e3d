"""The scan part of `make bench`: `modelcat scan` against ripgrep on the same synthetic tree.

The tree (>= 20,000 files, >= 200 MB of source-like text, generated deterministically) has
model IDs sprinkled in realistic places and look-alikes beside them. Both tools run as whole
processes, alternated A B A B A B, and the median of 3 of each is compared:

- `scan_vs_ripgrep` = scan seconds / ripgrep seconds for `rg -F -w -f ids.txt` (target <= 3);
- `scan_mb_per_s` = megabytes of the tree / scan seconds;
- `matches_agree` = 1.0 when both find the same set of (file, line, id).

ripgrep's `-w` only asks that the characters around a match are not [A-Za-z0-9_]; `modelcat
scan` is stricter (see scripts/scan/matcher.py: `llama3-8b-8192` is not a use inside
`llama3-8b-8192-tool-use-preview`, nor inside `x-llama3-8b-8192`). So ripgrep's matches
(`-o --column`, IDs longest first so that the longest ID at a position wins, as in the scan)
are post-filtered here with that boundary rule, written again independently on bytes, before
the sets are compared. Every ID in the synthetic catalog is retired, so every use is a finding.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from modelcat_registry.schemas import SCHEMA_VERSION

FILES = 20_000
TARGET_BYTES = 210 * 1024 * 1024
RUNS = 3
AS_OF = "2030-01-01"
WORDS = (
    "client", "request", "response", "result", "config", "value", "items", "index", "token",
    "payload", "handler", "message", "stream", "retry", "timeout", "session", "cache", "user",
    "prompt", "context", "settings", "logger", "buffer", "parse", "render", "update", "model",
    "temperature", "options", "params", "headers", "status", "error", "limit", "offset", "data",
)  # fmt: skip
FAMILIES = ("llama", "gemma", "mixtral", "qwen", "whisper", "deepseek", "mistral", "phi")
SUFFIXES = ("instant", "versatile", "it", "preview", "instruct", "chat", "8192", "32768")
SPOTS = (
    '    model = "{id}"',
    '  "model": "{id}",',
    "MODEL_ID={id}",
    "model: {id}",
    '    llm = ChatGroq(model="groq/{id}", temperature=0)',
    "# We moved to {id}. It is faster.",
    "    call('{id}')  # default",
)
LOOK_ALIKES = (
    '    model = "{id}-tool-use-preview"',  # inside a longer ID
    '    model = "x-{id}"',  # inside a longer ID, from the left
    "    name = {upper}",  # a case variant
    "    path = 'models/{id}/config.json'",  # a folder of that name, not a model ID use
)


def model_ids() -> list[str]:
    """About 300 IDs shaped like real ones, some with an organisation prefix."""
    ids = []
    for index in range(300):
        family = FAMILIES[index % len(FAMILIES)]
        suffix = SUFFIXES[(index // len(FAMILIES)) % len(SUFFIXES)]
        model_id = f"{family}-{index % 7}.{index % 3}-{8 + index}b-{suffix}"
        ids.append(f"org-{index % 5}/{model_id}" if index % 10 == 0 else model_id)
    return ids


def catalog_json(ids: Sequence[str]) -> dict[str, object]:
    """A saved api/models.json with one provider whose every model shut down in 2025."""
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": "2025-06-01",
        "providers": [
            {
                "id": "bench",
                "name": "Bench Cloud",
                "api_base": "https://api.bench.example/v1",
                "dialect": "openai",
                "api_key_env": "BENCH_API_KEY",
                "docs_url": "https://docs.bench.example/models",
                "sources": {"dep": {"title": "Deprecations", "date": "2025-01-01"}},
                "models": [
                    {
                        "id": model_id,
                        "lifecycle": [
                            {"date": "2025-01-01", "source": "dep", "shutdown": "2025-03-01"}
                        ],
                    }
                    for model_id in ids
                ],
            }
        ],
    }


def _source_line(rng: random.Random) -> str:
    words = rng.sample(WORDS, 4)
    shape = rng.randrange(5)
    if shape == 0:
        return f"    {words[0]}_{words[1]} = {words[2]}.{words[3]}({rng.randrange(1000)})"
    if shape == 1:
        return f"    # {words[0]} the {words[1]} before {words[2]} is {words[3]}ed"
    if shape == 2:
        return f'    "{words[0]}": "{words[1]}-{words[2]}-{rng.randrange(100)}",'
    if shape == 3:
        return f"def {words[0]}_{words[1]}(self, {words[2]}: int = {rng.randrange(64)}) -> None:"
    return f"    if {words[0]} > {rng.randrange(10)}: return {words[1]}[{words[2]}:{words[3]}]"


def write_tree(root: Path, ids: Sequence[str], seed: int = 14) -> int:
    """Write the tree below root and return its size in bytes."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    bytes_per_file = TARGET_BYTES // FILES
    total = 0
    for index in range(FILES):
        folder = root / f"pkg{index % 40:02d}" / f"mod{index % 23:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        lines: list[str] = []
        size = 0
        while size < bytes_per_file:
            roll = rng.random()
            if roll < 0.004:
                line = rng.choice(SPOTS).format(id=rng.choice(ids))
            elif roll < 0.006:
                model_id = rng.choice(ids)
                line = rng.choice(LOOK_ALIKES).format(id=model_id, upper=model_id.upper())
            else:
                line = _source_line(rng)
            lines.append(line)
            size += len(line) + 1
        data = ("\n".join(lines) + "\n").encode()
        (folder / f"file{index:05d}.py").write_bytes(data)
        total += len(data)
    return total


def _timed(command: Sequence[str], cwd: Path) -> tuple[float, bytes]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"bench scan: {command[0]} failed:\n{result.stderr.decode()[-2000:]}")
    return seconds, result.stdout


_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_LEFT_GLUE = _WORD | frozenset(b".+@-")
_JOINERS = frozenset(b"-.:@+/")


def _passes_scan_rule(line: bytes, start: int, end: int) -> bool:
    """The scan's boundary rule (scripts/scan/matcher.py), written again on bytes."""
    if start > 0 and line[start - 1] in _LEFT_GLUE:
        return False
    if end < len(line):
        after = line[end]
        if after in _WORD:
            return False
        if after in _JOINERS and end + 1 < len(line) and line[end + 1] in _WORD:
            return False
    return True


def ripgrep_matches(tree: Path, ids_file: Path) -> set[tuple[str, int, str]]:
    """rg -F -w's matches that also pass the scan's boundary rule, as (file, line, id)."""
    output = subprocess.run(
        ["rg", "-F", "-w", "-o", "-n", "--column", "--no-heading", "-f", str(ids_file), "."],
        cwd=tree,
        capture_output=True,
        check=False,
    ).stdout
    found = set()
    lines_of: dict[str, list[bytes]] = {}
    for record in output.splitlines():
        path, line_no, column, matched = record.split(b":", 3)
        name = path.decode().removeprefix("./")
        if name not in lines_of:
            lines_of[name] = (tree / name).read_bytes().split(b"\n")
        line = lines_of[name][int(line_no) - 1]
        start = int(column) - 1
        if _passes_scan_rule(line, start, start + len(matched)):
            found.add((name, int(line_no), matched.decode()))
    return found


def scan_matches(output: bytes) -> set[tuple[str, int, str]]:
    findings = json.loads(output)["findings"]
    return {(f["path"], f["line"], f["id"]) for f in findings}


def measure_scan(work: Path) -> dict[str, float]:
    """Generate the tree under work, time both tools, compare their matches."""
    ids = model_ids()
    tree = work / "tree"
    tree.mkdir(parents=True, exist_ok=True)
    total_bytes = write_tree(tree, ids)
    ids_file = work / "ids.txt"
    # Longest first, so that at one position ripgrep prefers the longest ID, as the scan does.
    ids_file.write_text("".join(f"{i}\n" for i in sorted(ids, key=len, reverse=True)))
    catalog_file = work / "models.json"
    catalog_file.write_text(json.dumps(catalog_json(ids)))
    modelcat = Path(sys.executable).parent / "modelcat"
    scan_command = [str(modelcat), "scan", "--catalog-json", str(catalog_file)]
    scan_command += ["--as-of", AS_OF, "--format", "json", "."]
    rg_command = ["rg", "-F", "-w", "-f", str(ids_file), "."]
    _timed(rg_command, tree)  # warm the page cache for both
    scan_times, rg_times = [], []
    scan_output = b""
    for _ in range(RUNS):
        seconds, scan_output = _timed(scan_command, tree)
        scan_times.append(seconds)
        rg_times.append(_timed(rg_command, tree)[0])
    scan_seconds = statistics.median(scan_times)
    rg_seconds = statistics.median(rg_times)
    ours = scan_matches(scan_output)
    theirs = ripgrep_matches(tree, ids_file)
    return {
        "scan_files": float(FILES),
        "scan_mb": total_bytes / 1e6,
        "scan_seconds": scan_seconds,
        "ripgrep_seconds": rg_seconds,
        "scan_vs_ripgrep": scan_seconds / rg_seconds,
        "scan_mb_per_s": total_bytes / 1e6 / scan_seconds,
        "scan_matches": float(len(ours)),
        "ripgrep_matches": float(len(theirs)),
        "matches_agree": 1.0 if ours == theirs else 0.0,
    }


def main() -> int:
    if shutil.which("rg") is None:
        print("bench scan: ripgrep (rg) is not installed; apt-get install ripgrep", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="modelcat-bench-scan-") as work:
        figures = measure_scan(Path(work))
    for name, value in figures.items():
        print(f"{name:>16}: {value:.3f}")
    print(
        "matches compared as (file, line, id); ripgrep's -w matches post-filtered with the "
        "scan's stricter boundary rule"
    )
    print(json.dumps({"scan": figures}))
    return 0 if figures["scan_vs_ripgrep"] <= 3 and figures["matches_agree"] == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
