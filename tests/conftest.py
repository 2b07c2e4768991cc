"""Shared fixtures: a scratch copy of the project to break, builds run as an
author runs them (the ``mkdocs`` command, in a subprocess), and a real
headless Chromium (Debian's, driven by Playwright) against a loopback server."""
from __future__ import annotations

import contextlib
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
_FIXTURE_TIERS = {"browser": "browser", "built": "build", "sample_pdfs": "build", "scratch": "build", "nginx": "deploy"}


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


# -- the sample, built once for every worker and every later run ---------------------------------
# Builds of the unchanged sample are kept under .cache/tests/built/<key>, the key a hash of everything the
# build reads (the project's files, the plugin's source, the installed packages, the fonts): the two xdist
# workers and the next `make test` reuse one build; a change to any of those makes a new one. Its PDFs are
# rendered into a cache of their own (SAMPLE_PDF_CACHE, only the unchanged sample's articles), from which a
# test that must see the renderer's own messages seeds a fresh cache: everything but its changed article is
# copied, that article is rendered again.
BUILT_DIR = ROOT / ".cache" / "tests" / "built"
SAMPLE_PDF_CACHE = ROOT / ".cache" / "tests" / "sample"
_BUILT_RECIPE = "2"  # bump when the way `built` is made changes
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), ROOT / ".cache" / "fonts")


def _tree_digest(h, root: Path, contents: bool = True) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".cache", "site", "site-internal"))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            h.update(str(path.relative_to(root)).encode() + b"\0")
            if contents:
                h.update(path.read_bytes())
            else:
                h.update(str(path.stat().st_size).encode())
            h.update(b"\0")


def built_key() -> str:
    """What a build of the sample depends on, hashed."""
    import hashlib
    from importlib import metadata

    h = hashlib.sha256(f"{_BUILT_RECIPE}\n{AS_OF}\n{sys.version}\n".encode())
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            _tree_digest(h, src)
        elif src.exists():
            h.update(part.encode() + b"\0" + src.read_bytes())
    _tree_digest(h, ROOT / "plugins")
    h.update(repr(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())).encode())
    for fonts in _FONT_DIRS:
        if fonts.is_dir():
            _tree_digest(h, fonts, contents=False)
    return h.hexdigest()[:20]


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on ``path`` across processes (both xdist workers)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def seed_pdf_cache(cache_dir: Path) -> Path:
    """A PDF cache (for CAMPAIGN_CACHE_DIR) holding the unchanged sample's PDFs: a build from it renders
    only what differs from the sample. Call after ``built``."""
    target = cache_dir / "print"
    target.mkdir(parents=True, exist_ok=True)
    for pdf in (SAMPLE_PDF_CACHE / "print").glob("*.pdf"):
        if not (target / pdf.name).exists():
            os.link(pdf, target / pdf.name)
    return cache_dir


def _build_sample(project: Path) -> None:
    copy_project(project)
    saved = os.environ.get("CAMPAIGN_CACHE_DIR")
    os.environ["CAMPAIGN_CACHE_DIR"] = str(SAMPLE_PDF_CACHE)
    try:
        for config in ("mkdocs.yml", "mkdocs.internal.yml"):
            result = mkdocs_build(project, config)
            assert result.ok, result.output
    finally:
        if saved is None:
            os.environ.pop("CAMPAIGN_CACHE_DIR", None)
        else:
            os.environ["CAMPAIGN_CACHE_DIR"] = saved
    # every other build of the suite (CAMPAIGN_CACHE_DIR) copies the sample's unchanged PDFs too
    seed_pdf_cache(Path(os.environ.get("CAMPAIGN_CACHE_DIR") or ROOT / ".cache" / "tests"))


@pytest.fixture(scope="session")
def built() -> dict[str, Path]:
    """The sample project built (public and internal, with PDFs): {'public': site, 'internal': site,
    'project': its folder}. Made once for all workers and kept for later runs while nothing it reads
    changes; tests only read it."""
    key = built_key()
    home = BUILT_DIR / key
    with _locked(BUILT_DIR / ".lock"):
        if not (home / "done").exists():
            shutil.rmtree(home, ignore_errors=True)
            _build_sample(home / "project")
            (home / "done").write_text(key, "utf-8")
            for old in sorted((p for p in BUILT_DIR.iterdir() if p.is_dir() and p != home),
                              key=lambda p: p.stat().st_mtime)[:-2]:  # keep the two builds before this one
                shutil.rmtree(old, ignore_errors=True)
    project = home / "project"
    return {"public": project / "site", "internal": project / "site-internal", "project": project}


@pytest.fixture(scope="session")
def sample_pdfs(built) -> Path:
    """The unchanged sample's PDFs, in the suite's PDF cache: a test that builds a changed copy of the sample
    with PDFs asks for this first, and only what it changed is rendered."""
    return SAMPLE_PDF_CACHE


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL on loopback (one server per folder for the session: each shutdown
    waits for the server's poll, so tests asking again for the same site share its server)."""
    servers: dict[Path, http.server.ThreadingHTTPServer] = {}

    def start(directory: Path) -> str:
        key = Path(directory).resolve()
        if key not in servers:
            handler = functools.partial(_Quiet, directory=str(key))
            servers[key] = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=servers[key].serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{servers[key].server_address[1]}/"

    yield start
    for s in servers.values():
        s.shutdown()
        s.server_close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
