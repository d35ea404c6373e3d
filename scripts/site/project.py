"""A copy of the site's sources around another catalog (benchmarks, tests, previews)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "CONTRIBUTING.md")
HOOK_LINE = "  - scripts/site/mkdocs_hooks.py"
BARE_CONFIG = "mkdocs-bare.yml"


def copy_site_project(target: Path, catalog: Path | None = None) -> Path:
    """target gets mkdocs.yml (its hook pointing back at this checkout), docs/, overrides/,
    CONTRIBUTING.md and, if given, a copy of catalog; mkdocs-bare.yml is the same config
    without the hook, for building already generated pages alone."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = REPO / name
        if source.is_dir():
            # Generated pages come along too; the hook's manifest replaces or removes them.
            shutil.copytree(source, target / name)
        else:
            shutil.copyfile(source, target / name)
    if catalog is not None:
        shutil.copytree(catalog, target / "catalog")
    config = (REPO / "mkdocs.yml").read_text()
    hook = (REPO / "scripts" / "site" / "mkdocs_hooks.py").as_posix()
    (target / "mkdocs.yml").write_text(config.replace(HOOK_LINE, f"  - {hook}"))
    (target / BARE_CONFIG).write_text(config.replace(f"hooks:\n{HOOK_LINE}\n", ""))
    return target
