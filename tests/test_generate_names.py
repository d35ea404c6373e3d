"""Names in any script, and emoji, reach the generated pages whole: developers written in
different non-Latin scripts get a page each (they were merged into one "unnamed" page, and one
vanished from the index), and an emoji in a model's name keeps the page's front matter (title,
edit link, `hide: toc`), read as MkDocs reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from modelcat_registry.site.escaping import front_matter_string
from tests.in_process import run_main

PROVIDER = """\
id: acme
name: Acme
api_base: https://api.acme.example/v1
dialect: openai
api_key_env: ACME_API_KEY
docs_url: https://acme.example/docs
sources:
  docs:
    title: Acme models page
    date: 2026-01-01
"""
MODELS = {
    "kanji": 'name: "Kanji \\U0001F600 model"\ndeveloper: 日本\n',
    "hanzi": "name: Hanzi model\ndeveloper: 中国\n",
    "flag": 'name: "Flag \\U0001F1EF\\U0001F1F5 e\\u0301"\ndeveloper: "\\U0001F916 Labs"\n',
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names")
    models = root / "catalog" / "acme" / "models"
    models.mkdir(parents=True)
    (root / "catalog" / "acme" / "provider.yaml").write_text(PROVIDER)
    for model_id, facts in MODELS.items():
        (models / f"{model_id}.yaml").write_text(f"id: {model_id}\n{facts}source: docs\n")
    outcome = run_main(
        ["generate", "--catalog", "catalog", "--out", "docs", "--as-of", "2026-06-01"], root
    )
    assert outcome.code == 0, outcome.output
    return root / "docs"


def front_matter(page: Path) -> dict[str, object]:
    """The page's metadata as MkDocs reads it (libyaml; a document it cannot read is no
    metadata at all, silently)."""
    _, meta = get_data(page.read_text(encoding="utf-8"))
    return meta


def test_developers_in_different_scripts_get_a_page_each(docs: Path) -> None:
    pages = {p.name for p in (docs / "developers").glob("*.md")}
    assert pages == {"index.md", "日本.md", "中国.md", "labs.md"}  # the emoji is no letter
    assert "hanzi" in (docs / "developers" / "中国.md").read_text()
    assert "kanji" in (docs / "developers" / "日本.md").read_text()
    index = (docs / "developers" / "index.md").read_text()
    assert "[中国](中国.md)" in index
    assert "[日本](日本.md)" in index


@pytest.mark.parametrize(
    ("model_id", "title"),
    [
        ("kanji", "Kanji \U0001f600 model · Acme"),
        ("flag", "Flag \U0001f1ef\U0001f1f5 e\u0301 · Acme"),
    ],
)
def test_an_emoji_in_a_name_keeps_the_pages_front_matter(
    docs: Path, model_id: str, title: str
) -> None:
    meta = front_matter(docs / "models" / "acme" / f"{model_id}.md")
    assert meta == {
        "title": title,
        "edit_url": f"https://github.com/modelcat/modelcat/edit/main/catalog/acme/models/{model_id}.yaml",
        "hide": ["toc"],
    }


@pytest.mark.parametrize(
    "text",
    ["\U0001f600", "a\U0010ffffb", "\u00e9\u0301", "\x7f", '"\\', "\u2028x", "日本\U0001f1ef"],
)
def test_front_matter_strings_read_back_in_both_yaml_readers(text: str) -> None:
    quoted = str(front_matter_string(text))
    assert quoted.isascii()
    expected = " ".join(text.split())  # whitespace folded, as titles are
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(f"title: {quoted}", loader) == {"title": expected}  # noqa: S506
