"""The Cerebras catalog agrees with its source pack (shared/sources/cerebras.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "cerebras"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_provider_reads_the_public_model_list(catalog: Catalog) -> None:
    provider = catalog.providers[PROVIDER]
    assert provider.models_url == "https://api.cerebras.ai/public/v1/models"  # pack [2]


def test_gpt_oss_120b_keeps_the_public_api_limits_over_litellm(catalog: Catalog) -> None:
    model = find(catalog, "gpt-oss-120b")
    assert model.context_window == 131072  # row gpt-oss-120b, [11]
    assert model.max_output_tokens == 40960  # [11] wins over LiteLLM's 32768 [4]
    assert model.weights == "openai/gpt-oss-120b"


def test_gpt_oss_120b_price(catalog: Catalog) -> None:
    price = find(catalog, "gpt-oss-120b").price_in_force(dt.date(2026, 1, 1))
    assert price is not None
    assert price.values == {"input_per_mtok_usd": 0.35, "output_per_mtok_usd": 0.75}  # [5, 11]


def test_llama3_1_8b_deprecating_without_replacement_until_relabelled(catalog: Catalog) -> None:
    view = known(find(catalog, "llama3.1-8b"), dt.date(2026, 5, 1), catalog)
    assert view.state is State.DEPRECATED  # "Deprecating", 2026-04-22 [1]
    assert view.shutdown == dt.date(2026, 5, 27)  # "fully deprecated on May 27, 2026" [1]
    assert view.replacements == ()  # none named in [1]


def test_llama3_1_8b_gone_with_gpt_oss_120b_as_replacement(catalog: Catalog) -> None:
    view = known(find(catalog, "llama3.1-8b"), dt.date(2026, 6, 1), catalog)
    assert view.state is State.RETIRED  # gone 2026-05-27 [1, 4]
    assert view.replacements == ("gpt-oss-120b",)  # relabelled entry of 2026-05-27 [13]


def test_qwen_3_32b_deprecated_without_a_shutdown_day(catalog: Catalog) -> None:
    model = find(catalog, "qwen-3-32b")
    view = known(model, dt.date(2026, 3, 1), catalog)
    assert view.state is State.DEPRECATED  # announced 2026-02-16 [1]
    assert view.shutdown is None  # LiteLLM's 2026-02-16 [4] is the announcement day
    assert use_today(catalog, model, dt.date(2026, 3, 1)).id == "gpt-oss-120b"  # [1]


def test_llama_4_scout_replacements_in_the_page_order(catalog: Catalog) -> None:
    view = known(find(catalog, "llama-4-scout-17b-16e-instruct"), dt.date(2025, 12, 1), catalog)
    assert view.replacements == ("gpt-oss-120b", "llama-3.3-70b")  # 2025-11-03 [1]


def test_gemma_4_31b_moves_to_dedicated_only(catalog: Catalog) -> None:
    model = find(catalog, "gemma-4-31b")
    assert known(model, dt.date(2026, 8, 27), catalog).state is State.AVAILABLE  # [7, 12]
    view = known(model, dt.date(2026, 10, 15), catalog)
    assert view.state is State.LIMITED  # "Dedicated Inference only", October 2026 [8]
    assert view.continues_on == ("dedicated",)


def test_zai_glm_4_7_deprecated_then_retired(catalog: Catalog) -> None:
    model = find(catalog, "zai-glm-4.7")
    assert known(model, dt.date(2026, 8, 20), catalog).state is State.DEPRECATED  # 2026-08-17 [13]
    assert known(model, dt.date(2026, 10, 15), catalog).state is State.RETIRED  # [8, 9]
    price = model.price_in_force(dt.date(2026, 7, 1))
    assert price is not None
    assert price.values["input_per_mtok_usd"] == 2.25  # [10]
