"""The GroqCloud catalog agrees with its 2025-2026 source pack (shared/sources/groq-2025-2026.md,
with groq-deprecations.md as [D]) on a sample of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from modelcat_registry.catalog import Catalog, Dated, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "groq"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def price(model: Model, day: dt.date) -> Mapping[str, Any]:
    entry = model.price_in_force(day)
    return entry.values if entry else {}


def limits(entries: tuple[Dated, ...], day: dt.date) -> dict[str, Any]:
    entry = Model.limits_in_force(entries, day)
    return dict(entry.values) if entry else {}


def test_gpt_oss_120b_window_output_and_weights(catalog: Catalog) -> None:
    model = find(catalog, "openai/gpt-oss-120b")
    # "Models: callable" row: 131,072 / 65,536 [M0-M6, A1, A2]; weights openai/gpt-oss-120b
    assert (model.context_window, model.max_output_tokens, model.weights) == (
        131072,
        65536,
        "openai/gpt-oss-120b",
    )


def test_gpt_oss_120b_gains_a_cached_input_price(catalog: Catalog) -> None:
    model = find(catalog, "openai/gpt-oss-120b")
    # 0.15 / 0.60 [G 2025-08-06, M0 ..]; LiteLLM's 0.75 output is only a note (conflict 1)
    assert price(model, dt.date(2025, 9, 10)) == {
        "input_per_mtok_usd": 0.15,
        "output_per_mtok_usd": 0.60,
    }
    # cached 0.075 [L >= 1.82.0; S1 2026-06-11 pricing page; X3 2026-06-04]
    assert price(model, dt.date(2026, 6, 11))["cached_input_per_mtok_usd"] == 0.075


def test_safeguard_is_a_preview_without_guessed_weights(catalog: Catalog) -> None:
    model = find(catalog, "openai/gpt-oss-safeguard-20b")
    # Preview ("Safety GPT OSS 20B") [M1-M6]; no source gives a weights repository
    assert (model.name, model.status, model.weights) == ("Safety GPT OSS 20B", "preview", None)
    # 30 / 1K / 8K / 200K [R5 2026-10-01]; O8's 5 RPM / 2K TPM (2026-10-05) is only a note
    assert limits(model.free_tier_limits, dt.date(2026, 10, 5)) == {
        "rpm": 30,
        "rpd": 1000,
        "tpm": 8000,
        "tpd": 200000,
    }


def test_qwen3_8_27b_keeps_the_groq_window_and_preview_price(catalog: Catalog) -> None:
    model = find(catalog, "qwen/qwen3.8-27b")
    # 131,042 / 16,384 [M5, M6]; 131,072 in L 1.110.2 is a conflict note (conflict 4)
    assert (model.context_window, model.max_output_tokens) == (131042, 16384)
    # 0.80 / 4.00 [M5, M6, L 1.101.4, X1]
    assert price(model, dt.date(2026, 9, 1)) == {
        "input_per_mtok_usd": 0.80,
        "output_per_mtok_usd": 4.00,
    }


def test_llama_3_3_70b_is_limited_to_enterprise_after_the_free_and_dev_shutdown(
    catalog: Catalog,
) -> None:
    model = find(catalog, "llama-3.3-70b-versatile")
    # [D] "August 16, 2026", emailed June 17, 2026, free and developer tier only
    assert known(model, dt.date(2026, 8, 15), catalog).state is State.DEPRECATED
    # still served for Enterprise, "Contact Sales" [M5, M6]: limited, not retired
    view = known(model, dt.date(2026, 8, 16), catalog)
    assert (view.state, view.shutdown, view.continues_on, view.replacements) == (
        State.LIMITED,
        dt.date(2026, 8, 16),
        ("enterprise",),
        ("openai/gpt-oss-120b", "qwen/qwen3.6-27b"),
    )
    # qwen3.6-27b is itself shut down for free/dev on 2026-09-14 [D]: gpt-oss-120b is the one
    target = use_today(catalog, model, dt.date(2026, 12, 7))
    assert target is not None and target.id == "openai/gpt-oss-120b"


def test_llama_3_1_8b_instant_is_limited_and_points_to_gpt_oss_20b(catalog: Catalog) -> None:
    view = known(find(catalog, "llama-3.1-8b-instant"), dt.date(2026, 12, 7), catalog)
    # [D] 08/16/26 -> openai/gpt-oss-20b, free and developer tier only; Enterprise after [M5]
    assert (view.state, view.applies_to, view.replacements) == (
        State.LIMITED,
        ("free", "developer"),
        ("openai/gpt-oss-20b",),
    )


def test_qwen3_6_27b_is_announced_no_earlier_than_its_first_models_page(catalog: Catalog) -> None:
    model = find(catalog, "qwen/qwen3.6-27b")
    # [D] gives no announcement date; first on the models page 2026-08-16 .. 09-13 [M5]
    assert known(model, dt.date(2026, 8, 15), catalog).state is State.AVAILABLE
    # [D] 09/14/26 -> qwen/qwen3.8-27b, free and developer tier only
    view = known(model, dt.date(2026, 9, 14), catalog)
    assert (view.state, view.replacements) == (State.LIMITED, ("qwen/qwen3.8-27b",))


def test_compound_is_retired_with_no_replacement(catalog: Catalog) -> None:
    view = known(find(catalog, "groq/compound"), dt.date(2026, 9, 21), catalog)
    # [D] "September 21, 2026", announced August 24, 2026, no replacement; 404 on 09-23 [O4]
    assert (view.state, view.shutdown, view.replacements) == (
        State.RETIRED,
        dt.date(2026, 9, 21),
        (),
    )


def test_compound_beta_was_replaced_by_groq_compound_by_2025_09_06(catalog: Catalog) -> None:
    model = find(catalog, "compound-beta")
    # [C]: listed 2025-04-16 .. 2025-09-01, replaced by groq/compound by 2025-09-06
    assert known(model, dt.date(2025, 9, 1), catalog).state is State.AVAILABLE
    view = known(model, dt.date(2025, 9, 6), catalog)
    assert (view.state, view.replacements) == (State.RETIRED, ("groq/compound",))


def test_whisper_developer_plan_limits(catalog: Catalog) -> None:
    model = find(catalog, "whisper-large-v3")
    # 300 RPM, 200K RPD, ASH 200K, ASD 4M [R0, R1, R4]
    assert limits(model.developer_plan_limits, dt.date(2026, 8, 14)) == {
        "rpm": 300,
        "rpd": 200000,
        "ash": 200000,
        "asd": 4000000,
    }


def test_orpheus_english_is_priced_per_million_characters(catalog: Catalog) -> None:
    model = find(catalog, "canopylabs/orpheus-v1-english")
    # $22.00 per 1M characters [M3 2026-01-07 .. M6]; "Orpheus ... from Canopy Labs" [D]
    assert (price(model, dt.date(2026, 1, 7)), model.developer) == (
        {"per_mchar_usd": 22.0},
        "Canopy Labs",
    )


def test_minimax_m2_7_is_enterprise_only_with_no_public_price(catalog: Catalog) -> None:
    model = find(catalog, "minimaxai/minimax-m2.7")
    # 196,608 / 131,072, Preview, price "Contact Sales" [M5, M6]
    assert (model.context_window, model.max_output_tokens, model.status, model.prices) == (
        196608,
        131072,
        "preview",
        (),
    )


def test_allam_free_tier_as_the_2025_table_states_it(catalog: Catalog) -> None:
    model = find(catalog, "allam-2-7b")
    # 30 / 7K / 6K / 500K [R0, R1, R2, R3]
    assert limits(model.free_tier_limits, dt.date(2025, 10, 1)) == {
        "rpm": 30,
        "rpd": 7000,
        "tpm": 6000,
        "tpd": 500000,
    }


def test_kimi_k2_0905_retired_on_its_shutdown_day(catalog: Catalog) -> None:
    model = find(catalog, "moonshotai/kimi-k2-instruct-0905")
    # [D] 04/15/26 -> openai/gpt-oss-120b; 262,144 / 16,384 [M0-M3]
    view = known(model, dt.date(2026, 4, 15), catalog)
    assert (view.state, view.replacements, model.context_window, model.max_output_tokens) == (
        State.RETIRED,
        ("openai/gpt-oss-120b",),
        262144,
        16384,
    )


def test_pack_sources_keep_their_windows(catalog: Catalog) -> None:
    sources = catalog.providers[PROVIDER].sources
    m5, r4 = sources["models-page-copy-2026-08"], sources["rate-limits-2026-08"]
    # M5: copy 59277218000 (no URL), undated 2026-08-16 .. 2026-09-13; R4: read 2026-08-14
    assert (str(m5.date), str(m5.until), m5.url, str(r4.date)) == (
        "2026-08-16",
        "2026-09-13",
        None,
        "2026-08-14",
    )
