"""Shared fixtures: a scratch copy of the project to break, builds run as an
author runs them (the ``mkdocs`` command, in a subprocess), and a real
headless Chromium (Debian's, driven by Playwright) against a loopback server."""
from __future__ import annotations

import functools
import http.server
import inspect
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AS_OF = "2026-11-20"
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.internal.yml", "content", "data")


# Tiers (pytest -m …, registered in pyproject.toml): unit needs no build, browser or server;
# build builds a site; pdf reads rendered PDFs; browser drives Chromium; deploy runs nginx.
TIERS = ("unit", "build", "pdf", "browser", "deploy")
_FIXTURE_TIERS = {"browser": "browser", "built": "build", "scratch": "build", "nginx": "deploy"}


# Property tests: thorough in `make test`, a quick pass in `make test-fast` (--hypothesis-profile=fast).
hypothesis_settings.register_profile("thorough", max_examples=300)
hypothesis_settings.register_profile("fast", max_examples=30)
hypothesis_settings.load_profile("thorough")


def pytest_configure(config: pytest.Config) -> None:
    # Every build of the suite shares one PDF cache (content-addressed, so always correct):
    # a PDF rendered once is copied by every later build of the same article.
    os.environ.setdefault("CAMPAIGN_CACHE_DIR", str(ROOT / ".cache" / "tests"))


_PDF_TOOLS = re.compile(r"pdftotext|pdffonts|pdfinfo|pdfimages|pdfdetach|fitz|pymupdf|pdfplumber|zxing|\.pdf\b")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test's tier is its marker; a test with none gets the heaviest tier its fixtures need
    (browser > deploy > pdf, when it reads a rendered PDF > build), else unit."""
    for item in items:
        if any(item.get_closest_marker(t) for t in TIERS):
            continue
        needs = {_FIXTURE_TIERS[f] for f in getattr(item, "fixturenames", ()) if f in _FIXTURE_TIERS}
        if needs - {"browser", "deploy"} and _PDF_TOOLS.search(_source(item)):
            needs.add("pdf")
        tier = next((t for t in ("browser", "deploy", "pdf", "build") if t in needs), "unit")
        item.add_marker(getattr(pytest.mark, tier))


def _source(item: pytest.Item) -> str:
    try:
        return inspect.getsource(item.function)  # type: ignore[attr-defined]
    except (AttributeError, OSError, TypeError):
        return ""


@dataclass
class Result:
    code: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.code == 0


def copy_project(dest: Path) -> Path:
    """A scratch copy of the author-facing parts of the project."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, config: str = "mkdocs.yml", as_of: str = AS_OF, pdf: bool = True,
                 timeout: int = 300) -> Result:
    env = dict(os.environ, CAMPAIGN_AS_OF=as_of, NO_MKDOCS_2_WARNING="1")
    if not pdf:
        env["CAMPAIGN_PDF"] = "0"
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", config], cwd=project,
                          capture_output=True, text=True, env=env, timeout=timeout)
    site = project / ("site-internal" if "internal" in config else "site")
    return Result(proc.returncode, proc.stdout + proc.stderr, site)


def campaign_cli(project: Path, *args: str, timeout: int = 120) -> Result:
    proc = subprocess.run([str(BIN / "campaign"), *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, CAMPAIGN_AS_OF=AS_OF))
    return Result(proc.returncode, proc.stdout + proc.stderr, project / "site")


def campaign_here(project: Path, *args: str) -> Result:
    """``campaign ARGS`` run inside this process, as ``campaign_cli`` runs it in a child: the same
    working folder, day and output, without starting an interpreter and importing everything again
    (the hostile corpus runs ~100 commands). An exception is not caught: it fails the test as a
    traceback in a child's output would."""
    import contextlib
    import io
    import logging

    from campaign.cli.main import main

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    here, day = Path.cwd(), os.environ.get("CAMPAIGN_AS_OF")
    os.environ["CAMPAIGN_AS_OF"] = AS_OF
    root.addHandler(handler)
    try:
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse's own errors
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.chdir(here)
        root.removeHandler(handler)
        if day is None:
            os.environ.pop("CAMPAIGN_AS_OF", None)
        else:
            os.environ["CAMPAIGN_AS_OF"] = day
    return Result(code, out.getvalue(), project / "site")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sample project built once per session: {'public': site, 'internal': site}."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    out = {}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        result = mkdocs_build(project, config)
        assert result.ok, result.output
        out[audience] = result.site
    out["project"] = project
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL on loopback."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
