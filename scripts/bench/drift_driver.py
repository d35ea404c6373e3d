"""One whole `sync` check of every provider, pointed at plain-HTTP loopback servers.

The schema allows only https:// api_base values, so the catalog on disk names https bases;
this driver loads and validates it exactly as `modelcat sync` does, then points each provider
at its port (`{"provider-000": 41234, ...}` in argv[2]) and runs the same check_all.

It prints how long check_all took (`fetch_seconds=...`): the concurrency figure is that
time, apart from the fixed cost of starting Python and loading the catalog, which the
benchmark reports beside it (the catalog's load is validate's figure, not drift's).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from modelcat_registry.drift.sync import SyncOptions, check_all
from modelcat_registry.valid_catalog import load_valid_catalog


def main() -> int:
    _, catalog = load_valid_catalog(Path(sys.argv[1]))
    ports: dict[str, int] = json.loads(sys.argv[2])
    providers = {
        provider_id: dataclasses.replace(
            provider, data={**provider.data, "api_base": f"http://127.0.0.1:{ports[provider_id]}"}
        )
        for provider_id, provider in catalog.providers.items()
    }
    catalog = dataclasses.replace(catalog, providers=providers)
    options = SyncOptions(providers=sorted(providers), as_of=dt.date.fromisoformat(sys.argv[3]))
    environ = {**os.environ, **{p.api_key_env: "key-" + p.id for p in providers.values()}}
    started = time.perf_counter()
    results = asyncio.run(check_all(catalog, options, environ))
    fetch_seconds = time.perf_counter() - started
    failed = [r.drift for r in results if r.drift.error or not r.drift.checked]
    drifted = [r.drift for r in results if r.drift.added or r.drift.removed or r.drift.changed]
    print(f"fetch_seconds={fetch_seconds:.4f}")
    print(f"checked {len(results) - len(failed)} providers, {len(drifted)} with drift")
    for drift in failed[:5]:
        print(f"{drift.provider}: {drift.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
