"""What the site publishes beside its pages, for programs and other sites: a status badge
(SVG) per model, a Markdown twin of each model page, and llms.txt (https://llmstxt.org).

Pure functions from the build's model views to bytes. Every catalog value is escaped for the
format it lands in: XML text for SVG, backslash escapes for Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape as xml_escape

from modelcat_registry.lifecycle import STATE_LABELS, State
from modelcat_registry.site.views import (
    ModelView,
    claim_text,
    limits_text,
    model_page,
    observed_text,
    price_text,
    published_path,
    tier_text,
    twin_path,
)

# Fill colours of the state badges: the site's own (catalog.css), white text on each is at
# least 4.5:1.
BADGE_COLOURS = {
    State.AVAILABLE: "#1b5e20",
    State.COMING_SOON: "#0d47a1",
    State.OFFLINE: "#4e342e",
    State.DEPRECATED: "#8e2400",
    State.LIMITED: "#6a1b9a",
    State.REDIRECTED: "#004d61",
    State.RETIRED: "#424242",
}
LABEL_COLOUR = "#37474f"
_CHAR_WIDTH = 6.5  # px per character at 11px Verdana, as badge services estimate it
_PADDING = 10
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def _width(text: str) -> int:
    return int(len(text) * _CHAR_WIDTH + 2 * _PADDING)


def badge_svg(view: ModelView, as_of: dt.date) -> bytes:
    """A flat badge: the model ID on the left, its state (and days left) on the right."""
    label = view.model.id
    message = STATE_LABELS[view.state].lower()
    if view.days_left is not None:
        message += f", {view.days_left} days left"
    elif view.answered_by:
        message += f" to {view.answered_by}"
    left, right = _width(label), _width(message)
    total = left + right
    title = f"{label} at {view.provider.name}: {message} (as of {as_of.isoformat()})"
    colour = BADGE_COLOURS[view.state]
    return (
        # The <title> names the image (role="img"); a page or README shows it through an
        # <img> whose alt text is what readers get.
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img">'
        f"<title>{xml_escape(title)}</title>"
        f'<rect width="{left}" height="20" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{_PADDING}" y="14">{xml_escape(label)}</text>'
        f'<text x="{left + _PADDING}" y="14">{xml_escape(message)}</text>'
        "</g></svg>\n"
    ).encode()


def md(text: object) -> str:
    """Plain text for a Markdown line: one line, every construct escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def twin_markdown(view: ModelView, as_of: dt.date, site_url: str) -> bytes:
    """The model page's facts as plain Markdown, for programs and language models."""
    model, provider, k = view.model, view.provider, view.known
    base = site_url.rstrip("/") + "/"
    lines = [
        f"# {md(model.title)} ({md(provider.name)})",
        "",
        f"- Model ID: `{model.id}`",
        f"- Provider: {md(provider.name)} (API base {md(provider.api_base)})",
        f"- State on {as_of.isoformat()}: {STATE_LABELS[view.state].lower()}",
    ]
    if view.needs_move:
        end = view.path_end
        lines.append(f"- Use today: `{end.id}`" if end else "- Use today: none named")
    if view.answered_by:
        lines.append(f"- Requests are answered by: `{view.answered_by}`")
    if k.shutdown:
        lines.append(f"- Shutdown: {k.shutdown.isoformat()}")
    if k.not_before:
        lines.append(f"- Retires not sooner than: {k.not_before}")
    if model.developer:
        lines.append(f"- Developer: {md(model.developer)}")
    if view.context_window is not None:
        api = " (as the API reports it)" if view.context_from_api else ""
        lines.append(f"- Context window: {view.context_window:,} tokens{api}")
    if view.max_output is not None:
        api = " (as the API reports it)" if view.max_output_from_api else ""
        lines.append(f"- Max output: {view.max_output:,} tokens{api}")
    if view.price:
        lines.append(
            f"- Price ({view.price.date.isoformat()}): {md(price_text(dict(view.price.values)))}"
        )
    if view.limits:
        limits = md(limits_text(dict(view.limits.values)))
        lines.append(f"- Free-tier limits ({view.limits.date.isoformat()}): {limits}")
    if model.model_card:
        lines.append(f"- Model card: {model.model_card}")
    lines.append(f"- Page: {base}{published_path(model_page(model))}")
    if model.lifecycle:
        lines += ["", "## Lifecycle", ""]
        for claim in model.lifecycle:
            source = view.source(claim.source)
            cited = f" (source: {md(source.title)}, {source.date})" if source else ""
            lines.append(f"- {claim.date}: {md(claim_text(claim))}{cited}")
    if model.prices:
        lines += ["", "## Prices (USD)", ""]
        for entry in model.prices:
            source = view.source(entry.source)
            cited = f" (source: {md(source.title)}, {source.date})" if source else ""
            lines.append(
                f"- from {entry.date.isoformat()}, {md(tier_text(entry))}: "
                f"{md(price_text(dict(entry.values)))}{cited}"
            )
    if model.observed:
        lines += ["", "## What the API reports", ""]
        for record in model.observed:
            until = record.last_seen or provider.last_check
            lines.append(
                f"- listed {record.first_seen.isoformat()} to {until}: "
                f"{md(observed_text(dict(record.values)))}"
            )
    return ("\n".join(lines) + "\n").encode()


def llms_txt(views: list[ModelView], as_of: dt.date, site_url: str) -> bytes:
    """llms.txt: what the site is, then a Markdown link to every provider and model twin."""
    base = site_url.rstrip("/") + "/"
    lines = [
        "# modelcat",
        "",
        "> An open catalog of LLM API models: exact API IDs, context windows, prices, free-tier "
        "limits and lifecycle (available, deprecated, retired, redirected, with what to use "
        f"instead), each fact with its source and date. States as of {as_of.isoformat()}.",
        "",
        f"Data: [api/models.json]({base}api/models.json) (every model, JSON), "
        f"[api/models.csv]({base}api/models.csv), one JSON document per model under "
        f"{base}api/models/.",
        "",
        "## Models",
        "",
    ]
    for view in views:
        state = STATE_LABELS[view.state].lower()
        instead = f"; use today: {view.path_end.id}" if view.needs_move and view.path_end else ""
        lines.append(
            f"- [{md(view.model.id)} ({md(view.provider.name)})]({base}{twin_path(view.model)}): "
            f"{state}{md(instead)}"
        )
    return ("\n".join(lines) + "\n").encode()
