"""Fetch a provider's live `GET {api_base}/models` list, surviving every fault in one sentence.

Bounds, each ending in one sentence rather than a traceback:

- retries: at most MAX_ATTEMPTS; 429 honours Retry-After (up to MAX_RETRY_AFTER_SECONDS),
  5xx and dropped connections back off; every attempt has a hard deadline (--timeout);
- body: at most MAX_BODY_BYTES (10 MiB) on the wire and again after decompression. The raw
  bytes are decoded here, not by httpx, with zlib's max_length, so a gzip bomb never
  allocates more than the cap; identity, gzip and deflate are accepted, one coding at most
  (a stacked `gzip, gzip` is refused), any other coding is refused;
- payload: see scripts/drift/payload.py (nesting depth, number size, string validity);
- redirects: followed by hand, at most MAX_REDIRECTS, and only to the same origin (scheme,
  host and port), so the key never goes to another server and https never drops to http;
- concurrency: at most MAX_CONCURRENT_FETCHES providers are fetched at once (fetch_slots),
  and the client's connection pool has room for all of them, so waiting for a pool
  connection never eats into an attempt's deadline;
- the key: sent only over https (or to loopback), stripped of surrounding whitespace,
  refused if anything but printable ASCII is left, and redacted from every message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import re
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from modelcat_registry.drift.payload import (
    MAX_BODY_BYTES,
    PayloadError,
    read_models_payload,
    redact_text,
    too_large,
)

MAX_ATTEMPTS = 4
BACKOFF_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 60.0
RETRY_AFTER_CEILING_SECONDS = 365 * 24 * 3600.0  # longer waits are reported as a year
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 200 slow providers are all fetched at once; more wait for a slot, outside any deadline.
MAX_CONCURRENT_FETCHES = 256
MAX_IDLE_CONNECTIONS = 32
ACCEPT_ENCODING = "gzip, deflate"
USER_AGENT = "modelcat-sync (+https://github.com/modelcat/modelcat)"

Sleep = Callable[[float], Awaitable[None]]

_PRINTABLE_KEY = re.compile(r"[\x21-\x7e]+")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(Exception):
    """The provider could not be checked; the message is one sentence for a person."""


@dataclass(frozen=True, slots=True)
class Credentials:
    env_var: str
    key: str = field(repr=False)
    raw: str = field(default="", repr=False)  # the variable's value before stripping

    @property
    def secrets(self) -> tuple[str, ...]:
        return secrets_of(self.raw or self.key)


def secrets_of(raw: str | None) -> tuple[str, ...]:
    """The forms of a key to redact: as set, and stripped."""
    if not raw:
        return ()
    return tuple(dict.fromkeys(s for s in (raw, raw.strip()) if s))


def redact(text: str, secret: str | Iterable[str] | None) -> str:
    """text with the key (as set and stripped) replaced by "***"."""
    if secret is None:
        return text
    secrets = secrets_of(secret) if isinstance(secret, str) else tuple(secret)
    return redact_text(text, secrets)


def credentials_from(env_var: str, raw: str | None, provider_name: str) -> Credentials:
    """The key in env_var, stripped; FetchError naming the variable (never the value) when it
    is missing or is more than one printable ASCII word."""
    key = (raw or "").strip()
    if not key:
        raise FetchError(
            f"{env_var} is not set; export {env_var}=<your API key> "
            f"(from {provider_name}'s console) and run again"
        )
    if not _PRINTABLE_KEY.fullmatch(key):
        raise FetchError(
            f"{env_var} holds more than an API key (spaces, line breaks, control or non-ASCII "
            f"characters inside it); set it to the key alone, as {provider_name}'s console "
            "shows it"
        )
    return Credentials(env_var, key, raw or "")


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
    try:
        return httpx.URL(api_base.rstrip("/") + "/models")
    except httpx.InvalidURL as error:
        raise FetchError(
            f"the base URL is not a valid URL ({_describe(error)}); fix api_base or --base-url"
        ) from None


def parse_models_payload(
    body: bytes, secrets: Iterable[str] = ()
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The payload (secrets redacted) and its `data` items, or FetchError naming what is
    wrong with it (see scripts/drift/payload.py for the checks)."""
    try:
        return read_models_payload(body, secrets)
    except PayloadError as error:
        raise FetchError(str(error)) from None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), between 0 and
    RETRY_AFTER_CEILING_SECONDS; None when the value is neither."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), RETRY_AFTER_CEILING_SECONDS)
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:  # "-0000": UTC, with no claim about the sender's zone
            when = when.replace(tzinfo=dt.UTC)
        delta = when.timestamp() - (now if now is not None else time.time())
    except (TypeError, ValueError, OverflowError, IndexError, OSError):
        return None
    return min(max(0.0, delta), RETRY_AFTER_CEILING_SECONDS)


def fetch_slots() -> asyncio.Semaphore:
    """How many fetches may run at once: share one between the providers of a run."""
    return asyncio.Semaphore(MAX_CONCURRENT_FETCHES)


async def fetch_models(
    client: httpx.AsyncClient,
    url: httpx.URL,
    credentials: Credentials,
    timeout: float,
    sleep: Sleep = asyncio.sleep,
) -> bytes:
    """The (decoded) body of a successful GET, after bounded retries; FetchError otherwise."""
    check_transport_security(url)
    headers = {
        "Authorization": f"Bearer {credentials.key}",
        "Accept": "application/json",
        "Accept-Encoding": ACCEPT_ENCODING,
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
    raise FetchError(f"{redact(last_problem, credentials.secrets)} after {MAX_ATTEMPTS} attempts")


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
    if status in REDIRECT_STATUSES:
        raise FetchError(f"HTTP {status} from {url} without a Location to follow")
    raise FetchError(f"unexpected HTTP {status} from {url}")


async def _get(
    client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
) -> tuple[int, httpx.Headers, bytes]:
    """One GET, following same-origin redirects by hand; the body only for a 2xx."""
    target = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            async with client.stream("GET", target, headers=headers) as response:
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUSES and location is not None:
                    target = _redirect_target(target, location)
                    continue
                if response.status_code >= 300:
                    return response.status_code, response.headers, b""
                return response.status_code, response.headers, await _read_body(response)
        except httpx.RemoteProtocolError as error:
            # httpx parses a redirect's Location even when it is not to follow it.
            if "location header" in str(error).lower():
                raise FetchError(_invalid_redirect(target)) from None
            raise
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}; refusing to follow more")


def _invalid_redirect(current: httpx.URL) -> str:
    return f"{current.host} redirected to an invalid URL; refusing to follow it"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def _redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    try:
        target = current.join(location)
    except (httpx.InvalidURL, ValueError):
        raise FetchError(_invalid_redirect(current)) from None
    if _origin(target) != _origin(current):
        scheme, host, port = _origin(target)
        shown = f"{scheme}://{host}" + (f":{port}" if port else "")
        raise FetchError(
            f"{current.host} redirected to another origin ({shown[:100]}); refusing to follow, "
            "since that would send the API key there: if the provider moved, update api_base "
            "(or pass --base-url)"
        )
    return target


class _Decoder:
    """Undoes one Content-Encoding, never producing more than the room it is given."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._inflater: Any = None
        self._probe = b""  # deflate: the first bytes, until the zlib header is recognisable
        if coding == "gzip":
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes; FetchError if they would be more than room."""
        if self.coding == "identity":
            if len(data) > room:
                raise FetchError(too_large())
            return data
        if self._inflater is None:  # deflate: zlib-wrapped as the RFC says, or raw as some send
            self._probe += data
            if len(self._probe) < 2:
                return b""
            cmf, flg = self._probe[0], self._probe[1]
            wrapped = cmf & 0x0F == 8 and (cmf * 256 + flg) % 31 == 0
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._probe = self._probe, b""
        return self._inflate(data, room)

    def _inflate(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        try:
            while data:
                if self._inflater.eof:  # a further gzip member; deflate allows only one stream
                    if self.coding != "gzip":
                        raise FetchError(self._corrupt("data after the end of the stream"))
                    self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                out += self._inflater.decompress(data, room - len(out) + 1)
                if len(out) > room:
                    raise FetchError(too_large(decompressed=True))
                data = (
                    self._inflater.unused_data
                    if self._inflater.eof
                    else self._inflater.unconsumed_tail
                )
        except zlib.error as error:
            raise FetchError(self._corrupt(_describe(error))) from None
        return bytes(out)

    def finish(self) -> None:
        if self.coding != "identity" and (self._inflater is None or not self._inflater.eof):
            raise FetchError(self._corrupt("it ends before the compressed stream does"))

    def _corrupt(self, detail: str) -> str:
        return f"the response's {self.coding} data is corrupt ({detail}); refusing to read it"


def _decoder_for(headers: httpx.Headers) -> _Decoder:
    codings = [
        "gzip" if c == "x-gzip" else c
        for c in (v.strip().lower() for v in headers.get_list("Content-Encoding", True))
        if c and c != "identity"
    ]
    if len(codings) > 1:
        shown = ", ".join(codings)[:60]
        raise FetchError(
            f"the response is compressed more than once (Content-Encoding {shown!r}); refusing "
            "to decode it, since layered compression can expand far past the size cap"
        )
    coding = codings[0] if codings else "identity"
    if coding not in ("identity", "gzip", "deflate"):
        raise FetchError(
            f"the response uses Content-Encoding {coding[:40]!r}, which modelcat cannot decode "
            f"(it asks for {ACCEPT_ENCODING} only); refusing to read it"
        )
    return _Decoder(coding)


async def _read_body(response: httpx.Response) -> bytes:
    """The decoded body, read raw and decoded here so no step holds more than the cap."""
    declared = response.headers.get("Content-Length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise FetchError(too_large())
    decoder = _decoder_for(response.headers)
    received = 0
    body = bytearray()
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > MAX_BODY_BYTES:
            raise FetchError(too_large())
        body += decoder.feed(chunk, MAX_BODY_BYTES - len(body))
    decoder.finish()
    return bytes(body)


def _describe(error: BaseException) -> str:
    text = str(error) or error.__class__.__name__
    return text.splitlines()[0][:200]


def _refuse_insecure_requests(request: httpx.Request) -> Awaitable[None]:
    async def check() -> None:
        if "Authorization" in request.headers:
            check_transport_security(request.url)

    return check()


def make_client(timeout: float) -> httpx.AsyncClient:
    """One client for all providers. Redirects are not followed by httpx: _get follows
    same-origin ones itself. The pool has a connection for each of MAX_CONCURRENT_FETCHES
    (httpx's default is 100) but keeps few idle ones: httpcore scans its idle connections
    on every request, which made 200 providers take a second longer.

    httpx's timeouts bound each network step; fetch_models also bounds each whole attempt,
    since a server that trickles bytes never trips a per-read timeout."""
    return httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(
            max_connections=MAX_CONCURRENT_FETCHES,
            max_keepalive_connections=MAX_IDLE_CONNECTIONS,
        ),
        event_hooks={"request": [_refuse_insecure_requests]},
    )
