"""DeepSeek's `GET /models`: the OpenAI list (Bearer key, no paging) whose entries carry only
`id`, `object` and `owned_by` (no `created`)."""

from __future__ import annotations

from dataclasses import replace

from modelcat_registry.dialects import openai

DIALECT = replace(openai.DIALECT, name="deepseek")
