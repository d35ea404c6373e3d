"""Where the schemas and the bundled catalog are, in a checkout and in an installed wheel.

The wheel maps the repository's `schema/` and `catalog/` folders into this package (see
`[tool.setuptools.package-dir]` in pyproject.toml); a checkout, editable install included,
reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _HERE / name
    return packaged if packaged.is_dir() else _HERE.parents[1] / name


SCHEMA_DIR = _data_dir("schema")
CATALOG_DIR = _data_dir("catalog")
