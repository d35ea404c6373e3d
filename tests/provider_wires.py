"""Each provider's `/models` as a loopback server speaks it, written from the documented shapes
(shared/sources/<provider>.md, "The /models API dialect"), independently of the dialect
modules they test: the list's path, the auth headers it checks, its paging, its error body.

Every wire serves pages of PAGE_SIZE entries where the provider pages, so that a test with a
few entries already follows several pages. `GOLDEN` holds, per dialect, entries in the
provider's documented shape and the observations they mean in the catalog's words.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from modelcat_registry.loopback_provider import Reply, Wire

PAGE_SIZE = 2


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


class DialectWire(Wire):
    """A provider's list as the tests serve it. `key_headers`: the request headers that carry
    the key, and no other may (none for a public list); `paged`: whether the list comes in
    pages of PAGE_SIZE entries."""

    key_headers: ClassVar[frozenset[str]] = frozenset({"authorization"})
    paged: ClassVar[bool] = False


class OpenAIWire(DialectWire):
    """OpenAI: Bearer key, one page `{"object": "list", "data": [...]}`."""

    path = "/models"
    error: ClassVar[dict[str, Any]] = {
        "error": {
            "message": "Incorrect API key provided: sk-proj-***. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }

    def unauthorized(self) -> Reply:
        return Reply(401, _json(self.error))


class GroqWire(OpenAIWire):
    error: ClassVar[dict[str, Any]] = {
        "error": {
            "message": "Invalid API Key",
            "type": "invalid_request_error",
            "code": "invalid_api_key",
        }
    }


class DeepSeekWire(OpenAIWire):
    error: ClassVar[dict[str, Any]] = {
        "error": {
            "message": "Authentication Fails, Your api key: ****abcd is invalid",
            "type": "authentication_error",
            "param": None,
            "code": "invalid_request_error",
        }
    }


class MistralWire(OpenAIWire):
    error: ClassVar[dict[str, Any]] = {"message": "Unauthorized", "request_id": "0f8d1b2c3a"}


class TogetherWire(OpenAIWire):
    """Together: a bare JSON array."""

    error: ClassVar[dict[str, Any]] = {
        "error": {
            "message": "Invalid API key provided. You can find your API key at "
            "https://api.together.xyz/settings/api-keys.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        return _json(models)


class AnthropicWire(DialectWire):
    """Anthropic: x-api-key and anthropic-version; cursor paging (limit, after_id; has_more,
    first_id, last_id)."""

    path = "/models"
    key_headers: ClassVar[frozenset[str]] = frozenset({"x-api-key"})
    paged: ClassVar[bool] = True

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        return headers.get("x-api-key") == key and headers.get("anthropic-version") == "2023-06-01"

    def unauthorized(self) -> Reply:
        return Reply(
            401,
            _json(
                {
                    "type": "error",
                    "error": {"type": "authentication_error", "message": "invalid x-api-key"},
                    "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
                }
            ),
        )

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        ids = [m["id"] for m in models]
        start = ids.index(query["after_id"]) + 1 if query.get("after_id") in ids else 0
        chunk = models[start : start + min(int(query.get("limit", "20")), PAGE_SIZE)]
        more = start + len(chunk) < len(models)
        return _json(
            {
                "data": chunk,
                "has_more": more,
                "first_id": chunk[0]["id"] if chunk else None,
                "last_id": chunk[-1]["id"] if chunk else None,
            }
        )


class GeminiWire(DialectWire):
    """The Gemini API: x-goog-api-key (a key in the query string is refused here, as a test of
    the client); pageSize / pageToken paging with nextPageToken; an invalid key is HTTP 400."""

    path = "/models"
    key_headers: ClassVar[frozenset[str]] = frozenset({"x-goog-api-key"})
    paged: ClassVar[bool] = True

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        assert "key" not in query, "the key must never travel in the query string"
        return headers.get("x-goog-api-key") == key

    def unauthorized(self) -> Reply:
        return Reply(
            400,
            _json(
                {
                    "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "INVALID_ARGUMENT",
                        "details": [
                            {
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": "API_KEY_INVALID",
                                "domain": "googleapis.com",
                                "metadata": {"service": "generativelanguage.googleapis.com"},
                            }
                        ],
                    }
                }
            ),
        )

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        start = int(query.get("pageToken", "0") or 0)
        chunk = models[start : start + PAGE_SIZE]
        body: dict[str, Any] = {"models": chunk} if chunk else {}
        if start + PAGE_SIZE < len(models):
            body["nextPageToken"] = str(start + PAGE_SIZE)
        return _json(body)


class OpenRouterWire(DialectWire):
    """OpenRouter: public (a key is optional, a wrong one refused); `{"data": [...]}` paged by
    `links.next` (`/api/v1/models?offset=N&limit=M`)."""

    path = "/models"
    paged: ClassVar[bool] = True

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        given = headers.get("authorization")
        return given is None or given == f"Bearer {key}"

    def unauthorized(self) -> Reply:
        return Reply(401, _json({"error": {"message": "No auth credentials found", "code": 401}}))

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        offset = int(query.get("offset", "0"))
        chunk = models[offset : offset + PAGE_SIZE]
        body: dict[str, Any] = {"data": chunk, "total_count": len(models)}
        if offset + PAGE_SIZE < len(models):
            body["links"] = {
                "next": f"/api/v1/models?offset={offset + PAGE_SIZE}&limit={PAGE_SIZE}"
            }
        return _json(body)


class CerebrasWire(DialectWire):
    """Cerebras' public list: no key at all."""

    path = "/models"
    key_headers: ClassVar[frozenset[str]] = frozenset()

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        return not any(name in headers for name in ("authorization", "x-api-key"))

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        return _json({"object": "list", "data": models})


class XaiWire(OpenAIWire):
    """xAI's /v1/language-models: `{"models": [...]}`; a wrong key is HTTP 400."""

    path = "/language-models"

    def unauthorized(self) -> Reply:
        return Reply(
            400,
            _json(
                {
                    "code": "Client specified an invalid argument",
                    "error": "Incorrect API key provided: xa***ab. You can obtain an API key "
                    "from https://console.x.ai.",
                }
            ),
        )

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        return _json({"models": models})


class FireworksWire(OpenAIWire):
    """Fireworks' control-plane list: pageSize / pageToken paging, `{models, nextPageToken,
    totalSize}`."""

    path = "/models"
    paged: ClassVar[bool] = True
    error: ClassVar[dict[str, Any]] = {
        "error": {"object": "error", "type": "unauthorized", "message": "unauthorized"}
    }

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        start = int(query.get("pageToken") or 0)
        size = min(int(query.get("pageSize", "50")), PAGE_SIZE)
        chunk = models[start : start + size]
        more = start + size < len(models)
        return _json(
            {
                "models": chunk,
                "nextPageToken": str(start + size) if more else "",
                "totalSize": len(models),
            }
        )


WIRES: dict[str, DialectWire] = {
    "openai": OpenAIWire(),
    "groq": GroqWire(),
    "deepseek": DeepSeekWire(),
    "mistral": MistralWire(),
    "together": TogetherWire(),
    "anthropic": AnthropicWire(),
    "gemini": GeminiWire(),
    "openrouter": OpenRouterWire(),
    "cerebras": CerebrasWire(),
    "xai": XaiWire(),
    "fireworks": FireworksWire(),
}
# Where the list lives below a test server's origin, as --base-url gives it (plus the path).
PREFIXES = {
    "openai": "/v1",
    "groq": "/openai/v1",
    "deepseek": "",
    "mistral": "/v1",
    "together": "/v1",
    "anthropic": "/v1",
    "gemini": "/v1beta",
    "openrouter": "/api/v1",
    "cerebras": "/public/v1",
    "xai": "/v1",
    "fireworks": "/v1/accounts/fireworks",
}

# Per dialect: (an entry in the provider's documented shape, what it means in the catalog's
# words). Values are taken from the packs' dialect sections and captured examples.
GOLDEN: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "openai": (
        {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system",
         "shutdown_date": "2027-01-14"},
        {"owner": "system", "created": "2024-05-10", "shutdown": "2027-01-14"},
    ),
    "groq": (
        {"id": "llama-3.3-70b-versatile", "object": "model", "created": 1733447754,
         "owned_by": "Meta", "active": True, "context_window": 131072, "public_apps": None,
         "max_completion_tokens": 32768},
        {"owner": "Meta", "created": "2024-12-06", "context_window": 131072,
         "max_output_tokens": 32768, "available": True},
    ),
    "deepseek": (
        {"id": "deepseek-chat", "object": "model", "owned_by": "deepseek"},
        {"owner": "deepseek"},
    ),
    "mistral": (
        {"id": "codestral-latest", "object": "model", "created": 1747143320,
         "owned_by": "mistralai", "type": "base", "name": "codestral-2501",
         "max_context_length": 262144, "aliases": ["codestral-2501", "codestral-2412"],
         "deprecation": "2026-01-31T12:00:00Z", "deprecation_replacement_model": "codestral-2508",
         "capabilities": {"completion_chat": True, "completion_fim": True}},
        {"owner": "mistralai", "context_window": 262144, "alias_of": "codestral-2501",
         "aliases": ["codestral-2501", "codestral-2412"], "shutdown": "2026-01-31",
         "replacement": "codestral-2508"},
    ),
    "together": (
        {"id": "openai/gpt-oss-120b", "object": "model", "created": 1754422080, "type": "chat",
         "display_name": "OpenAI GPT-OSS 120B", "organization": "OpenAI",
         "context_length": 131072,
         "pricing": {"hourly": 0, "input": 0.15, "output": 0.6, "base": 0, "finetune": 0}},
        {"name": "OpenAI GPT-OSS 120B", "owner": "OpenAI", "created": "2025-08-05",
         "context_window": 131072, "input_per_mtok_usd": 0.15, "output_per_mtok_usd": 0.6},
    ),
    "anthropic": (
        {"type": "model", "id": "claude-opus-4-1-20250805", "display_name": "Claude Opus 4.1",
         "created_at": "2025-08-05T00:00:00Z", "max_input_tokens": 200000, "max_tokens": 32000,
         "capabilities": {"batch": {"supported": True}}},
        {"name": "Claude Opus 4.1", "created": "2025-08-05", "context_window": 200000,
         "max_output_tokens": 32000},
    ),
    "gemini": (
        {"name": "models/gemini-2.5-pro", "baseModelId": "gemini-2.5-pro", "version": "2.5",
         "displayName": "Gemini 2.5 Pro", "inputTokenLimit": 1048576, "outputTokenLimit": 65536,
         "supportedGenerationMethods": ["generateContent", "countTokens"], "thinking": True},
        {"name": "Gemini 2.5 Pro", "context_window": 1048576, "max_output_tokens": 65536},
    ),
    "openrouter": (
        {"id": "x-ai/grok-3", "canonical_slug": "x-ai/grok-3", "hugging_face_id": "",
         "name": "xAI: Grok 3", "created": 1744245000, "context_length": 131072,
         "pricing": {"prompt": "0.000003", "completion": "0.000015",
                     "input_cache_read": "0.00000075"},
         "top_provider": {"context_length": 131072, "max_completion_tokens": None},
         "expiration_date": "2026-05-15"},
        {"name": "xAI: Grok 3", "created": "2025-04-10", "context_window": 131072,
         "input_per_mtok_usd": 3, "cached_input_per_mtok_usd": 0.75, "output_per_mtok_usd": 15,
         "shutdown": "2026-05-15"},
    ),
    "cerebras": (
        {"id": "gpt-oss-120b", "object": "model", "created": 1, "owned_by": "OpenAI",
         "name": "OpenAI GPT OSS", "hugging_face_id": "openai/gpt-oss-120b",
         "pricing": {"prompt": "0.00000035", "completion": "0.00000075"},
         "limits": {"max_context_length": 131072, "max_completion_tokens": 40960},
         "deprecated": False, "preview": False},
        {"name": "OpenAI GPT OSS", "owner": "OpenAI", "weights": "openai/gpt-oss-120b",
         "context_window": 131072, "max_output_tokens": 40960, "input_per_mtok_usd": 0.35,
         "output_per_mtok_usd": 0.75, "deprecated": False},
    ),
    "xai": (
        {"id": "grok-4.6", "fingerprint": "fp_0d42a4eb3d", "created": 1776556800,
         "object": "model", "owned_by": "xai", "version": "1.0.0",
         "input_modalities": ["text", "image"], "output_modalities": ["text"],
         "prompt_text_token_price": 20000, "cached_prompt_text_token_price": 5000,
         "completion_text_token_price": 60000, "aliases": ["grok-4.6-latest", "grok-latest"]},
        {"owner": "xai", "created": "2026-04-19", "aliases": ["grok-4.6-latest", "grok-latest"],
         "input_per_mtok_usd": 2, "cached_input_per_mtok_usd": 0.5, "output_per_mtok_usd": 6},
    ),
    "fireworks": (
        {"name": "accounts/fireworks/models/kimi-k2p6", "displayName": "Kimi K2.6",
         "createTime": "2026-04-20T18:02:11.482Z", "state": "READY", "kind": "HF_BASE_MODEL",
         "contextLength": 262144, "huggingFaceUrl": "https://huggingface.co/moonshotai/Kimi-K2.6",
         "deprecationDate": {"year": 2026, "month": 9, "day": 25}},
        {"name": "Kimi K2.6", "created": "2026-04-20", "context_window": 262144,
         "weights": "moonshotai/Kimi-K2.6", "shutdown": "2026-09-25"},
    ),
}  # fmt: skip


def entry_named(dialect: str, model_id: str, **overrides: Any) -> dict[str, Any]:
    """The golden entry of a dialect, under another ID (the field that holds it renamed)."""
    entry = dict(GOLDEN[dialect][0])
    if dialect == "gemini":
        entry["name"] = f"models/{model_id}"
    elif dialect == "fireworks":
        entry["name"] = model_id
    else:
        entry["id"] = model_id
    if dialect == "mistral":
        entry["name"] = model_id
        entry.pop("aliases", None)
    return {**entry, **overrides}
