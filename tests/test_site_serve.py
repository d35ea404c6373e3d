"""`mkdocs serve` regenerates the pages when a catalog file changes (live reload). The dev server
runs on tests/site_catalog: what it does does not depend on the catalog's size, and the real
catalog's build takes half a minute each time."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import SITE_AS_OF, SITE_CATALOG, VENV_BIN, make_site_project

MODEL_FILE = Path("catalog", "alpha", "models", "fading-8b.yaml")
MODEL_PAGE = "models/alpha/fading-8b/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_text(url: str, text: str, timeout: float = 60) -> str:
    """The page at url once it holds text. A refused connection, an error status or a request
    that times out (the server answers nothing while it rebuilds) means: not yet."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode()
            if text in last:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout} s")


def test_serve_rebuilds_when_a_catalog_file_changes(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project", SITE_CATALOG)
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "MODELCAT_AS_OF": SITE_AS_OF, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/modelcat/{MODEL_PAGE}"
        wait_for_text(url, "Fading 8B")
        path = project / MODEL_FILE
        path.write_text(path.read_text().replace("name: Fading 8B", "name: Fading 8B Renamed"))
        wait_for_text(url, "Fading 8B Renamed")
    finally:
        server.terminate()
        server.wait(timeout=30)
