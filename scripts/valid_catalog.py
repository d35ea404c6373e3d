"""The one way every command (and the MkDocs hook) gets a catalog: load it, validate it, and
either return the typed catalog or raise with every problem found. `validate_folder` is the
lean way `modelcat validate` checks a catalog without keeping it; `read_valid_catalog` keeps
it without positions, for the commands that only read it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from modelcat_registry.loader import (
    Document,
    Kind,
    LoadedCatalog,
    Parts,
    classify,
    collector_paused,
    load_documents,
    parse_document,
    parse_values_only,
    read_document,
    read_plain_file,
    walk_catalog,
)
from modelcat_registry.problems import Problem
from modelcat_registry.validation import (
    FileFacts,
    Finding,
    cross_file_findings,
    document_problems,
    file_facts,
    validate_catalog,
)
from modelcat_registry.yaml_source import FILE_START

if TYPE_CHECKING:
    from modelcat_registry.catalog import Catalog


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


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every problem found, and how many model and provider files the catalog has."""

    problems: list[Problem]
    models: int
    providers: int


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
    from modelcat_registry.catalog import build_catalog

    report = check_catalog(catalog_dir)
    if report.problems:
        raise InvalidCatalogError(report)
    return report.loaded, build_catalog(report.loaded)


def validate_folder(catalog_dir: Path, folders: Collection[str] | None = None) -> ValidationReport:
    """The problems check_catalog finds, found file by file without keeping the catalog: each
    file is checked as it is read and, once checked, kept only as the few facts the rules
    across files need. A file is parsed with positions only when it has a problem to place.

    With folders (names of the catalog's top-level folders), only the files below them are
    read: every rule across files stays within one provider's folder, so the problems of those
    files are exactly the ones a run over the whole catalog finds in them. The counts of
    models and providers are always the whole catalog's.
    """
    return _stream(catalog_dir, folders, keep=None)


def read_valid_catalog(catalog_dir: Path) -> Catalog:
    """The typed catalog, for commands that only read it (generate, the site, scan): checked
    as validate_folder checks it, each file parsed once without positions. Only an invalid
    catalog is read again with them, so the error places every problem as check_catalog does.
    Commands that edit files need the positions: load_valid_catalog."""
    from modelcat_registry.catalog import build_catalog

    documents: list[Document] = []
    if not _stream(catalog_dir, None, keep=documents.append).problems:
        return build_catalog(LoadedCatalog(catalog_dir, documents))
    report = check_catalog(catalog_dir)
    if report.problems:
        raise InvalidCatalogError(report)
    return build_catalog(report.loaded)  # fixed between the two reads: the second one is valid


def _stream(
    catalog_dir: Path,
    folders: Collection[str] | None,
    keep: Callable[[Document], object] | None,
) -> ValidationReport:
    """validate_folder's pass over the files; keep, if given, receives every document read."""
    problems: list[Problem] = []
    facts: list[FileFacts] = []
    source_keys: dict[str, frozenset[str] | None] = {}
    models = providers = 0
    with collector_paused():
        for shown, parts, linked in walk_catalog(catalog_dir):
            kind = classify(parts)[0]
            models += kind is Kind.MODEL
            providers += kind is Kind.PROVIDER
            if folders is not None and parts[0] not in folders:
                continue
            document = _checked(Path(shown), parts, linked, catalog_dir, problems)
            if keep is not None:
                keep(document)
            if document.kind is not Kind.UNEXPECTED:
                found = _facts(document, source_keys)
                if found.kind is Kind.PROVIDER:
                    keys = found.source_keys
                    source_keys[found.provider_id] = None if keys is None else frozenset(keys)
                facts.append(found)
        problems.extend(_placed(cross_file_findings(facts, catalog_dir), catalog_dir))
    return ValidationReport(sorted(set(problems)), models, providers)


def _facts(document: Document, source_keys: dict[str, frozenset[str] | None]) -> FileFacts:
    """The file's facts, without the source keys its provider (read before its models:
    provider.yaml comes before the models/ folder) is known to list."""
    if document.kind is not Kind.MODEL or document.provider_id not in source_keys:
        return file_facts(document)
    keys = source_keys[document.provider_id]
    if keys is None:  # the provider file is no mapping: no source can be checked
        return replace(file_facts(document), source_references=())
    return file_facts(document, keys)


def _checked(path: Path, parts: Parts, linked: bool, root: Path, found: list[Problem]) -> Document:
    """The document at path, its own problems added to found."""
    data = None if linked else read_plain_file(str(path))
    if data is None:  # a link, a folder, a FIFO, a permission: the careful read says which
        document = read_document(path, parts, root)
    else:
        quick = parse_values_only(path, parts, data)
        if quick is not None and not document_problems(quick):
            return quick
        document = parse_document(path, parts, data)
    found.extend(document.problems)
    found.extend(document_problems(document))
    return document


def _placed(findings: list[Finding], root: Path) -> list[Problem]:
    """Findings with their positions, each file they concern parsed again once."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.facts.path].append(finding)
    problems: list[Problem] = []
    for shown, concerning in by_file.items():
        path = Path(shown)
        document = read_document(path, path.relative_to(root).parts, root)
        for finding in concerning:
            span = FILE_START if finding.where is None else document.span(finding.where)
            problems.append(document.problem(span, finding.rule, finding.message))
    return problems
