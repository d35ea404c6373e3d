"""The Anthropic catalog agrees with its source pack (shared/sources/anthropic.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "anthropic"
PACK_DAY = dt.date(2026, 12, 7)  # the pack was researched on 2026-12-07


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def price(
    model: Model, day: dt.date, tier: tuple[int | None, bool | None] = (None, None)
) -> object:
    """The values of the price entry of a tier in force that day, or None."""
    entry = model.price_in_force(day, tier)
    return entry.values if entry is not None else None


def test_retirement_floor_is_not_a_shutdown(catalog: Catalog) -> None:
    view = known(find(catalog, "claude-opus-4-8"), PACK_DAY, catalog)
    # Row claude-opus-4-8: "tentative: not sooner than 2027-05-28" [3]
    assert (view.state, str(view.not_before), view.shutdown) == (
        State.AVAILABLE,
        "2027-05-28",
        None,
    )


def test_opus_4_5_floor_then_deprecation_with_tentative_date(catalog: Catalog) -> None:
    model = find(catalog, "claude-opus-4-5-20251101")
    before = known(model, dt.date(2026, 10, 1), catalog)
    # Row claude-opus-4-5-20251101: earlier "not sooner than 2026-11-24" [3, read 2026-09-17]
    assert before.state is State.AVAILABLE and str(before.not_before) == "2026-11-24"
    after = known(model, PACK_DAY, catalog)
    # Same row: deprecated 2026-11-23, tentative retirement 2027-01-22, replacement
    # claude-opus-5-5 [3, re-read 2026-11-26]; a tentative date is a floor
    assert (after.state, str(after.not_before), after.shutdown) == (
        State.DEPRECATED,
        "2027-01-22",
        None,
    )
    assert after.replacements == ("claude-opus-5-5",)


def test_dateless_4_5_id_is_an_alias_with_its_targets_state(catalog: Catalog) -> None:
    alias = find(catalog, "claude-opus-4-5")
    # "for 4.5 and earlier, claude-sonnet-4-5 is an alias of the dated ID" [3]
    assert alias.alias_target(PACK_DAY) == "claude-opus-4-5-20251101"
    assert known(alias, PACK_DAY, catalog).state is State.DEPRECATED


def test_mythos_preview_replacement_named_then_dropped(catalog: Catalog) -> None:
    model = find(catalog, "claude-mythos-preview")
    # Row claude-mythos-preview: claude-mythos-5 named 2026-09-17, dropped by 2026-11-26 [3]
    assert known(model, dt.date(2026, 10, 1), catalog).replacements == ("claude-mythos-5",)
    dropped = known(model, PACK_DAY, catalog)
    # still deprecated with no dates on the page [3]; LiteLLM's 2026-06-09 [6] is only a note
    assert (dropped.replacements, dropped.state, dropped.shutdown) == ((), State.DEPRECATED, None)


def test_sonnet_4_5_documented_window_and_litellm_date(catalog: Catalog) -> None:
    model = find(catalog, "claude-sonnet-4-5-20250929")
    # Row claude-sonnet-4-5-20250929: 1000000 in the API capture [9], 200000 in [6]
    assert (model.context_window, model.source_of("context_window")) == (
        200000,
        "litellm-1-110-2",
    )
    # "not sooner than 2026-09-29" [3]; [6]'s 2026-11-30 kept as deprecated, not as a shutdown
    view = known(model, PACK_DAY, catalog)
    assert str(view.not_before) == "2026-09-29"
    assert view.state is State.DEPRECATED and view.shutdown is None


def test_opus_4_1_retired_and_moved_to_opus_4_8(catalog: Catalog) -> None:
    model = find(catalog, "claude-opus-4-1-20250805")
    view = known(model, dt.date(2026, 8, 5), catalog)
    # Row claude-opus-4-1-20250805: deprecated 2026-06-05, retired 2026-08-05 [3, 5, 10]
    assert view.state is State.RETIRED and view.shutdown == dt.date(2026, 8, 5)
    assert use_today(catalog, model, PACK_DAY) == find(catalog, "claude-opus-4-8")


def test_opus_4_replacement_only_once_opus_4_8_existed(catalog: Catalog) -> None:
    model = find(catalog, "claude-opus-4-20250514")
    # Row claude-opus-4-20250514: deprecated 2026-04-14, retired 2026-06-15 [3, 4, 5]
    assert known(model, dt.date(2026, 5, 1), catalog).replacements == ()
    # replacement claude-opus-4-8 (released 2026-05-28 [9]), as [5] names it on 2026-07-30
    assert known(model, dt.date(2026, 8, 1), catalog).replacements == ("claude-opus-4-8",)


def test_claude_2_1_retired_in_july_2025(catalog: Catalog) -> None:
    view = known(find(catalog, "claude-2.1"), dt.date(2025, 7, 21), catalog)
    # Row claude-2.0, claude-2.1: deprecated 2025-01-21, retired 2025-07-21 [2, 5]
    assert view.state is State.RETIRED


def test_sonnet_5_dated_price_change_and_later_conflict(catalog: Catalog) -> None:
    model = find(catalog, "claude-sonnet-5")
    # Row claude-sonnet-5: [7] 2 / 10 until 2026-08-31, 3 / 15 from 2026-09-01
    assert price(model, dt.date(2026, 8, 15)) == {
        "input_per_mtok_usd": 2,
        "output_per_mtok_usd": 10,
    }
    assert price(model, dt.date(2026, 10, 1)) == {
        "input_per_mtok_usd": 3,
        "output_per_mtok_usd": 15,
    }
    # Same row: 2 / 10 in [6] (2026-11-20)
    assert price(model, PACK_DAY) == {"input_per_mtok_usd": 2, "output_per_mtok_usd": 10}


def test_sonnet_4_6_long_context_surcharge_ended(catalog: Catalog) -> None:
    model = find(catalog, "claude-sonnet-4-6")
    long_context = (200000, None)
    # Row claude-sonnet-4-6: [7] 6 / 22.50 past 200k until 2026-03-13
    assert price(model, dt.date(2026, 3, 1), long_context) == {
        "input_per_mtok_usd": 6,
        "output_per_mtok_usd": 22.5,
    }
    assert price(model, dt.date(2026, 4, 1), long_context) == {
        "input_per_mtok_usd": 3,
        "output_per_mtok_usd": 15,
    }


def test_haiku_5_5_price_and_window(catalog: Catalog) -> None:
    model = find(catalog, "claude-haiku-5-5")
    # Row claude-sonnet-5-5, claude-haiku-5-5: haiku 0.10 / 0.50 [6]; 1000000 / 128000 [6]
    assert price(model, PACK_DAY) == {"input_per_mtok_usd": 0.1, "output_per_mtok_usd": 0.5}
    assert (model.context_window, model.max_output_tokens) == (1000000, 128000)


def test_litellm_source_is_registered(catalog: Catalog) -> None:
    source = catalog.providers[PROVIDER].sources["litellm-1-110-2"]
    # Source [6]: litellm 1.110.2, 2026-11-20
    assert (source.url, str(source.date)) == (
        "https://pypi.org/project/litellm/1.110.2/",
        "2026-11-20",
    )
