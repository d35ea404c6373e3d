"""What a model's dated statements mean on a day: states, withdrawals, floors, offerings,
redirects, aliases and the path to the model to use today. Pure functions on literal
models, one behaviour per test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from modelcat_registry.catalog import AliasPointer, Catalog, Claim, Model, PartialDate, Redirect
from modelcat_registry.catalog import catalog_of as build
from modelcat_registry.lifecycle import (
    State,
    days_left,
    is_callable,
    known,
    migration_path,
    state,
    use_today,
)
from modelcat_registry.reference_day import reference_date

DAY = dt.date(2026, 1, 1)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def claim(date: str, **fields: Any) -> Claim:
    if "replacements" in fields:
        fields["replacements"] = tuple(fields["replacements"])
    for key in ("applies_to", "continues_on"):
        if key in fields:
            fields[key] = tuple(fields[key])
    for key in ("not_before", "withdraws"):
        if key in fields:
            fields[key] = PartialDate(fields[key])
    if "shutdown" in fields:
        fields["shutdown"] = d(fields["shutdown"])
    return Claim(PartialDate(date), "s", **fields)


def model(model_id: str, *claims: Claim, **data: Any) -> Model:
    alias_of = tuple(data.pop("alias_of", ()))
    return Model(
        "p", model_id, {"id": model_id, **data}, Path(f"{model_id}.yaml"), claims, alias_of
    )


def catalog_of(*models: Model) -> Catalog:
    return build(Path(), {}, list(models))


def test_states_follow_the_dates_of_one_statement() -> None:
    soon = model("s", claim("2026-03-10", shutdown="2026-04-01"))
    assert state(soon, d("2026-03-09")) is State.AVAILABLE
    assert state(soon, d("2026-03-10")) is State.DEPRECATED
    assert days_left(soon, d("2026-03-31")) == 1
    assert state(soon, d("2026-04-01")) is State.RETIRED
    assert not is_callable(soon, d("2026-04-01"))
    assert state(model("c", status="coming-soon"), DAY) is State.COMING_SOON


def test_a_month_precise_statement_counts_from_the_first_of_the_month() -> None:
    month = model("l", claim("2024-09", shutdown="2024-10-28"))
    assert state(month, d("2024-08-31")) is State.AVAILABLE
    assert state(month, d("2024-09-01")) is State.DEPRECATED


def test_a_view_as_of_a_day_reads_no_later_statement() -> None:
    moved = model(
        "g",
        claim("2025-12-12", not_before="2026-06"),
        claim("2026-01-15", shutdown="2026-06-17"),
        claim("2026-11-10", shutdown="2026-12-01"),
    )
    assert known(moved, d("2026-01-01")).shutdown is None
    assert str(known(moved, d("2026-01-01")).not_before) == "2026-06"
    assert known(moved, d("2026-02-01")).shutdown == d("2026-06-17")
    assert known(moved, d("2026-11-20")).shutdown == d("2026-12-01")
    # The later statement moved the day: the model was not retired on 2026-06-17 after all.
    assert state(moved, d("2026-11-20")) is State.DEPRECATED


def test_a_retirement_floor_is_never_a_shutdown() -> None:
    floored = model("o", claim("2026-09-17", not_before="2027-05-28"))
    view = known(floored, d("2027-06-01"))
    assert view.state is State.AVAILABLE
    assert view.shutdown is None and str(view.not_before) == "2027-05-28"


def test_the_newest_replacement_is_in_force() -> None:
    gpt5 = model(
        "gpt-5",
        claim("2026-06-11", shutdown="2026-12-11", replacements=["a"]),
        claim("2026-07-30", replacements=["b"]),
        claim("2026-11-05", replacements=["c"]),
    )
    assert known(gpt5, d("2026-06-30")).replacements == ("a",)
    assert known(gpt5, d("2026-08-01")).replacements == ("b",)
    assert known(gpt5, d("2026-12-07")).replacements == ("c",)
    assert known(gpt5, d("2026-12-07")).shutdown == d("2026-12-11")


def test_what_is_known_of_a_catalog_model_on_a_day_is_worked_out_once() -> None:
    """Kept per model and day in its catalog; a model that is not the catalog's own object
    (another with the same key) is worked out from its own statements."""
    old = model("old", claim("2026-03-01", shutdown="2026-06-01", replacements=["new"]))
    catalog = catalog_of(old, model("new"))
    first = known(old, d("2026-05-01"), catalog)
    assert known(old, d("2026-05-01"), catalog) is first
    assert known(old, d("2026-07-01"), catalog).state is State.RETIRED
    assert first.state is State.DEPRECATED
    twin = model("old", claim("2026-03-01", retired=True))
    assert known(twin, d("2026-05-01"), catalog).state is State.RETIRED


def test_a_withdrawn_announcement_is_never_in_force() -> None:
    pro = model(
        "pro",
        claim("2026-09-10", redirect=Redirect(d("2026-09-14"), "flash")),
        claim("2026-09-11", withdraws="2026-09-10"),
    )
    assert state(pro, d("2026-09-10")) is State.DEPRECATED  # what was known that day
    later = known(pro, d("2026-09-20"))
    assert later.state is State.AVAILABLE
    assert later.redirect is None
    assert [c.date.text for c in later.withdrawn] == ["2026-09-10"]


def test_a_redirect_is_its_own_state_with_the_model_that_answers() -> None:
    grok = model(
        "grok-3",
        claim("2026-05-06", shutdown="2026-05-15", replacements=["grok-4.3"]),
        claim("2026-05-20", redirect=Redirect(d("2026-05-15"), "grok-4.3")),
    )
    assert state(grok, d("2026-05-10")) is State.DEPRECATED
    assert state(grok, d("2026-05-16")) is State.RETIRED  # the redirect was not known yet
    view = known(grok, d("2026-06-01"))
    assert view.state is State.REDIRECTED
    assert view.redirect is not None and view.redirect.to == "grok-4.3"
    assert not is_callable(grok, d("2026-06-01"))


def test_a_shutdown_for_some_offerings_is_not_a_retirement_for_all() -> None:
    llama = model(
        "llama",
        claim("2026-06-17", shutdown="2026-08-16", applies_to=["free", "developer"],
              continues_on=["enterprise"]),
    )  # fmt: skip
    view = known(llama, d("2026-09-01"))
    assert view.state is State.LIMITED
    assert view.continues_on == ("enterprise",)
    gone = model("x", claim("2026-06-17", shutdown="2026-08-16", applies_to=["serverless"]))
    assert state(gone, d("2026-09-01")) is State.RETIRED  # no offering still serves it


def test_retired_without_a_day_is_retired_from_the_statement() -> None:
    old = model("grok-beta", claim("2026-08-03", retired=True))
    assert state(old, d("2026-08-02")) is State.AVAILABLE
    assert state(old, d("2026-08-03")) is State.RETIRED


def test_an_alias_has_the_state_of_the_model_it_points_to_that_day() -> None:
    old = model("old", claim("2025-11-06", shutdown="2025-11-30"))
    new = model("new")
    latest = model(
        "latest",
        alias_of=[
            AliasPointer(PartialDate("2025-05-13"), "s", "old"),
            AliasPointer(PartialDate("2026-08-21"), "s", "new"),
        ],
    )
    catalog = catalog_of(old, new, latest)
    assert known(latest, d("2025-12-01"), catalog).state is State.RETIRED
    assert known(latest, d("2025-12-01"), catalog).alias_target == "old"
    assert known(latest, d("2026-09-01"), catalog).state is State.AVAILABLE
    assert known(latest, d("2026-09-01"), catalog).alias_target == "new"


def test_use_today_skips_models_that_are_deprecated_themselves() -> None:
    a = model("a", claim("2024-01-01", shutdown="2025-01-01", replacements=["b"]))
    b = model("b", claim("2025-06-01", shutdown="2026-01-17", replacements=["c"]))
    c = model("c")
    catalog = catalog_of(a, b, c)
    path = migration_path(catalog, a, DAY)
    assert [m.id for m in path.steps] == ["b", "c"]
    assert path.complete and use_today(catalog, a, DAY) is c


def test_a_path_that_reaches_only_a_deprecated_model_is_not_complete() -> None:
    a = model("a", claim("2024-01-01", shutdown="2025-01-01", replacements=["b"]))
    b = model("b", claim("2025-06-01", shutdown="2026-06-01"))
    path = migration_path(catalog_of(a, b), a, DAY)
    assert [m.id for m in path.steps] == ["b"]
    assert not path.complete and path.ends_callable
    assert use_today(catalog_of(a, b), a, DAY) is None


def test_a_path_that_ends_at_a_retired_model_says_so() -> None:
    a = model("a", claim("2024-01-01", shutdown="2025-01-01", replacements=["b"]))
    b = model("b", claim("2024-01-01", shutdown="2025-06-01"))
    path = migration_path(catalog_of(a, b), a, DAY)
    assert [m.id for m in path.steps] == ["b"]
    assert not path.complete and not path.ends_callable and path.target is None


def test_a_redirected_model_without_replacements_leads_to_the_model_that_answers() -> None:
    v4 = model("v4-flash", claim("2026-09-10", redirect=Redirect(d("2026-09-10"), "flash")))
    flash = model("flash")
    assert use_today(catalog_of(v4, flash), v4, d("2026-10-01")) is flash


def test_reference_date_prefers_the_flag_then_the_environment() -> None:
    assert reference_date("2025-01-02", {"MODELCAT_AS_OF": "2024-01-01"}) == d("2025-01-02")
    assert reference_date(None, {"MODELCAT_AS_OF": "2024-01-01"}) == d("2024-01-01")
    assert reference_date(None, {}, today=DAY) == DAY
    assert reference_date(None, {"MODELCAT_AS_OF": ""}, today=DAY) == DAY
    with pytest.raises(ValueError, match="MODELCAT_AS_OF must be a real date"):
        reference_date(None, {"MODELCAT_AS_OF": "2024-02-30"})
    with pytest.raises(ValueError, match="--as-of must be a real date"):
        reference_date("", {})
