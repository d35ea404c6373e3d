"""The dev server under bad conditions: an invalid catalog is shown as a page (and the site
comes back once the file is fixed); a busy port is one sentence naming the ADDR= to use."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import SITE_CATALOG, make_site_project
from tests.test_site_serve import MODEL_FILE, MODEL_PAGE, free_port, wait_for_text

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def launch(project: Path, addr: str) -> subprocess.Popen[bytes]:
    """What `make serve ADDR=...` runs."""
    return subprocess.Popen(
        [sys.executable, "-m", "modelcat_registry.site.serve", addr],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_serve_shows_catalog_errors_as_a_page_then_recovers(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project", SITE_CATALOG)
    path = project / MODEL_FILE
    valid = path.read_text()
    assert "\ncontext_window: 8192\n" in valid  # line 10, its value at column 17
    path.write_text(valid.replace("context_window: 8192", 'context_window: "8k"'))
    port = free_port()
    server = launch(project, f"127.0.0.1:{port}")
    try:
        home = f"http://127.0.0.1:{port}/modelcat/"
        page = wait_for_text(home, "The catalog is invalid", timeout=90)
        assert f"{MODEL_FILE.name}:10:17: context_window must be an integer" in page
        assert "write 8192, not &#x27;8k&#x27;" in page or "write 8192, not '8k'" in page
        path.write_text(valid)
        wait_for_text(f"{home}{MODEL_PAGE}", "Fading 8B", timeout=90)
        # The home page's own heading: the error page is gone once it is back.
        assert "The catalog is invalid" not in wait_for_text(home, "Model catalog", timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_busy_port_is_one_sentence_naming_addr(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "modelcat_registry.site.serve", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        f"port {port} on 127.0.0.1 is in use; run make serve ADDR=127.0.0.1:"
    )


def test_a_malformed_addr_is_one_sentence(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "modelcat_registry.site.serve", "localhost"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "'localhost' is not a HOST:PORT address; run make serve ADDR=127.0.0.1:8000\n"
    )
