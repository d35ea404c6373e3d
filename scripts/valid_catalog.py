"""The one way every command (and the MkDocs hook) gets a catalog: load it, validate it, and
either return the typed catalog or raise with every problem found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.catalog import Catalog, build_catalog
from scripts.loader import Kind, LoadedCatalog, load_documents
from scripts.problems import Problem
from scripts.validation import validate_catalog


@dataclass(frozen=True, slots=True)
class CatalogReport:
    loaded: LoadedCatalog
    problems: list[Problem]

    @property
    def models(self) -> int:
        return len(self.loaded.of_kind(Kind.MODEL))

    @property
    def providers(self) -> int:
        return len(self.loaded.of_kind(Kind.PROVIDER))


class InvalidCatalogError(Exception):
    """The catalog has problems; `report` holds all of them."""

    def __init__(self, report: CatalogReport) -> None:
        super().__init__(f"the catalog has {len(report.problems)} problems")
        self.report = report


def check_catalog(catalog_dir: Path) -> CatalogReport:
    loaded = load_documents(catalog_dir)
    return CatalogReport(loaded, validate_catalog(loaded))


def load_valid_catalog(catalog_dir: Path) -> tuple[LoadedCatalog, Catalog]:
    """The documents (with positions, for reports and edits) and the typed catalog."""
    report = check_catalog(catalog_dir)
    if report.problems:
        raise InvalidCatalogError(report)
    return report.loaded, build_catalog(report.loaded)
