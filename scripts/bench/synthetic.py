"""A deterministic synthetic catalog: N models over K providers, shaped like the real entries.

Every file is valid under the current schema and carries the fields real entries have: a
`source` from the provider's `sources:` registry, lifecycle dates with replacements that name
other synthetic models of the same provider, dated prices and free-tier limits (some
`unlimited`), observed blocks, temporary limits, audio models and nested IDs. So parse,
validation and site costs match the real catalog's, and a path that is quadratic in the number
of models, sources or references cannot hide. Nothing here touches catalog/.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from modelcat_registry.loader import model_file, schema_modeline

DEVELOPERS = ("Meta", "Google", "Mistral", "OpenAI", "Alibaba", "DeepSeek", "Microsoft", "Cohere")
FAMILIES = ("llama", "gemma", "mistral", "qwen", "phi", "command", "deepseek", "whisper")
TIERS = ("production",) * 6 + ("preview",) * 3 + ("coming-soon", "offline")
WINDOWS = (4096, 8192, 32768, 65536, 131072, 1048576)
SOURCES_PER_PROVIDER = 12


def provider_ids(providers: int) -> list[str]:
    return [f"provider-{index:03d}" for index in range(providers)]


def source_keys() -> list[str]:
    return [f"docs-page-2024-{month:02d}" for month in range(1, SOURCES_PER_PROVIDER + 1)]


def write_catalog(
    root: Path,
    models: int,
    providers: int,
    seed: int = 7,
    api_bases: dict[str, str] | None = None,
) -> Path:
    """Write the catalog below root/catalog and return that folder."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    catalog = root / "catalog"
    ids = provider_ids(providers)
    for provider_id in ids:
        path = catalog / provider_id / "provider.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        base = (api_bases or {}).get(provider_id, f"https://api.{provider_id}.example/v1")
        path.write_text(_provider_text(provider_id, base))
    model_ids = [_model_id(rng, index) for index in range(models)]
    made: set[Path] = set()
    for index, model_id in enumerate(model_ids):
        provider_id = ids[index % providers]
        # Later models of the same provider: replacements always point forward, so no cycle.
        later = model_ids[index + providers :: providers][:3]
        path = model_file(catalog, provider_id, model_id)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        relative = path.relative_to(catalog)
        path.write_text(_model_text(rng, provider_id, model_id, later, relative))
    return catalog


def _provider_text(provider_id: str, api_base: str) -> str:
    lines = [
        schema_modeline(Path(provider_id, "provider.yaml")),
        f"id: {provider_id}",
        f"name: Provider {provider_id.rsplit('-', 1)[-1]}",
        f"api_base: {api_base}",
        "dialect: openai",
        f"api_key_env: {provider_id.upper().replace('-', '_')}_API_KEY",
        f"docs_url: https://docs.{provider_id}.example/models",
        "sources:",
    ]
    for month, key in enumerate(source_keys(), start=1):
        lines += [
            f"  {key}:",
            f'    title: Provider {provider_id[-3:]} "Supported Models" page, 2024-{month:02d}',
            f"    url: https://docs.{provider_id}.example/models?rev={month}",
            f"    date: 2024-{month:02d}-01",
            f"    until: 2024-{month:02d}-28",
            "    note: A stored copy of the page, captured for the synthetic benchmark.",
        ]
    return "\n".join(lines) + "\n"


def _model_id(rng: random.Random, index: int) -> str:
    family = FAMILIES[index % len(FAMILIES)]
    size = rng.choice((1, 3, 8, 11, 70, 90, 405))
    model_id = f"{family}-{index}-{size}b-{rng.choice(('instruct', 'chat', 'it', 'versatile'))}"
    return f"{family}/{model_id}" if index % 10 == 0 else model_id


def _scalar(value: object) -> str:
    return json.dumps(value) if isinstance(value, str) and ": " in value else str(value)


def _model_text(
    rng: random.Random, provider_id: str, model_id: str, later: list[str], relative: Path
) -> str:
    family = model_id.split("/")[-1].split("-")[0]
    audio = family == "whisper"
    keys = source_keys()
    source = rng.choice(keys[:4])
    lines = [
        schema_modeline(relative),
        f"# Source: https://docs.{provider_id}.example/models (synthetic benchmark entry).",
        f"id: {model_id}",
        f"name: {model_id.split('/')[-1].replace('-', ' ').title()}",
        f"developer: {rng.choice(DEVELOPERS)}",
        f"status: {rng.choice(TIERS)}",
        f"source: {source}",
    ]
    window = rng.choice(WINDOWS)
    if audio:
        lines += ["modalities:", "  input: [audio]", "  output: [text]", "max_file_size_mb: 25"]
    else:
        lines.append(f"context_window: {window}")
        if rng.random() < 0.4:
            lines.append(f"max_output_tokens: {min(window, rng.choice((4096, 8192, 32768)))}")
        if rng.random() < 0.15 and window > 2048:
            lines += [
                "temporary_limit:",
                "  context_window: 2048",
                "  note: Temporarily limited in preview.",
            ]
    lines.append(f"model_card: https://huggingface.co/{provider_id}/{model_id.split('/')[-1]}")
    year = rng.choice((2023, 2024))
    month = rng.randint(1, 12)
    lines += ["lifecycle:", f"  - date: {year}-{month:02d}", f"    source: {rng.choice(keys)}"]
    if later and rng.random() < 0.5:
        lines.append(f"    shutdown: {year + 2}-{month:02d}-{rng.randint(1, 28):02d}")
        lines.append(f"    replacements: [{', '.join(later[: rng.randint(1, len(later))])}]")
    else:
        lines.append("    deprecated: true")
    lines += ["    note: Announced in the provider's changelog."]
    if rng.random() < 0.2:
        lines += [
            f"  - date: {year + 1}-{month:02d}",
            f"    source: {rng.choice(keys)}",
            f"    not_before: {year + 3}-{month:02d}",
        ]
    lines.append("prices:")
    for number, day in enumerate(sorted(rng.sample(range(1, 29), 2))):
        lines += [
            f"  - date: 2024-{6 + number:02d}-{day:02d}",
            f"    source: {keys[4 + number]}",
        ]
        if audio:
            lines.append(f"    per_audio_hour_usd: {rng.choice((0.02, 0.04, 0.111))}")
        else:
            lines.append(f"    input_per_mtok_usd: {rng.choice((0.05, 0.1, 0.59, 0.79))}")
            lines.append(f"    output_per_mtok_usd: {rng.choice((0.08, 0.2, 0.79, 0.99))}")
    lines.append("free_tier_limits:")
    for number in range(2):
        lines += [
            f"  - date: 2024-{8 + number:02d}-{rng.randint(1, 28):02d}",
            f"    source: {keys[6 + number]}",
        ]
        if audio:
            lines += ["    rpm: 20", "    rpd: 2000", "    ash: 7200", "    asd: 28800"]
        else:
            lines += [
                f"    rpm: {rng.choice((30, 60))}",
                f"    rpd: {rng.choice((1000, 14400, 'unlimited'))}",
                f"    tpm: {rng.choice((6000, 15000, 30000))}",
                f"    tpd: {rng.choice((500000, 'unlimited'))}",
            ]
    first = rng.randint(1, 12)
    lines += [
        "observed:",
        f"  - first_seen: 2024-{first:02d}-{rng.randint(1, 28):02d}",
        f"    last_seen: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"    owner: {rng.choice(DEVELOPERS)}",
    ]
    if not audio:
        lines.append(f"    context_window: {window}")
    lines += ["    available: true", f"    created: 2024-{rng.randint(1, 12):02d}-01"]
    if rng.random() < 0.3:
        lines.append(
            "notes: "
            + _scalar("Served with speculative decoding; see the provider's docs for details.")
        )
    return "\n".join(lines) + "\n"
