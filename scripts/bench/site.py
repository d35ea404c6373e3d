"""Site figures: the full pipeline (generate in the MkDocs hook + `mkdocs build --strict`)
against a bare MkDocs build of the same pages, its growth from 2,000 to 10,000 models, the
weight of what a visitor downloads, and whether Zensical builds the same pages."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from modelcat_registry.bench.measure import alternated, run
from modelcat_registry.bench.synthetic import write_catalog
from modelcat_registry.site.project import BARE_CONFIG, copy_site_project

BIN = Path(sys.executable).parent


def site_project(work: Path, models: int) -> Path:
    project = copy_site_project(work / f"site-{models}")
    write_catalog(project, models, providers=4)
    return project


def full_pipeline() -> list[str]:
    """From no generated page to a built site."""
    return [
        "sh",
        "-c",
        f"'{BIN / 'modelcat'}' generate --clean --out docs >/dev/null && "
        f"'{BIN / 'mkdocs'}' build --strict --quiet",
    ]


def bare_project(project: Path) -> Path:
    """A copy of project with its pages generated once, for bare MkDocs: the full pipeline's
    hook hands MkDocs its pages from memory and leaves the docs folder as it was."""
    copy = project.with_name(f"{project.name}-bare")
    shutil.copytree(project, copy)
    run([str(BIN / "modelcat"), "generate", "--out", "docs"], copy)
    return copy


def bare_build(project: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--quiet", "-f", str(project / BARE_CONFIG)]


def _built_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def _tree_kb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024


def measure_site(work: Path, small: int, large: int, runs: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    project = site_project(work, small)
    generated = bare_project(project)
    found = alternated({"full": full_pipeline(), "bare": bare_build(generated)}, project, runs)
    if _built_pages(project / "site") != _built_pages(generated / "site"):
        raise SystemExit("the full pipeline and the bare build made different pages")
    full, bare = found["full"], found["bare"]
    for name, figure in found.items():
        print(
            f"  site {name:<5} {small:>6} models: {figure.seconds:7.1f} s  cpu "
            f"{figure.cpu_seconds:6.1f} s  load {figure.load:4.2f}  (median of {figure.runs}, "
            "alternated)",
            flush=True,
        )
    figures[f"site_seconds_{small}"] = full.seconds
    figures[f"site_bare_seconds_{small}"] = bare.seconds
    figures[f"site_load_{small}"] = full.load
    figures["site_overhead"] = full.seconds / bare.seconds
    # CPU time is not stretched by other work on the machine: printed beside the wall ratio.
    figures["site_overhead_cpu"] = full.cpu_seconds / bare.cpu_seconds

    project = site_project(work, large)
    # One run at the largest size keeps `make bench` within its time; said in the output.
    biggest = alternated({"full": full_pipeline()}, project, 1, warm=False)["full"]
    print(
        f"  site full  {large:>6} models: {biggest.seconds:7.1f} s  load {biggest.load:4.2f}  "
        "(one run: the largest size is not repeated)",
        flush=True,
    )
    figures[f"site_seconds_{large}"] = biggest.seconds
    figures[f"site_load_{large}"] = biggest.load
    figures["site_scaling"] = biggest.seconds / full.seconds
    site = project / "site"
    index = site / "search" / "search_index.json"
    figures["site_kb_per_model"] = _tree_kb(site) / large
    figures["search_index_kb_per_model"] = index.stat().st_size / 1024 / large
    print(
        f"  site at {large} models: {_tree_kb(site) / 1024:.0f} MB in all, search index "
        f"{index.stat().st_size / 1024 / 1024:.1f} MB",
        flush=True,
    )
    run([str(BIN / "modelcat"), "generate", "--out", "docs"], project)
    again = run([str(BIN / "modelcat"), "generate", "--out", "docs"], project)
    written = re.search(r"(\d+) written", again.stdout)
    figures["regenerate_writes"] = int(written[1]) if written else -1
    figures["zensical_builds_10000" if large == 10000 else f"zensical_builds_{large}"] = _zensical(
        project, large
    )
    return figures


def _zensical(project: Path, models: int) -> bool:
    """Zensical on the same generated pages (it runs no MkDocs hook)."""
    try:
        built = run([str(BIN / "zensical"), "build", "-f", BARE_CONFIG], project)
    except SystemExit as failure:
        print(f"  zensical at {models} models FAILED: {str(failure)[-600:]}", flush=True)
        return False
    print(f"  zensical at {models} models: built in {built.seconds:.1f} s", flush=True)
    return True
