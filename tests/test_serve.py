"""`make serve`: editing a data file rebuilds the preview (mkdocs.yml watches data/)."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

from conftest import AS_OF, BIN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_editing_data_rebuilds_the_preview(scratch):
    port = free_port()
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/plans/zxj/"
        assert wait_for(lambda: "林建华" in fetch(url), 120), "the preview never came up"
        people = scratch / "data" / "people.yml"
        people.write_text(people.read_text("utf-8").replace("林建华", "林建新"), "utf-8")
        assert wait_for(lambda: "林建新" in fetch(url), 120), "the preview was not rebuilt after a data edit"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
