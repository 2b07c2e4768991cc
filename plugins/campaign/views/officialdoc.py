"""The official-document (公文) presentation that notices and bulletins share:
the 发文机关标志, the web header and imprint around a body, the GB/T 9704 PDF,
and the list of every notice of the site (the authors' notices and the
bulletins of the appraisal, which are 通报 of the office)."""
from __future__ import annotations

import re

from markupsafe import Markup

from campaign.derive import bulletins
from campaign.derive.notices import status
from campaign.model.notices import Notice, attachment_target
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


def attachment_links(ctx: BuildContext, notice: Notice) -> list[tuple[str, str]]:
    links = []
    for att in notice.attachments:
        if att.file:
            url = href(notice.src_uri, attachment_target(notice, att))
        elif att.plan:
            url = ctx.link(notice.src_uri, "plan", att.plan)
        else:
            url = ctx.link(notice.src_uri, "task", att.task or "")
        links.append((att.title, url))
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


def print_job(ctx: BuildContext, notice: Notice, body_html: str | None = None) -> PrintJob:
    """The GB/T 9704 PDF of a notice (``print/notices/<id>.pdf``)."""
    if body_html is None:
        body_html = str(ctx.env.filters["md"](notice.body))
    name, size = banner(notice)
    article = ctx.render("notices/print.html", n=notice, body=Markup(body_html), banner=name, banner_size=size,
                         attachments=[title for title, _ in attachment_links(ctx, notice)])
    return PrintJob(pdf_name(notice), article, STYLESHEETS, notice.title)
