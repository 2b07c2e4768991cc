"""The print pipeline: articles marked printable become PDFs under print/.

WeasyPrint renders paged media (named pages, :left/:right margin boxes for the
``— 1 —`` page numbers of GB/T 9704, exact physical page sizes) and embeds
subsets of the fonts. A PDF is rendered once per distinct input: its HTML,
stylesheets and the renderer's version make a key, and unchanged PDFs are
copied from the cache on every later build (and every ``mkdocs serve`` rebuild).
"""
from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Iterable
from html import escape
from pathlib import Path

from campaign.print.job import PrintJob

log = logging.getLogger("mkdocs.plugins.campaign")


def document(job: PrintJob, stylesheets: Iterable[Path]) -> str:
    css = "\n".join(p.read_text("utf-8") for p in stylesheets)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(job.title)}</title><style>{css}</style></head>"
        f'<body class="cs-pdf">{job.html}</body></html>'
    )


def stylesheet_paths(job: PrintJob, assets: Path) -> list[Path]:
    return [assets / name for name in job.stylesheets]


def cache_key(html: str) -> str:
    import weasyprint

    return hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()


def render(jobs: Iterable[PrintJob], site_dir: Path, cache_dir: Path, assets: Path) -> dict[str, str]:
    """Write every job's PDF (stylesheets from ``assets``); returns {name: 'rendered' | 'cached'}."""
    done: dict[str, str] = {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        html = document(job, stylesheet_paths(job, assets))
        cached = cache_dir / f"{cache_key(html)}.pdf"
        target = site_dir / "print" / f"{job.name}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        if cached.exists():
            done[job.name] = "cached"
        else:
            write_pdf(html, site_dir, cached)
            done[job.name] = "rendered"
        shutil.copyfile(cached, target)
    rendered = sum(1 for v in done.values() if v == "rendered")
    log.info(f"campaign: {len(done)} PDF（新生成 {rendered}，沿用缓存 {len(done) - rendered}）")
    return done


def write_pdf(html: str, base: Path, target: Path) -> None:
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tmp = target.with_suffix(".tmp")
    weasyprint.HTML(string=html, base_url=str(base) + "/").write_pdf(tmp)
    tmp.replace(target)
