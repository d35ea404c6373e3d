"""A deterministic synthetic catalog: N models over K providers with realistic values.

Files look like the real ones (modeline, comments, limits, temporary limits, audio models,
nested IDs, notes) so that parse and validation costs match; nothing touches catalog/.
"""

from __future__ import annotations

import random
from pathlib import Path

from scripts.catalog import model_file
from scripts.scaffold import entry_text

DEVELOPERS = ("Meta", "Google", "Mistral", "OpenAI", "Alibaba", "DeepSeek", "Microsoft", "Cohere")
FAMILIES = ("llama", "gemma", "mistral", "qwen", "phi", "command", "deepseek", "whisper")
STATUSES = ("production",) * 6 + ("preview",) * 3 + ("coming-soon", "offline", "deprecated")
WINDOWS = (4096, 8192, 32768, 65536, 131072, 1048576)


def provider_ids(providers: int) -> list[str]:
    return [f"provider-{index:02d}" for index in range(providers)]


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
        relative = Path(provider_id, "provider.yaml")
        fields = {
            "id": provider_id,
            "name": f"Provider {provider_id[-2:]}",
            "api_base": (api_bases or {}).get(provider_id, f"https://api.{provider_id}.example/v1"),
            "api_key_env": f"{provider_id.upper().replace('-', '_')}_API_KEY",
            "docs_url": f"https://docs.{provider_id}.example/models",
        }
        path = catalog / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(relative, fields))
    for index in range(models):
        provider_id = ids[index % providers]
        model_id = _model_id(rng, index)
        path = model_file(catalog, provider_id, model_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_model_text(rng, provider_id, model_id, path.relative_to(catalog)))
    return catalog


def _model_id(rng: random.Random, index: int) -> str:
    family = FAMILIES[index % len(FAMILIES)]
    size = rng.choice((1, 3, 8, 11, 70, 90, 405))
    model_id = f"{family}-{index}-{size}b-{rng.choice(('instruct', 'chat', 'it', 'versatile'))}"
    return f"{family}/{model_id}" if index % 10 == 0 else model_id


def _model_text(rng: random.Random, provider_id: str, model_id: str, relative: Path) -> str:
    family = model_id.split("/")[-1].split("-")[0]
    audio = family == "whisper"
    status = rng.choice(STATUSES)
    fields: dict[str, object] = {
        "id": model_id,
        "name": model_id.split("/")[-1].replace("-", " ").title(),
        "developer": rng.choice(DEVELOPERS),
        "status": status,
    }
    if audio:
        fields["modalities"] = None
        fields["max_file_size_mb"] = 25
    else:
        window = rng.choice(WINDOWS)
        fields["context_window"] = window
        if rng.random() < 0.4:
            fields["max_output_tokens"] = min(window, rng.choice((4096, 8192, 32768)))
    if status == "deprecated":
        fields["deprecation_date"] = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    fields["model_card"] = f"https://huggingface.co/{provider_id}/{model_id.split('/')[-1]}"
    if rng.random() < 0.3:
        fields["notes"] = "Served with speculative decoding; see the provider's docs for details."
    text = entry_text(relative, {k: v for k, v in fields.items() if v is not None}, [
        f"Source: https://docs.{provider_id}.example/models (synthetic benchmark entry).",
    ])  # fmt: skip
    if audio:
        text = text.replace(
            "max_file_size_mb", "modalities:\n  input: [audio]\n  output: [text]\nmax_file_size_mb"
        )
    elif rng.random() < 0.15:
        text += (
            "temporary_limit:\n  context_window: 2048\n  note: Temporarily limited in preview.\n"
        )
    return text
