"""The Google Gemini API catalog agrees with its source pack (shared/sources/gemini.md) on a
sample of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, answered_by, known, use_today
from tests.conftest import find_model

PROVIDER = "gemini"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_gemini_2_5_pro_earliest_month_is_a_floor_not_a_shutdown(catalog: Catalog) -> None:
    view = known(find(catalog, "gemini-2.5-pro"), dt.date(2025, 12, 13), catalog)
    # row gemini-2.5-pro: "earliest June 2026" [1], replacement gemini-3-pro [1]
    assert (view.state, view.shutdown, str(view.not_before), view.replacements) == (
        State.AVAILABLE,
        None,
        "2026-06",
        ("gemini-3-pro",),
    )


def test_gemini_2_5_pro_replacement_changes_with_each_page_version(catalog: Catalog) -> None:
    model = find(catalog, "gemini-2.5-pro")
    early = known(model, dt.date(2026, 1, 15), catalog)
    # row gemini-2.5-pro: 2026-06-17 and gemini-3-pro-preview [2]
    assert (early.state, early.shutdown, early.replacements) == (
        State.DEPRECATED,
        dt.date(2026, 6, 17),
        ("gemini-3-pro-preview",),
    )
    # row gemini-2.5-pro: gemini-3.1-pro-preview [3, 10]
    assert known(model, dt.date(2026, 4, 1), catalog).replacements == ("gemini-3.1-pro-preview",)


def test_gemini_2_5_pro_october_floor_replaces_the_june_day(catalog: Catalog) -> None:
    view = known(find(catalog, "gemini-2.5-pro"), dt.date(2026, 8, 15), catalog)
    # row gemini-2.5-pro: earliest 2026-10-16 ([10], read 2026-07-30) in place of 2026-06-17
    assert (view.shutdown, str(view.not_before)) == (None, "2026-10-16")


def test_gemini_2_5_pro_is_routed_to_gemini_3_8_flash_from_december(catalog: Catalog) -> None:
    model = find(catalog, "gemini-2.5-pro")
    day = dt.date(2026, 12, 7)
    after = known(model, day, catalog)
    # "Auto-routing after shutdown": from 2026-12-01 to gemini-3.8-flash [6]
    assert known(model, dt.date(2026, 11, 15), catalog).state is State.DEPRECATED
    assert (after.state, answered_by(model, day, catalog)) == (State.REDIRECTED, "gemini-3.8-flash")
    assert after.redirect is not None and after.redirect.start == dt.date(2026, 12, 1)


def test_gemini_2_5_flash_is_routed_to_gemini_3_5_flash_lite(catalog: Catalog) -> None:
    model = find(catalog, "gemini-2.5-flash")
    day = dt.date(2026, 12, 7)
    # row gemini-2.5-flash: gemini-3.5-flash-lite with auto-routing [6]
    assert (known(model, day, catalog).state, use_today(catalog, model, day)) == (
        State.REDIRECTED,
        find(catalog, "gemini-3.5-flash-lite"),
    )


def test_gemini_2_5_flash_lite_shutdown_was_withdrawn(catalog: Catalog) -> None:
    model = find(catalog, "gemini-2.5-flash-lite")
    # row gemini-2.5-flash-lite: 2026-07-22 [2]
    assert known(model, dt.date(2026, 1, 15), catalog).shutdown == dt.date(2026, 7, 22)
    now = known(model, dt.date(2026, 12, 7), catalog)
    # row gemini-2.5-flash-lite: "not deprecated, available until further notice" [6]
    assert (now.state, now.shutdown, now.not_before, len(now.withdrawn)) == (
        State.AVAILABLE,
        None,
        None,
        3,
    )


def test_gemini_3_1_flash_lite_earliest_possible_date_is_a_floor(catalog: Catalog) -> None:
    view = known(find(catalog, "gemini-3.1-flash-lite"), dt.date(2026, 12, 7), catalog)
    # row gemini-3.1-flash-lite: 2027-05-07 [4, 11], an "earliest possible date" [4]
    assert (view.state, view.shutdown, str(view.not_before)) == (
        State.AVAILABLE,
        None,
        "2027-05-07",
    )


def test_gemini_3_6_flash_price_doubles_on_2027_01_01(catalog: Catalog) -> None:
    model = find(catalog, "gemini-3.6-flash")
    days = (dt.date(2026, 12, 7), dt.date(2027, 1, 1))
    prices = [price.values if (price := model.price_in_force(day)) else None for day in days]
    # row gemini-3.6-flash: 0.75 / 3.75 [11]; 1.50 / 7.50 from 2027-01-01 [12]
    assert prices == [
        {"input_per_mtok_usd": 0.75, "output_per_mtok_usd": 3.75},
        {"input_per_mtok_usd": 1.5, "output_per_mtok_usd": 7.5},
    ]


def test_long_context_prices_above_200k(catalog: Catalog) -> None:
    day = dt.date(2026, 12, 7)
    pro = find(catalog, "gemini-2.5-pro").price_in_force(day, (200000, None))
    preview = find(catalog, "gemini-3.1-pro-preview").price_in_force(day, (200000, None))
    # row gemini-2.5-pro: 2.50 / 15 past 200k [12]
    assert pro and pro.values == {"input_per_mtok_usd": 2.5, "output_per_mtok_usd": 15}
    # row gemini-3.1-pro-preview: 4 / 18 past 200k [12]
    assert preview and preview.values == {"input_per_mtok_usd": 4, "output_per_mtok_usd": 18}


def test_context_windows_are_litellm_integers(catalog: Catalog) -> None:
    flash = find(catalog, "gemini-3.8-flash")
    audio = find(catalog, "gemini-2.5-flash-native-audio-preview-12-2025")
    # rows gemini-3.8-flash (1048576 / 65536) and native audio (131072 / 8192) [11]
    assert (flash.context_window, flash.max_output_tokens, flash.source_of("context_window")) == (
        1048576,
        65536,
        "litellm-1-110-2",
    )
    assert (audio.context_window, audio.max_output_tokens) == (131072, 8192)


def test_gemini_2_0_flash_001_has_the_rows_facts_and_leads_to_gemini_3_6_flash(
    catalog: Catalog,
) -> None:
    model = find(catalog, "gemini-2.0-flash-001")
    view = known(model, dt.date(2026, 12, 7), catalog)
    # row gemini-2.0-flash (gemini-2.0-flash-001): 2026-06-01 [7, 8, 10]; gemini-3.6-flash [10]
    assert (view.state, view.shutdown, use_today(catalog, model, dt.date(2026, 12, 7))) == (
        State.RETIRED,
        dt.date(2026, 6, 1),
        find(catalog, "gemini-3.6-flash"),
    )
    assert model.developer == "Google"  # "Developer is Google for all"


def test_gemini_3_pro_preview_shut_down_on_2026_03_09(catalog: Catalog) -> None:
    view = known(find(catalog, "gemini-3-pro-preview"), dt.date(2026, 3, 9), catalog)
    # row gemini-3-pro-preview: 2026-03-09 [3], replacement gemini-3.1-pro-preview [3]
    assert (view.state, view.replacements) == (State.RETIRED, ("gemini-3.1-pro-preview",))


def test_unverified_gemini_1_5_shutdown_is_left_out(catalog: Catalog) -> None:
    view = known(find(catalog, "gemini-1.5-pro"), dt.date(2026, 12, 7), catalog)
    # row gemini-1.5-pro: [10]'s 2026-06-17 is doubtful; replacement gemini-2.5-pro [10]
    assert (view.shutdown, view.replacements) == (None, ("gemini-2.5-pro",))


def test_undocumented_latest_aliases_are_not_entries(catalog: Catalog) -> None:
    # "Aliases gemini-flash-latest, gemini-flash-lite-latest": target not documented
    assert catalog.find(PROVIDER, "gemini-flash-latest") is None


def test_undated_page_version_is_dated_to_its_window(catalog: Catalog) -> None:
    source = catalog.providers[PROVIDER].sources["deprecations-2025-12"]
    # source [2]: undated; between Dec 2025 and Feb 2026
    assert (str(source.date), str(source.until)) == ("2025-12", "2026-02")
