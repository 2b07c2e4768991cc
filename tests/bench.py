"""Speed benchmark (``make bench``): the figures of issue 15 in one run.

For each size (``BENCH_SIZES``, default 100,1000,10000 units; 20 tasks each, PDFs
off) on a synthetic campaign (``campaign synth``):

- full build from a cold cache (``.cache/campaign`` and the site removed) and a rebuild with
  nothing changed (a second ``mkdocs build``, warm cache): CPU seconds of the
  child (user + system, from wait4), wall seconds and peak RSS; medians of
  ``BENCH_REPS`` runs (default 3; 1 above 1,000 units);
- the plain MkDocs baseline built from the campaign site's own pages: every page's
  article (the HTML our build made) as a Markdown file at the same path, same
  theme, nav (with the pages our plugin puts in it), overrides, extensions and
  search settings, jieba segmentation on; same medians;
- the largest page of the site (bytes; it must not grow with units);
- at the sizes in ``BENCH_SERVE`` (default 1000): ``mkdocs serve`` with one task's
  progress edited five times in its YAML file; each edit is timed from the write
  until the server answers with the unit page showing the new figure (the next
  edit follows ``EDITOR_PAUSE`` seconds after the page shows it); the serve
  process's RSS after each rebuild (first vs fifth).

Prints a table and writes it to bench/results.md (the README quotes it). Timings
depend on the machine and its load: this is not a test. CPU seconds are the
fairer comparison on a shared machine; wall seconds are what an editor waits.
Then the PDF stage of the sample project, cold (a fresh cache), with one worker
process and with one per core: PDFs, pages, seconds, pages per second and the
speed-up (``python -m tests.bench pdf`` runs only that); appended to the results.

Run: python -m tests.bench  (or BENCH_SIZES=100,1000 make bench)."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TASKS = 20
EDITOR_PAUSE = 3.0  # seconds between the page showing an edit and the next edit (and the memory reading)
ENV = dict(os.environ, CAMPAIGN_PDF="0", CAMPAIGN_AS_OF="2026-11-20", NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    cpu: float     # user + system seconds of the child
    wall: float
    peak_mb: int
    code: int
    tail: str


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env or ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        log.seek(0)
        tail = log.read().decode("utf-8", "replace")[-2000:]
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), tail)


def checked(r: Run) -> Run:
    if r.code:
        print(r.tail, file=sys.stderr)
        raise SystemExit(1)
    return r


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.cpu for r in runs), statistics.median(r.wall for r in runs),
               max(r.peak_mb for r in runs), 0, "")


# -- the plain MkDocs baseline from the campaign site's own pages ------------------
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', re.S)
HREF = re.compile(r'href="([^"#]*)"')


def _src_of(page: Path, site: Path) -> str:
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return "index.md"
    folder = rel[: -len("/index.html")]
    has_children = any(p != page for p in page.parent.rglob("index.html"))
    return f"{folder}/index.md" if has_children else f"{folder}.md"


def plain_project(site: Path, project: Path, dest: Path) -> int:
    """The campaign site's pages as a plain MkDocs project; returns the number of pages."""
    docs = dest / "content"
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
             and p.relative_to(site).as_posix() != "404.html"]
    uri_of_url: dict[str, str] = {}
    for page in pages:
        m = ARTICLE.search(page.read_text("utf-8"))
        if not m:
            continue
        src = _src_of(page, site)
        out = docs / src
        out.parent.mkdir(parents=True, exist_ok=True)
        # the article as our build made it; Markdown passes block HTML through
        out.write_text('<div markdown="0">\n' + m.group(1).strip() + "\n</div>\n", "utf-8")
        uri_of_url[page.parent.relative_to(site).as_posix() + "/" if page.parent != site else ""] = src
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config.get("plugins", {}).pop("campaign", None)
    config.pop("watch", None)
    config["strict"] = False
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", dest / "overrides")
    # the nav our plugin makes: pages it put into a section (plans, topics, quizzes) join it
    home = (site / "index.html").read_text("utf-8")
    nav_html = PRIMARY_NAV.search(home)
    in_nav = set()
    for href in HREF.findall(nav_html.group(0) if nav_html else ""):
        url = href.lstrip("./").rstrip("/")
        in_nav.add(url + "/" if url else "")
    listed = set()

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
                folder = next((v.rsplit("/", 1)[0] for v in (x if isinstance(x, str) else next(iter(x.values()))
                                                             for x in value) if isinstance(v, str) and v.endswith("/index.md")), None)
                if folder:
                    for url, src in sorted(uri_of_url.items()):
                        if url in in_nav and src.startswith(folder + "/") and src not in listed and src.count("/") == 1:
                            value.append(src)
                            listed.add(src)
            elif isinstance(value, str):
                listed.add(value)

    walk(config.get("nav", []))
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return len(pages)


# -- mkdocs serve: a one-task edit until the page shows it ----------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Serve:
    first_build: float = 0.0
    edits: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)


def serve_edits(proj: Path, edits: int = 5, timeout: float = 900) -> Serve:
    """Five edits of one task's progress; seconds from each write to the page showing it."""
    tasks_file = proj / "data" / "tasks" / "p1.yml"
    text = tasks_file.read_text("utf-8")
    m = re.search(r"- id: ((u\d+)-t\d+)\n(?:(?!- id:).*\n)*?    percent: 40\n", text)
    assert m, "no task in progress in p1.yml"
    task, unit = m.group(1), m.group(2)
    port = free_port()
    out = Serve()
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=proj, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/units/{unit}/"
    try:
        while "cs-unit-tasks" not in fetch(url):
            if time.perf_counter() - t0 > timeout or proc.poll() is not None:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.2)
        out.first_build = time.perf_counter() - t0
        out.rss.append(rss_mb(proc.pid))
        start, end = m.span()
        for i in range(edits):
            percent = 41 + i * 4
            block = m.group(0).replace("percent: 40\n", f"percent: {percent}\n")
            tasks_file.write_text(text[:start] + block + text[end:], "utf-8")
            t = time.perf_counter()
            row = re.compile(rf'id="task-{task}"[^\n]*?<td[^>]*>{percent}%</td>')
            while not row.search(fetch(url)):
                if time.perf_counter() - t > timeout or proc.poll() is not None:
                    raise SystemExit("the edit never showed")
                time.sleep(0.1)
            out.edits.append(time.perf_counter() - t)
            time.sleep(EDITOR_PAUSE)  # the editor reads the page before the next edit
            out.rss.append(rss_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        tasks_file.write_text(text, "utf-8")
    return out


# -- the run ------------------------------------------------------------------------
def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages)


RESULTS = ROOT / "bench" / "results.md"


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,10000").split(",") if s.strip()]
    serve_at = {int(s) for s in os.environ.get("BENCH_SERVE", "1000").split(",") if s.strip()}
    reps_env = os.environ.get("BENCH_REPS")
    rows, serves = [], {}
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="campaign-bench-") as tmp:
        for n in sizes:
            reps = int(reps_env) if reps_env else (3 if n <= 1000 else 1)
            proj = Path(tmp) / f"c{n}"
            checked(run([str(BIN / "campaign"), "synth", "--units", str(n), "--tasks-per-unit", str(TASKS),
                         "--out", str(proj), "--project", str(ROOT)], ROOT))
            full, noop = [], []
            for _ in range(reps):
                shutil.rmtree(proj / ".cache", ignore_errors=True)
                shutil.rmtree(proj / "site", ignore_errors=True)  # as for the plain build: no old site to clean
                full.append(checked(run([str(BIN / "mkdocs"), "build", "--strict"], proj)))
                noop.append(checked(run([str(BIN / "mkdocs"), "build", "--strict"], proj)))
                print(f"  {n}: full {full[-1].cpu:.1f} CPU s, no-op {noop[-1].cpu:.1f} CPU s", file=sys.stderr, flush=True)
            site = proj / "site"
            biggest = largest_page(site)
            pages = sum(1 for _ in site.rglob("index.html"))
            plain = Path(tmp) / f"p{n}"
            plain_pages = plain_project(site, proj, plain)
            base = []
            for _ in range(reps):
                shutil.rmtree(plain / "site", ignore_errors=True)
                base.append(checked(run([str(BIN / "mkdocs"), "build"], plain)))
                print(f"  {n}: plain {base[-1].cpu:.1f} CPU s", file=sys.stderr, flush=True)
            if n in serve_at:
                serves[n] = serve_edits(proj)
                s = serves[n]
                print(f"  {n}: serve edits {', '.join(f'{e:.1f}' for e in s.edits)} s; RSS "
                      f"{', '.join(f'{r:.0f}' for r in s.rss)} MB", file=sys.stderr, flush=True)
            rows.append((n, pages, plain_pages, median(full), median(noop), median(base), biggest, reps))
            shutil.rmtree(proj)
            shutil.rmtree(plain)
    total = time.perf_counter() - t_start
    report = render(rows, serves, total)
    print(report)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(report, "utf-8")
    return 0


def render(rows, serves, total: float) -> str:
    lines = [f"# `make bench` results ({dt.date.today().isoformat()}, {os.cpu_count()} cores, PDFs off, "
             f"{TASKS} tasks per unit, medians)", "",
             "| units | pages | full build CPU s (wall) | no-op rebuild CPU s (wall) | no-op / full "
             "| plain MkDocs CPU s (wall) | full / plain | peak MB (plain) | largest page KB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, pages, plain_pages, full, noop, base, biggest, reps in rows:
        lines.append(f"| {n:,} | {pages:,} | {full.cpu:.1f} ({full.wall:.1f}) | {noop.cpu:.1f} ({noop.wall:.1f}) | "
                     f"{noop.cpu / full.cpu:.2f} | {base.cpu:.1f} ({base.wall:.1f}) | {full.cpu / base.cpu:.2f} | "
                     f"{full.peak_mb} ({base.peak_mb}) | {biggest[0] / 1024:.0f} ({biggest[1]}) |")
    by_n = {r[0]: r for r in rows}
    if 1000 in by_n and 10000 in by_n:
        lines += ["", f"10,000 vs 1,000 units: full build {by_n[10000][3].cpu / by_n[1000][3].cpu:.1f}× the CPU time."]
    for n, s in sorted(serves.items()):
        lines += ["", f"`mkdocs serve` at {n:,} units: first build {s.first_build:.1f} s; one task's progress edited "
                  f"in its YAML file, until the server answers with the unit page showing it: "
                  f"{', '.join(f'{e:.1f}' for e in s.edits)} s (median {statistics.median(s.edits):.1f} s). "
                  f"RSS after the first build and each rebuild: {', '.join(f'{r:.0f}' for r in s.rss)} MB "
                  f"(fifth rebuild vs first rebuild: {(s.rss[-1] / s.rss[1] - 1) * 100:+.1f}%)."]
    lines += ["", f"Runs per figure: {', '.join(f'{r[0]:,}: {r[7]}' for r in rows)}. Bench total {total / 60:.1f} min. "
              "CPU seconds are the child's user + system time (the machine is shared; wall time depends on its load).", ""]
    return "\n".join(lines)


PDF_LINE = re.compile(r"(\d+) PDF（新生成 (\d+).*?：(\d+) 页，(\d+) 个进程，用时 ([\d.]+) 秒")


def pdf_stage(workers: int) -> tuple[int, int, float]:
    """(PDFs, pages, seconds) of the sample project's cold PDF stage with ``workers`` processes."""
    from tests.conftest import copy_project

    with tempfile.TemporaryDirectory(prefix="campaign-bench-pdf-") as tmp:
        proj = copy_project(Path(tmp) / "p")
        env = dict(os.environ, CAMPAIGN_AS_OF="2026-11-20", NO_MKDOCS_2_WARNING="1",
                   CAMPAIGN_PDF_WORKERS=str(workers))
        out = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=proj, env=env, capture_output=True,
                             text=True)
        m = PDF_LINE.search(out.stdout + out.stderr)
        if out.returncode or not m:
            raise SystemExit((out.stdout + out.stderr)[-1500:])
        return int(m[2]), int(m[3]), float(m[5])


def pdf_main() -> int:
    cores = os.cpu_count() or 1
    rows = [(w, *pdf_stage(w)) for w in sorted({1, cores})]
    lines = ["", "PDF stage of the sample project, cold cache (every PDF rendered):", "",
             "| processes | PDFs | pages | seconds | pages/s |", "|---:|---:|---:|---:|---:|"]
    lines += [f"| {w} | {n} | {pages} | {secs:.1f} | {pages / secs:.2f} |" for w, n, pages, secs in rows]
    if len(rows) == 2:
        lines += ["", f"Speed-up with {cores} processes: {rows[0][3] / rows[1][3]:.2f}×."]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["pdf"]:
        sys.exit(pdf_main())
    sys.exit(main() or pdf_main())
