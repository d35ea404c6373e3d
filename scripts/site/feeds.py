"""The Changes page's events as an Atom feed (RFC 4287) and the upcoming shutdowns as an
iCalendar file (RFC 5545) that calendar apps subscribe to.

Atom is built with xml.etree, which escapes every value; iCalendar text is escaped and folded
here by the rules of RFC 5545 section 3.3.11 and 3.1.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import islice

from modelcat_registry.site.views import EVENT_LABELS, Event, ModelView

ATOM = "http://www.w3.org/2005/Atom"
PRODUCT_ID = "-//modelcat//shutdowns//EN"
# Feed readers poll the whole file: it holds the newest events, as feeds do, not the history
# of a catalog of thousands of models (the Changes page has every event).
FEED_ENTRIES = 200


def _page_url(site_url: str, page: str) -> str:
    """The published URL of a docs page (models/groq/x.md → .../models/groq/x/)."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return site_url.rstrip("/") + "/" + path


def atom_feed(
    events: list[Event], site_url: str, as_of: dt.date, model_page: dict[tuple[str, str], str]
) -> bytes:
    """The newest FEED_ENTRIES events dated on or before the reference date, newest first."""
    ET.register_namespace("", ATOM)
    updated = f"{as_of.isoformat()}T00:00:00Z"
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _page_url(site_url, "changes.md")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "modelcat: model lifecycle and price changes"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "modelcat"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=_page_url(site_url, "changes.md"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=site_url.rstrip("/") + "/feed.xml")
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
    upcoming: list[ModelView], site_url: str, as_of: dt.date, model_page: dict[tuple[str, str], str]
) -> bytes:
    """One all-day event per shutdown on or after the reference date."""
    stamp = f"{as_of.strftime('%Y%m%d')}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Model shutdowns (modelcat)",
    ]
    for view in upcoming:
        model, lifecycle = view.model, view.model.lifecycle
        assert lifecycle and lifecycle.shutdown  # upcoming_shutdowns() keeps only these
        day = lifecycle.shutdown
        replacements = ", ".join(lifecycle.replacements) or "none named"
        source = view.source(lifecycle.source)
        description = (
            f"Requests to {model.id} at {view.provider.name} fail from {day.isoformat()} on. "
            f"Replacements: {replacements}."
            + (f" Source: {source.title} ({source.date.text})." if source else "")
        )
        url = _page_url(site_url, model_page[model.key])
        lines += [
            "BEGIN:VEVENT",
            f"UID:shutdown-{model.provider}-{model.id.replace('/', '--')}@modelcat",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text(f'{model.id} shuts down ({view.provider.name})')}",
            f"DESCRIPTION:{ics_text(description)}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode()
