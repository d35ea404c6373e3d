"""The OpenRouter catalog agrees with its source pack (shared/sources/openrouter.md) on a sample
of facts; comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known
from modelcat_registry.valid_catalog import read_valid_catalog
from tests.conftest import CATALOG, find_model

PROVIDER = "openrouter"
JULY = dt.date(2026, 7, 2)  # models.dev [3]


def stub_missing_originals(root: Path) -> None:
    """Give each provider that OpenRouter's resold_from names, and that has no folder in the
    catalog yet (its branch not merged), a stub holding just the IDs named. A provider that has
    a folder is left as it is, so every ID named in it must exist there."""
    named: dict[str, set[str]] = {}
    for path in (root / PROVIDER / "models").rglob("*.yaml"):
        original = (yaml.safe_load(path.read_text()) or {}).get("resold_from")
        if original:
            named.setdefault(original["provider"], set()).add(original["id"])
    for provider, ids in named.items():
        folder = root / provider
        if folder.exists():
            continue
        (folder / "models").mkdir(parents=True)
        (folder / "provider.yaml").write_text(
            f"id: {provider}\nname: {provider}\napi_base: https://example.com/v1\n"
            f"dialect: {provider}\napi_key_env: {provider.upper()}_API_KEY\n"
            "docs_url: https://example.com/models\n"
        )
        for model_id in ids:
            (folder / "models" / f"{model_id}.yaml").write_text(f"id: {model_id}\n")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(CATALOG, root, dirs_exist_ok=True)
    stub_missing_originals(root)
    return read_valid_catalog(root)


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def prices(catalog: Catalog, model_id: str, day: dt.date) -> dict[str, float] | None:
    entry = find(catalog, model_id).price_in_force(day)
    return dict(entry.values) if entry else None


def test_resold_from_uses_the_other_packs_ids(catalog: Catalog) -> None:
    # anthropic.md spells claude-sonnet-4-5-20250929 (alias claude-sonnet-4-5)
    sonnet = find(catalog, "anthropic/claude-sonnet-4.5")
    assert sonnet.resold_from == ("anthropic", "claude-sonnet-4-5-20250929")
    opus = find(catalog, "anthropic/claude-opus-4.8")
    assert opus.resold_from == ("anthropic", "claude-opus-4-8")  # anthropic.md
    assert find(catalog, "google/gemini-2.5-pro").resold_from == ("gemini", "gemini-2.5-pro")
    assert find(catalog, "x-ai/grok-3").resold_from == ("xai", "grok-3")  # xai.md


def test_resold_model_is_the_same_model_as_its_original(catalog: Catalog) -> None:
    keys = [m.key for m in catalog.same_model(find(catalog, "x-ai/grok-code-fast-1"))]
    assert ("xai", "grok-code-fast-1") in keys


def test_open_weight_slugs_are_not_resold(catalog: Catalog) -> None:
    for slug in ("meta-llama/llama-3.3-70b-instruct", "moonshotai/kimi-k2.6", "z-ai/glm-5.2"):
        model = find(catalog, slug)
        assert (model.resold_from, model.weights) == (None, None)  # no HF repo in the pack


def test_prices_from_models_dev(catalog: Catalog) -> None:
    flash = prices(catalog, "deepseek/deepseek-v4-flash", JULY)
    assert flash == {"input_per_mtok_usd": 0.098, "output_per_mtok_usd": 0.196}  # [3]
    gpt5 = prices(catalog, "openai/gpt-5", JULY)
    assert gpt5 == {"input_per_mtok_usd": 1.25, "output_per_mtok_usd": 10}  # [3]
    grok3 = prices(catalog, "x-ai/grok-3", JULY)
    assert grok3 == {"input_per_mtok_usd": 3, "output_per_mtok_usd": 15}  # [10]


def test_limits_are_models_devs(catalog: Catalog) -> None:
    flash = find(catalog, "deepseek/deepseek-v4-flash")
    assert (flash.context_window, flash.max_output_tokens) == (1048575, 65536)  # [3], not [10]
    gemini = find(catalog, "google/gemini-2.5-flash")
    assert (gemini.context_window, gemini.max_output_tokens) == (1048576, 65535)  # [3]
    code = find(catalog, "x-ai/grok-code-fast-1")
    assert (code.context_window, code.max_output_tokens) == (256000, 10000)  # [10]


def test_grok_expiration_moved_earlier(catalog: Catalog) -> None:
    model = find(catalog, "x-ai/grok-code-fast-1")
    before = known(model, dt.date(2026, 5, 10), catalog)
    assert str(before.not_before) == "2026-06-01"  # [5] deprecationDate, sync of 2026-05-06
    after = known(model, dt.date(2026, 6, 1), catalog)
    assert str(after.not_before) == "2026-05-15"  # [10] expiration_date
    # "may be removed after": a floor, not a shutdown
    assert (after.state, after.shutdown) == (State.DEPRECATED, None)


def test_slugs_outliving_anthropic_have_no_price(catalog: Catalog) -> None:
    model = find(catalog, "anthropic/claude-sonnet-4")
    assert model.price_in_force(dt.date(2026, 8, 5)) is None  # no price in the table
    assert model.resold_from == ("anthropic", "claude-sonnet-4-20250514")  # anthropic.md


def test_developers_from_the_table(catalog: Catalog) -> None:
    assert find(catalog, "qwen/qwen3.7-max").developer == "Alibaba Qwen"
    assert find(catalog, "mistralai/devstral-2512").developer == "Mistral AI"


def test_models_dev_source_date(catalog: Catalog) -> None:
    assert str(catalog.providers[PROVIDER].sources["models-dev-2026-07"].date) == "2026-07-02"
