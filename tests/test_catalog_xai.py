"""The xAI catalog agrees with its source pack (shared/sources/xai.md) on a sample of facts;
comments name the pack's source numbers."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, use_today
from modelcat_registry.valid_catalog import read_valid_catalog
from tests.conftest import CATALOG, find_model

PROVIDER = "xai"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    # xAI's folder names no other provider, so it is checked as a catalog of its own: the
    # test does not depend on the other providers' folders being merged.
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(CATALOG / PROVIDER, root / PROVIDER)
    return read_valid_catalog(root)


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def prices(catalog: Catalog, model_id: str, day: dt.date) -> dict[str, float] | None:
    entry = find(catalog, model_id).price_in_force(day)
    return dict(entry.values) if entry else None


def redirect(catalog: Catalog, model_id: str, day: dt.date) -> tuple[dt.date, str] | None:
    view = known(find(catalog, model_id), day, catalog)
    return (view.redirect.start, view.redirect.to) if view.redirect else None


def test_fast_model_is_deprecated_between_announcement_and_shutdown(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-4-1-fast-reasoning"), dt.date(2026, 5, 10), catalog)
    assert view.state is State.DEPRECATED  # [1] announced ~2026-05-06 per [12]
    assert view.shutdown == dt.date(2026, 5, 15)  # [1] "May 15, 2026 at 12:00pm PT"
    assert view.replacements == ("grok-4.3",)  # [1]


def test_retired_slugs_redirect_to_grok_4_3(catalog: Catalog) -> None:
    day = dt.date(2026, 6, 1)
    view = known(find(catalog, "grok-4-0709"), day, catalog)
    assert view.state is State.REDIRECTED  # [11] the slugs "continue to resolve"
    assert redirect(catalog, "grok-4-0709", day) == (dt.date(2026, 5, 15), "grok-4.3")  # [11]


def test_image_pro_redirects_to_image_quality(catalog: Catalog) -> None:
    found = redirect(catalog, "grok-imagine-image-pro", dt.date(2026, 6, 1))
    assert found == (dt.date(2026, 5, 15), "grok-imagine-image-quality")  # [11]


def test_code_fast_replacement_moves_to_grok_build(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-code-fast-1"), dt.date(2026, 8, 3), catalog)
    assert view.replacements == ("grok-build-0.1",)  # grok-code-fast-1 row: [3]
    # [11]; the reseller's grok-build-0.1 [7] is a note
    assert redirect(catalog, "grok-code-fast-1", dt.date(2026, 8, 3))[1] == "grok-4.3"


def test_code_fast_users_end_at_grok_4_7_after_grok_build_ends(catalog: Catalog) -> None:
    target = use_today(catalog, find(catalog, "grok-code-fast-1"), dt.date(2026, 12, 7))
    assert target is not None and target.id == "grok-4.7"  # grok-build-0.1 ends 2026-11-19 [7]


def test_grok_build_end_of_life_is_the_resellers(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-build-0.1"), dt.date(2026, 12, 7), catalog)
    assert view.state is State.RETIRED
    assert view.shutdown == dt.date(2026, 11, 19)  # grok-build-0.1 row: reseller [7]


def test_undated_retirements_from_modeldeprecations(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-3-mini"), dt.date(2026, 8, 3), catalog)
    assert view.state is State.RETIRED  # "retired, no date in [3]"
    assert view.replacements == ("grok-4.3",)  # [3]


def test_prices(catalog: Catalog) -> None:
    day = dt.date(2026, 12, 7)
    code = prices(catalog, "grok-code-fast-1", day)
    assert code == {"input_per_mtok_usd": 0.2, "output_per_mtok_usd": 1.5}  # [5], not [4]'s 1 / 2
    agents = prices(catalog, "grok-4.20-multi-agent-0309", day)
    assert agents == {"input_per_mtok_usd": 1.25, "output_per_mtok_usd": 2.5}  # [4], not [5]
    assert prices(catalog, "grok-4.5", day) == {  # grok-4.5 row: 2 / 6, cached 0.50 [9]
        "input_per_mtok_usd": 2,
        "cached_input_per_mtok_usd": 0.5,
        "output_per_mtok_usd": 6,
    }


def test_context_windows(catalog: Catalog) -> None:
    assert find(catalog, "grok-4.3").context_window == 1000000  # [4]
    fast = find(catalog, "grok-4-1-fast-reasoning")
    assert (fast.context_window, fast.source_of("context_window")) == (
        2000000,
        "braintrust-proxy-2026-06",
    )  # [6]
    assert find(catalog, "grok-3").context_window == 131072  # [5]


def test_grok_latest_follows_the_dated_pointers(catalog: Catalog) -> None:
    alias = find(catalog, "grok-latest")
    assert alias.alias_target(dt.date(2026, 5, 1)) == "grok-4.6"  # [10] created 2026-04-19
    assert alias.alias_target(dt.date(2026, 12, 7)) == "grok-4.5"  # [5] checked 2026-07-08


def test_latest_alias_has_its_targets_state(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-4-latest"), dt.date(2026, 6, 1), catalog)
    assert view.alias_target == "grok-4-0709"  # grok-4-0709 row: aliases grok-4, grok-4-latest
    assert view.state is State.REDIRECTED  # [6]: retiring a model retires its -latest aliases


def test_image_quality_retirement_from_reseller(catalog: Catalog) -> None:
    view = known(find(catalog, "grok-imagine-image-quality"), dt.date(2026, 11, 2), catalog)
    assert (view.state, view.replacements) == (State.RETIRED, ("grok-imagine-image-2.0",))  # [8]
