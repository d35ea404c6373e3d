"""Every lifecycle, price, free-tier limit and API observation of the GroqCloud catalog equals
what its source states; the catalog holds exactly the IDs its sources name; and as of
2026-11-25 every model with a lifecycle leads, through its replacements, to the model to use
today (available and not deprecated) wherever the sources name one.

The literals are transcribed from the sources themselves (provider.yaml's `sources` keys):
  deprecations            the deprecation history, section by section (shutdowns as MM/DD/YY)
  free-plan-summary-2024  "TP", the on-demand price table, dated to its window start 2024-10-18
  ai-model-providers-2024-08  "AS", prices of 2024-08-03
  console-limits-2024-12  "L24", the free-tier rate-limit table, dated 2024-12-06
  free-llm-api-resources  "CH", rate limits measured on the dates given
  models-api-2026         the GET /models capture, recorded as of 2025-12-19
and, for what the catalog has held since, the 2025-2026 source pack (shared/sources/
groq-2025-2026.md), whose source numbers the comments cite: M0-M6 the models-page copies
(models-page-copy-*), R0-R5 the rate-limits copies (rate-limits-*), A1 models-api-2025-11,
C free-llm-api-resources-2025-2026, G genai-prices-2025-08, L the LiteLLM wheels (litellm-*),
[D] the deprecations transcript. tests/test_catalog_groq_2026.py samples the pack further.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from modelcat_registry.catalog import Catalog, Claim, Dated, Model
from modelcat_registry.lifecycle import (
    State,
    answered_by,
    is_callable,
    known,
    migration_path,
    state,
    use_today,
)
from tests.conftest import find_model
from tests.test_catalog_seed import SEED

PROVIDER = "groq"
NEWEST = dt.date(2026, 11, 25)
CAPTURE_DAY = dt.date(2025, 12, 19)
# The capture itself, as copied into tests/data (sha256 of shared/sources/groq-models-api-2026.json)
CAPTURE = Path(__file__).parent / "data" / "groq-models-api-2026.json"
CAPTURE_SHA256 = "6ccbde0ee3b3920aa9f0114f9aca002765c1009c2697b8ab677ea6345a767129"
U = "unlimited"


def groq_models(catalog: Catalog) -> list[Model]:
    """GroqCloud's entries only: the catalog holds other providers too."""
    return catalog.models_of(PROVIDER)


def find(catalog: Catalog, model_id: str) -> Model:
    return find_model(catalog, PROVIDER, model_id)


def table_day(text: str) -> dt.date:
    """A shutdown as the deprecations table writes it: MM/DD/YY (1/6/25 too)."""
    return dt.datetime.strptime(text, "%m/%d/%y").date()


def only_statement(model: Model) -> Claim:
    """The model's one lifecycle statement (each row of the history is one statement)."""
    assert len(model.lifecycle) == 1, model.id
    return model.lifecycle[0]


# --- deprecations: (model ID, announced as the section states it, shutdown as the table
# writes it, replacements in the table's order) ------------------------------------------
LIFECYCLES = [
    # "September 21, 2026: groq/compound and groq/compound-mini", announced August 24, 2026
    ("groq/compound", "2026-08-24", "09/21/26", ()),
    ("groq/compound-mini", "2026-08-24", "09/21/26", ()),
    # "September 14, 2026: qwen/qwen3.6-27b", no date given
    ("qwen/qwen3.6-27b", None, "09/14/26", ("qwen/qwen3.8-27b",)),
    # "August 16, 2026", emailed June 17, 2026
    ("llama-3.1-8b-instant", "2026-06-17", "08/16/26", ("openai/gpt-oss-20b",)),
    (
        "llama-3.3-70b-versatile",
        "2026-06-17",
        "08/16/26",
        ("openai/gpt-oss-120b", "qwen/qwen3.6-27b"),
    ),
    # "July 17, 2026", emailed June 17, 2026
    ("qwen/qwen3-32b", "2026-06-17", "07/17/26", ("openai/gpt-oss-120b",)),
    (
        "meta-llama/llama-4-scout-17b-16e-instruct",
        "2026-06-17",
        "07/17/26",
        ("openai/gpt-oss-120b", "qwen/qwen3.6-27b"),
    ),
    ("moonshotai/kimi-k2-instruct-0905", "2026-03-23", "04/15/26", ("openai/gpt-oss-120b",)),
    (
        "meta-llama/llama-4-maverick-17b-128e-instruct",
        "2026-02-20",
        "03/09/26",
        ("openai/gpt-oss-120b",),
    ),
    ("meta-llama/llama-guard-4-12b", "2026-02-10", "03/05/26", ("openai/gpt-oss-safeguard-20b",)),
    ("playai-tts", "2025-12-23", "12/31/25", ("canopylabs/orpheus-v1-english",)),
    ("playai-tts-arabic", "2025-12-23", "12/31/25", ("canopylabs/orpheus-arabic-saudi",)),
    ("moonshotai/kimi-k2-instruct", "2025-09-10", "10/10/25", ("openai/gpt-oss-120b",)),
    ("gemma2-9b-it", "2025-08-08", "10/08/25", ("llama-3.1-8b-instant",)),
    (
        "deepseek-r1-distill-llama-70b",
        "2025-09-02",
        "10/02/25",
        ("llama-3.3-70b-versatile", "openai/gpt-oss-120b"),
    ),
    ("llama3-70b-8192", "2025-05-31", "08/30/25", ("llama-3.3-70b-versatile",)),
    ("llama3-8b-8192", "2025-05-31", "08/30/25", ("llama-3.1-8b-instant",)),
    # "we are announcing", no date
    ("distil-whisper-large-v3-en", None, "08/23/25", ("whisper-large-v3-turbo",)),
    ("mistral-saba-24b", None, "07/30/25", ("qwen/qwen3-32b",)),
    ("qwen-qwq-32b", None, "07/14/25", ("qwen/qwen3-32b",)),
    ("llama-guard-3-8b", "2025-05-09", "06/06/25", ("meta-llama/llama-guard-4-12b",)),
    # "April 14, 2025: Multiple Model Deprecations", emailed April 7, 2025
    ("llama-3.2-1b-preview", "2025-04-07", "04/14/25", ("llama-3.1-8b-instant",)),
    ("llama-3.2-3b-preview", "2025-04-07", "04/14/25", ("llama-3.1-8b-instant",)),
    (
        "llama-3.2-11b-vision-preview",
        "2025-04-07",
        "04/14/25",
        ("meta-llama/llama-4-scout-17b-16e-instruct",),
    ),
    (
        "llama-3.2-90b-vision-preview",
        "2025-04-07",
        "04/14/25",
        ("meta-llama/llama-4-scout-17b-16e-instruct",),
    ),
    ("deepseek-r1-distill-qwen-32b", "2025-04-07", "04/14/25", ("qwen-qwq-32b",)),
    (
        "qwen-2.5-32b",
        "2025-04-07",
        "04/14/25",
        ("qwen-qwq-32b", "meta-llama/llama-4-scout-17b-16e-instruct"),
    ),
    ("qwen-2.5-coder-32b", "2025-04-07", "04/14/25", ("qwen-qwq-32b", "openai/gpt-oss-120b")),
    (
        "llama-3.3-70b-specdec",
        "2025-04-07",
        "04/14/25",
        ("meta-llama/llama-4-scout-17b-16e-instruct", "llama-3.3-70b-versatile"),
    ),
    # its own section "March 24, 2025: ...", emailed March 17, 2025 (also listed on April 14)
    (
        "deepseek-r1-distill-llama-70b-specdec",
        "2025-03-17",
        "03/24/25",
        ("deepseek-r1-distill-llama-70b", "deepseek-r1-distill-qwen-32b"),
    ),
    (
        "mixtral-8x7b-32768",
        "2025-03-05",
        "03/20/25",
        ("mistral-saba-24b", "llama-3.3-70b-versatile"),
    ),
    # "January 24, 2025", notified December 6, 2024
    ("llama-3.1-70b-versatile", "2024-12-06", "01/24/25", ("llama-3.3-70b-versatile",)),
    ("llama-3.1-70b-specdec", "2024-12-06", "01/24/25", ("llama-3.3-70b-specdec",)),
    # "January 6, 2025: Llama 3 Groq Tool Use Models", no date
    ("llama3-groq-8b-8192-tool-use-preview", None, "1/6/25", ("llama-3.3-70b-versatile",)),
    ("llama3-groq-70b-8192-tool-use-preview", None, "1/6/25", ("llama-3.3-70b-versatile",)),
    ("gemma-7b-it", "2024-12-11", "12/18/24", ("gemma2-9b-it",)),
    # "November 25, 2024: Llama 3.2 90B Text Preview", emailed in November 2024
    (
        "llama-3.2-90b-text-preview",
        "2024-11",
        "11/25/24",
        ("llama-3.2-90b-vision-preview", "llama-3.1-70b-versatile"),
    ),
    # "October 18, 2024: LLaVA 1.5 7B and Llama 3.2 11B Text Preview", emailed in September 2024
    ("llava-v1.5-7b-4096-preview", "2024-09", "10/28/24", ("llama-3.2-11b-vision-preview",)),
    (
        "llama-3.2-11b-text-preview",
        "2024-09",
        "10/28/24",
        ("llama-3.2-11b-vision-preview", "llama-3.1-8b-instant"),
    ),
]

# A section that gives no announcement date is dated to the source's own date (the schema:
# "the notice or announcement date where the source gives one, else the source's date"): the
# history's oldest section, October 18, 2024 ...
DEPRECATIONS_DATE = "2024-10-18"
# ... except qwen/qwen3.6-27b, which did not exist then: its statement carries the first day of
# the first models-page copy that lists it (pack M5, models-page-copy-2026-08: 2026-08-16 ..
# 2026-09-13; "first on the models page 2026-08-16 .. 09-13").
UNDATED_STATEMENT_DAY = {"qwen/qwen3.6-27b": "2026-08-16"}

# [D]: the 2026-07-17, 2026-08-16 and 2026-09-14 sections apply "to free and developer tier
# only", "not to enterprise committed-spend contracts" (the pack: Enterprise keeps them).
TIER_LIMITED = {
    "qwen/qwen3-32b",
    "meta-llama/llama-4-scout-17b-16e-instruct",
    "llama-3.1-8b-instant",
    "llama-3.3-70b-versatile",
    "qwen/qwen3.6-27b",
}
FREE_AND_DEVELOPER = ("free", "developer")
ENTERPRISE = ("enterprise",)

# deprecations: "from December 20, 2024 ... will automatically upgrade to their respective 3.3
# versions": requests to the 3.1 IDs are answered by the 3.3 models from that day.
AUTO_UPGRADES = {
    "llama-3.1-70b-versatile": (dt.date(2024, 12, 20), "llama-3.3-70b-versatile"),
    "llama-3.1-70b-specdec": (dt.date(2024, 12, 20), "llama-3.3-70b-specdec"),
}

# Pack, "Models retired from GroqCloud during 2025-2026": compound-beta and compound-beta-mini,
# "replaced by groq/compound(-mini) by 2025-09-06 [C]; no deprecation row found" (listed by the
# free-key regenerations 2025-04-16 .. 2025-09-01): retired by that day, the day given.
COMPOUND_BETA = {
    "compound-beta": ("2025-09-06", ("groq/compound",)),
    "compound-beta-mini": ("2025-09-06", ("groq/compound-mini",)),
}
C = "free-llm-api-resources-2025-2026"

# deprecations: the source's quirks and conditions, kept as the statement's note.
LIFECYCLE_NOTES = [
    (
        "llava-v1.5-7b-4096-preview",
        ("headed October 18, 2024", "10/28/24", "2024-11-27", "2024-12-06"),
    ),
    ("llama-3.2-11b-text-preview", ("headed October 18, 2024", "10/28/24", "text-only workloads")),
    ("llama-3.2-90b-text-preview", ("November 2024", "text-only workloads")),
    ("moonshotai/kimi-k2-instruct", ("moonshotai/kimi-k2-instruct-0905", "openai/gpt-oss-120b")),
    ("llama3-groq-8b-8192-tool-use-preview", ("llama-3.30-70b-versatile",)),
    ("llama3-groq-70b-8192-tool-use-preview", ("llama-3.30-70b-versatile",)),
    ("deepseek-r1-distill-llama-70b-specdec", ("April 14, 2025", "04/14/25", "March 17, 2025")),
    ("llama-3.1-8b-instant", ("free and developer tier only",)),
    ("llama-3.3-70b-versatile", ("free and developer tier only",)),
    ("qwen/qwen3-32b", ("free and developer tier only",)),
    ("meta-llama/llama-4-scout-17b-16e-instruct", ("free and developer tier only",)),
    ("qwen/qwen3.6-27b", ("free and developer tier", "enterprise committed-spend")),
    ("llama-3.1-70b-versatile", ("December 20, 2024", "automatically upgrade")),
    ("groq/compound", ("no replacement",)),
    ("groq/compound-mini", ("no replacement",)),
]

# Names only where a source writes one: the October 2024 page (tests/test_catalog_seed.py), a
# deprecations section heading, or the 2025-2026 models page ("Safety GPT OSS 20B" [M1-M6]).
NAMES_FROM_DEPRECATIONS = {
    "llama-3.2-90b-text-preview": "Llama 3.2 90B Text Preview",
    "llama-3.2-11b-text-preview": "Llama 3.2 11B Text Preview",
    "mistral-saba-24b": "Mistral Saba 24B",
    "qwen-qwq-32b": "Qwen QwQ 32B",
    "deepseek-r1-distill-llama-70b-specdec": "DeepSeek R1 Distill Llama 70B (Speculative Decoding)",
    "llama-3.1-70b-specdec": "Llama 3.1 70B (Speculative Decoding)",
}
NAMES_FROM_THE_PACK = {
    "openai/gpt-oss-safeguard-20b": ("Safety GPT OSS 20B", "models-page-copy-2025-11"),
}

# --- the pack's documented facts of the entries beyond the October 2024 page: (developer,
# status, context window, max output, the source of the window) as the pack's rows state them;
# an entry missing here has none of them. The API's owned_by is never taken as the developer
# (allam-2-7b: "SDAIA (API owned_by)"; qwen/qwen3-32b: owned_by "Alibaba Cloud").
M0, M1 = "models-page-copy-2025-09", "models-page-copy-2025-11"
M3, M5 = "models-page-copy-2026-01", "models-page-copy-2026-08"
A1, G, L = "models-api-2025-11", "genai-prices-2025-08", "litellm-1-76-2"
PACK_FACTS = {
    # "Models: callable or Enterprise-only in late 2026"; window and output [M0-M6, A1, A2]
    "openai/gpt-oss-120b": ("OpenAI", "production", 131072, 65536, M0),
    # Production [M6]
    "openai/gpt-oss-20b": ("OpenAI", "production", 131072, 65536, M0),
    # Preview [M1-M6]
    "openai/gpt-oss-safeguard-20b": ("OpenAI", "preview", 131072, 65536, M1),
    # 131,042 / 16,384, Preview [M5, M6]
    "qwen/qwen3.8-27b": ("Alibaba Qwen", "preview", 131042, 16384, M5),
    # 4,000 / 50,000, Preview [M3-M6, A2]
    "canopylabs/orpheus-v1-english": ("Canopy Labs", "preview", 4000, 50000, M3),
    "canopylabs/orpheus-arabic-saudi": ("Canopy Labs", "preview", 4000, 50000, M3),
    # 512 / 512 [M0-M6, A1], Preview [M6]
    "meta-llama/llama-prompt-guard-2-22m": ("Meta", "preview", 512, 512, M0),
    "meta-llama/llama-prompt-guard-2-86m": ("Meta", "preview", 512, 512, M0),
    # 4,096 / 4,096 [A1, A2; API only]; developer "SDAIA (API owned_by)"
    "allam-2-7b": (None, None, 4096, 4096, A1),
    # 131,072 / 32,768 [M0-M6]
    "llama-3.3-70b-versatile": ("Meta", None, 131072, 32768, M0),
    # 196,608 / 131,072, Preview, Enterprise only [M5, M6]
    "minimaxai/minimax-m2.7": ("MiniMax", "preview", 196608, 131072, M5),
    # "Models retired from GroqCloud during 2025-2026"; 131,072 / 8,192 [M0-M5], and
    # groq/compound under "Production Systems" on M5
    "groq/compound": ("Groq", "production", 131072, 8192, M0),
    "groq/compound-mini": ("Groq", None, 131072, 8192, M0),
    # 131,072 / 16,384 [M5; X2], Preview [M5]
    "qwen/qwen3.6-27b": ("Alibaba Qwen", "preview", 131072, 16384, M5),
    # [M0-M4]; "Scout, Qwen3-32B, Orpheus in Preview" [M4]
    "meta-llama/llama-4-scout-17b-16e-instruct": ("Meta", "preview", 131072, 8192, M0),
    "qwen/qwen3-32b": ("Alibaba Qwen", "preview", 131072, 40960, M0),
    # [M0-M3]
    "moonshotai/kimi-k2-instruct-0905": ("Moonshot AI", None, 262144, 16384, M0),
    "meta-llama/llama-4-maverick-17b-128e-instruct": ("Meta", None, 131072, 8192, M0),
    "meta-llama/llama-guard-4-12b": ("Meta", None, 131072, 1024, M0),
    # [M0-M2]
    "playai-tts": ("PlayAI", None, 8192, 8192, M0),
    "playai-tts-arabic": ("PlayAI", None, 8192, 8192, M0),
    # [A1]
    "moonshotai/kimi-k2-instruct": ("Moonshot AI", None, 131072, 16384, A1),
    # 131,072 [G]; 32,000 [L]; no window cell for qwen-qwq-32b or compound-beta(-mini)
    "deepseek-r1-distill-llama-70b": ("DeepSeek", None, 131072, None, G),
    "mistral-saba-24b": ("Mistral", None, 32000, None, L),
    "qwen-qwq-32b": ("Alibaba Qwen", None, None, None, None),
    "compound-beta": ("Groq", None, None, None, None),
    "compound-beta-mini": ("Groq", None, None, None, None),
}

TP = ("2024-10-18", "free-plan-summary-2024")
LL = ("LiteLLM 1.53.1",)
LL_AS = ("LiteLLM 1.53.1", "aisudoapp")
STT = ("speech-to-text docs", "LiteLLM 1.67.0")


def tp(input_price: float, output_price: float, corroboration: tuple[str, ...]) -> tuple:
    """A text model's row of the TP table."""
    return (*TP, input_price, output_price, None, corroboration)


def tp_audio(per_hour: float, corroboration: tuple[str, ...]) -> tuple:
    """A speech model's row of the TP table."""
    return (*TP, None, None, per_hour, corroboration)


# --- prices: model ID -> [(date, source, input per 1M, output per 1M, per audio hour,
# what the note names as corroboration)] ------------------------------------------------------
PRICES = {
    "gemma2-9b-it": [tp(0.20, 0.20, LL_AS)],
    "gemma-7b-it": [tp(0.07, 0.07, LL_AS)],
    "llama3-groq-70b-8192-tool-use-preview": [tp(0.89, 0.89, LL_AS)],
    "llama3-groq-8b-8192-tool-use-preview": [tp(0.19, 0.19, LL_AS)],
    "llama-3.1-70b-versatile": [tp(0.59, 0.79, LL)],
    "llama-3.1-70b-specdec": [tp(0.59, 0.99, ("No other source",))],
    "llama-3.1-8b-instant": [tp(0.05, 0.08, LL)],
    "llama-3.2-1b-preview": [tp(0.04, 0.04, LL)],
    "llama-3.2-3b-preview": [tp(0.06, 0.06, LL)],
    "llama-3.2-11b-vision-preview": [tp(0.18, 0.18, LL)],
    "llama-3.2-90b-vision-preview": [tp(0.90, 0.90, LL)],
    "llama-guard-3-8b": [tp(0.20, 0.20, ("LiteLLM 1.74.0",))],
    "llama3-70b-8192": [tp(0.59, 0.79, LL_AS)],
    "llama3-8b-8192": [tp(0.05, 0.08, LL_AS)],
    "mixtral-8x7b-32768": [tp(0.24, 0.24, LL_AS)],
    "whisper-large-v3": [
        ("2024-08-03", "ai-model-providers-2024-08", None, None, 0.03, ("changed",)),
        tp_audio(0.111, (*STT, "0.03")),
    ],
    "whisper-large-v3-turbo": [tp_audio(0.04, STT)],
    "distil-whisper-large-v3-en": [tp_audio(0.02, STT)],
}

L24 = ("2024-12-06", "console-limits-2024-12")
CH = "free-llm-api-resources"


def l24(rpm: int, rpd: int, tpm: int, tpd: int | str, tp_note: str | None = None) -> tuple:
    """A text model's row of the L24 table; tp_note is what the note quotes from TP."""
    return (*L24, {"rpm": rpm, "rpd": rpd, "tpm": tpm, "tpd": tpd}, tp_note)


def l24_speech(rpm: int, rpd: int, ash: int, asd: int) -> tuple:
    """A speech model's row of the L24 table."""
    return (*L24, {"rpm": rpm, "rpd": rpd, "ash": ash, "asd": asd}, None)


# --- free-tier limits: model ID -> [(date, source, {limits}, text the note must hold)] -------
LIMITS = {
    "gemma-7b-it": [l24(30, 14400, 15000, 500000)],
    "gemma2-9b-it": [l24(30, 14400, 15000, 500000)],
    "llama-3.1-70b-versatile": [
        ("2024-10-10", CH, {"rpd": 14400, "tpm": 20000}, None),
        ("2024-10-16", CH, {"rpd": 14400, "tpm": 20000}, None),
        ("2024-10-18", CH, {"rpd": 14400, "tpm": 18000}, None),
        ("2024-10-25", CH, {"rpd": 14400, "tpm": 12000}, None),
        ("2024-10-26", CH, {"rpd": 14400, "tpm": 6000}, None),
        l24(30, 14400, 6000, 200000),
    ],
    "llama-3.1-8b-instant": [l24(30, 14400, 20000, 500000, "800,000")],
    "llama-3.2-11b-text-preview": [l24(30, 7000, 7000, 500000)],
    "llama-3.2-11b-vision-preview": [l24(30, 7000, 7000, 500000)],
    "llama-3.2-1b-preview": [l24(30, 7000, 7000, 500000)],
    "llama-3.2-3b-preview": [l24(30, 7000, 7000, 500000)],
    "llama-3.2-90b-text-preview": [l24(30, 7000, 7000, 500000)],
    "llama-3.2-90b-vision-preview": [
        ("2024-10-16", CH, {"rpd": 3500, "tpm": 7000}, "coming soon"),
        l24(15, 3500, 7000, 250000),
    ],
    "llama-3.3-70b-specdec": [l24(30, 1000, 6000, 100000)],
    "llama-3.3-70b-versatile": [l24(30, 14400, 6000, U)],
    "llama-guard-3-8b": [l24(30, 14400, 15000, 500000)],
    "llama3-70b-8192": [l24(30, 14400, 6000, 500000, "200,000")],
    "llama3-8b-8192": [l24(30, 14400, 30000, 500000)],
    "llama3-groq-70b-8192-tool-use-preview": [l24(30, 14400, 15000, 500000)],
    "llama3-groq-8b-8192-tool-use-preview": [l24(30, 14400, 15000, 500000)],
    "llava-v1.5-7b-4096-preview": [l24(30, 14400, 30000, U, "500,000")],
    "mixtral-8x7b-32768": [l24(30, 14400, 5000, 500000)],
    "distil-whisper-large-v3-en": [l24_speech(20, 2000, 7200, 28800)],
    "whisper-large-v3": [l24_speech(20, 2000, 7200, 28800)],
    "whisper-large-v3-turbo": [l24_speech(20, 2000, 7200, 28800)],
}

SOURCES_2024 = {
    "free-plan-summary-2024",
    "ai-model-providers-2024-08",
    "console-limits-2024-12",
    "free-llm-api-resources",
}


def usd(input_price: float, output_price: float, cached: float | None = None) -> dict:
    """Per 1M tokens: input, output and (where stated) cached input."""
    prices = {"input_per_mtok_usd": input_price, "output_per_mtok_usd": output_price}
    return prices if cached is None else {**prices, "cached_input_per_mtok_usd": cached}


# --- prices of the 2025-2026 pack: model ID -> [(date, source, prices)]. A model the 2024
# sources price whose pack price is the same ("still the price", e.g. llama-3.1-8b-instant
# 0.05 / 0.08 [M0-M4]) gains no entry; the Enterprise "Contact Sales" (M5, M6) is no price.
PACK_PRICES = {
    # 0.15 / 0.60 [G 2025-08-06, M0-M6]; cached 0.075 [L >= 1.82.0 (2026-03-01); S1; X3]
    "openai/gpt-oss-120b": [
        ("2025-08-06", G, usd(0.15, 0.60)),
        ("2026-03-01", "litellm-1-82-0", usd(0.15, 0.60, 0.075)),
    ],
    # 0.075 / 0.30 [M0-M6; G 2025-08-06]; cached 0.0375 [S1; L >= 1.82.0]
    "openai/gpt-oss-20b": [
        ("2025-08-06", G, usd(0.075, 0.30)),
        ("2026-03-01", "litellm-1-82-0", usd(0.075, 0.30, 0.0375)),
    ],
    "openai/gpt-oss-safeguard-20b": [("2025-11-17", M1, usd(0.075, 0.30))],  # [M1-M6]
    "qwen/qwen3.8-27b": [("2026-08-16", M5, usd(0.80, 4.00))],  # [M5, M6, L, X1]
    # $22.00 / $40.00 per 1M characters [M3 2026-01-07 .. M6]
    "canopylabs/orpheus-v1-english": [("2026-01-07", M3, {"per_mchar_usd": 22})],
    "canopylabs/orpheus-arabic-saudi": [("2026-01-07", M3, {"per_mchar_usd": 40})],
    "meta-llama/llama-prompt-guard-2-22m": [("2025-09-05", M0, usd(0.03, 0.03))],  # [M0-M6]
    "meta-llama/llama-prompt-guard-2-86m": [("2025-09-05", M0, usd(0.04, 0.04))],  # [M0-M6]
    "llama-3.3-70b-versatile": [("2025-09-05", M0, usd(0.59, 0.79))],  # [M0-M4; S1]
    "qwen/qwen3.6-27b": [("2026-08-16", M5, usd(0.60, 3.00))],  # [M5, L 1.101.4]
    # [M0-M4, S1, G]
    "meta-llama/llama-4-scout-17b-16e-instruct": [("2025-08-06", G, usd(0.11, 0.34))],
    "qwen/qwen3-32b": [("2025-08-06", G, usd(0.29, 0.59))],
    "moonshotai/kimi-k2-instruct-0905": [("2025-09-05", M0, usd(1.00, 3.00))],  # [M0-M3]
    "meta-llama/llama-4-maverick-17b-128e-instruct": [("2025-09-05", M0, usd(0.20, 0.60))],
    "meta-llama/llama-guard-4-12b": [("2025-09-05", M0, usd(0.20, 0.20))],  # [M0-M3]
    # $50.00 per 1M characters [M0-M2, L]
    "playai-tts": [("2025-09-05", M0, {"per_mchar_usd": 50})],
    "playai-tts-arabic": [("2025-09-05", M0, {"per_mchar_usd": 50})],
    # 1.00 / 3.00, cached 0.50 [G, L <= 1.80.8]
    "moonshotai/kimi-k2-instruct": [("2025-08-06", G, usd(1.00, 3.00, 0.50))],
    "deepseek-r1-distill-llama-70b": [("2025-08-12", G, usd(0.75, 0.99))],  # [G 2025-08-12]
    "mistral-saba-24b": [("2025-08-06", G, usd(0.79, 0.79))],  # [G, L]
}


def rate(rpm: int | None, rpd: int, tpm: int, tpd: int | None = None) -> dict:
    """A free-tier row: RPM / RPD / TPM / TPD, leaving out what the row does not give."""
    row = {"rpm": rpm, "rpd": rpd, "tpm": tpm, "tpd": tpd}
    return {key: value for key, value in row.items() if value is not None}


R0, R2, R3, R4 = (
    "rate-limits-2025-09",
    "rate-limits-2025-10",
    "rate-limits-2025-12",
    "rate-limits-2026-08",
)
C_START = "2025-04-15"
# --- free-tier limits of the 2025-2026 pack: model ID -> [(date, source, {limits})]. C's
# measurements carry the first day of its 2025-2026 regenerations (2025-04-15) where the pack
# gives no day per value; a C value equal to another entry's (e.g. L24's) adds no entry.
PACK_LIMITS = {
    # 30 / 14.4K / 6K / 500K [R0 .. R4]
    "llama-3.1-8b-instant": [("2025-09-05", R0, rate(30, 14400, 6000, 500000))],
    # 30 / 1K / 12K / 100K [R0 .. R4] (C: 1,000 RPD, 12,000 TPM)
    "llama-3.3-70b-versatile": [("2025-09-05", R0, rate(30, 1000, 12000, 100000))],
    # "llama3-70b-8192, llama3-8b-8192 | C: 14,400 RPD, 6,000 TPM" (the 70B's equal L24's)
    "llama3-8b-8192": [(C_START, C, rate(None, 14400, 6000))],
    # 30 / 7K / 6K / 500K [R0-R3]; C live: 7,000 RPD, 6,000 TPM (2025-04 .. 2026-07-18)
    "allam-2-7b": [
        (C_START, C, rate(None, 7000, 6000)),
        ("2025-09-05", R0, rate(30, 7000, 6000, 500000)),
    ],
    # 10 / 100 / 1.2K / 3.6K [R3 2025-12, R4, R5]
    "canopylabs/orpheus-v1-english": [("2025-12-19", R3, rate(10, 100, 1200, 3600))],
    "canopylabs/orpheus-arabic-saudi": [("2025-12-19", R3, rate(10, 100, 1200, 3600))],
    # C: 200 RPD, 70,000 TPM (2025-04-16 .. 2025-09-01)
    "compound-beta": [("2025-04-16", C, rate(None, 200, 70000))],
    "compound-beta-mini": [("2025-04-16", C, rate(None, 200, 70000))],
    # C: 1,000 RPD, 6,000 TPM
    "deepseek-r1-distill-llama-70b": [(C_START, C, rate(None, 1000, 6000))],
    "mistral-saba-24b": [(C_START, C, rate(None, 1000, 6000))],
    "qwen-qwq-32b": [(C_START, C, rate(None, 1000, 6000))],
    # 30 / 250 / 70K / - [R0 .. R4, O2]
    "groq/compound": [("2025-09-05", R0, rate(30, 250, 70000))],
    "groq/compound-mini": [("2025-09-05", R0, rate(30, 250, 70000))],
    # [R0 .. R3]
    "meta-llama/llama-4-maverick-17b-128e-instruct": [
        ("2025-09-05", R0, rate(30, 1000, 6000, 500000))
    ],
    "meta-llama/llama-4-scout-17b-16e-instruct": [
        ("2025-09-05", R0, rate(30, 1000, 30000, 500000))
    ],
    "meta-llama/llama-guard-4-12b": [("2025-09-05", R0, rate(30, 14400, 15000, 500000))],
    "qwen/qwen3-32b": [("2025-09-05", R0, rate(60, 1000, 6000, 500000))],
    "moonshotai/kimi-k2-instruct-0905": [("2025-09-05", R0, rate(60, 1000, 10000, 300000))],
    "moonshotai/kimi-k2-instruct": [("2025-09-05", R0, rate(60, 1000, 10000, 300000))],
    "playai-tts": [("2025-09-05", R0, rate(10, 100, 1200, 3600))],
    "playai-tts-arabic": [("2025-09-05", R0, rate(10, 100, 1200, 3600))],
    # 30 / 14.4K / 15K / 500K [R0 .. R5]
    "meta-llama/llama-prompt-guard-2-22m": [("2025-09-05", R0, rate(30, 14400, 15000, 500000))],
    "meta-llama/llama-prompt-guard-2-86m": [("2025-09-05", R0, rate(30, 14400, 15000, 500000))],
    # 30 / 1K / 8K / 200K [R0 .. R5]; for 120b also C: 1,000 RPD, 8,000 TPM (from 2025-08-07)
    "openai/gpt-oss-120b": [
        ("2025-08-07", C, rate(None, 1000, 8000)),
        ("2025-09-05", R0, rate(30, 1000, 8000, 200000)),
    ],
    "openai/gpt-oss-20b": [("2025-09-05", R0, rate(30, 1000, 8000, 200000))],
    # [R1, R2, R4, R5, O5]: R2's window (from 2025-10-29) starts before R1 (2025-11-17)
    "openai/gpt-oss-safeguard-20b": [("2025-10-29", R2, rate(30, 1000, 8000, 200000))],
    # [R4, O2]
    "qwen/qwen3.6-27b": [("2026-08-14", R4, rate(30, 1000, 8000, 200000))],
    # [O2 2026-09-02, O4, R5]
    "qwen/qwen3.8-27b": [("2026-09-02", "free-plan-survey-2026-09", rate(30, 1000, 8000, 200000))],
}

# The pack's "Dev plan" cells: every model with one has Developer-plan limits, and no other
# (minimaxai/minimax-m2.7's says "Contact Sales"; the 2024 sources give none).
# tests/test_catalog_groq_2026.py checks the values of a sample.
DEVELOPER_PLAN = {
    "openai/gpt-oss-120b",
    "openai/gpt-oss-20b",
    "openai/gpt-oss-safeguard-20b",
    "qwen/qwen3.8-27b",
    "whisper-large-v3",
    "whisper-large-v3-turbo",
    "canopylabs/orpheus-v1-english",
    "canopylabs/orpheus-arabic-saudi",
    "meta-llama/llama-prompt-guard-2-22m",
    "meta-llama/llama-prompt-guard-2-86m",
    "allam-2-7b",
    "llama-3.3-70b-versatile",
    "llama-3.1-8b-instant",
    "groq/compound",
    "groq/compound-mini",
    "qwen/qwen3.6-27b",
    "meta-llama/llama-4-scout-17b-16e-instruct",
    "qwen/qwen3-32b",
    "moonshotai/kimi-k2-instruct-0905",
    "meta-llama/llama-4-maverick-17b-128e-instruct",
    "meta-llama/llama-guard-4-12b",
    "playai-tts",
    "playai-tts-arabic",
    "moonshotai/kimi-k2-instruct",
}

# --- models-api-2026, in the capture's own words: (id, owned_by, context_window,
# max_completion_tokens, active, created as Unix seconds)
OBSERVATIONS = [
    ("whisper-large-v3-turbo", "OpenAI", 448, 448, True, 1728413088),
    ("qwen/qwen3-32b", "Alibaba Cloud", 131072, 40960, True, 1748396646),
    ("moonshotai/kimi-k2-instruct-0905", "Moonshot AI", 262144, 16384, True, 1757046093),
    ("canopylabs/orpheus-arabic-saudi", "Canopy Labs", 4000, 50000, True, 1765926439),
    ("meta-llama/llama-4-maverick-17b-128e-instruct", "Meta", 131072, 8192, True, 1743877158),
    ("allam-2-7b", "SDAIA", 4096, 4096, True, 1737672203),
    ("meta-llama/llama-prompt-guard-2-86m", "Meta", 512, 512, True, 1748632165),
    ("groq/compound-mini", "Groq", 131072, 8192, True, 1756949707),
    ("llama-3.3-70b-versatile", "Meta", 131072, 32768, True, 1733447754),
    ("openai/gpt-oss-20b", "OpenAI", 131072, 65536, True, 1754407957),
    ("meta-llama/llama-guard-4-12b", "Meta", 131072, 1024, True, 1746743847),
    ("meta-llama/llama-prompt-guard-2-22m", "Meta", 512, 512, True, 1748632101),
    ("openai/gpt-oss-120b", "OpenAI", 131072, 65536, True, 1754408224),
    ("openai/gpt-oss-safeguard-20b", "OpenAI", 131072, 65536, True, 1761708789),
    ("canopylabs/orpheus-v1-english", "Canopy Labs", 4000, 50000, True, 1766186316),
    ("moonshotai/kimi-k2-instruct", "Moonshot AI", 131072, 16384, True, 1752435491),
    ("groq/compound", "Groq", 131072, 8192, True, 1756949530),
    ("llama-3.1-8b-instant", "Meta", 131072, 131072, True, 1693721698),
    ("whisper-large-v3", "OpenAI", 448, 448, True, 1693721698),
    ("meta-llama/llama-4-scout-17b-16e-instruct", "Meta", 131072, 8192, True, 1743874824),
]

# Named by no 2024 source but the capture, or (qwen/qwen3.8-27b) only as a replacement; the
# pack documents them since (PACK_FACTS).
CAPTURE_ONLY = {
    "allam-2-7b",
    "meta-llama/llama-prompt-guard-2-22m",
    "meta-llama/llama-prompt-guard-2-86m",
}
REPLACEMENT_ONLY = {
    "openai/gpt-oss-20b",
    "openai/gpt-oss-120b",
    "openai/gpt-oss-safeguard-20b",
    "canopylabs/orpheus-v1-english",
    "canopylabs/orpheus-arabic-saudi",
    "qwen/qwen3.8-27b",
}
# New in the pack: compound-beta and compound-beta-mini (retired table, [C]) and
# minimaxai/minimax-m2.7 ("Enterprise only", [M5, M6]).
PACK_ONLY = {"compound-beta", "compound-beta-mini", "minimaxai/minimax-m2.7"}

# The October 2024 page's models that the deprecation history shuts down for everyone, with the
# table's shutdown dates: all of them retired as of 2026-11-25 ...
SHUT_DOWN_SEED = {
    "distil-whisper-large-v3-en": "08/23/25",
    "gemma2-9b-it": "10/08/25",
    "gemma-7b-it": "12/18/24",
    "llama3-groq-70b-8192-tool-use-preview": "1/6/25",
    "llama3-groq-8b-8192-tool-use-preview": "1/6/25",
    "llama-3.1-70b-versatile": "01/24/25",
    "llama-3.2-1b-preview": "04/14/25",
    "llama-3.2-3b-preview": "04/14/25",
    "llama-3.2-11b-vision-preview": "04/14/25",
    "llama-3.2-90b-vision-preview": "04/14/25",
    "llama-guard-3-8b": "06/06/25",
    "llava-v1.5-7b-4096-preview": "10/28/24",
    "llama3-70b-8192": "08/30/25",
    "llama3-8b-8192": "08/30/25",
    "mixtral-8x7b-32768": "03/20/25",
}
# ... and the one it shuts down for the free and developer tiers only ([D] "August 16, 2026",
# "free and developer tier only"; "Enterprise", "Contact Sales" after it [M5, M6]): limited.
LIMITED_SEED = {"llama-3.1-8b-instant": "08/16/26"}

# Pack, "Which models are callable in late 2026": documented on the models and rate-limits
# pages for the free and developer tiers after 2026-09-21 [M6, R5, O4] ...
CALLABLE_LATE_2026 = {
    "openai/gpt-oss-120b",
    "openai/gpt-oss-20b",
    "openai/gpt-oss-safeguard-20b",
    "qwen/qwen3.8-27b",
    "whisper-large-v3",
    "whisper-large-v3-turbo",
    "canopylabs/orpheus-v1-english",
    "canopylabs/orpheus-arabic-saudi",
    "meta-llama/llama-prompt-guard-2-22m",
    "meta-llama/llama-prompt-guard-2-86m",
}
# ... and "Not callable any more" (for the free and developer tiers).
NOT_CALLABLE_LATE_2026 = {
    "groq/compound",
    "groq/compound-mini",
    "qwen/qwen3.6-27b",
    "meta-llama/llama-4-scout-17b-16e-instruct",
    "moonshotai/kimi-k2-instruct-0905",
}

GPT_OSS_120B = "openai/gpt-oss-120b"
GPT_OSS_20B = "openai/gpt-oss-20b"
SCOUT = "meta-llama/llama-4-scout-17b-16e-instruct"
# Following the replacements in the table's order as of 2026-11-25, each model reaches these
# models: the path ends at the first one that is available and not deprecated (the models of
# the late-2026 list above). The tier-limited models on the way (TIER_LIMITED) are no end:
# limited to Enterprise, they are not callable on the free tier. groq/compound and
# compound-mini name no replacement; compound-beta(-mini) lead only to them.
MIGRATIONS = {
    "groq/compound": (),
    "groq/compound-mini": (),
    "compound-beta": ("groq/compound",),
    "compound-beta-mini": ("groq/compound-mini",),
    "qwen/qwen3.6-27b": ("qwen/qwen3.8-27b",),
    "llama-3.1-8b-instant": (GPT_OSS_20B,),
    "llama-3.3-70b-versatile": (GPT_OSS_120B,),
    "qwen/qwen3-32b": (GPT_OSS_120B,),
    SCOUT: (GPT_OSS_120B,),
    "moonshotai/kimi-k2-instruct-0905": (GPT_OSS_120B,),
    "meta-llama/llama-4-maverick-17b-128e-instruct": (GPT_OSS_120B,),
    "meta-llama/llama-guard-4-12b": ("openai/gpt-oss-safeguard-20b",),
    "playai-tts": ("canopylabs/orpheus-v1-english",),
    "playai-tts-arabic": ("canopylabs/orpheus-arabic-saudi",),
    "moonshotai/kimi-k2-instruct": (GPT_OSS_120B,),
    "gemma2-9b-it": ("llama-3.1-8b-instant", GPT_OSS_20B),
    "deepseek-r1-distill-llama-70b": ("llama-3.3-70b-versatile", GPT_OSS_120B),
    "llama3-70b-8192": ("llama-3.3-70b-versatile", GPT_OSS_120B),
    "llama3-8b-8192": ("llama-3.1-8b-instant", GPT_OSS_20B),
    "distil-whisper-large-v3-en": ("whisper-large-v3-turbo",),
    "mistral-saba-24b": ("qwen/qwen3-32b", GPT_OSS_120B),
    "qwen-qwq-32b": ("qwen/qwen3-32b", GPT_OSS_120B),
    "llama-guard-3-8b": ("meta-llama/llama-guard-4-12b", "openai/gpt-oss-safeguard-20b"),
    "llama-3.2-1b-preview": ("llama-3.1-8b-instant", GPT_OSS_20B),
    "llama-3.2-3b-preview": ("llama-3.1-8b-instant", GPT_OSS_20B),
    "llama-3.2-11b-vision-preview": (SCOUT, GPT_OSS_120B),
    "llama-3.2-90b-vision-preview": (SCOUT, GPT_OSS_120B),
    "deepseek-r1-distill-qwen-32b": ("qwen-qwq-32b", "qwen/qwen3-32b", GPT_OSS_120B),
    "qwen-2.5-32b": ("qwen-qwq-32b", "qwen/qwen3-32b", GPT_OSS_120B),
    "qwen-2.5-coder-32b": ("qwen-qwq-32b", "qwen/qwen3-32b", GPT_OSS_120B),
    "llama-3.3-70b-specdec": (SCOUT, GPT_OSS_120B),
    "deepseek-r1-distill-llama-70b-specdec": (
        "deepseek-r1-distill-llama-70b",
        "llama-3.3-70b-versatile",
        GPT_OSS_120B,
    ),
    "mixtral-8x7b-32768": ("mistral-saba-24b", "qwen/qwen3-32b", GPT_OSS_120B),
    "llama-3.1-70b-versatile": ("llama-3.3-70b-versatile", GPT_OSS_120B),
    "llama-3.1-70b-specdec": ("llama-3.3-70b-specdec", SCOUT, GPT_OSS_120B),
    "llama3-groq-8b-8192-tool-use-preview": ("llama-3.3-70b-versatile", GPT_OSS_120B),
    "llama3-groq-70b-8192-tool-use-preview": ("llama-3.3-70b-versatile", GPT_OSS_120B),
    "gemma-7b-it": ("gemma2-9b-it", "llama-3.1-8b-instant", GPT_OSS_20B),
    "llama-3.2-90b-text-preview": ("llama-3.2-90b-vision-preview", SCOUT, GPT_OSS_120B),
    "llava-v1.5-7b-4096-preview": ("llama-3.2-11b-vision-preview", SCOUT, GPT_OSS_120B),
    "llama-3.2-11b-text-preview": ("llama-3.2-11b-vision-preview", SCOUT, GPT_OSS_120B),
}
NO_REPLACEMENT_NAMED = {"groq/compound", "groq/compound-mini"}


LIFECYCLE_ROWS = {row[0]: row for row in LIFECYCLES}
SEED_IDS = {row[0] for row in SEED} | {"llama-3.1-405b"}


def test_catalog_holds_exactly_the_ids_its_sources_name(catalog: Catalog) -> None:
    named = (
        {row[0] for row in LIFECYCLES}
        | {replacement for row in LIFECYCLES for replacement in row[3]}
        | {row[0] for row in OBSERVATIONS}
        | {"whisper-large-v3", "llama-3.1-405b"}  # the October 2024 page (405B has no API ID)
        | PACK_ONLY
    )
    ids = sorted(m.id for m in groq_models(catalog))
    assert ids == sorted(named)
    # the 51 IDs of the 2024 sources, the deprecation history and the capture, and the pack's 3
    assert len(ids) == 54


@pytest.mark.parametrize("row", LIFECYCLES, ids=lambda row: row[0])
def test_lifecycle_matches_the_deprecation_history(catalog: Catalog, row: tuple) -> None:
    model_id, announced, shutdown, replacements = row
    statement = only_statement(find(catalog, model_id))
    dated = announced or UNDATED_STATEMENT_DAY.get(model_id, DEPRECATIONS_DATE)
    assert (statement.source, statement.date.text) == ("deprecations", dated)
    assert statement.shutdown == table_day(shutdown)
    assert statement.replacements == replacements
    tiers = (FREE_AND_DEVELOPER, ENTERPRISE) if model_id in TIER_LIMITED else ((), ())
    assert (statement.applies_to, statement.continues_on) == tiers
    redirect = statement.redirect
    assert ((redirect.start, redirect.to) if redirect else None) == AUTO_UPGRADES.get(model_id)
    # Each row gives a shutdown day: no bare "deprecated", "retired", floor or withdrawal.
    assert (statement.deprecated, statement.retired) == (False, False)
    assert (statement.not_before, statement.withdraws) == (None, None)


@pytest.mark.parametrize("model_id", sorted(COMPOUND_BETA), ids=str)
def test_compound_beta_is_retired_by_the_day_the_regenerations_list_its_successor(
    catalog: Catalog, model_id: str
) -> None:
    day, replacements = COMPOUND_BETA[model_id]
    statement = only_statement(find(catalog, model_id))
    assert (statement.source, statement.date.text, statement.retired) == (C, day, True)
    # The source gives no shutdown day, only the day by which the model is gone.
    assert (statement.shutdown, statement.replacements) == (None, replacements)


def test_only_the_deprecation_history_and_the_compound_beta_rows_give_a_lifecycle(
    catalog: Catalog,
) -> None:
    sources = {m.id: {c.source for c in m.lifecycle} for m in groq_models(catalog) if m.lifecycle}
    assert sorted(sources) == sorted({row[0] for row in LIFECYCLES} | set(COMPOUND_BETA))
    from_history = sorted(i for i, keys in sources.items() if keys == {"deprecations"})
    assert from_history == sorted(row[0] for row in LIFECYCLES)


@pytest.mark.parametrize("row", LIFECYCLE_NOTES, ids=lambda row: row[0])
def test_lifecycle_note_keeps_what_the_table_does_not_say(catalog: Catalog, row: tuple) -> None:
    model_id, phrases = row
    note = only_statement(find(catalog, model_id)).note
    assert note is not None
    for phrase in phrases:
        assert phrase in note


def test_names_come_only_from_a_source_that_writes_one(catalog: Catalog) -> None:
    seed_names = {row[0]: row[1] for row in SEED} | {"llama-3.1-405b": "Llama 3.1 405B"}
    named = {
        m.id: (m.name, m.source_of("name")) for m in groq_models(catalog) if m.name is not None
    }
    expected = (
        {i: (n, "models-page-2024-10") for i, n in seed_names.items()}
        | {i: (n, "deprecations") for i, n in NAMES_FROM_DEPRECATIONS.items()}
        | NAMES_FROM_THE_PACK
    )
    assert named == expected


def test_entries_beyond_the_page_state_only_the_packs_developer_tier_and_window(
    catalog: Catalog,
) -> None:
    """What the 2025-2026 pack documents, with the source of each window; nothing else."""
    for model in groq_models(catalog):
        if model.id in SEED_IDS:
            continue
        developer, status, window, max_output, window_source = PACK_FACTS.get(
            model.id, (None, None, None, None, None)
        )
        assert (model.developer, model.status) == (developer, status), model.id
        assert (model.context_window, model.max_output_tokens) == (window, max_output), model.id
        if window is not None:
            assert model.source_of("context_window") == window_source, model.id
        assert model.model_card is None, model.id


def test_no_documented_fact_is_copied_from_the_capture(catalog: Catalog) -> None:
    """The API's owned_by and context_window are observations, never documented facts."""
    for model in groq_models(catalog):
        dated = (*model.prices, *model.free_tier_limits, *model.developer_plan_limits)
        cited = (
            {model.source, *model.data.get("field_sources", {}).values()}
            | {entry.source for entry in dated}
            | {claim.source for claim in model.lifecycle}
        )
        assert "models-api-2026" not in cited, model.id
    # owned_by "SDAIA" is the pack's "SDAIA (API owned_by)": no developer is recorded ...
    assert find(catalog, "allam-2-7b").developer is None
    # ... and "Alibaba Cloud" is not the pack's developer "Alibaba Qwen".
    assert find(catalog, "qwen/qwen3-32b").developer == "Alibaba Qwen"
    # Whisper's 448 is the decoder's token limit (shared/sources/README.md), not a window.
    for model_id in ("whisper-large-v3", "whisper-large-v3-turbo"):
        model = find(catalog, model_id)
        assert (model.context_window, model.max_output_tokens) == (None, None)
        assert model.observed[0].values["context_window"] == 448


def test_capture_only_and_replacement_only_entries_hold_only_what_a_source_states(
    catalog: Catalog,
) -> None:
    for model_id in CAPTURE_ONLY | REPLACEMENT_ONLY:
        model = find(catalog, model_id)
        # On no row of the deprecation history [D]; the pack's facts only (PACK_FACTS).
        assert model.lifecycle == (), model_id
        assert model.name == NAMES_FROM_THE_PACK.get(model_id, (None, None))[0], model_id
    # allam-2-7b: "none published" (the pack's price cell)
    assert find(catalog, "allam-2-7b").prices == ()
    successor = find(catalog, "qwen/qwen3.8-27b")
    assert successor.notes is not None
    assert "a 27B multimodal model with the same 131K context window" in successor.notes


@pytest.mark.parametrize("model_id", sorted(PRICES), ids=str)
def test_prices_match_their_sources(catalog: Catalog, model_id: str) -> None:
    prices = [e for e in find(catalog, model_id).prices if e.source in SOURCES_2024]
    assert len(prices) == len(PRICES[model_id])
    for entry, expected in zip(prices, PRICES[model_id], strict=True):
        date, source, input_price, output_price, audio_price, corroboration = expected
        assert (entry.date.isoformat(), entry.source, entry.is_standard) == (date, source, True)
        assert entry.values.get("input_per_mtok_usd") == input_price
        assert entry.values.get("output_per_mtok_usd") == output_price
        assert entry.values.get("per_audio_hour_usd") == audio_price
        assert entry.note is not None
        for phrase in corroboration:
            assert phrase in entry.note


def dated_rows(entries: tuple[Dated, ...]) -> list[tuple[str, str, dict]]:
    """The entries the 2025-2026 pack gives: (date, source, values)."""
    return [
        (entry.date.isoformat(), entry.source, dict(entry.values))
        for entry in entries
        if entry.source not in SOURCES_2024
    ]


@pytest.mark.parametrize("model_id", sorted(PACK_PRICES), ids=str)
def test_prices_of_the_2025_2026_pack_match_it(catalog: Catalog, model_id: str) -> None:
    model = find(catalog, model_id)
    assert dated_rows(model.prices) == PACK_PRICES[model_id]
    assert all(entry.is_standard for entry in model.prices)


def test_models_no_source_prices_have_no_price(catalog: Catalog) -> None:
    models = groq_models(catalog)
    priced_2024 = [m.id for m in models if any(e.source in SOURCES_2024 for e in m.prices)]
    assert sorted(priced_2024) == sorted(PRICES)
    assert sorted(m.id for m in models if m.prices) == sorted(set(PRICES) | set(PACK_PRICES))
    # groq-prices-and-limits-2024.md: "No source prices llava-v1.5-7b-4096-preview or Llama
    # 3.1 405B"; the pack: minimax-m2.7 "Contact Sales", allam-2-7b "none published",
    # groq/compound(-mini) "-" (billed by the underlying models and tools), and no price cell
    # for compound-beta(-mini) or qwen-qwq-32b.
    for model_id in (
        "llava-v1.5-7b-4096-preview",
        "llama-3.1-405b",
        "minimaxai/minimax-m2.7",
        "allam-2-7b",
        "groq/compound",
        "groq/compound-mini",
        "compound-beta",
        "compound-beta-mini",
        "qwen-qwq-32b",
    ):
        assert find(catalog, model_id).prices == (), model_id


@pytest.mark.parametrize("model_id", sorted(LIMITS), ids=str)
def test_free_tier_limits_match_their_sources(catalog: Catalog, model_id: str) -> None:
    limits = [e for e in find(catalog, model_id).free_tier_limits if e.source in SOURCES_2024]
    assert len(limits) == len(LIMITS[model_id])
    for entry, (date, source, values, note) in zip(limits, LIMITS[model_id], strict=True):
        assert (entry.date.isoformat(), entry.source) == (date, source)
        assert dict(entry.values) == values
        if note is None:
            assert entry.note is None
        else:
            assert entry.note is not None and note in entry.note


@pytest.mark.parametrize("model_id", sorted(PACK_LIMITS), ids=str)
def test_free_tier_limits_of_the_2025_2026_pack_match_it(catalog: Catalog, model_id: str) -> None:
    assert dated_rows(find(catalog, model_id).free_tier_limits) == PACK_LIMITS[model_id]


def test_only_models_a_limits_source_lists_have_limits(catalog: Catalog) -> None:
    models = groq_models(catalog)
    limited_2024 = [
        m.id for m in models if any(e.source in SOURCES_2024 for e in m.free_tier_limits)
    ]
    assert sorted(limited_2024) == sorted(LIMITS)
    with_free_tier = sorted(m.id for m in models if m.free_tier_limits)
    assert with_free_tier == sorted(set(LIMITS) | set(PACK_LIMITS))
    # no free-tier row for minimax-m2.7 ("none (Enterprise)") nor the 2024-only deprecations
    assert "minimaxai/minimax-m2.7" not in with_free_tier
    assert sorted(m.id for m in models if m.developer_plan_limits) == sorted(DEVELOPER_PLAN)


@pytest.mark.parametrize("row", OBSERVATIONS, ids=lambda row: row[0])
def test_observation_is_what_the_2026_capture_reports(catalog: Catalog, row: tuple) -> None:
    model_id, owned_by, window, max_completion, active, created = row
    observed = find(catalog, model_id).observed
    assert len(observed) == 1
    record = observed[0]
    # One open record: it holds until the provider's last check, the capture's day.
    assert (record.first_seen, record.last_seen) == (CAPTURE_DAY, None)
    assert record.last_seen_by(catalog.providers[PROVIDER].last_check) == CAPTURE_DAY
    # In the catalog's words: owned_by -> owner, Unix created -> its UTC day,
    # max_completion_tokens -> max_output_tokens, active -> available.
    assert dict(record.values) == {
        "owner": owned_by,
        "created": dt.datetime.fromtimestamp(created, dt.UTC).date().isoformat(),
        "context_window": window,
        "max_output_tokens": max_completion,
        "available": active,
    }


def test_only_models_in_the_capture_are_observed(catalog: Catalog) -> None:
    observed = sorted(m.id for m in groq_models(catalog) if m.observed)
    assert observed == sorted(r[0] for r in OBSERVATIONS)


def test_the_providers_only_check_is_the_2026_capture(catalog: Catalog) -> None:
    provider = catalog.providers[PROVIDER]
    # The capture was read from a file (`sync --write --from-file`), which does not say what
    # URL it came from: a check records only a URL modelcat fetched, so it has none. Where
    # the capture was taken is the source's fact.
    assert [(c.date, c.until, c.listed, c.url, c.sha256) for c in provider.checks] == [
        (CAPTURE_DAY, CAPTURE_DAY, len(OBSERVATIONS), None, CAPTURE_SHA256)
    ]
    assert provider.sources["models-api-2026"].url == "https://api.groq.com/openai/v1/models"
    assert hashlib.sha256(CAPTURE.read_bytes()).hexdigest() == CAPTURE_SHA256


@pytest.mark.parametrize("model_id", sorted(SHUT_DOWN_SEED), ids=str)
def test_shut_down_seed_model_is_retired_as_of_2026_11_25(catalog: Catalog, model_id: str) -> None:
    model = find(catalog, model_id)
    view = known(model, NEWEST, catalog)
    assert (view.state, view.shutdown) == (State.RETIRED, table_day(SHUT_DOWN_SEED[model_id]))
    assert not is_callable(model, NEWEST, catalog)


@pytest.mark.parametrize("model_id", sorted(TIER_LIMITED), ids=str)
def test_tier_limited_model_is_limited_to_enterprise_from_its_free_and_dev_shutdown(
    catalog: Catalog, model_id: str
) -> None:
    _, _, shutdown_text, replacements = LIFECYCLE_ROWS[model_id]
    shutdown = table_day(shutdown_text)
    model = find(catalog, model_id)
    eve = shutdown - dt.timedelta(days=1)
    assert known(model, eve, catalog).state is State.DEPRECATED
    assert is_callable(model, eve, catalog)
    for day in (shutdown, NEWEST):
        view = known(model, day, catalog)
        assert (view.state, view.shutdown) == (State.LIMITED, shutdown)
        assert (view.applies_to, view.continues_on) == (FREE_AND_DEVELOPER, ENTERPRISE)
        assert view.replacements == replacements
        # served for Enterprise only: not callable on the free tier
        assert not is_callable(model, day, catalog)


def test_exactly_fifteen_seed_models_are_retired_one_is_limited_and_the_whispers_are_not(
    catalog: Catalog,
) -> None:
    states = {row[0]: state(find(catalog, row[0]), NEWEST, catalog) for row in SEED}
    retired = {i for i, s in states.items() if s is State.RETIRED}
    assert retired == set(SHUT_DOWN_SEED)
    assert len(retired) == 15
    assert {i for i, s in states.items() if s is State.LIMITED} == set(LIMITED_SEED)
    for model_id, shutdown in LIMITED_SEED.items():
        view = known(find(catalog, model_id), NEWEST, catalog)
        assert (view.shutdown, view.continues_on) == (table_day(shutdown), ENTERPRISE)
    for model_id in ("whisper-large-v3", "whisper-large-v3-turbo"):
        assert states[model_id] is State.AVAILABLE
    assert state(find(catalog, "llama-3.1-405b"), NEWEST, catalog) is State.OFFLINE


def test_no_retired_or_limited_model_is_callable(catalog: Catalog) -> None:
    states = {m.id: state(m, NEWEST, catalog) for m in groq_models(catalog)}
    retired = {i for i, s in states.items() if s is State.RETIRED}
    limited = {i for i, s in states.items() if s is State.LIMITED}
    # Every shutdown date of the history is before 2026-11-25: each model is retired, or
    # limited where [D] keeps it for enterprise; compound-beta(-mini) are gone by 2025-09-06 [C].
    assert retired == ({row[0] for row in LIFECYCLES} - TIER_LIMITED) | set(COMPOUND_BETA)
    assert limited == TIER_LIMITED
    callable_ids = [
        i for i in sorted(retired | limited) if is_callable(find(catalog, i), NEWEST, catalog)
    ]
    assert callable_ids == []


def test_callable_models_of_late_2026_are_the_ones_the_pack_lists(catalog: Catalog) -> None:
    for model_id in CALLABLE_LATE_2026:
        model = find(catalog, model_id)
        assert state(model, NEWEST, catalog) is State.AVAILABLE, model_id
        assert is_callable(model, NEWEST, catalog), model_id
    for model_id in NOT_CALLABLE_LATE_2026:
        assert not is_callable(find(catalog, model_id), NEWEST, catalog), model_id


@pytest.mark.parametrize("model_id", sorted(AUTO_UPGRADES), ids=str)
def test_auto_upgrade_phase_serves_the_3_3_model_before_the_shutdown(
    catalog: Catalog, model_id: str
) -> None:
    model = find(catalog, model_id)
    start, target = AUTO_UPGRADES[model_id]
    # Notified December 6, 2024: available the day before, then deprecated and still callable.
    assert state(model, dt.date(2024, 12, 5), catalog) is State.AVAILABLE
    eve = start - dt.timedelta(days=1)
    assert state(model, eve, catalog) is State.DEPRECATED
    assert is_callable(model, eve, catalog)
    # From December 20, 2024 requests "automatically upgrade" to the 3.3 model ...
    for day in (start, dt.date(2025, 1, 23)):
        assert state(model, day, catalog) is State.REDIRECTED
        assert answered_by(model, day, catalog) == target
        assert not is_callable(model, day, catalog)
    # ... and fail from the shutdown, January 24, 2025.
    assert state(model, dt.date(2025, 1, 24), catalog) is State.RETIRED
    assert answered_by(model, dt.date(2025, 1, 24), catalog) is None


def test_every_model_with_a_lifecycle_has_a_migration_case(catalog: Catalog) -> None:
    assert sorted(MIGRATIONS) == sorted(m.id for m in groq_models(catalog) if m.lifecycle)
    assert sorted(MIGRATIONS) == sorted({row[0] for row in LIFECYCLES} | set(COMPOUND_BETA))


@pytest.mark.parametrize("model_id", sorted(MIGRATIONS), ids=str)
def test_migration_path_resolves_as_of_2026_11_25(catalog: Catalog, model_id: str) -> None:
    model = find(catalog, model_id)
    path = migration_path(catalog, model, NEWEST)
    expected = MIGRATIONS[model_id]
    assert tuple(m.id for m in path.steps) == expected
    complete = bool(expected) and expected[-1] in CALLABLE_LATE_2026
    passed = path.steps[:-1] if complete else path.steps
    # Every model passed on the way cannot be called: retired, or limited to enterprise.
    for step in passed:
        gone = State.LIMITED if step.id in TIER_LIMITED else State.RETIRED
        assert state(step, NEWEST, catalog) is gone, step.id
    if complete:
        assert (path.complete, path.ends_callable) == (True, True)
        assert path.target is not None and path.target.id == expected[-1]
        assert state(path.target, NEWEST, catalog) is State.AVAILABLE
        today = use_today(catalog, model, NEWEST)
        assert today is not None and today.id == expected[-1]
    else:
        # groq/compound and groq/compound-mini: the table names no replacement ("— (none)"),
        # and compound-beta(-mini) lead only to them.
        assert (path.complete, path.ends_callable, path.target) == (False, False, None)
        assert use_today(catalog, model, NEWEST) is None
        last = path.steps[-1] if path.steps else model
        assert last.id in NO_REPLACEMENT_NAMED
        assert only_statement(last).replacements == ()
        assert known(last, NEWEST, catalog).replacements == ()
