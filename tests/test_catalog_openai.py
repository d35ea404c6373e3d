"""The OpenAI catalog agrees with its source pack (shared/sources/openai.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "openai"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_gpt_5_replacement_follows_the_page_through_2026(catalog: Catalog) -> None:
    gpt5 = find(catalog, "gpt-5")
    # row gpt-5: gpt-5.5 [1, Jun 2026]; gpt-5.6-sol [6, Jul-Oct 2026]; gpt-6.1-sol [2, Nov 2026]
    assert known(gpt5, dt.date(2026, 6, 30), catalog).replacements == ("gpt-5.5",)
    assert known(gpt5, dt.date(2026, 8, 15), catalog).replacements == ("gpt-5.6-sol",)
    november = known(gpt5, dt.date(2026, 11, 10), catalog)
    assert november.replacements == ("gpt-6.1-sol",)
    # row gpt-5: notice 2026-06-11, shutdown 2026-12-11 [1]
    assert november.shutdown == dt.date(2026, 12, 11)


def test_gpt_5_users_are_sent_to_gpt_6_1_sol_after_the_shutdown(catalog: Catalog) -> None:
    # row gpt-5 [2, Nov 2026]; gpt-6.1-sol has no shutdown in the pack [7]
    target = use_today(catalog, find(catalog, "gpt-5"), dt.date(2026, 12, 12))
    assert target is not None and target.id == "gpt-6.1-sol"


def test_codex_mini_latest_shutdown_moved_from_january_to_february(catalog: Catalog) -> None:
    model = find(catalog, "codex-mini-latest")
    # row codex-mini-latest: 2026-01-16 in the Nov-2025 copy [4]
    assert known(model, dt.date(2025, 12, 1), catalog).shutdown == dt.date(2026, 1, 16)
    # row codex-mini-latest: 2026-02-12 [1] (page of 2026-06-27)
    assert known(model, dt.date(2026, 7, 1), catalog).shutdown == dt.date(2026, 2, 12)


def test_gpt_4_1106_preview_has_both_notices_of_the_page(catalog: Catalog) -> None:
    model = find(catalog, "gpt-4-1106-preview")
    # row gpt-4-1106-preview: 2026-03-26 per the 2025-09-26 section [1]
    assert known(model, dt.date(2026, 3, 27), catalog).state is State.RETIRED
    # row gpt-4-1106-preview: 2026-10-23 per the 2026-04-22 section [1]
    assert known(model, dt.date(2026, 5, 1), catalog).shutdown == dt.date(2026, 10, 23)


def test_gpt_4_turbo_preview_is_an_alias_of_gpt_4_0125_preview(catalog: Catalog) -> None:
    # row gpt-4-0125-preview (gpt-4-turbo-preview): alias [1], shutdown 2026-03-26
    view = known(find(catalog, "gpt-4-turbo-preview"), dt.date(2026, 4, 1), catalog)
    assert view.alias_target == "gpt-4-0125-preview"
    assert view.state is State.RETIRED


def test_gpt_4o_snapshot_replacement_is_the_pages_not_the_resellers(catalog: Catalog) -> None:
    # row gpt-4o: gpt-6-luna per [2] and [10]; the reseller [14] says gpt-6.1-sol
    view = known(find(catalog, "gpt-4o-2024-08-06"), dt.date(2026, 12, 1), catalog)
    assert view.replacements == ("gpt-6-luna",)


def test_gpt_3_5_turbo_replacement_first_posted_as_gpt_4_1_mini(catalog: Catalog) -> None:
    model = find(catalog, "gpt-3.5-turbo")
    # row gpt-3.5-turbo: first posted as gpt-4.1-mini [3, 2026-04-23]; gpt-5.4-mini [1, Jun]
    assert known(model, dt.date(2026, 4, 23), catalog).replacements == ("gpt-4.1-mini",)
    assert known(model, dt.date(2026, 7, 1), catalog).replacements == ("gpt-5.4-mini",)


def test_gpt_5_4_cyber_replacement_dropped_by_october(catalog: Catalog) -> None:
    # row gpt-5.4-cyber: none named (page 2026-10-04) [13]
    view = known(find(catalog, "gpt-5.4-cyber"), dt.date(2026, 10, 5), catalog)
    assert view.replacements == ()


def test_gpt_5_4_has_a_long_context_price(catalog: Catalog) -> None:
    model = find(catalog, "gpt-5.4")
    day = dt.date(2026, 11, 20)
    # row gpt-5.4: 2.50 / 15 [7]; 5 / 22.5 past 272k input [8]
    assert model.price_in_force(day).values == {
        "input_per_mtok_usd": 2.5,
        "output_per_mtok_usd": 15,
    }
    long = model.price_in_force(day, (272000, None))
    assert long.values == {"input_per_mtok_usd": 5, "output_per_mtok_usd": 22.5}


def test_dated_price_changes_of_o3_and_gpt_5_6_terra(catalog: Catalog) -> None:
    o3 = find(catalog, "o3")
    # row o3: [8] 10 / 40 until 2025-06-10, then 2 / 8 [7, 8]
    assert o3.price_in_force(dt.date(2025, 6, 9)).values["input_per_mtok_usd"] == 10
    assert o3.price_in_force(dt.date(2025, 6, 10)).values["input_per_mtok_usd"] == 2
    terra = find(catalog, "gpt-5.6-terra")
    # row gpt-5.6-*: terra price cut on 2026-07-30 [8]: 2 / 12 [7, 8]
    assert terra.price_in_force(dt.date(2026, 8, 1)).values["output_per_mtok_usd"] == 12


def test_audio_prices_keep_their_units(catalog: Catalog) -> None:
    day = dt.date(2026, 11, 20)
    # row whisper-1: 0.36 per audio hour [7]; row tts-1: 15 per 1M characters [7]
    assert find(catalog, "whisper-1").price_in_force(day).values["per_audio_hour_usd"] == 0.36
    assert find(catalog, "tts-1").price_in_force(day).values["per_mchar_usd"] == 15


def test_context_windows_are_litellms_input_limits(catalog: Catalog) -> None:
    # rows gpt-4.1 (1047576 / 32768), text-embedding-3-small (8191) [7]
    assert find(catalog, "gpt-4.1").context_window == 1047576
    assert find(catalog, "text-embedding-3-small").context_window == 8191
    assert find(catalog, "gpt-4.1").developer == "OpenAI"  # "Developer is OpenAI for all"
