"""Scale benchmark (``make bench``): builds synthetic campaigns of 10, 100 and
1,000 units (20 tasks each) and, in the same run, plain MkDocs sites with the
same number of plain pages, and reports per-unit build time, the largest unit
page and the peak memory of each build (the child's own rusage via wait4).

Then the PDF stage of the sample project, cold (a fresh cache), with one
worker process and with one per core: PDFs, pages, seconds, pages per second
and the speed-up (``python -m tests.bench pdf`` runs only that).

Not a test: timings depend on the machine. Run: python -m tests.bench [N ...]"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = [10, 100, 1000]
TASKS = 20


def run(cmd: list[str], cwd: Path) -> tuple[float, int, int, str]:
    """(seconds, peak RSS in MB, exit code, output tail) of one child process."""
    env = dict(os.environ, CAMPAIGN_PDF="0", CAMPAIGN_AS_OF="2026-11-20", NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        secs = time.perf_counter() - t0
        log.seek(0)
        tail = log.read().decode("utf-8", "replace")[-1500:]
    return secs, usage.ru_maxrss // 1024, proc.returncode, tail


def plain_project(dest: Path, n: int) -> None:
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", "utf-8")
    for i in range(n):
        (docs / "p" / f"{i:04d}.md").write_text(f"# 普通页面 {i}\n\n" + "这是一段用于对比的普通文字。\n" * 20, "utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: 对比\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  search: {}\nnav:\n  - 首页: index.md\n", "utf-8")


def main(sizes: list[int]) -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="campaign-bench-") as tmp:
        for n in sizes:
            proj = Path(tmp) / f"c{n}"
            subprocess.run([str(BIN / "campaign"), "synth", "--units", str(n), "--tasks-per-unit", str(TASKS),
                            "--out", str(proj), "--project", str(ROOT)], check=True, capture_output=True)
            secs, mem, code, tail = run([str(BIN / "mkdocs"), "build", "--strict"], proj)
            if code:
                print(tail)
                return 1
            pages = sorted((proj / "site" / "units").glob("u*/index.html"), key=lambda p: p.stat().st_size)
            sizes = [p.stat().st_size for p in pages]
            leaf = [p.stat().st_size for p in pages if 'id="children"' not in p.read_text("utf-8")] or sizes
            site_mb = sum(f.stat().st_size for f in (proj / "site").rglob("*") if f.is_file()) / 2**20
            plain = Path(tmp) / f"p{n}"
            plain_project(plain, n)
            psecs, pmem, pcode, ptail = run([str(BIN / "mkdocs"), "build"], plain)
            if pcode:
                print(ptail)
                return 1
            rows.append((n, secs, secs / n * 1000, max(sizes), max(leaf), mem, site_mb,
                         psecs, psecs / n * 1000, pmem))
            shutil.rmtree(proj)
            shutil.rmtree(plain)
            print(f"  {n} units done", file=sys.stderr, flush=True)
    print(f"campaign build (tasks per unit: {TASKS}, PDFs off) vs plain MkDocs + material with as many plain pages")
    print(f"{'units':>6} {'build s':>8} {'ms/unit':>8} {'max unit page KB':>17} {'max leaf KB':>11} {'peak MB':>8} "
          f"{'site MB':>8} | {'plain s':>8} {'ms/page':>8} {'plain MB':>9}")
    for n, s, per, mx, med, mem, site, ps, pper, pmem in rows:
        print(f"{n:>6} {s:>8.1f} {per:>8.1f} {mx / 1024:>17.1f} {med / 1024:>11.1f} {mem:>8} {site:>8.1f} | "
              f"{ps:>8.1f} {pper:>8.1f} {pmem:>9}")
    if len(rows) >= 2:
        (n0, s0, *_), (n1, s1, *_) = rows[-2], rows[-1]
        print(f"marginal build time per unit from {n0} to {n1} units: {(s1 - s0) / (n1 - n0) * 1000:.1f} ms")
        print(f"largest unit page, {rows[-1][0]} vs {rows[0][0]} units: {rows[-1][3] / rows[0][3] * 100 - 100:+.1f}%; "
              f"largest leaf unit page: {rows[-1][4] / rows[0][4] * 100 - 100:+.1f}%")
    return 0


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
    print("PDF stage of the sample project, cold cache (every PDF rendered)")
    print(f"{'processes':>9} {'PDFs':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    for w, n, pages, secs in rows:
        print(f"{w:>9} {n:>5} {pages:>6} {secs:>8.1f} {pages / secs:>8.2f}")
    if len(rows) == 2:
        print(f"speed-up with {cores} processes: {rows[0][3] / rows[1][3]:.2f}×")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["pdf"]:
        sys.exit(pdf_main())
    code = main([int(a) for a in args] or SIZES)
    sys.exit(code or (pdf_main() if not args else 0))
