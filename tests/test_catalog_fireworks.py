"""The Fireworks AI catalog agrees with its source pack (shared/sources/fireworks.md) on a
sample of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "fireworks"
M = "accounts/fireworks/models/"
R = "accounts/fireworks/routers/"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_gpt_oss_120b_limits_price_and_weights(catalog: Catalog) -> None:
    model = find(catalog, M + "gpt-oss-120b")
    # Model table: 131072 / 32768 [3]; 0.15 / 0.60 ([4] 2026-08-04)
    assert (model.context_window, model.max_output_tokens) == (131072, 32768)
    price = model.price_in_force(dt.date(2026, 8, 4))
    assert price and price.values == {"input_per_mtok_usd": 0.15, "output_per_mtok_usd": 0.60}
    assert model.weights == "openai/gpt-oss-120b"  # the brief: gpt-oss weights


def test_gpt_oss_120b_litellm_only_date(catalog: Catalog) -> None:
    view = known(find(catalog, M + "gpt-oss-120b"), dt.date(2026, 12, 1))
    # Model table: 2026-11-07 from [3] only, not confirmed: a plain shutdown
    assert view.state is State.RETIRED
    assert view.shutdown == dt.date(2026, 11, 7)


def test_deepseek_v4_pro_removed_from_serverless_on_2026_08_27(catalog: Catalog) -> None:
    model = find(catalog, M + "deepseek-v4-pro")
    view = known(model, dt.date(2026, 9, 1))
    # Model table: removed from serverless 2026-08-27 [9, 10, 11]; on-demand continues [2, 7]
    assert view.state is State.LIMITED
    assert view.shutdown == dt.date(2026, 8, 27)
    assert view.continues_on == ("dedicated",)
    price = model.price_in_force(dt.date(2026, 9, 1))
    # Conflicts: 1.74 / 3.48 ([4], [5]) vs 1.20 / 1.20 in [3] (a note)
    assert price and price.values == {"input_per_mtok_usd": 1.74, "output_per_mtok_usd": 3.48}


def test_kimi_k2p5_moves_to_kimi_k2p6(catalog: Catalog) -> None:
    model = find(catalog, M + "kimi-k2p5")
    day = dt.date(2026, 7, 1)
    # Changelog [8] 2026-06-26: Kimi K2.5 deprecated from serverless, migrate to Kimi K2.6
    assert known(model, day).replacements == (M + "kimi-k2p6",)
    assert use_today(catalog, model, day) is find(catalog, M + "kimi-k2p6")


def test_kimi_k2p6_serverless_end_on_2026_09_25(catalog: Catalog) -> None:
    model = find(catalog, M + "kimi-k2p6")
    # Model table: 262144 / 32768 [3] ([5]: 262000 / 262000, a note)
    assert model.context_window == 262144
    view = known(model, dt.date(2026, 9, 20))
    # [10] dust PR 2026-09-11: "decommissions on 2026-09-25"
    assert view.state is State.DEPRECATED
    assert view.shutdown == dt.date(2026, 9, 25)


def test_deepseek_v3p2_replacements_in_changelog_order(catalog: Catalog) -> None:
    view = known(find(catalog, M + "deepseek-v3p2"), dt.date(2026, 5, 14))
    # Changelog [8] 2026-05-14: DeepSeek V3.2 -> "Kimi K2.6 or GLM 5.1"
    assert view.replacements == (M + "kimi-k2p6", M + "glm-5p1")


def test_qwen3p6_plus_leads_to_qwen3p7_plus(catalog: Catalog) -> None:
    view = known(find(catalog, M + "qwen3p6-plus"), dt.date(2026, 7, 1))
    # Changelog [8] 2026-06-26: Qwen 3.6 Plus (`qwen3p6-plus`) -> Qwen 3.7 Plus
    assert view.replacements == (M + "qwen3p7-plus",)
    # [11] 2026-09-16: Qwen 3.7 Plus removed from serverless, no date given
    assert known(find(catalog, M + "qwen3p7-plus"), dt.date(2026, 9, 16)).state is State.LIMITED


def test_router_prices(catalog: Catalog) -> None:
    fast_us = find(catalog, R + "glm-5p2-fast-us").price_in_force(dt.date(2026, 9, 1))
    # Model table, row `.../routers/glm-5p2-fast` (`-fast-us`): 2.10 / 6.60
    assert fast_us and fast_us.values == {"input_per_mtok_usd": 2.10, "output_per_mtok_usd": 6.60}
    k3_fast = find(catalog, R + "kimi-k3-fast").price_in_force(dt.date(2026, 8, 4))
    # Model table, row kimi-k3 (+ routers `-fast`, `-us`): 4.50 / 22.50 ([4] 2026-08-04)
    assert k3_fast and k3_fast.values == {
        "input_per_mtok_usd": 4.50,
        "output_per_mtok_usd": 22.50,
    }


def test_changelog_source_is_the_snapshot_of_2026_08_20(catalog: Catalog) -> None:
    source = catalog.providers[PROVIDER].sources["modeldeprecations-2026-08"]
    # Sources table [8]: modeldeprecations.dev snapshot, committed 2026-08-20
    assert str(source.date) == "2026-08-20"
