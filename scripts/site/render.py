"""Render the catalog's Markdown pages with the Jinja templates in scripts/templates/."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from modelcat_registry.catalog import Catalog, PartialDate
from modelcat_registry.lifecycle import STATE_LABELS, State
from modelcat_registry.observations import not_listed_since
from modelcat_registry.schemas import load_schema
from modelcat_registry.site import escaping, views
from modelcat_registry.site.feeds import atom_feed, shutdowns_ics
from modelcat_registry.site.samples import sample_html

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PAST_EVENTS_SHOWN = 200


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """What pages need to know about where the project lives and which day they describe."""

    edit_base: str  # e.g. https://github.com/OWNER/REPO/edit/main/
    as_of: dt.date
    site_url: str = "https://modelcat.github.io/modelcat/"  # absolute links in feeds


def _path(text: str) -> Markup:
    """A path the site computes from validated IDs (never catalog free text): no escaping."""
    return Markup(text)  # noqa: S704


def _escape_by_default(value: Any) -> Any:
    # Every {{ value }} is inert text unless a filter deliberately returned Markup; dates and
    # numbers are written as they are (computed_text checks that they are inert).
    if isinstance(value, Markup):
        return value
    if isinstance(value, (dt.date, PartialDate, int, float)):
        return escaping.computed_text(value)
    return escaping.inline_text(value)


def _computed(format_value: Callable[[Any], str]) -> Callable[[Any], Markup]:
    """A filter that formats a number, with its output as it is (see computed_text)."""
    return lambda value: escaping.computed_text(format_value(value))


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
        breakable_id=escaping.breakable_id,
        tokens_short=_computed(views.tokens_short),
        price_text=_computed(lambda values: views.price_text(dict(values))),
        tier_text=_computed(views.tier_text),
        limits_text=_computed(lambda values: views.limits_text(dict(values))),
        observed_text=lambda values: escaping.inline_text(views.observed_text(dict(values))),
        text=escaping.inline_text,
        # Words of the templates themselves: as they are where they are inert (computed_text).
        plain=escaping.computed_text,
        front_matter=escaping.front_matter_string,
        paragraphs=escaping.paragraphs,
        code=escaping.code,
        tokens=_computed(views.human_tokens),
        usd=_computed(views.usd),
        rate=_computed(views.rate),
        join=_join_inert,
        trusted=Markup,  # only for text the project itself authors (schema descriptions)
    )
    env.globals.update(
        link=escaping.link,
        tier_label=views.tier_label,
        tier_meaning=views.tier_meaning,
        state_labels=STATE_LABELS,
        state_meanings=views.STATE_MEANINGS,
        states=list(State),
        published_path=views.published_path,
        sample_html=sample_html,
        claim_text=lambda claim, model: escaping.inline_text(views.claim_text(claim)),
    )
    return env


@dataclass(frozen=True, slots=True)
class SiteData:
    """What the pages and the feeds are made from, computed once per build."""

    model_views: list[views.ModelView]
    events: list[views.Event]


def site_data(catalog: Catalog, as_of: dt.date) -> SiteData:
    return SiteData(
        [views.model_view(catalog, model, as_of) for model in catalog.models],
        views.events(catalog, as_of),
    )


def render_pages(
    catalog: Catalog,
    settings: SiteSettings,
    data: SiteData,
    captures: dict[str, bytes] | None = None,
) -> Iterator[tuple[str, str]]:
    """Every generated page as it is rendered: (path below docs/, Markdown). captures: each
    provider's newest capture record, where the catalog keeps one."""
    captures = captures or {}
    env = environment()
    as_of = settings.as_of
    model_views = data.model_views
    view_of = {view.model.key: view for view in model_views}
    developer_list = views.developers(catalog)
    common = {
        "catalog": catalog,
        "as_of": as_of,
        "model_page": views.model_page,
        "developer_page": views.developer_page,
        "providers": catalog.providers,
        "view_of": view_of,
        "provider_page": views.provider_page,
        "edit_base": settings.edit_base,
        # Raw HTML links are absolute paths below the site's base path (see _macros.j2).
        "base": _path(views.base_path(settings.site_url)),
    }
    macros = env.get_template("_macros.j2").make_module(common)
    rows: dict[tuple[tuple[str, str], bool], str] = {}

    def model_row(view: views.ModelView, show_provider: bool) -> str:
        """A model's table row, rendered once for every table that shows it."""
        key = (view.model.key, show_provider)
        if key not in rows:
            rows[key] = macros.table_row(view, common["base"], show_provider)
        return rows[key]

    common["model_row"] = model_row

    def render(template: str, page: str, **context: Any) -> tuple[str, str]:
        root = _path(views.root_prefix(page))
        return page, env.get_template(template).render(common, root=root, page=page, **context)

    yield render("home.md.j2", "index.md", views_list=model_views)
    yield render("providers.md.j2", "providers/index.md", views_list=model_views)
    for provider in catalog.providers.values():
        yield render(
            "provider.md.j2",
            views.provider_page(provider.id),
            provider=provider,
            views_list=[v for v in model_views if v.provider.id == provider.id],
            last_check=views.last_drift_check(catalog, provider.id),
            capture_page=views.capture_path(provider.id) if captures.get(provider.id) else None,
            dialect_meaning=views.dialect_meaning(provider),
        )
    all_events = data.events
    yield render(
        "changes.md.j2",
        "changes.md",
        # The newest past events only: the whole history of thousands of models would make
        # one page of megabytes; each model page keeps its own dates.
        past=[e for e in all_events if e.day <= as_of][:PAST_EVENTS_SHOWN],
        past_total=sum(1 for e in all_events if e.day <= as_of),
        future=[e for e in all_events if e.day > as_of],
        event_labels=views.EVENT_LABELS,
    )
    yield render("compare.md.j2", "compare.md")
    yield render("about.md.j2", "about.md", views_list=model_views, source_span=views.source_span)
    model_template = env.get_template("model.md.j2")
    for view in model_views:
        model = view.model
        page = views.model_page(model)
        source = views.model_source_path(page) or ""
        badge = views.badge_path(model)
        yield (
            page,
            model_template.render(
                common,
                root=_path(views.root_prefix(page)),
                page=page,
                view=view,
                model=model,
                provider=view.provider,
                source_path=source,
                edit_url=views.edit_url(settings.edit_base, source),
                sample=views.code_sample_kind(model),
                sample_id=views.sample_id(view, view_of),
                family=[view_of[m.key] for m in catalog.same_model(model)],
                not_listed_since=not_listed_since(model, view.provider, as_of),
                disagreements=views.disagreement_lines(view, as_of),
                fact_source=lambda v, field: _fact_source(macros, v, field),
                badge_path=badge,
                badge_markdown=views.badge_markdown(model, settings.site_url),
                twin_url=views.published_url(settings.site_url, views.twin_path(model)),
                json_path=views.json_path(model),
                macros=macros,
            ),
        )
    yield render("developers.md.j2", "developers/index.md", developers=developer_list)
    for developer in developer_list:
        yield render(
            "developer.md.j2",
            views.developer_page(developer.name),
            developer=developer,
            views_list=[view_of[m.key] for m in developer.models],
        )
    for state, state_views in views.by_state(model_views).items():
        page = f"status/{state.value}.md"
        yield render("status.md.j2", page, state=state, views_list=state_views)
    yield render(
        "schema.md.j2",
        "reference/schema.md",
        schemas=[("Provider", load_schema("provider")), ("Model", load_schema("model"))],
        json_type=_json_type,
    )
    yield render("exports.md.j2", "reference/exports.md", providers_list=sorted(catalog.providers))


def feed_files(catalog: Catalog, settings: SiteSettings, data: SiteData) -> dict[str, bytes]:
    """feed.xml (Atom) and shutdowns.ics (iCalendar) below the docs folder, and one of each
    per provider (feeds/<provider>.xml, shutdowns/<provider>.ics)."""
    pages = {m.key: views.model_page(m) for m in catalog.models}
    every = views.shutdowns(data.model_views)
    site, as_of = settings.site_url, settings.as_of
    files = {
        "feed.xml": atom_feed(data.events, site, as_of, pages),
        "shutdowns.ics": shutdowns_ics(every, site, as_of, pages),
    }
    for provider in catalog.providers.values():
        page = views.provider_page(provider.id)
        files[f"feeds/{provider.id}.xml"] = atom_feed(
            [e for e in data.events if e.provider.id == provider.id],
            site,
            as_of,
            pages,
            self_path=f"feeds/{provider.id}.xml",
            title=f"modelcat: {provider.name} lifecycle and price changes",
            page=page,
        )
        files[f"shutdowns/{provider.id}.ics"] = shutdowns_ics(
            [s for s in every if s.view.provider.id == provider.id],
            site,
            as_of,
            pages,
            name=f"{provider.name} model shutdowns (modelcat)",
        )
    return files


def _fact_source(macros: Any, view: views.ModelView, field: str) -> Markup:
    """' (source: …)' after a documented fact whose source is not the file's own."""
    key = view.model.data.get("field_sources", {}).get(field)
    if not key:
        return Markup("")
    return Markup(" (source: ") + macros.source_link(view, key) + Markup(")")


def _join_inert(values: Any, separator: str = "") -> Markup:
    # Jinja's own join only HTML-escapes under autoescape; Markdown needs more.
    return Markup(separator).join(escaping.inline_text(v) for v in values)  # noqa: S704


def _json_type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " \\| ".join(json.dumps(v) for v in schema["enum"])
    ref = schema.get("$ref", "").removeprefix("#/$defs/")
    if ref:
        return {"https_url": "https URL", "date_or_month": "date or month", "text": "text"}.get(
            ref, ref.replace("_", " ")
        )
    if schema.get("type") == "array":
        item = schema.get("items", {})
        inner = item.get("$ref", "").removeprefix("#/$defs/") or item.get("type", "object")
        return f"list of {inner.replace('_', ' ')}"
    return str(schema.get("type", ""))
