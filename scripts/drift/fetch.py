"""Fetch a provider's live model list, every page of it, surviving every fault in one
sentence. The dialect (scripts/dialects/) says where the list is, which auth headers carry
the key and how pages follow one another; this module only moves bytes, safely.

Bounds, each ending in one sentence rather than a traceback:

- retries: at most MAX_ATTEMPTS; 429 honours Retry-After (up to MAX_RETRY_AFTER_SECONDS),
  5xx and dropped connections back off; every attempt has a hard deadline (--timeout);
- body: at most MAX_BODY_BYTES (10 MiB) on the wire and again after decompression. The raw
  bytes are decoded here, not by httpx, with zlib's max_length, so a gzip bomb never
  allocates more than the cap; identity, gzip and deflate are accepted, one coding at most
  (a stacked `gzip, gzip` is refused), any other coding is refused;
- payload: see scripts/drift/payload.py (nesting depth, number size, string validity);
- paging: at most MAX_PAGES pages and MAX_LIST_BYTES in all; a page query seen before (a
  cursor or token that repeats) stops the listing; the whole list must arrive within
  LIST_DEADLINE_FACTOR times --timeout;
- redirects: followed by hand, at most MAX_REDIRECTS, and only to the same origin (scheme,
  host and port), so the key never goes to another server and https never drops to http;
- concurrency: at most MAX_CONCURRENT_FETCHES providers are fetched at once (fetch_slots),
  and the client's connection pool has room for all of them, so waiting for a pool
  connection never eats into an attempt's deadline;
- the key: sent only over https (or to loopback), whatever header carries it; stripped of
  surrounding whitespace, refused if anything but printable ASCII is left or if it is shorter
  than MIN_KEY_LENGTH (a placeholder such as `x` cannot be told apart from the data), redacted
  from every message, and a body that echoes it is refused whole. Every request, with a key
  or without, goes only over https or to loopback.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import hashlib
import ipaddress
import re
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from modelcat_registry.dialects import Dialect, KeyUse
from modelcat_registry.drift.capture import (
    MAX_PAGES,
    Capture,
    CaptureError,
    Page,
    with_listings,
)
from modelcat_registry.drift.payload import (
    MAX_BODY_BYTES,
    PayloadError,
    read_json,
    redact_text,
    too_large,
)
from modelcat_registry.reporters import plural

MAX_ATTEMPTS = 4
MIN_KEY_LENGTH = 12
MAX_LIST_BYTES = 5 * MAX_BODY_BYTES
LIST_DEADLINE_FACTOR = 10
MAX_ERROR_BODY_BYTES = 64 * 1024
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
    if len(key) < MIN_KEY_LENGTH:
        raise FetchError(
            f"{env_var} is {plural(len(key), 'character')} long, too short to be an API key "
            f"(at least {MIN_KEY_LENGTH}); a placeholder cannot be kept out of reports safely: "
            f"set it to the key from {provider_name}'s console"
        )
    return Credentials(env_var, key, raw or "")


def credentials_for(
    dialect: Dialect, env_var: str, raw: str | None, provider_name: str
) -> Credentials | None:
    """The key to send, as the dialect uses keys: none for a public list, the key if one is
    set for an optional one, else the key or FetchError."""
    if dialect.key_use is KeyUse.NEVER:
        return None
    if dialect.key_use is KeyUse.OPTIONAL and not (raw or "").strip():
        return None
    return credentials_from(env_var, raw, provider_name)


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
        f"refusing to connect to {url.scheme}://{url.host}: use an https:// URL (plain http is "
        "allowed only for loopback hosts such as 127.0.0.1)"
    )


def list_url(base: str, path: str) -> httpx.URL:
    """base + path as a URL with a scheme and a host; FetchError naming what is wrong."""
    text = base.strip()
    try:
        url = httpx.URL(text.rstrip("/") + path) if text else None
    except httpx.InvalidURL as error:
        raise FetchError(
            f"the base URL {text[:100]!r} is not a valid URL ({_describe(error)}); fix "
            "api_base or --base-url"
        ) from None
    if url is None or url.scheme not in {"http", "https"} or not url.host:
        raise FetchError(
            f"the base URL {text[:100]!r} is not an absolute http(s) URL; write one such as "
            "https://api.example.com/v1 (or http://127.0.0.1:8080/v1 for a local server)"
        )
    return url


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


async def fetch_page(
    client: httpx.AsyncClient,
    url: httpx.URL,
    auth: Mapping[str, str],
    credentials: Credentials | None,
    timeout: float,
    refuses_key: Callable[[int, Any], bool],
    sleep: Sleep = asyncio.sleep,
) -> tuple[bytes, httpx.Headers]:
    """The (decoded) body and headers of a successful GET, after bounded retries; FetchError
    otherwise."""
    check_transport_security(url)
    headers = {
        **auth,
        "Accept": "application/json",
        "Accept-Encoding": ACCEPT_ENCODING,
        "User-Agent": USER_AGENT,
    }
    secrets = credentials.secrets if credentials else ()
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
                return body, response_headers
            wait, last_problem = _judge_status(
                status, response_headers, body, url, credentials, attempt, refuses_key
            )
        if attempt < MAX_ATTEMPTS:
            await sleep(wait)
    raise FetchError(f"{redact(last_problem, secrets)} after {MAX_ATTEMPTS} attempts")


async def fetch_list(
    client: httpx.AsyncClient,
    provider: str,
    dialect: Dialect,
    url: httpx.URL,
    credentials: Credentials | None,
    timeout: float,
    sleep: Sleep = asyncio.sleep,
    now: Callable[[], dt.datetime] | None = None,
) -> Capture:
    """Every page of the provider's list, as a capture dated by the time of the fetch."""
    try:
        async with asyncio.timeout(timeout * LIST_DEADLINE_FACTOR):
            return await _fetch_pages(
                client, provider, dialect, url, credentials, timeout, sleep, now
            )
    except TimeoutError:
        raise FetchError(
            f"the list from {url.host} did not arrive within {timeout * LIST_DEADLINE_FACTOR:g} "
            f"s ({LIST_DEADLINE_FACTOR} times --timeout), pages included"
        ) from None


async def _fetch_pages(
    client: httpx.AsyncClient,
    provider: str,
    dialect: Dialect,
    url: httpx.URL,
    credentials: Credentials | None,
    timeout: float,
    sleep: Sleep,
    now: Callable[[], dt.datetime] | None,
) -> Capture:
    fetched_at = (now or _utc_now)()
    auth = dialect.auth_headers(credentials.key) if credentials else {}
    secrets = credentials.secrets if credentials else ()
    base_query = dict(url.params.multi_items())
    query: dict[str, str] = {**base_query, **dialect.first_query}
    asked: set[tuple[tuple[str, str], ...]] = set()
    pages: list[Page] = []
    received = 0
    for number in range(1, MAX_PAGES + 1):
        asked.add(tuple(sorted(query.items())))
        target = url.copy_with(params=query) if query else url
        body, headers = await fetch_page(
            client, target, auth, credentials, timeout, dialect.refuses_key, sleep
        )
        received += len(body)
        if received > MAX_LIST_BYTES:
            raise FetchError(
                f"the list is larger than {MAX_LIST_BYTES // (1024 * 1024)} MiB over "
                f"{number} pages; refusing to read more"
            )
        try:
            payload = read_json(body, secrets)
        except PayloadError as error:
            raise FetchError(f"page {number}: {error}" if number > 1 else str(error)) from None
        pages.append(
            Page(
                payload,
                hashlib.sha256(body).hexdigest(),
                str(target),
                _header_day(headers.get("Sunset")),
                _header_day(headers.get("Deprecation")),
            )
        )
        following = dialect.next_query(payload, query) if isinstance(payload, dict) else None
        if following is None:
            capture = Capture(
                provider,
                dialect.name,
                fetched_at.date(),
                tuple(pages),
                fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
            try:
                return with_listings(capture, dialect)
            except CaptureError as error:
                raise FetchError(str(error)) from None
        query = {**base_query, **following}
        if tuple(sorted(query.items())) in asked:
            raise FetchError(
                f"page {number} of the list points back to a page already read (its cursor or "
                "page token repeats); stopping rather than loop"
            )
    raise FetchError(
        f"the list did not end after {MAX_PAGES} pages; refusing to follow more (a model list "
        "needs a few)"
    )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _header_day(value: str | None) -> dt.date | None:
    """The date of a Sunset (an HTTP date, RFC 8594) or Deprecation (`@<Unix seconds>`, RFC
    9745; an HTTP date in older drafts) response header."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("@") and value[1:].isascii() and value[1:].isdigit() and len(value) < 16:
        return dt.datetime.fromtimestamp(int(value[1:]), dt.UTC).date()
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _judge_status(
    status: int,
    headers: httpx.Headers,
    body: bytes,
    url: httpx.URL,
    credentials: Credentials | None,
    attempt: int,
    refuses_key: Callable[[int, Any], bool],
) -> tuple[float, str]:
    """How long to wait before retrying, or FetchError when retrying cannot help."""
    parsed = _error_body(body)
    said = _provider_message(parsed, credentials.secrets if credentials else ())
    if status in (401, 403) or refuses_key(status, parsed):
        if credentials is None:
            raise FetchError(
                f"the list asks for an API key (HTTP {status}{said}); this provider's list "
                "was expected to be public"
            )
        raise FetchError(
            f"authentication failed (HTTP {status}{said}): check that {credentials.env_var} "
            "holds a valid API key"
        )
    if status == 404:
        raise FetchError(
            f"HTTP 404 from {url}{said}: wrong base URL? check the provider's api_base, "
            "models_url or --base-url"
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
    raise FetchError(f"unexpected HTTP {status} from {url}{said}")


def _error_body(body: bytes) -> Any:
    try:
        return read_json(body[:MAX_ERROR_BODY_BYTES], limit=MAX_ERROR_BODY_BYTES)
    except PayloadError:
        return None


def _provider_message(parsed: Any, secrets: Iterable[str]) -> str:
    """The provider's own error message, quoted and cut short, for the sentence; '' if none.
    Shapes: {"error": {"message"}}, {"error": "..."}, {"message"}, {"detail"}."""
    message = None
    if isinstance(parsed, dict):
        error = parsed.get("error")
        if isinstance(error, dict):
            message = error.get("message")
        elif isinstance(error, str):
            message = error
        message = message or parsed.get("message") or parsed.get("detail")
    if not isinstance(message, str) or not message.strip():
        return ""
    text = " ".join(redact_text(message, secrets).split())
    return f": {text[:160]!r}"


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
                    return response.status_code, response.headers, await _read_error(response)
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


async def _read_error(response: httpx.Response) -> bytes:
    """The start of an error body, for the provider's message; never more than a small cap,
    and nothing if it is compressed in a way that cannot be decoded."""
    try:
        decoder = _decoder_for(response.headers)
        body = bytearray()
        async for chunk in response.aiter_raw():
            body += decoder.feed(chunk, MAX_ERROR_BODY_BYTES - len(body))
            if len(body) >= MAX_ERROR_BODY_BYTES:
                break
        return bytes(body)
    except (FetchError, httpx.HTTPError, OSError):
        return b""


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
    """A second wall behind fetch_page's own check: no request of this client, whatever
    header carries its key, goes over plain http to a host other than loopback."""

    async def check() -> None:
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
