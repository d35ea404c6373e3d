"""The 19 models of GroqCloud's October 2024 models page keep exactly the page's values.

Source of every literal here: models-page-2024-10 (the "Supported Models" page captured on
2024-10-10; 128k = 131072, 8k = 8192, 8,192 = 8192).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from modelcat_registry.catalog import Catalog
from modelcat_registry.lifecycle import State, is_callable, state
from tests.conftest import CATALOG

HF = "https://huggingface.co/"
LLAMA31_CARD = "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md"
PAGE = "models-page-2024-10"

# (id, name, developer, status, context_window, max_output_tokens, limit in force,
#  max_file_size_mb, model card), as the page states them.
SEED = [
    ("distil-whisper-large-v3-en", "Distil-Whisper English", "HuggingFace", "production",
     None, None, None, 25, HF + "distil-whisper/distil-large-v3"),
    ("gemma2-9b-it", "Gemma 2 9B", "Google", "production",
     8192, None, None, None, HF + "google/gemma-2-9b-it"),
    ("gemma-7b-it", "Gemma 7B", "Google", "production",
     8192, None, None, None, HF + "google/gemma-1.1-7b-it"),
    ("llama3-groq-70b-8192-tool-use-preview", "Llama 3 Groq 70B Tool Use (Preview)", "Groq",
     "preview", 8192, None, None, None, HF + "Groq/Llama-3-Groq-70B-Tool-Use"),
    ("llama3-groq-8b-8192-tool-use-preview", "Llama 3 Groq 8B Tool Use (Preview)", "Groq",
     "preview", 8192, None, None, None, HF + "Groq/Llama-3-Groq-8B-Tool-Use"),
    ("llama-3.1-70b-versatile", "Llama 3.1 70B", "Meta", "production",
     131072, 8192, None, None, LLAMA31_CARD),
    ("llama-3.1-8b-instant", "Llama 3.1 8B", "Meta", "production",
     131072, 8192, None, None, LLAMA31_CARD),
    ("llama-3.2-1b-preview", "Llama 3.2 1B (Preview)", "Meta", "preview",
     131072, None, 8192, None, HF + "meta-llama/Llama-3.2-1B"),
    ("llama-3.2-3b-preview", "Llama 3.2 3B (Preview)", "Meta", "preview",
     131072, None, 8192, None, HF + "meta-llama/Llama-3.2-3B"),
    ("llama-3.2-11b-vision-preview", "Llama 3.2 11B Vision (Preview)", "Meta", "preview",
     131072, None, 8192, None, HF + "meta-llama/Llama-3.2-11B-Vision"),
    ("llama-3.2-90b-vision-preview", "Llama 3.2 90B (Preview)", "Meta", "coming-soon",
     131072, None, 8192, None, HF + "meta-llama/Llama-3.2-90B-Vision"),
    ("llama-guard-3-8b", "Llama Guard 3 8B", "Meta", "production",
     8192, None, None, None, HF + "meta-llama/Llama-Guard-3-8B"),
    ("llava-v1.5-7b-4096-preview", "LLaVA 1.5 7B", "Haotian Liu", "preview",
     4096, None, None, None, HF + "liuhaotian/llava-v1.5-7b"),
    ("llama3-70b-8192", "Meta Llama 3 70B", "Meta", "production",
     8192, None, None, None, HF + "meta-llama/Meta-Llama-3-70B-Instruct"),
    ("llama3-8b-8192", "Meta Llama 3 8B", "Meta", "production",
     8192, None, None, None, HF + "meta-llama/Meta-Llama-3-8B-Instruct"),
    ("mixtral-8x7b-32768", "Mixtral 8x7B", "Mistral", "production",
     32768, None, None, None, HF + "mistralai/Mixtral-8x7B-Instruct-v0.1"),
    ("whisper-large-v3", "Whisper Large V3", "OpenAI", "production",
     None, None, None, 25, HF + "openai/whisper-large-v3"),
    ("whisper-large-v3-turbo", "Whisper Large V3 Turbo", "OpenAI", "production",
     None, None, None, 25, HF + "openai/whisper-large-v3-turbo"),
]  # fmt: skip
AUDIO = ["distil-whisper-large-v3-en", "whisper-large-v3", "whisper-large-v3-turbo"]
VISION = [
    "llama-3.2-11b-vision-preview",
    "llama-3.2-90b-vision-preview",
    "llava-v1.5-7b-4096-preview",
]


@pytest.mark.parametrize("row", SEED, ids=lambda row: row[0])
def test_seed_model_keeps_every_value_of_the_october_2024_page(
    catalog: Catalog, row: tuple
) -> None:
    model_id, name, developer, status, window, max_out, in_force, file_mb, card = row
    model = catalog.find("groq", model_id)
    assert model is not None
    assert model.source == PAGE
    assert model.source_path == CATALOG / "groq" / "models" / f"{model_id}.yaml"
    assert (model.title, model.developer, model.status) == (name, developer, status)
    assert model.context_window == window
    assert model.max_output_tokens == max_out
    assert model.context_window_in_force == (in_force or window)
    if in_force:
        assert model.temporary_limit is not None
        assert "limited to 8k in preview" in model.temporary_limit["note"]
    else:
        assert model.temporary_limit is None
    assert model.max_file_size_mb == file_mb
    assert model.model_card == card
    assert model.callable_id


@pytest.mark.parametrize("row", SEED, ids=lambda row: row[0])
def test_seed_model_modalities_are_the_pages_kind_of_model(catalog: Catalog, row: tuple) -> None:
    model = catalog.find("groq", row[0])
    assert model is not None
    expected_input = (
        ("audio",) if row[0] in AUDIO else ("text", "image") if row[0] in VISION else ("text",)
    )
    assert (model.input_modalities, model.output_modalities) == (expected_input, ("text",))


def test_llama_405b_is_offline_and_says_its_slug_is_not_an_api_id(catalog: Catalog) -> None:
    model = catalog.find("groq", "llama-3.1-405b")
    assert model is not None
    assert (model.title, model.status, model.source) == ("Llama 3.1 405B", "offline", PAGE)
    assert model.callable_id is False
    assert model.notes == "Offline due to overwhelming demand! Stay tuned for updates."
    # The page names no developer, window or card for it; the catalog does not guess them.
    assert (model.developer, model.context_window, model.model_card) == (None, None, None)
    # No other source names it: no lifecycle statement, price, limit or API sighting.
    assert (model.lifecycle, model.prices, model.free_tier_limits) == ((), (), ())
    assert (model.developer_plan_limits, model.observed) == ((), ())
    # "Offline": listed by the provider, not callable, whatever the day.
    for day in (dt.date(2024, 10, 10), dt.date(2026, 11, 25)):
        assert state(model, day, catalog) is State.OFFLINE
        assert not is_callable(model, day, catalog)


def test_provider_groq(catalog: Catalog) -> None:
    groq = catalog.providers["groq"]
    assert (groq.name, groq.api_base, groq.api_key_env, groq.docs_url) == (
        "GroqCloud",
        "https://api.groq.com/openai/v1",
        "GROQ_API_KEY",
        "https://console.groq.com/docs/models",
    )


def test_only_the_pages_speech_models_take_audio_and_they_have_a_file_limit(
    catalog: Catalog,
) -> None:
    # GroqCloud's entries only (the catalog holds other providers too); the 2025-2026 speech
    # models the pack adds (PlayAI, Orpheus) turn text into audio, they do not take it.
    audio = [m for m in catalog.models_of("groq") if "audio" in m.input_modalities]
    assert sorted(m.id for m in audio) == AUDIO
    assert all(m.context_window is None and m.max_file_size_mb == 25 for m in audio)


@pytest.mark.parametrize(
    "path",
    sorted(CATALOG.rglob("*.yaml")),
    ids=lambda p: p.relative_to(CATALOG).as_posix(),
)
def test_every_file_has_the_schema_modeline_and_integer_numbers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = "provider" if path.name == "provider.yaml" else "model"
    schema = Path("/".join([".."] * len(path.relative_to(CATALOG).parts)))
    modeline = f"# yaml-language-server: $schema={schema.as_posix()}/schema/{kind}.schema.json"
    assert text.splitlines()[0] == modeline
    assert (path.parent / schema / "schema" / f"{kind}.schema.json").resolve().is_file()
    data = yaml.safe_load(text)
    for key in ("context_window", "max_output_tokens", "max_file_size_mb"):
        if key in data:
            assert type(data[key]) is int
