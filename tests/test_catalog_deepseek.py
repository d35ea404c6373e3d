"""The DeepSeek catalog agrees with its source pack (shared/sources/deepseek.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "deepseek"
OFF_PEAK = (None, True)


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def prices(model: Model, day: dt.date, tier: tuple[None, bool | None] = (None, None)) -> dict:
    entry = model.price_in_force(day, tier)
    return dict(entry.values) if entry is not None else {}


def test_v4_pro_redirect_announced_then_withdrawn(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-v4-pro")
    announced = known(model, dt.date(2026, 9, 10), catalog)
    assert announced.redirect.start == dt.date(2026, 9, 14)  # 04:00 UTC [8, 16 earlier copy]
    assert announced.redirect.to == "deepseek-flash"
    later = known(model, dt.date(2026, 9, 20), catalog)
    assert later.state is State.AVAILABLE  # withdrawn 2026-09-11 [16, 17]
    assert later.redirect is None  # row deepseek-v4-pro: shutdown and replacement none [16]


def test_v4_pro_price_steps_up_on_2026_08_16(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-v4-pro")
    assert prices(model, dt.date(2026, 8, 15)) == {
        "input_per_mtok_usd": 0.435,  # [4, 7, 12]
        "output_per_mtok_usd": 0.87,
    }
    assert prices(model, dt.date(2026, 8, 16))["output_per_mtok_usd"] == 3.96  # peak [12, 13]


def test_v4_flash_served_by_v4_1_flash_from_launch(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-v4-flash")
    view = known(model, dt.date(2026, 9, 10), catalog)
    assert view.state is State.REDIRECTED  # [8, 14, 16]
    assert view.redirect.to == "deepseek-flash"


def test_v4_flash_prices_by_date_and_tier(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-v4-flash")
    assert prices(model, dt.date(2026, 6, 1))["input_per_mtok_usd"] == 0.14  # 2026-05-12 [4]
    assert prices(model, dt.date(2026, 8, 20))["input_per_mtok_usd"] == 0.44  # peak [13]
    assert prices(model, dt.date(2026, 8, 20), OFF_PEAK)["output_per_mtok_usd"] == 0.66  # [13]
    assert prices(model, dt.date(2026, 9, 12))["output_per_mtok_usd"] == 1.2  # Flash price [14]


def test_deepseek_flash_limits(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-flash")
    assert model.context_window == 1000000  # row deepseek-flash, [3]
    assert model.max_output_tokens == 393216  # [3]


def test_deepseek_chat_shut_down_on_the_day_of_the_last_minute(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-chat")
    view = known(model, dt.date(2026, 5, 1), catalog)
    assert view.state is State.DEPRECATED  # deprecated 2026-04-24 [1]
    assert view.shutdown == dt.date(2026, 7, 24)  # until 2026-07-24 15:59 UTC [1, 6]
    assert view.replacements == ("deepseek-v4-flash",)  # thinking disabled [6]
    assert known(model, dt.date(2026, 7, 24), catalog).state is State.RETIRED


def test_deepseek_reasoner_moves_on_to_deepseek_flash_after_september(catalog: Catalog) -> None:
    model = find(catalog, "deepseek-reasoner")
    assert use_today(catalog, model, dt.date(2026, 7, 25)).id == "deepseek-v4-flash"  # [1, 6]
    # deepseek-v4-flash is served by deepseek-flash from 2026-09-10 [14]
    assert use_today(catalog, model, dt.date(2026, 10, 1)).id == "deepseek-flash"


def test_deepseek_coder_merged_into_deepseek_chat(catalog: Catalog) -> None:
    view = known(find(catalog, "deepseek-coder"), dt.date(2025, 1, 1), catalog)
    assert view.state is State.REDIRECTED  # merged 2024-09-05 [2]
    assert view.redirect.to == "deepseek-chat"
