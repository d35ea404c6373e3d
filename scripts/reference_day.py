"""The day that states are computed for, from --as-of, MODELCAT_AS_OF or today.

A module of its own, with nothing of the catalog: every command reads the day first, and a
one-file `validate` (a pre-commit hook) should not import the typed catalog to do so.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

AS_OF_ENV = "MODELCAT_AS_OF"


class DateError(ValueError):
    """A reference date that is not YYYY-MM-DD; the message says what to write."""


def parse_as_of(text: str, origin: str = "--as-of") -> dt.date:
    try:
        if len(text) != 10 or not text.isascii():
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(
            f"{origin} must be a real date written YYYY-MM-DD, such as 2026-01-31, not {text!r}"
        ) from None


def reference_date(
    flag: str | None, environ: Mapping[str, str] | None = None, today: dt.date | None = None
) -> dt.date:
    """The day states are computed for: --as-of, else MODELCAT_AS_OF, else today (UTC)."""
    if flag is not None:
        return parse_as_of(flag)
    value = (os.environ if environ is None else environ).get(AS_OF_ENV)
    if value is not None and value != "":
        return parse_as_of(value, AS_OF_ENV)
    return today or dt.datetime.now(dt.UTC).date()
