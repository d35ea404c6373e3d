"""The Together AI catalog agrees with its source pack (shared/sources/together.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "together"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_gpt_oss_120b_price_context_and_weights(catalog: Catalog) -> None:
    model = find(catalog, "openai/gpt-oss-120b")
    price = model.price_in_force(dt.date(2026, 11, 20))
    # Current table, row openai/gpt-oss-120b: 0.15 / 0.60 [3], context 131072 [3]
    assert price and price.values == {"input_per_mtok_usd": 0.15, "output_per_mtok_usd": 0.60}
    assert model.context_window == 131072
    assert model.weights == "openai/gpt-oss-120b"  # the brief: gpt-oss weights


def test_glm_5_3_context_and_output_limit(catalog: Catalog) -> None:
    model = find(catalog, "zai-org/GLM-5.3")
    # Current table, zai-org rows: "1048575 / 128000 out" [3]
    assert (model.context_window, model.max_output_tokens) == (1048575, 128000)


def test_kimi_k2_6_announced_then_removed_from_serverless_only(catalog: Catalog) -> None:
    model = find(catalog, "moonshotai/Kimi-K2.6")
    before = known(model, dt.date(2026, 8, 10), catalog)
    # [7] 2026-08-07: removed from serverless on 2026-08-19, replacement moonshotai/Kimi-K3
    assert before.shutdown == dt.date(2026, 8, 19)
    assert before.replacements == ("moonshotai/Kimi-K3",)
    after = known(model, dt.date(2026, 9, 1), catalog)
    # Removed table, 2026-08-19 row [1]: dedicated endpoint still possible "yes [8]"
    assert after.state is State.LIMITED
    assert after.continues_on == ("dedicated",)
    assert use_today(catalog, model, dt.date(2026, 9, 1)) is find(catalog, "moonshotai/Kimi-K3")


def test_deepseek_r1_removed_without_dedicated_endpoints(catalog: Catalog) -> None:
    view = known(find(catalog, "deepseek-ai/DeepSeek-R1"), dt.date(2026, 6, 1), catalog)
    # Removed table, 2026-05-14 row [1]: `deepseek-ai/DeepSeek-R1` (no)
    assert view.shutdown == dt.date(2026, 5, 14)
    assert (view.applies_to, view.continues_on) == (("serverless",), ())


def test_gpt_oss_20b_scheduled_removal_and_replacement(catalog: Catalog) -> None:
    view = known(find(catalog, "openai/gpt-oss-20b"), dt.date(2026, 12, 1), catalog)
    # [8]: scheduled for 2026-09-14, replacement Qwen/Qwen3.5-9B ([3]'s 2026-09-15 is a note)
    assert view.shutdown == dt.date(2026, 9, 14)
    assert view.replacements == ("Qwen/Qwen3.5-9B",)


def test_gemma_4_removal_row_wins_over_its_schedule(catalog: Catalog) -> None:
    view = known(find(catalog, "google/gemma-4-31B-it"), dt.date(2026, 10, 1), catalog)
    # [8]: scheduled 2026-09-14 (-> zai-org/GLM-5.3-Flash), removal row 2026-09-15, "Yes"
    assert view.shutdown == dt.date(2026, 9, 15)
    assert view.replacements == ("zai-org/GLM-5.3-Flash",)
    assert view.continues_on == ("dedicated",)


def test_mistral_7b_v0_3_is_redirected(catalog: Catalog) -> None:
    view = known(find(catalog, "mistralai/Mistral-7B-Instruct-v0.3"), dt.date(2026, 9, 1))
    # Active redirects [1]: served by mistralai/Ministral-3-14B-Instruct-2512
    assert view.state is State.REDIRECTED
    assert view.redirect and view.redirect.to == "mistralai/Ministral-3-14B-Instruct-2512"


def test_litellm_only_date_retires_deepseek_v4_flash_0731(catalog: Catalog) -> None:
    view = known(find(catalog, "deepseek-ai/DeepSeek-V4-Flash-0731"), dt.date(2026, 12, 1))
    # Current table: "[3]: 2026-10-22", LiteLLM only
    assert view.state is State.RETIRED
    assert view.shutdown == dt.date(2026, 10, 22)


def test_april_2026_group_retired_by_its_second_day(catalog: Catalog) -> None:
    view = known(find(catalog, "Qwen/Qwen3-Next-80B-A3B-Instruct"), dt.date(2026, 4, 3))
    # Removed table, "2026-04-02/03" row [1]: `Qwen/Qwen3-Next-80B-A3B-Instruct` (yes)
    assert view.state is State.LIMITED
    assert view.continues_on == ("dedicated",)


def test_llama_3_3_turbo_price_keeps_litellm_value(catalog: Catalog) -> None:
    price = find(catalog, "meta-llama/Llama-3.3-70B-Instruct-Turbo").price_in_force(
        dt.date(2026, 12, 1)
    )
    # Current table: 1.04 / 1.04 [3] ([6]: 0.88 / 0.88 earlier, kept in the note)
    assert price and price.values == {"input_per_mtok_usd": 1.04, "output_per_mtok_usd": 1.04}


def test_deprecations_source_is_the_copy_of_2026_08_21(catalog: Catalog) -> None:
    source = catalog.providers[PROVIDER].sources["deprecations-2026-08"]
    # Sources table [1]: docs.together.ai/docs/deprecations.md, newest removal row 2026-08-21
    assert source.url == "https://docs.together.ai/docs/deprecations.md"
    assert str(source.date) == "2026-08-21"
