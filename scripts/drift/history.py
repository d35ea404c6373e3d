"""Observations with a time axis: how a capture of day D extends a model's records and a
provider's checks, and what the records say about a day. Pure functions; `compare` and
`write` both use them, so what `sync` reports is exactly what `--write` records.

The shape, chosen to stay small in review:

- a provider keeps one check entry per distinct list (by the digest of its models and values),
  with the first and last day a check returned it;
- a model keeps one record per distinct set of values, with the first and last check that
  showed it; the record the newest check showed leaves `last_seen` out (it holds until that
  check), so a daily check that finds nothing new changes one line: the provider's `until`;
- that a model stopped being listed is not written anywhere: it is "not listed since" the
  first check after its last sighting.

Writing only widens: a record's first_seen can move earlier and last_seen later, never the
other way; values are never replaced (a new set of values is a new record). The result is the
same whatever order captures are written in, since every span is the min and max of the days
that showed it, and which record is open depends only on the newest check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from modelcat_registry.catalog import Observation
from modelcat_registry.observations import canonical


class HistoryConflictError(Exception):
    """A capture that cannot be recorded beside the checks already kept; one sentence."""


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckEntry:
    """A provider check as written: the list's digest, its span, where and what it was."""

    date: dt.date
    until: dt.date
    digest: str
    url: str | None
    listed: int
    sunset: dt.date | None = None
    deprecation: dt.date | None = None
    sha256: str | None = None  # of the first body that returned the list


def updated_checks(
    checks: Sequence[CheckEntry],
    day: dt.date,
    digest: str,
    url: str | None,
    listed: int,
    sunset: dt.date | None = None,
    deprecation: dt.date | None = None,
    sha256: str | None = None,
) -> list[CheckEntry]:
    """The checks after a capture of the day with this digest: its entry widened, or a new
    one; HistoryConflictError for a different list already recorded on that day."""
    for entry in checks:
        if entry.digest != digest and day in (entry.date, entry.until):
            raise HistoryConflictError(
                f"a different list of {day} is already recorded (checks in provider.yaml); "
                "sync --write keeps one list a day: record a capture of another day"
            )
    found = False
    result: list[CheckEntry] = []
    for entry in checks:
        if entry.digest == digest and not found:
            found = True
            first = day < entry.date
            entry = replace(
                entry,
                date=min(entry.date, day),
                until=max(entry.until, day),
                # The entry describes its first check: an older capture of the same list
                # brings its own body and address.
                url=url if first else entry.url,
                sha256=sha256 if first else entry.sha256,
            )
        result.append(entry)
    if not found:
        result.append(CheckEntry(day, day, digest, url, listed, sunset, deprecation, sha256))
    return sorted(result, key=lambda e: (e.date, e.until, e.digest))


def updated_records(
    records: Sequence[Observation],
    facts: Mapping[str, Any] | None,
    day: dt.date,
    last_check: dt.date | None,
) -> list[Observation]:
    """A model's records after a capture of the day that lists it with these facts (None: does
    not list it), given the provider's newest check before this capture."""
    newest = last_check is None or day > last_check
    result = list(records)
    if newest and last_check is not None:
        # The open record held until the previous newest check; unless this capture shows the
        # same values again, it closes there.
        still = canonical(facts) if facts is not None else None
        result = [
            replace(r, last_seen=last_check)
            if r.last_seen is None and canonical(r.values) != still
            else r
            for r in result
        ]
    if facts is None:
        return _sorted(result)
    wanted = canonical(facts)
    for index, record in enumerate(result):
        if canonical(record.values) != wanted:
            continue
        first = min(record.first_seen, day)
        last = None if newest or record.last_seen is None else max(record.last_seen, day)
        result[index] = replace(record, first_seen=first, last_seen=last)
        return _sorted(result)
    result.append(Observation(day, None if newest else day, dict(facts)))
    return _sorted(result)


def _sorted(records: list[Observation]) -> list[Observation]:
    return sorted(records, key=lambda r: (r.first_seen, canonical(r.values)))
