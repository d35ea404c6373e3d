"""Render the catalog's Markdown pages with the Jinja templates in scripts/templates/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scripts.catalog import Catalog
from scripts.schemas import load_schema
from scripts.site import escaping, views

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """What pages need to know about where the project lives."""

    edit_base: str  # e.g. https://github.com/OWNER/REPO/edit/main/


def _escape_by_default(value: Any) -> Any:
    # Every {{ value }} is inert text unless a filter deliberately returned Markup.
    if isinstance(value, Markup):
        return value
    return escaping.inline_text(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Autoescape makes macro output Markup, so it is not escaped twice; _escape_by_default
        # escapes everything else for Markdown and HTML at once.
        autoescape=True,
        finalize=_escape_by_default,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        text=escaping.inline_text,
        front_matter=escaping.front_matter_string,
        paragraphs=escaping.paragraphs,
        code=escaping.code,
        tokens=views.human_tokens,
        join=_join_inert,
        trusted=Markup,  # only for text the project itself authors (schema descriptions)
    )
    env.globals.update(link=escaping.link, status_info=views.STATUS_INFO)
    return env


def render_pages(catalog: Catalog, settings: SiteSettings) -> dict[str, str]:
    """Every generated page: path below docs/ → Markdown."""
    env = environment()
    developer_list = views.developers(catalog)
    common = {
        "catalog": catalog,
        "model_page": views.model_page,
        "developer_page": views.developer_page,
        "providers": catalog.providers,
    }
    pages: dict[str, str] = {}

    def render(template: str, page: str, **context: Any) -> None:
        root = Markup(views.root_prefix(page))
        pages[page] = env.get_template(template).render(common, root=root, page=page, **context)

    render("home.md.j2", "index.md", models=catalog.models)
    model_template = env.get_template("model.md.j2")
    for model in catalog.models:
        page = views.model_page(model)
        source = views.model_source_path(page) or ""
        pages[page] = model_template.render(
            common,
            root=Markup(views.root_prefix(page)),
            page=page,
            model=model,
            provider=catalog.providers[model.provider],
            source_path=source,
            edit_url=views.edit_url(settings.edit_base, source),
            sample=views.code_sample_kind(model),
            replacement=catalog.find(model.provider, model.replacement)
            if model.replacement
            else None,
        )
    render("developers.md.j2", "developers/index.md", developers=developer_list)
    for developer in developer_list:
        render("developer.md.j2", views.developer_page(developer.name), developer=developer)
    for status, models in views.by_status(catalog).items():
        render(
            "status.md.j2",
            f"status/{status}.md",
            status=status,
            models=models,
            deprecation_cell=lambda m: m.deprecation_date or "—",
            replacement_cell=lambda m: (
                Markup(f"`{escaping.code(m.replacement)}`") if m.replacement else "—"
            ),
        )
    render(
        "schema.md.j2",
        "reference/schema.md",
        schemas=[("Provider", load_schema("provider")), ("Model", load_schema("model"))],
        json_type=_json_type,
    )
    render("exports.md.j2", "reference/exports.md", providers_list=sorted(catalog.providers))
    return pages


def _join_inert(values: Any, separator: str = "") -> Markup:
    # Jinja's own join only HTML-escapes under autoescape; Markdown needs more.
    return Markup(separator).join(escaping.inline_text(v) for v in values)


def _json_type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " \\| ".join(json.dumps(v) for v in schema["enum"])
    if schema.get("$ref", "").endswith("https_url"):
        return "https URL"
    if schema.get("type") == "array":
        item = schema.get("items", {})
        inner = "modality" if item.get("$ref", "").endswith("modality") else item.get("type", "")
        return f"list of {inner}"
    return str(schema.get("type", ""))

