"""Fetch a provider's live `GET {api_base}/models` list, surviving every fault in one sentence.

Retries are bounded (429 honours Retry-After; 5xx and dropped connections back off), every
attempt has a hard deadline, the body has a size cap, and the API key is sent only over
https (or to loopback) and never appears in any message.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_ATTEMPTS = 4
BACKOFF_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 60.0
MAX_REDIRECTS = 5
USER_AGENT = "modelcat-sync (+https://github.com/modelcat/modelcat)"

Sleep = Callable[[float], Awaitable[None]]


class FetchError(Exception):
    """The provider could not be checked; the message is one sentence for a person."""


@dataclass(frozen=True, slots=True)
class Credentials:
    env_var: str
    key: str


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport_security(url: httpx.URL) -> None:
    if url.scheme == "https" or (url.scheme == "http" and is_loopback(url.host)):
        return
    raise FetchError(
        f"refusing to send the API key to {url.scheme}://{url.host}: use an https:// base URL "
        "(plain http is allowed only for loopback hosts such as 127.0.0.1)"
    )


def models_url(api_base: str) -> httpx.URL:
    return httpx.URL(api_base.rstrip("/") + "/models")


def parse_models_payload(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The payload and its `data` items, or FetchError naming what is wrong with it."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        start = body[:60].decode("utf-8", "replace").strip().replace("\n", " ")
        raise FetchError(
            f"the response is not JSON ({error.__class__.__name__} at byte "
            f"{getattr(error, 'pos', 0)}; it starts with {start!r})"
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise FetchError("the response JSON has no 'data' list (expected the OpenAI list format)")
    seen: set[str] = set()
    for index, item in enumerate(payload["data"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise FetchError(f"item {index} of the response's 'data' list has no string 'id'")
        if item["id"] in seen:
            raise FetchError(f"the response lists model ID {item['id']!r} twice")
        seen.add(item["id"])
    return payload, payload["data"]


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


async def fetch_models(
    client: httpx.AsyncClient,
    url: httpx.URL,
    credentials: Credentials,
    timeout: float,
    sleep: Sleep = asyncio.sleep,
) -> bytes:
    """The body of a successful GET, after bounded retries; FetchError otherwise."""
    check_transport_security(url)
    headers = {
        "Authorization": f"Bearer {credentials.key}",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    last_problem = ""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            async with asyncio.timeout(timeout):
                status, response_headers, body = await _get(client, url, headers)
        except TimeoutError:
            raise FetchError(
                f"no complete answer from {url.host} within {timeout:g} s (--timeout)"
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}") from None
        except (httpx.TransportError, OSError) as error:
            if "CERTIFICATE_VERIFY_FAILED" in str(error):
                raise FetchError(
                    f"the TLS certificate of {url.host} is not trusted ({_describe(error)})"
                ) from None
            last_problem = f"connection failed ({_describe(error)})"
            wait = BACKOFF_SECONDS * 2 ** (attempt - 1)
        else:
            if status < 300:
                return body
            wait, last_problem = _judge_status(status, response_headers, url, credentials, attempt)
        if attempt < MAX_ATTEMPTS:
            await sleep(wait)
    raise FetchError(f"{redact(last_problem, credentials.key)} after {MAX_ATTEMPTS} attempts")


def _judge_status(
    status: int, headers: httpx.Headers, url: httpx.URL, credentials: Credentials, attempt: int
) -> tuple[float, str]:
    """How long to wait before retrying, or FetchError when retrying cannot help."""
    if status in (401, 403):
        raise FetchError(
            f"authentication failed (HTTP {status}): check that {credentials.env_var} holds a "
            "valid API key"
        )
    if status == 404:
        raise FetchError(
            f"HTTP 404 from {url}: wrong base URL? check the provider's api_base or --base-url"
        )
    if status == 429:
        wait = retry_after_seconds(headers.get("Retry-After"))
        if wait is not None and wait > MAX_RETRY_AFTER_SECONDS:
            raise FetchError(f"rate limited (HTTP 429); the provider asks to retry in {wait:.0f} s")
        return (wait if wait is not None else BACKOFF_SECONDS * 2 ** (attempt - 1)), (
            "rate limited (HTTP 429)"
        )
    if status >= 500:
        return BACKOFF_SECONDS * 2 ** (attempt - 1), f"server error (HTTP {status})"
    raise FetchError(f"unexpected HTTP {status} from {url}")


async def _get(
    client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
) -> tuple[int, httpx.Headers, bytes]:
    async with client.stream("GET", url, headers=headers) as response:
        if response.status_code >= 300:
            return response.status_code, response.headers, b""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise FetchError(_too_large())
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise FetchError(_too_large())
        return response.status_code, response.headers, bytes(body)


def _too_large() -> str:
    return f"the response is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB; refusing to read it"


def _describe(error: BaseException) -> str:
    text = str(error) or error.__class__.__name__
    return text.splitlines()[0][:200]


def _refuse_insecure_requests(request: httpx.Request) -> Awaitable[None]:
    async def check() -> None:
        if "Authorization" in request.headers:
            check_transport_security(request.url)

    return check()


def make_client(timeout: float) -> httpx.AsyncClient:
    """One client for all providers; redirects are followed (httpx drops the Authorization
    header when a redirect leaves the original host) and re-checked for transport security.

    httpx's timeouts bound each network step; fetch_models also bounds each whole attempt,
    since a server that trickles bytes never trips a per-read timeout."""
    return httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        event_hooks={"request": [_refuse_insecure_requests]},
    )
