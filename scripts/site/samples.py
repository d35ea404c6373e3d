"""The "Call it" code samples of model pages, as finished HTML.

Every model page shows the same four programs with three values changed (the API base, the
key's variable, the model ID). Written as fenced blocks in the Markdown, Pygments would
highlight them again on every page (a quarter of a 10,000-model build). Instead each program
is highlighted once, with an inert placeholder for each value, and a page substitutes its
HTML-escaped values into that HTML. The tabs are written as the HTML pymdownx.tabbed
(alternate style) produces, so the page looks and works as before, under MkDocs and Zensical.
"""

from __future__ import annotations

import html
import re
from functools import cache

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

# Placeholders are plain identifiers, so the lexers give them the token their value would get
# (inside a string, a URL or a variable name) and never split one across two tokens.
API_BASE = "MCSAMPLEAPIBASE"
KEY_ENV = "MCSAMPLEKEYENV"
MODEL_ID = "MCSAMPLEMODELID"

_PROGRAMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "chat": (
        (
            "curl",
            "bash",
            f"curl {API_BASE}/chat/completions \\\n"
            f'  -H "Authorization: Bearer ${KEY_ENV}" \\\n'
            '  -H "Content-Type: application/json" \\\n'
            f'  -d \'{{"model": "{MODEL_ID}", "messages": '
            '[{"role": "user", "content": "Hello"}]}\'\n',
        ),
        (
            "Python (openai)",
            "python",
            "import os\n\nfrom openai import OpenAI\n\n"
            f'client = OpenAI(base_url="{API_BASE}", api_key=os.environ["{KEY_ENV}"])\n'
            "response = client.chat.completions.create(\n"
            f'    model="{MODEL_ID}",\n'
            '    messages=[{"role": "user", "content": "Hello"}],\n'
            ")\n"
            "print(response.choices[0].message.content)\n",
        ),
    ),
    "transcription": (
        (
            "curl",
            "bash",
            f"curl {API_BASE}/audio/transcriptions \\\n"
            f'  -H "Authorization: Bearer ${KEY_ENV}" \\\n'
            f"  -F model={MODEL_ID} \\\n"
            "  -F file=@audio.m4a\n",
        ),
        (
            "Python (openai)",
            "python",
            "import os\n\nfrom openai import OpenAI\n\n"
            f'client = OpenAI(base_url="{API_BASE}", api_key=os.environ["{KEY_ENV}"])\n'
            'with open("audio.m4a", "rb") as audio:\n'
            "    transcription = client.audio.transcriptions.create("
            f'model="{MODEL_ID}", file=audio)\n'
            "print(transcription.text)\n",
        ),
    ),
}

KINDS = frozenset(_PROGRAMS)
# Whitespace tokens are not styled, and Material colours names (.n) as plain code text: their
# spans would only add weight to every page.
_UNSTYLED_SPAN = re.compile(r'<span class="[wn]">([^<]*)</span>')


@cache
def _highlighted(kind: str) -> tuple[tuple[str, str], ...]:
    """(tab label, highlighted HTML with placeholders) for each program of a kind, once."""
    formatter = HtmlFormatter(wrapcode=True)
    found = []
    for label, language, source in _PROGRAMS[kind]:
        code = highlight(source, get_lexer_by_name(language), formatter)
        for placeholder in (API_BASE, KEY_ENV, MODEL_ID):
            # A lexer that split a placeholder would leave a value unsubstituted.
            if code.count(placeholder) != source.count(placeholder):
                raise AssertionError(f"{language} lexer split {placeholder}")
        code = _UNSTYLED_SPAN.sub(r"\1", code).replace(
            '<div class="highlight">', f'<div class="language-{language} highlight">'
        )
        found.append((label, code))
    return tuple(found)


def sample_html(kind: str, api_base: str, key_env: str, model_id: str) -> Markup:
    """The tabbed samples of one model page; every value is HTML-escaped."""
    values = {
        API_BASE: html.escape(api_base),
        KEY_ENV: html.escape(key_env),
        MODEL_ID: html.escape(model_id),
    }
    programs = _highlighted(kind)
    count = len(programs)
    inputs = "".join(
        f'<input{" checked" if number == 1 else ""} id="__tabbed_1_{number}" '
        f'name="__tabbed_1" type="radio">'
        for number in range(1, count + 1)
    )
    labels = "".join(
        f'<label for="__tabbed_1_{number}">{html.escape(label)}</label>'
        for number, (label, _) in enumerate(programs, start=1)
    )
    blocks = []
    for _, code in programs:
        for placeholder, value in values.items():
            code = code.replace(placeholder, value)
        blocks.append(f'<div class="tabbed-block">\n{code}</div>\n')
    return Markup(  # noqa: S704 (built here from escaped values and Pygments' output)
        f'<div class="tabbed-set tabbed-alternate" data-tabs="1:{count}">{inputs}'
        f'<div class="tabbed-labels">{labels}</div>\n'
        f'<div class="tabbed-content">\n{"".join(blocks)}</div>\n</div>'
    )
