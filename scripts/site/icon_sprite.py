"""Material's menu and search icons as one sprite file instead of inline SVG on every page.

Material writes five SVG icons into every page (the menu button, the search button and the
search form's magnifier, back arrow and clear button): about 1.2 KB a page, the same on
thousands of pages. MkDocs' hook replaces each with a short reference to a symbol of one
sprite made from the same icon files, so the icons and their styling (Material's CSS sets the
size and colour of the <svg>) stay as they are. Zensical runs no hooks: its pages keep them
inline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from importlib.util import find_spec
from pathlib import Path

SPRITE_PATH = "assets/images/theme-icons.svg"
# Material's defaults (mkdocs.yml sets no theme.icon for them).
ICON_NAMES = ("menu", "magnify", "arrow-left", "close")
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9 .]+)">(.*)</svg>')


@dataclass(frozen=True, slots=True)
class Icon:
    markup: str  # as Material writes it into a page
    view_box: str
    body: str


def material_icons() -> dict[str, Icon]:
    """Material's icons by name; none if Material is missing or an icon is not the plain
    one-element SVG this module knows how to reference."""
    spec = find_spec("material")
    if spec is None or spec.origin is None:
        return {}
    folder = Path(spec.origin).parent / "templates" / ".icons" / "material"
    icons: dict[str, Icon] = {}
    for name in ICON_NAMES:
        try:
            markup = (folder / f"{name}.svg").read_text(encoding="utf-8").strip()
        except OSError:
            return {}
        match = _ICON.fullmatch(markup)
        if match is None:
            return {}
        icons[name] = Icon(markup, *match.groups())
    return icons


def sprite(icons: Mapping[str, Icon]) -> str:
    """One SVG document with a <symbol> per icon, by name."""
    symbols = "".join(
        f'<symbol id="{name}" viewBox="{icon.view_box}">{icon.body}</symbol>'
        for name, icon in icons.items()
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'


def use_sprite(html: str, icons: Mapping[str, Icon], sprite_url: str) -> str:
    """html with each icon's inline markup replaced by a reference to its symbol."""
    href = escape(sprite_url)
    for name, icon in icons.items():
        reference = f'<svg viewBox="{icon.view_box}"><use href="{href}#{name}"/></svg>'
        html = html.replace(icon.markup, reference)
    return html
