"""Captures: what a provider's list said on a day, as a dated record.

A capture record (what `sync --snapshot` writes and `sync --write` keeps as the provider's
newest `capture.json`) is JSON:

    {"modelcat_capture": 1, "provider": "groq", "dialect": "groq", "day": "2026-12-07",
     "fetched_at": "2026-12-07T10:43:51Z",
     "pages": [{"url": "https://...", "sha256": "<of the body as received>",
                "sunset": null, "deprecation": null, "body": <the page's JSON>}]}

`day` is the day the list shows; `fetched_at` is the moment of the fetch (null for a list
that came from a file, dated by --as-of). It never holds the key (the body is refused if it
echoes it). `--from-file` also reads a bare payload (the body alone: it has no date, so
`--as-of` must give one) and the site's own export (`api/<provider>/models.json`, dated by
its `modelcat_export.as_of`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from modelcat_registry.dialects import Dialect, Listing, ResponseError
from modelcat_registry.dialects.base import (
    OBSERVED_FIELDS,
    check_id,
    day_of_unix,
    fits,
    unix_of_day,
)
from modelcat_registry.drift.payload import MAX_BODY_BYTES, PayloadError, read_json

CAPTURE_VERSION = 1
CAPTURE_KEY = "modelcat_capture"
EXPORT_KEY = "modelcat_export"
MAX_PAGES = 100
MAX_CAPTURE_BYTES = 4 * MAX_BODY_BYTES  # a record of many pages, read from a file
_SHA256 = re.compile(r"[0-9a-f]{64}")


class CaptureError(Exception):
    """A file or list that is not a usable capture; one sentence for a person."""


@dataclass(frozen=True, slots=True)
class Page:
    body: Any  # the parsed JSON of one response
    sha256: str
    url: str | None = None
    sunset: dt.date | None = None
    deprecation: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Capture:
    """One reading of a provider's list. `day` is the day it shows (the fetch's UTC date, a
    bare payload's --as-of, an export's as_of); `export` marks the site's own export."""

    provider: str
    dialect: str
    day: dt.date
    pages: tuple[Page, ...]
    fetched_at: str | None = None
    export: bool = False
    listings: tuple[Listing, ...] = field(default=(), compare=False)

    @property
    def url(self) -> str | None:
        return self.pages[0].url if self.pages else None

    @property
    def sha256(self) -> str:
        """Of the bodies as received: the one page's, or of the pages' digests in order."""
        if len(self.pages) == 1:
            return self.pages[0].sha256
        return hashlib.sha256("".join(p.sha256 for p in self.pages).encode()).hexdigest()

    @property
    def sunset(self) -> dt.date | None:
        return next((p.sunset for p in self.pages if p.sunset), None)

    @property
    def deprecation(self) -> dt.date | None:
        return next((p.deprecation for p in self.pages if p.deprecation), None)

    @property
    def digest(self) -> str:
        """What the list says, in the catalog's words: equal for two checks whose models and
        values are the same, whatever else differs in the bodies."""
        content = sorted([item.id, dict(item.facts)] for item in self.listings if item.observed)
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()


def listings_of(dialect: Dialect, pages: Iterable[Page]) -> tuple[Listing, ...]:
    """Every entry of the pages in the catalog's words; CaptureError for a page that is not
    the dialect's list, an entry without a usable ID, or an ID listed twice."""
    found: list[Listing] = []
    seen: set[str] = set()
    index = 0
    for page in pages:
        try:
            entries = dialect.read_entries(page.body)
        except ResponseError as error:
            raise CaptureError(str(error)) from None
        for entry in entries:
            try:
                listing = dialect.listing(entry, index)
            except ResponseError as error:
                raise CaptureError(str(error)) from None
            index += 1
            if listing is None:
                continue
            if listing.id in seen:
                raise CaptureError(f"the list names model ID {_shown(listing.id)} twice")
            seen.add(listing.id)
            found.append(listing)
    return tuple(found)


def with_listings(capture: Capture, dialect: Dialect) -> Capture:
    if capture.export:
        return capture
    return Capture(
        capture.provider,
        capture.dialect,
        capture.day,
        capture.pages,
        capture.fetched_at,
        capture.export,
        listings_of(dialect, capture.pages),
    )


def record_of(capture: Capture) -> dict[str, Any]:
    """The capture as its JSON record."""
    return {
        CAPTURE_KEY: CAPTURE_VERSION,
        "provider": capture.provider,
        "dialect": capture.dialect,
        "day": capture.day.isoformat(),
        "fetched_at": capture.fetched_at,
        "pages": [
            {
                "url": page.url,
                "sha256": page.sha256,
                "sunset": page.sunset.isoformat() if page.sunset else None,
                "deprecation": page.deprecation.isoformat() if page.deprecation else None,
                "body": page.body,
            }
            for page in capture.pages
        ],
    }


def record_text(capture: Capture) -> str:
    return json.dumps(record_of(capture), indent=1, ensure_ascii=False) + "\n"


def read_capture_file(
    data: bytes, provider: str, dialect: Dialect, as_of: dt.date | None
) -> Capture:
    """The capture a file holds, dated: a record by its fetch time, an export by its as_of, a
    bare payload by as_of (which it then requires); CaptureError otherwise."""
    if len(data) > MAX_CAPTURE_BYTES:
        raise CaptureError(
            f"the file is larger than {MAX_CAPTURE_BYTES // (1024 * 1024)} MiB; refusing to read it"
        )
    try:
        parsed = read_json(data, limit=MAX_CAPTURE_BYTES)
    except PayloadError as error:
        raise CaptureError(str(error).replace("the response", "the file")) from None
    if isinstance(parsed, dict) and CAPTURE_KEY in parsed:
        capture = _from_record(parsed, provider, dialect)
    elif isinstance(parsed, dict) and EXPORT_KEY in parsed:
        capture = _from_export(parsed, provider)
    else:
        if as_of is None:
            raise CaptureError(
                "the file is a bare /models payload with no date; pass the day it was "
                "captured with --as-of YYYY-MM-DD (or save captures with --snapshot, which "
                "records the date)"
            )
        page = Page(parsed, hashlib.sha256(data).hexdigest())
        capture = Capture(provider, dialect.name, as_of, (page,))
    if as_of is not None and as_of != capture.day:
        raise CaptureError(
            f"the file shows the list of {capture.day}; --as-of {as_of} disagrees (leave "
            "--as-of out to compare as of the capture's own day)"
        )
    return with_listings(capture, dialect)


def _from_record(record: dict[str, Any], provider: str, dialect: Dialect) -> Capture:
    if record.get(CAPTURE_KEY) != CAPTURE_VERSION:
        raise CaptureError(
            f"the file is a capture record of version {record.get(CAPTURE_KEY)!r}; this "
            f"modelcat reads version {CAPTURE_VERSION}"
        )
    if record.get("provider") != provider:
        raise CaptureError(
            f"the file is a capture of provider {_shown(record.get('provider'))}, not "
            f"{provider!r}; pass --provider {_shown(record.get('provider'))}"
        )
    if record.get("dialect") != dialect.name:
        raise CaptureError(
            f"the file was read with the {_shown(record.get('dialect'))} dialect, but "
            f"{provider!r} speaks {dialect.name!r}; capture the list again"
        )
    fetched_at = record.get("fetched_at")
    day = _optional_day(record.get("day")) or _day_of(fetched_at)
    pages = record.get("pages")
    if not isinstance(pages, list) or not pages or len(pages) > MAX_PAGES:
        raise CaptureError(f"the capture record's 'pages' must be a list of 1 to {MAX_PAGES} pages")
    return Capture(
        provider,
        dialect.name,
        day,
        tuple(_page(page, index) for index, page in enumerate(pages)),
        fetched_at,
    )


def _day_of(fetched_at: object) -> dt.date:
    if isinstance(fetched_at, str):
        try:
            moment = dt.datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).date()
    raise CaptureError(
        "the capture record needs its 'day' (YYYY-MM-DD) or a 'fetched_at' time with its zone, "
        "such as 2026-12-07T10:43:51Z"
    )


def _page(page: object, index: int) -> Page:
    if not isinstance(page, dict) or "body" not in page:
        raise CaptureError(f"page {index} of the capture record has no 'body'")
    sha256 = page.get("sha256")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise CaptureError(f"page {index} of the capture record has no valid 'sha256'")
    url = page.get("url")
    return Page(
        page["body"],
        sha256,
        url if isinstance(url, str) and url.startswith(("https://", "http://")) else None,
        _optional_day(page.get("sunset")),
        _optional_day(page.get("deprecation")),
    )


def _optional_day(value: object) -> dt.date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- the site's own export ---------------------------------------------------------------

EXPORT_VERSION = 1
# Export entries use the OpenAI list's names for these, and the catalog's for the rest.
_OPENAI_NAMES = {"owned_by": "owner"}


def _from_export(export: dict[str, Any], provider: str) -> Capture:
    header = export.get(EXPORT_KEY)
    if not isinstance(header, dict) or header.get("version") != EXPORT_VERSION:
        raise CaptureError(f"the file is a modelcat export of an unknown version: {header!r}"[:200])
    if header.get("provider") != provider:
        raise CaptureError(
            f"the file is the export of provider {_shown(header.get('provider'))}, not {provider!r}"
        )
    # The observed entries carry the values of the newest check by the export's day.
    day = _optional_day(header.get("observed_on")) or _optional_day(header.get("as_of"))
    if day is None:
        raise CaptureError("the export's 'as_of' must be a date written YYYY-MM-DD")
    entries = export.get("data")
    if not isinstance(entries, list):
        raise CaptureError("the export has no 'data' list")
    page = Page(export, hashlib.sha256(json.dumps(export, sort_keys=True).encode()).hexdigest())
    listings = tuple(_export_listing(entry, index) for index, entry in enumerate(entries))
    ids = [item.id for item in listings]
    if len(set(ids)) != len(ids):
        raise CaptureError("the export names a model ID twice")
    return Capture(provider, "modelcat-export", day, (page,), None, True, listings)


def export_entry(model_id: str, facts: Mapping[str, Any] | None, extra: Mapping[str, Any]) -> dict:
    """One entry of the export: the OpenAI list's shape, the observed values in force (None:
    listed because the docs call it available, with no observation), and modelcat's own keys."""
    entry: dict[str, Any] = {"id": model_id, "object": "model"}
    if facts is not None:
        values = dict(facts)
        if "created" in values:
            entry["created"] = unix_of_day(values.pop("created"))
        if "owner" in values:
            entry["owned_by"] = values.pop("owner")
        entry |= values
    entry["modelcat"] = {"listed": "observed" if facts is not None else "documented", **extra}
    return entry


def _export_listing(entry: object, index: int) -> Listing:
    if not isinstance(entry, dict):
        raise CaptureError(f"entry {index} of the export is not an object")
    try:
        check_id(entry.get("id"), index)
    except ResponseError as error:
        raise CaptureError(str(error)) from None
    own = entry.get("modelcat")
    observed = not (isinstance(own, dict) and own.get("listed") == "documented")
    if not observed:
        return Listing(entry["id"], {}, {}, observed=False)
    values = {_OPENAI_NAMES.get(k, k): v for k, v in entry.items() if k not in {"id", "object"}}
    if "created" in values:
        values["created"] = day_of_unix(values["created"])
    facts = {k: values[k] for k in OBSERVED_FIELDS if k in values and fits(k, values[k])}
    refused = {k: values[k] for k in OBSERVED_FIELDS if k in values and k not in facts}
    return Listing(entry["id"], facts, refused)


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:60]) + ("..." if len(text) > 60 else "")
