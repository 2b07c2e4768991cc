"""The official-document (公文) presentation that notices and bulletins share:
the 发文机关标志, the web header and imprint around a body, the GB/T 9704 PDF,
and the list of every notice of the site (the authors' notices and the
bulletins of the appraisal, which are 通报 of the office)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from campaign.derive import bulletins
from campaign.derive.notices import status
from campaign.model.notices import Notice, attachment_target
from campaign.model.plans import Plan
from campaign.print import titles
from campaign.views.base import BuildContext, PrintJob, href
from campaign.views.routes import NOTICES, bulletin_uri

STYLESHEETS = ("print/gbt9704.css",)


def pdf_name(notice: Notice) -> str:
    return f"notices/{notice.id}"


def bulletin_notice(ctx: BuildContext, report: bulletins.Report) -> Notice:
    """A bulletin as a 通报 of the office, for the notices index, feed and print layout:
    its title, doc number, addressees and date are the report's (from data or worded by default)."""
    return Notice(kind="bulletin", title=report.title, doc_number=report.doc_number,
                  issuer=ctx.model.campaign.office, date=report.date, recipients=list(report.recipients),
                  cc=list(report.cc), summary=report.summary, id=f"bulletins/{report.key}",
                  src_uri=bulletin_uri(report.key))


def all_notices(ctx: BuildContext) -> list[Notice]:
    """The authors' notices, then the bulletins newest first."""
    return [*ctx.model.notices.values(), *(bulletin_notice(ctx, r) for r in reversed(ctx.bulletins))]


def banner(notice: Notice) -> tuple[str, int]:
    """The 发文机关标志 and a whole size (pt, 12–36) that keeps it on one line of the type area;
    the print CSS has a class per size (no inline styles: the site's CSP forbids them)."""
    text = notice.banner or (notice.issuer if notice.kind == "public_notice" else f"{notice.issuer}文件")
    return text, max(12, min(36, int(436 / max(len(text), 1))))


@dataclass(frozen=True)
class AttachmentLink:
    title: str
    url: str


def attachment_links(ctx: BuildContext, notice: Notice) -> list[AttachmentLink]:
    links = []
    for att in notice.attachments:
        if att.file:
            url = href(notice.src_uri, attachment_target(notice, att))
        elif att.plan:
            url = ctx.link(notice.src_uri, "plan", att.plan)
        else:
            url = ctx.link(notice.src_uri, "task", att.task or "")
        links.append(AttachmentLink(att.title, url))
    return links


def summary(ctx: BuildContext, notice: Notice) -> str:
    if notice.summary:
        return notice.summary
    for block in re.split(r"\n\s*\n", notice.body):
        block = block.strip()
        if block and not block.startswith(("#", "|", "!!!", "<", "---")) and not block.endswith(("：", ":")):
            text = re.sub(r"<[^>]+>", "", str(ctx.env.filters["md_inline"](block)))
            return re.sub(r"\s+", "", text)[:120]
    return ""


def web_html(ctx: BuildContext, notice: Notice, body_html: str) -> str:
    """The notice page: header, the author's body, signature, attachments, imprint."""
    name, size = banner(notice)
    return ctx.render("notices/notice.html", n=notice, body=Markup(body_html), status=status(notice, ctx.as_of),
                      banner=name, banner_size=size, attachments=attachment_links(ctx, notice),
                      pdf=href(notice.src_uri, f"print/{pdf_name(notice)}.pdf"),
                      index=href(notice.src_uri, NOTICES),
                      css=href(notice.src_uri, "assets/campaign/print/gbt9704.css"))


# A 2号 (22 pt) title line holds 20 characters of the 156 mm type area.
TITLE_EM = 20


@dataclass(frozen=True)
class Annex:
    """An attachment bound into the PDF after the body (GB/T 9704 7.3.6)."""

    label: str                # 附件 / 附件1
    title_lines: tuple[str, ...]
    html: Markup


def plan_print_body(ctx: BuildContext, plan: Plan, signature: Signature | None = None) -> str:
    """A plan's text on the 公文 grid: printed alone (with its ``signature`` laid out after GB/T 9704,
    before its attachments), or bound into a notice that issues it (附件)."""
    return ctx.render("plans/print.html", plan=plan, outline=ctx.outlines[plan.id],
                      signature=signature)


def annexes(ctx: BuildContext, notice: Notice) -> list[Annex]:
    """The attachments that are documents: plans (their 公文 text) and tables or texts filed with the notice.
    Other files (spreadsheets, pictures) and task links stay in the 附件说明 only."""
    out: list[tuple[int, str, Markup]] = []
    for number, att in enumerate(notice.attachments, 1):
        html: str | None = None
        if att.plan and att.plan in ctx.model.plans:
            html = plan_print_body(ctx, ctx.model.plans[att.plan])
        elif att.file:
            html = _file_html(ctx, ctx.docs_dir / attachment_target(notice, att))
        if html is not None:
            out.append((number, att.title, Markup(html)))
    many = len(notice.attachments) > 1
    return [Annex(f"附件{number}" if many else "附件", titles.lines(title, TITLE_EM), html)
            for number, title, html in out]


def _file_html(ctx: BuildContext, path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".csv" and path.is_file():
        return ctx.render("notices/annex_table.html", rows=_csv_rows(path))
    if suffix in (".md", ".markdown") and path.is_file():
        return str(ctx.env.filters["md"](path.read_text("utf-8")))
    return None


def _csv_rows(path) -> list[list[str]]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.reader(f)]


CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals, as headings number them: 一, 十, 十一, 二十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


def number_headings(html: str) -> str:
    """Number the h2 and h3 of generated text as a 公文 does: 一、 and （一）."""
    counts = [0, 0]

    def heading(m: re.Match) -> str:
        level = int(m.group(1)) - 2
        counts[level] += 1
        if level == 0:
            counts[1] = 0
        mark = f"{cn_number(counts[0])}、" if level == 0 else f"（{cn_number(counts[1])}）"
        return m.group(0) + mark
    return re.sub(r"<h([23])\b[^>]*>", heading, html)


def _em(text: str) -> float:
    """Advance of a line of 三号 仿宋 in em: Chinese characters one em, numerals half, each 0.25 pt tighter."""
    return sum((0.5 if ord(ch) < 0x2000 else 1.0) - 0.25 / 16 for ch in text)


@dataclass(frozen=True)
class Signature:
    """署名 and 成文日期 as printed, with their right offsets in em (GB/T 9704 7.3.5).

    Unsealed (7.3.5.2): the signature 右空二字, the date starting two characters right of the signature's
    first character; a date longer than that stands 右空二字 and the signature moves left with it.
    Sealed (7.3.5.1): the date 右空四字, the signature centred on the date."""

    signer: str
    date: dt.date | None
    sealed: bool = False

    @property
    def offsets(self) -> tuple[float, float]:
        from campaign.model.dates import cn_date

        s, d = _em(self.signer), _em(cn_date(self.date)) if self.date else 0.0
        if self.sealed:
            signer, date = 4 + (d - s) / 2, 4.0
            if signer < 0:      # a signature far longer than the date: both move left
                signer, date = 0.0, date - signer
        elif s >= d + 2:
            signer, date = 2.0, s - d
        else:
            signer, date = 4 + d - s, 2.0
        return round(signer, 3), round(date, 3)

    @property
    def signer_right(self) -> float:
        return self.offsets[0]

    @property
    def date_right(self) -> float:
        return self.offsets[1]


def print_job(ctx: BuildContext, notice: Notice, body_html: str | None = None, *, counted: bool = False) -> PrintJob:
    """The GB/T 9704 PDF of a notice (``print/notices/<id>.pdf``); ``counted``: number the headings 一、（一）."""
    if body_html is None:
        body_html = str(ctx.env.filters["md"](notice.body))
    if counted:
        body_html = number_headings(body_html)
    name, size = banner(notice)
    article = ctx.render("notices/print.html", n=notice, body=Markup(body_html), banner=name, banner_size=size,
                         title_lines=titles.lines(notice.title, TITLE_EM),
                         signature=Signature(notice.signatory or notice.issuer, notice.date, notice.sealed),
                         attachments=[att.title for att in notice.attachments],
                         annexes=annexes(ctx, notice))
    return PrintJob(pdf_name(notice), article, STYLESHEETS, notice.title)
