"""The Mistral AI catalog agrees with its source pack (shared/sources/mistral.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from tests.conftest import find_model

PROVIDER = "mistral"


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def test_codestral_2501_retired_on_the_docs_date_and_moves_to_codestral_2508(
    catalog: Catalog,
) -> None:
    model = find(catalog, "codestral-2501")
    view = known(model, dt.date(2025, 12, 1), catalog)
    assert view.state is State.RETIRED
    # deprecated table, codestral-2501: retired 2025-11-30 [1, 4]; the API's 2026-01-31 [9]
    # is only a note
    assert view.shutdown == dt.date(2025, 11, 30)
    # replacement "Codestral (`codestral-2508`)" [1]
    assert use_today(catalog, model, dt.date(2026, 9, 1)).id == "codestral-2508"


def test_devstral_2512_retirement_moved_earlier_on_2026_05_29(catalog: Catalog) -> None:
    model = find(catalog, "devstral-2512")
    # devstral-2512 row: "2026-07-31 (moved earlier from 2026-08-31 on 2026-05-29 [3])"
    assert known(model, dt.date(2026, 5, 25), catalog).shutdown == dt.date(2026, 8, 31)
    assert known(model, dt.date(2026, 6, 1), catalog).shutdown == dt.date(2026, 7, 31)
    assert known(model, dt.date(2026, 8, 1), catalog).state is State.RETIRED


def test_mistral_large_2411_replacement_changed_by_the_docs_history(catalog: Catalog) -> None:
    model = find(catalog, "mistral-large-2411")
    # mistral-large-2411 row: "Mistral Medium 3.5 (was Mistral Large 3 before [3])"
    assert known(model, dt.date(2026, 3, 1), catalog).replacements == ("mistral-large-2512",)
    assert known(model, dt.date(2026, 6, 1), catalog).replacements == ("mistral-medium-3-5",)


def test_latest_aliases_move_from_may_2025_to_august_2026(catalog: Catalog) -> None:
    alias = find(catalog, "codestral-latest")
    # "Special lifecycle states": codestral-latest -> codestral-2501 in May 2025 [8]
    assert alias.alias_target(dt.date(2025, 6, 1)) == "codestral-2501"
    # ... and -> codestral-2508 in August 2026 [1]
    assert alias.alias_target(dt.date(2026, 9, 1)) == "codestral-2508"


def test_alias_traps_point_to_the_newer_models(catalog: Catalog) -> None:
    # Trap: mistral-medium-3 belongs to Mistral Medium 3.5, not mistral-medium-2505 [1]
    view = known(find(catalog, "mistral-medium-3"), dt.date(2026, 9, 1), catalog)
    assert view.alias_target == "mistral-medium-3-5"
    # voxtral-mini-latest is on two cards; the newer one (Voxtral Mini Transcribe 2) is kept [1]
    voxtral = find(catalog, "voxtral-mini-latest")
    assert voxtral.alias_target(dt.date(2026, 9, 1)) == "voxtral-mini-2602"


def test_prices_keep_the_units_of_the_model_cards(catalog: Catalog) -> None:
    day = dt.date(2026, 9, 1)
    # mistral-medium-3-5 row: 1.50 / 7.50 per 1M tokens [1]
    assert find(catalog, "mistral-medium-3-5").price_in_force(day).values == {
        "input_per_mtok_usd": 1.50,
        "output_per_mtok_usd": 7.50,
    }
    # voxtral-mini-2602 row: 0.003 per audio minute [1]
    assert find(catalog, "voxtral-mini-2602").price_in_force(day).values == {
        "per_audio_minute_usd": 0.003
    }
    # voxtral-mini-tts-2603 row: 16 per 1M characters [1]
    assert find(catalog, "voxtral-mini-tts-2603").price_in_force(day).values == {
        "per_mchar_usd": 16
    }
    # mistral-saba-2502 row: 0.20 / 0.60 ([6], checked 2025-07-04)
    saba = find(catalog, "mistral-saba-2502").price_in_force(dt.date(2025, 7, 4))
    assert saba.values == {"input_per_mtok_usd": 0.20, "output_per_mtok_usd": 0.60}


def test_context_windows_only_where_a_source_gives_the_integer(catalog: Catalog) -> None:
    medium = find(catalog, "mistral-medium-2505")
    # "128k" = 131072 in the API capture [8], which lists mistral-medium-2505
    assert medium.context_window == 131072
    assert medium.source_of("context_window") == "zed-fixture-2025-05"
    # ministral-3b-2512: "256k ([7] says 131072)": conflicting, left out
    assert find(catalog, "ministral-3b-2512").context_window is None


def test_litellm_only_shutdown_makes_medium_3_5_deprecated_from_its_date(
    catalog: Catalog,
) -> None:
    model = find(catalog, "mistral-medium-3-5")
    # current table: GA as of 2026-08-21 [1], no deprecation on the model card
    assert known(model, dt.date(2026, 9, 1), catalog).state is State.AVAILABLE
    # "LiteLLM [7] gives deprecation_date 2027-04-30" (LiteLLM 1.110.2, 2026-11-20)
    later = known(model, dt.date(2026, 12, 1), catalog)
    assert (later.state, later.shutdown) == (State.DEPRECATED, dt.date(2027, 4, 30))


def test_zai_glm_5_2_is_a_z_ai_preview(catalog: Catalog) -> None:
    model = find(catalog, "zai-glm-5-2")
    # zai-glm-5-2 row: "developer: Z.ai; served by Mistral, preview" [1]
    assert (model.developer, model.status) == ("Z.ai", "preview")
