"""N slow providers in one process: plain-HTTP servers on 127.0.0.1 that answer every
`GET .../models` after a fixed delay with the provider's model list (its models' newest
observations, in the OpenAI list format).

`python -m modelcat_registry.bench.drift_server CATALOG DELAY` prints one JSON line mapping each
provider ID to its port, then serves until its standard input closes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
from pathlib import Path

from modelcat_registry.catalog import build_catalog
from modelcat_registry.dialects import dialect_for
from modelcat_registry.loader import load_documents


def _handler(body: bytes, delay: float):  # noqa: ANN202 (asyncio's callback shape)
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(delay)
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    return answer


async def serve(catalog_dir: Path, delay: float, as_of: dt.date) -> None:
    catalog = build_catalog(load_documents(catalog_dir))
    servers = {}
    for provider_id in sorted(catalog.providers):
        dialect = dialect_for("openai")
        entries = [
            dialect.to_wire(m.id, m.observed[-1].values if m.observed else {})
            for m in catalog.models_of(provider_id)
            if m.callable_id
        ]
        body = json.dumps(dialect.envelope(entries)).encode()
        servers[provider_id] = await asyncio.start_server(
            _handler(body, delay), "127.0.0.1", 0, backlog=512
        )
    ports = {p: s.sockets[0].getsockname()[1] for p, s in servers.items()}
    print(json.dumps(ports), flush=True)
    # Serve until the benchmark closes our standard input.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for server in servers.values():
        server.close()


if __name__ == "__main__":
    asyncio.run(serve(Path(sys.argv[1]), float(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])))
