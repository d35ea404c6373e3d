"""The Changes page's events as Atom feeds (RFC 4287) and every dated shutdown, past and
upcoming, as iCalendar files (RFC 5545) that calendar apps subscribe to: one of each for the
whole catalog and one per provider.

Atom is built with xml.etree, which escapes every value; iCalendar text is escaped and folded
here by the rules of RFC 5545 section 3.3.11 and 3.1.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import islice

from modelcat_registry.site.views import (
    EVENT_LABELS,
    Event,
    Shutdown,
    published_path,
    published_url,
    scope_text,
)

ATOM = "http://www.w3.org/2005/Atom"
PRODUCT_ID = "-//modelcat//shutdowns//EN"
# Feed readers poll the whole file: it holds the newest events, as feeds do, not the history
# of a catalog of thousands of models (the Changes page has every event).
FEED_ENTRIES = 200


def _page_url(site_url: str, page: str) -> str:
    """The published URL of a docs page (models/groq/x.md → .../models/groq/x/)."""
    return published_url(site_url, published_path(page))


def atom_feed(
    events: list[Event],
    site_url: str,
    as_of: dt.date,
    model_page: dict[tuple[str, str], str],
    self_path: str = "feed.xml",
    title: str = "modelcat: model lifecycle and price changes",
    page: str = "changes.md",
) -> bytes:
    """The newest FEED_ENTRIES events dated on or before the reference date, newest first."""
    ET.register_namespace("", ATOM)
    updated = f"{as_of.isoformat()}T00:00:00Z"
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = published_url(site_url, self_path)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "modelcat"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=_page_url(site_url, page))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=published_url(site_url, self_path))
    for event in islice((e for e in events if e.day <= as_of), FEED_ENTRIES):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{site_url.rstrip('/')}/#{event.uid}"
        label = EVENT_LABELS[event.kind]
        ET.SubElement(
            entry, f"{{{ATOM}}}title"
        ).text = f"{label}: {event.model.id} ({event.provider.name})"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{event.day.isoformat()}T00:00:00Z"
        url = _page_url(site_url, model_page[event.model.key])
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        source = event.source
        cited = f" Source: {source.title} ({source.date.text})." if source else ""
        if source and source.url:
            cited += f" {source.url}"
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=source.url)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{event.summary}.{cited}"
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def ics_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on lines that start with a space."""
    encoded = line.encode()
    parts: list[str] = []
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n ".join(parts)


def shutdowns_ics(
    shutdowns: list[Shutdown],
    site_url: str,
    as_of: dt.date,
    model_page: dict[tuple[str, str], str],
    name: str = "Model shutdowns (modelcat)",
) -> bytes:
    """One all-day event per dated shutdown or redirect in force on the reference date, past
    and upcoming; each names its source and links it. A calendar with none holds a single
    event saying so, since RFC 5545 wants at least one component."""
    stamp = f"{as_of.strftime('%Y%m%d')}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    for shutdown in shutdowns:
        lines += _event_lines(shutdown, site_url, stamp, model_page)
    if not shutdowns:
        lines += [
            "BEGIN:VEVENT",
            f"UID:no-shutdowns-{as_of.isoformat()}@modelcat",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{as_of.strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text('No dated shutdown in the catalog')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode()


def _event_lines(
    shutdown: Shutdown, site_url: str, stamp: str, model_page: dict[tuple[str, str], str]
) -> list[str]:
    view, day, claim = shutdown.view, shutdown.day, shutdown.claim
    model = view.model
    source = view.source(claim.source)
    replacements = ", ".join(view.known.replacements) or "none named"
    if shutdown.kind == "redirect":
        to = view.known.redirect.to if view.known.redirect else "another model"
        summary = f"{model.id} redirected to {to} ({view.provider.name})"
        what = (
            f"From {day.isoformat()}, requests to {model.id} at {view.provider.name} are "
            f"answered by {to}, billed at its price."
        )
    else:
        summary = f"{model.id} shuts down ({view.provider.name}){scope_text(claim)}"
        what = (
            f"Requests to {model.id} at {view.provider.name} fail from {day.isoformat()} on"
            f"{scope_text(claim)}."
        )
    description = f"{what} Replacements: {replacements}." + (
        f" Source: {source.title} ({source.date.text})" + (f" {source.url}" if source.url else "")
        if source
        else ""
    )
    uid = f"{shutdown.kind}-{model.provider}-{model.id.replace('/', '--')}@modelcat"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(description)}",
        f"URL:{_page_url(site_url, model_page[model.key])}",
    ]
    if source and source.url:
        lines.append(f"ATTACH:{source.url}")
    return [*lines, "TRANSP:TRANSPARENT", "END:VEVENT"]
