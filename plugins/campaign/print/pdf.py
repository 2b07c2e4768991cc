"""The print pipeline: articles marked printable become PDFs under print/.

WeasyPrint renders paged media (named pages, :left/:right margin boxes for the
``— 1 —`` page numbers of GB/T 9704, exact physical page sizes) and embeds
subsets of the fonts. A PDF is rendered once per distinct input: its HTML,
stylesheets, the faces chosen for each role (``fonts``) and the renderer's
version make a key, and unchanged PDFs are copied from the cache on every
later build (and every ``mkdocs serve`` rebuild).

PDFs that are not cached are rendered in parallel, one worker process per core
(``CAMPAIGN_PDF_WORKERS`` sets the number; ``make bench`` compares 1 and all).
Workers are fresh processes (spawn) so that fontconfig starts with the
project's font folder (``FONTCONFIG_FILE``).

Official documents (``article.cs-doc``) get the standard's last-page rules
after a first layout: a page that would hold only the signature is avoided by
tightening the leading (GB/T 9704 7.3.5.4: 调整行距、字距), and the 版记 moves
to an even page (the back of the last sheet). Boards get the largest panel
text that fits (``board_layout``); quiz papers never end with one stray
question (``paper_layout``).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from html import escape
from multiprocessing import get_context
from pathlib import Path

from campaign.print import fonts
from campaign.print.fetcher import confined
from campaign.print.job import PrintJob

log = logging.getLogger("mkdocs.plugins.campaign")

# Spaces authors type between Chinese and numerals ("2027 年 6 月") would be stretched by justification.
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_SPACE_NUM = re.compile(rf"(?<={_CJK})[ \u00a0\n]+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ \u00a0\n]+(?={_CJK})"
                        rf"|(?<={_CJK})[ \t]*\n[ \t]*(?={_CJK})")
_TEXT = re.compile(r"(>)([^<]+)(<)")


_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S)
_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}")
_PIECE = re.compile(r"[^、，,；;/\s]+")
SHORT_PIECE = 12   # characters: in a cell of names, each name is kept whole
SHORT_CELL = 8     # characters: a header cell, a cell this short or a list of short pieces holds names;
                   # other cells are running text, where only dates are kept whole


def _nobr(text: str, short: bool) -> str:
    def piece(m: re.Match) -> str:
        if short and len(m.group(0)) <= SHORT_PIECE:
            return f'<span class="cs-nobr">{m.group(0)}</span>'
        return _DATE.sub(lambda d: f'<span class="cs-nobr">{d.group(0)}</span>', m.group(0))
    return _PIECE.sub(piece, text)


def _cell(m: re.Match) -> str:
    text = re.sub(r"<[^>]+>|\s", "", m.group(2))
    pieces = _PIECE.findall(text)
    short = (m.group(1).startswith("<th") or len(text) <= SHORT_CELL
             or (len(pieces) > 1 and all(len(p) <= SHORT_PIECE for p in pieces)))
    inner = _TEXT.sub(lambda t: t.group(1) + _nobr(t.group(2), short) + t.group(3), ">" + m.group(2) + "<")[1:-1]
    return m.group(1) + inner + m.group(3)


def tidy_text(html: str) -> str:
    """Print typography, in one place: no spaces between Chinese characters and numerals, nor line breaks
    of the source between Chinese characters (justified lines would stretch them; spaces an author typed
    between Chinese words, as in a board's title, stay), and table cells never broken inside a name or a
    date."""
    html = _TEXT.sub(lambda m: m.group(1) + _SPACE_NUM.sub("", m.group(2)) + m.group(3), html)
    return _CELL.sub(_cell, html)


# A link between pages of the site means nothing on paper, and WeasyPrint would resolve it against the
# build folder (file:///…/units/x/): printed links keep only web addresses, mail, phone and in-document anchors.
_SITE_LINK = re.compile(r"""(<a\b[^>]*?)\shref=(["'])(?!https?:|mailto:|tel:|#)[^"']*\2""", re.I)


def paper_links(html: str) -> str:
    return _SITE_LINK.sub(r"\1", html)


def document(job: PrintJob, stylesheets: Iterable[Path], font_css: str = "") -> str:
    css = font_css + "\n".join(p.read_text("utf-8") for p in stylesheets)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(job.title)}</title><style>{css}</style></head>"
        f'<body class="cs-pdf">{paper_links(tidy_text(job.html))}</body></html>'
    )


def stylesheet_paths(job: PrintJob, assets: Path) -> list[Path]:
    return [assets / name for name in job.stylesheets]


def cache_key(html: str) -> str:
    import weasyprint

    return hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()


def workers(todo: int) -> int:
    wanted = os.environ.get("CAMPAIGN_PDF_WORKERS", "")
    n = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(n, todo))


def font_choices(project_dir: Path, cache_dir: Path, configured: dict[str, str] | None = None):
    conf = fonts.fontconfig_file(project_dir, cache_dir / "fonts")
    return conf, fonts.choose(configured or {}, fonts.installed(conf))


def render(jobs: Iterable[PrintJob], site_dir: Path, cache_dir: Path, assets: Path, *,
           project_dir: Path | None = None, font_config: dict[str, str] | None = None) -> dict[str, str]:
    """Write every job's PDF (stylesheets from ``assets``); returns {name: 'rendered' | 'cached'}."""
    done: dict[str, str] = {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    conf, choices = font_choices(project_dir or site_dir.parent, cache_dir, font_config)
    for line in fonts.messages(choices):
        log.info(line)
    font_css = fonts.css(choices)
    todo: dict[Path, str] = {}
    targets: list[tuple[Path, Path]] = []
    for job in jobs:
        html = document(job, stylesheet_paths(job, assets), font_css)
        cached = cache_dir / f"{cache_key(html)}.pdf"
        target = site_dir / "print" / f"{job.name}.pdf"
        done[job.name] = "cached" if cached.exists() else "rendered"
        if not cached.exists():
            todo[cached] = html
        targets.append((cached, target))
    pages, n, started = 0, 0, time.perf_counter()
    if todo:
        n = workers(len(todo))
        order = sorted(todo, key=lambda p: -len(todo[p]))  # longest first: the pool ends together
        with ProcessPoolExecutor(n, mp_context=get_context("spawn"), initializer=_start_worker,
                                 initargs=(str(conf),)) as pool:
            pages = sum(pool.map(write_pdf, [todo[p] for p in order], [str(site_dir)] * len(order),
                                 [str(p) for p in order]))
    for cached, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    rendered = sum(1 for v in done.values() if v == "rendered")
    spent = time.perf_counter() - started
    log.info(f"campaign: {len(done)} PDF（新生成 {rendered}，沿用缓存 {len(done) - rendered}）"
             + (f"：{pages} 页，{n} 个进程，用时 {spent:.1f} 秒" if rendered else ""))
    return done


def _start_worker(conf: str) -> None:
    os.environ["FONTCONFIG_FILE"] = conf
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def write_pdf(html: str, base: str, target: str) -> int:
    """Lay out and write one PDF (in a worker process); returns its number of pages."""
    out = Path(target)
    if 'class="cs-doc ' in html:
        document = official_layout(html, base)
    elif 'class="cs-board ' in html:
        document = board_layout(html, base)
    else:
        document = paper_layout(html, base)
    tmp = out.with_suffix(".tmp")
    document.write_pdf(tmp)
    tmp.replace(out)
    return len(document.pages)


def layout(html: str, base: str):
    """The one place WeasyPrint reads a document (and with it, any file the document names): a confined
    ``url_fetcher`` belongs here and nowhere else. Every PDF, in every worker, goes through it."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url=str(base) + "/", url_fetcher=confined(Path(base))).render()


# -- the standard's last-page rules for official documents ---------------------
TIGHTER = ("cs-doc--tight-1", "cs-doc--tight-2", "cs-doc--tight-3")


def official_layout(html: str, base: str):
    document, level = layout(html, base), 0
    while _signature_alone(document) and level < len(TIGHTER):
        document, level = layout(_tight(html, level + 1), base), level + 1
    if len(document.pages) % 2 == 1 and "cs-doc__imprint" in html:
        # the 版记 belongs on an even page: tighten further if that brings it there, else move it to the
        # next even page (a blank page between when needed; blank pages carry no number)
        for more in range(level + 1, 2):  # only as far as 28 pt, which keeps 22 lines a page
            tighter = layout(_tight(html, more), base)
            if len(tighter.pages) % 2 == 0 and not _signature_alone(tighter):
                return tighter
        apart = _tight(html, level).replace('class="cs-doc ', 'class="cs-doc cs-doc--imprint-apart ', 1)
        document = layout(apart, base)
    return document


def _tight(html: str, level: int) -> str:
    return html if level == 0 else html.replace('class="cs-doc ', f'class="cs-doc {TIGHTER[level - 1]} ', 1)


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _page_blocks(page, container: str = "cs-doc") -> list[set[str]]:
    """The classes of the container's children laid out on a page, in order."""
    found: list[set[str]] = []

    def walk(box) -> None:
        for child in getattr(box, "children", []) or []:
            if container in _classes(box):
                found.append(_classes(child) or {"text"})
            else:
                walk(child)
    walk(page._page_box)
    return found


def _signature_alone(document) -> bool:
    """True when the page holding the signature holds nothing of the text before it."""
    for page in document.pages:
        blocks = _page_blocks(page)
        if any("cs-doc__signature" in b for b in blocks):
            before = []
            for b in blocks:
                if "cs-doc__signature" in b:
                    break
                before.append(b)
            return not before and page is not document.pages[0]
    return False


# -- quiz papers: never a last page holding one stray question --------------------
SNUGGER = ("cs-print--snug-1", "cs-print--snug-2")


def paper_layout(html: str, base: str):
    document = layout(html, base)
    if "cs-quiz-paper__questions" not in html:
        return document
    for snug in SNUGGER:
        if not _stray_question(document):
            break
        html = html.replace('class="cs-print ', f'class="cs-print {snug} ', 1)
        document = layout(html, base)
    return document


def _stray_question(document) -> bool:
    """True when the last page of a paper holds exactly one question."""
    if len(document.pages) < 2:
        return False
    blocks = _page_blocks(document.pages[-1], "cs-quiz-paper__questions")
    return sum(1 for b in blocks if "cs-quiz-paper__q" in b) == 1


# -- boards: the panels' text as large as the sheet allows ----------------------------
BOARD_MAX_SCALE = 1.8     # the panels' text may grow up to this much over the viewing-distance size
BOARD_STEPS = 3           # halvings of the interval: the scale is found to within 0.1


def _scaled(html: str, scale: float) -> str:
    rule = (f"<style>.cs-board .cs-panel__title {{ font-size: {1.3 * scale:.3f}em; }} "
            f".cs-board .cs-panel__points {{ font-size: {scale:.3f}em; }}</style></head>")
    return html.replace("</head>", rule, 1)


def board_layout(html: str, base: str):
    """The largest panel text (never below the viewing-distance size the data gives) that fits every panel,
    so the content fills the sheet."""
    best = layout(html, base)
    lo, hi = 1.0, BOARD_MAX_SCALE
    for _ in range(BOARD_STEPS):
        mid = (lo + hi) / 2
        document = layout(_scaled(html, mid), base)
        if len(document.pages) == 1 and not _panel_overflows(document.pages[0]):
            best, lo = document, mid
        else:
            hi = mid
    return best


def _descendants(box):
    for child in getattr(box, "children", []) or []:
        yield child
        yield from _descendants(child)


def _bottom(box) -> float:
    return max([box.position_y + box.margin_height()]
               + [d.position_y + d.margin_height() for d in _descendants(box) if hasattr(d, "margin_height")])


def _panel_overflows(page) -> bool:
    """True when a panel's points run into its QR code or a panel leaves the sheet."""
    width = page._page_box.margin_width()
    for box in _descendants(page._page_box):
        if "cs-panel" not in _classes(box):
            continue
        if box.position_x + box.margin_width() > width + 0.5:
            return True
        points = [d for d in _descendants(box) if "cs-panel__points" in _classes(d)]
        codes = [d for d in _descendants(box) if "cs-panel__qr" in _classes(d)]
        if points and codes and _bottom(points[0]) > codes[0].position_y - 0.5:
            return True
    return False
