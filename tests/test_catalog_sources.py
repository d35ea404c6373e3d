"""Every lifecycle, price, free-tier limit and API observation of the GroqCloud catalog equals
what its source states; the catalog holds exactly the IDs its sources name; and as of
2026-11-25 every retired model leads, through its replacements, to one that can be called.

The literals are transcribed from the sources themselves (provider.yaml's `sources` keys):
  deprecations            the deprecation history, section by section (shutdowns as MM/DD/YY)
  free-plan-summary-2024  "TP", the on-demand price table, dated to its window start 2024-10-18
  ai-model-providers-2024-08  "AS", prices of 2024-08-03
  console-limits-2024-12  "L24", the free-tier rate-limit table, dated 2024-12-06
  free-llm-api-resources  "CH", rate limits measured on the dates given
  models-api-2026         the GET /models capture, recorded as of 2025-12-19
"""

from __future__ import annotations

import datetime as dt

import pytest

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, is_callable, migration_path, state
from modelcat_registry.valid_catalog import load_valid_catalog
from tests.conftest import CATALOG

NEWEST = dt.date(2026, 11, 25)
CAPTURE_DAY = dt.date(2025, 12, 19)
U = "unlimited"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_valid_catalog(CATALOG)[1]


def find(catalog: Catalog, model_id: str) -> Model:
    model = catalog.find("groq", model_id)
    assert model is not None, model_id
    return model


def table_day(text: str) -> dt.date:
    """A shutdown as the deprecations table writes it: MM/DD/YY (1/6/25 too)."""
    return dt.datetime.strptime(text, "%m/%d/%y").date()


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

# deprecations: "from December 20, 2024 ... will automatically upgrade to their respective 3.3
# versions"
AUTO_UPGRADES = {
    "llama-3.1-70b-versatile": (dt.date(2024, 12, 20), "llama-3.3-70b-versatile"),
    "llama-3.1-70b-specdec": (dt.date(2024, 12, 20), "llama-3.3-70b-specdec"),
}

# deprecations: the source's quirks and conditions, kept as the lifecycle's note.
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
]

# deprecations: names only where a section heading names the model.
NAMES_FROM_DEPRECATIONS = {
    "llama-3.2-90b-text-preview": "Llama 3.2 90B Text Preview",
    "llama-3.2-11b-text-preview": "Llama 3.2 11B Text Preview",
    "mistral-saba-24b": "Mistral Saba 24B",
    "qwen-qwq-32b": "Qwen QwQ 32B",
    "deepseek-r1-distill-llama-70b-specdec": "DeepSeek R1 Distill Llama 70B (Speculative Decoding)",
    "llama-3.1-70b-specdec": "Llama 3.1 70B (Speculative Decoding)",
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

# --- models-api-2026: (id, owned_by, context_window, max_completion_tokens, active, created)
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

# Named by no source but the capture, or (qwen/qwen3.8-27b) only as a replacement.
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

# The October 2024 page's models that the deprecation history shuts down, with the table's
# shutdown dates: all of them retired as of 2026-11-25.
SHUT_DOWN_SEED = {
    "distil-whisper-large-v3-en": "08/23/25",
    "gemma2-9b-it": "10/08/25",
    "gemma-7b-it": "12/18/24",
    "llama3-groq-70b-8192-tool-use-preview": "1/6/25",
    "llama3-groq-8b-8192-tool-use-preview": "1/6/25",
    "llama-3.1-70b-versatile": "01/24/25",
    "llama-3.1-8b-instant": "08/16/26",
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

GPT_OSS_120B = "openai/gpt-oss-120b"
GPT_OSS_20B = "openai/gpt-oss-20b"
SCOUT = "meta-llama/llama-4-scout-17b-16e-instruct"
# Following the replacements in the table's order as of 2026-11-25, each model reaches these
# models (the last one not retired); groq/compound and compound-mini name no replacement.
MIGRATIONS = {
    "groq/compound": (),
    "groq/compound-mini": (),
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


def test_catalog_holds_exactly_the_ids_its_sources_name(catalog: Catalog) -> None:
    named = (
        {row[0] for row in LIFECYCLES}
        | {replacement for row in LIFECYCLES for replacement in row[3]}
        | {row[0] for row in OBSERVATIONS}
        | {"whisper-large-v3", "llama-3.1-405b"}  # the October 2024 page (405B has no API ID)
    )
    assert sorted(m.id for m in catalog.models) == sorted(named)
    assert len(catalog.models) == 51


@pytest.mark.parametrize("row", LIFECYCLES, ids=lambda row: row[0])
def test_lifecycle_matches_the_deprecation_history(catalog: Catalog, row: tuple) -> None:
    model_id, announced, shutdown, replacements = row
    lifecycle = find(catalog, model_id).lifecycle
    assert lifecycle is not None
    assert lifecycle.source == "deprecations"
    assert (lifecycle.announced.text if lifecycle.announced else None) == announced
    assert lifecycle.shutdown == table_day(shutdown)
    assert lifecycle.replacements == replacements
    upgrade = AUTO_UPGRADES.get(model_id, (None, None))
    assert (lifecycle.auto_upgrade, lifecycle.upgrade_to) == upgrade


def test_only_the_models_of_the_deprecation_history_have_a_lifecycle(catalog: Catalog) -> None:
    assert sorted(m.id for m in catalog.models if m.lifecycle) == sorted(r[0] for r in LIFECYCLES)


@pytest.mark.parametrize("row", LIFECYCLE_NOTES, ids=lambda row: row[0])
def test_lifecycle_note_keeps_what_the_table_does_not_say(catalog: Catalog, row: tuple) -> None:
    model_id, phrases = row
    lifecycle = find(catalog, model_id).lifecycle
    assert lifecycle is not None and lifecycle.note is not None
    for phrase in phrases:
        assert phrase in lifecycle.note


def test_names_come_only_from_a_source_that_writes_one(catalog: Catalog) -> None:
    from tests.test_catalog_seed import SEED

    seed_names = {row[0]: row[1] for row in SEED} | {"llama-3.1-405b": "Llama 3.1 405B"}
    named = {m.id: (m.name, m.source) for m in catalog.models if m.name is not None}
    expected = {i: (n, "models-page-2024-10") for i, n in seed_names.items()} | {
        i: (n, "deprecations") for i, n in NAMES_FROM_DEPRECATIONS.items()
    }
    assert named == expected


def test_entries_beyond_the_page_state_no_developer_tier_or_window(catalog: Catalog) -> None:
    """The API's owned_by and context_window are observations, never documented facts."""
    from tests.test_catalog_seed import SEED

    seed = {row[0] for row in SEED} | {"llama-3.1-405b"}
    for model in catalog.models:
        if model.id not in seed:
            assert model.developer is None, model.id
            assert model.status is None, model.id
            assert model.context_window is None, model.id
            assert model.max_output_tokens is None, model.id
            assert model.model_card is None, model.id


def test_capture_only_and_replacement_only_entries_hold_nothing_but_what_is_stated(
    catalog: Catalog,
) -> None:
    for model_id in CAPTURE_ONLY | (REPLACEMENT_ONLY - {"qwen/qwen3.8-27b"}):
        assert sorted(find(catalog, model_id).data) == ["id", "observed"], model_id
    successor = find(catalog, "qwen/qwen3.8-27b")
    assert sorted(successor.data) == ["id", "notes"]
    assert successor.notes is not None
    assert "a 27B multimodal model with the same 131K context window" in successor.notes


@pytest.mark.parametrize("model_id", sorted(PRICES), ids=str)
def test_prices_match_their_sources(catalog: Catalog, model_id: str) -> None:
    prices = find(catalog, model_id).prices
    assert len(prices) == len(PRICES[model_id])
    for entry, expected in zip(prices, PRICES[model_id], strict=True):
        date, source, input_price, output_price, audio_price, corroboration = expected
        assert (entry.date.isoformat(), entry.source) == (date, source)
        assert entry.values.get("input_per_mtok_usd") == input_price
        assert entry.values.get("output_per_mtok_usd") == output_price
        assert entry.values.get("per_audio_hour_usd") == audio_price
        assert entry.note is not None
        for phrase in corroboration:
            assert phrase in entry.note


def test_models_no_source_prices_have_no_price(catalog: Catalog) -> None:
    # groq-prices-and-limits-2024.md: "No source prices llava-v1.5-7b-4096-preview or Llama
    # 3.1 405B"; no source prices any model after 2024 either.
    assert sorted(m.id for m in catalog.models if m.prices) == sorted(PRICES)
    assert find(catalog, "llava-v1.5-7b-4096-preview").prices == ()
    assert find(catalog, "llama-3.1-405b").prices == ()


@pytest.mark.parametrize("model_id", sorted(LIMITS), ids=str)
def test_free_tier_limits_match_their_sources(catalog: Catalog, model_id: str) -> None:
    limits = find(catalog, model_id).free_tier_limits
    assert len(limits) == len(LIMITS[model_id])
    for entry, (date, source, values, note) in zip(limits, LIMITS[model_id], strict=True):
        assert (entry.date.isoformat(), entry.source) == (date, source)
        assert dict(entry.values) == values
        if note is None:
            assert entry.note is None
        else:
            assert entry.note is not None and note in entry.note


def test_only_models_a_limits_source_lists_have_limits(catalog: Catalog) -> None:
    assert sorted(m.id for m in catalog.models if m.free_tier_limits) == sorted(LIMITS)


@pytest.mark.parametrize("row", OBSERVATIONS, ids=lambda row: row[0])
def test_observation_is_what_the_2026_capture_reports(catalog: Catalog, row: tuple) -> None:
    model_id, owned_by, window, max_completion, active, created = row
    observed = find(catalog, model_id).observed
    assert observed is not None
    assert (observed.first_seen, observed.last_seen) == (CAPTURE_DAY, CAPTURE_DAY)
    assert dict(observed.values) == {
        "owned_by": owned_by,
        "context_window": window,
        "max_completion_tokens": max_completion,
        "active": active,
        "created": created,
    }


def test_only_models_in_the_capture_are_observed(catalog: Catalog) -> None:
    assert sorted(m.id for m in catalog.models if m.observed) == sorted(r[0] for r in OBSERVATIONS)


@pytest.mark.parametrize("model_id", sorted(SHUT_DOWN_SEED), ids=str)
def test_shut_down_seed_model_is_retired_as_of_2026_11_25(catalog: Catalog, model_id: str) -> None:
    model = find(catalog, model_id)
    assert state(model, NEWEST) is State.RETIRED
    assert model.lifecycle is not None
    assert model.lifecycle.shutdown == table_day(SHUT_DOWN_SEED[model_id])
    assert not is_callable(model, NEWEST)


def test_exactly_sixteen_seed_models_are_retired_and_the_whispers_are_not(catalog: Catalog) -> None:
    from tests.test_catalog_seed import SEED

    retired = {row[0] for row in SEED if state(find(catalog, row[0]), NEWEST) is State.RETIRED}
    assert retired == set(SHUT_DOWN_SEED)
    assert len(retired) == 16
    for model_id in ("whisper-large-v3", "whisper-large-v3-turbo"):
        assert state(find(catalog, model_id), NEWEST) is State.AVAILABLE
    assert state(find(catalog, "llama-3.1-405b"), NEWEST) is State.OFFLINE


def test_no_retired_model_is_callable(catalog: Catalog) -> None:
    retired = [m for m in catalog.models if state(m, NEWEST) is State.RETIRED]
    assert len(retired) == len(LIFECYCLES)  # every shutdown date is before 2026-11-25
    assert [m.id for m in retired if is_callable(m, NEWEST)] == []


def test_auto_upgrade_phase_serves_the_3_3_model_before_the_shutdown(catalog: Catalog) -> None:
    model = find(catalog, "llama-3.1-70b-versatile")
    assert state(model, dt.date(2024, 12, 20)) is State.DEPRECATED
    assert state(model, dt.date(2025, 1, 24)) is State.RETIRED
    assert state(model, dt.date(2024, 12, 5)) is State.AVAILABLE


def test_every_model_with_a_lifecycle_has_a_migration_case() -> None:
    assert sorted(MIGRATIONS) == sorted(row[0] for row in LIFECYCLES)


@pytest.mark.parametrize("model_id", sorted(MIGRATIONS), ids=str)
def test_migration_path_resolves_as_of_2026_11_25(catalog: Catalog, model_id: str) -> None:
    path = migration_path(catalog, find(catalog, model_id), NEWEST)
    expected = MIGRATIONS[model_id]
    assert tuple(m.id for m in path.steps) == expected
    if expected:
        assert path.complete
        assert path.target is not None and path.target.id == expected[-1]
        assert state(path.target, NEWEST) is not State.RETIRED
        assert all(state(step, NEWEST) is State.RETIRED for step in path.steps[:-1])
    else:
        # groq/compound and groq/compound-mini: the page names no replacement.
        assert not path.complete and find(catalog, model_id).replacements == ()
