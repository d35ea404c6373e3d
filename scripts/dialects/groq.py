"""GroqCloud's `GET /openai/v1/models`: the OpenAI list (Bearer key, no paging) whose entries
add `active`, `context_window`, `max_completion_tokens` and `public_apps`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from modelcat_registry.dialects import openai
from modelcat_registry.dialects.base import Entry, drop_none


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    model_id, facts = openai.translate(entry)
    return model_id, {
        **facts,
        "context_window": entry.get("context_window"),
        "max_output_tokens": entry.get("max_completion_tokens"),
        "available": entry.get("active"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    return drop_none(
        {
            **openai.to_wire(model_id, facts),
            "active": facts.get("available"),
            "context_window": facts.get("context_window"),
            "max_completion_tokens": facts.get("max_output_tokens"),
        }
    )


DIALECT = replace(openai.DIALECT, name="groq", translate=translate, to_wire=to_wire)
