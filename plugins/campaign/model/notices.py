"""Official notices (通知 / 公示 / 通报) as content: ``content/notices/**.md``.

The front matter of a notice is a ``Notice`` record, read and checked by the
loader like every data file (unknown keys, missing fields, impossible dates,
unknown plans or tasks are reported with file:line:col). What only a whole
notice can tell (a 公示 needs its period and a contact, an attachment must be
a file inside the site) is checked here, in ``check_notices``.

The Markdown body below the front matter is the author's text; it is kept on
the record (``body``) for the PDF, while MkDocs renders it for the web page.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from campaign.model.ids import PlanRef, TaskRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Pattern, Record, fld

KIND_LABELS = {"circular": "通知", "public_notice": "公示", "bulletin": "通报"}
KIND_ORDER = ("circular", "public_notice", "bulletin")

DOC_NUMBER_RE = r"(?P<code>[\u4e00-\u9fffA-Za-z]+)〔(?P<year>(?:19|20)\d\d)〕(?P<serial>[1-9]\d{0,3})号"
DocNumber = Annotated[str, Pattern(
    DOC_NUMBER_RE,
    "发文字号“{value}”格式不对：应为“机关代字〔年份〕序号号”，如 某卫办〔2026〕3号"
    "（年份四位、用六角括号〔〕，序号不加“第”、不编虚位如 03）。")]
Phone = Annotated[str, Pattern(r"\+?[0-9][0-9 -]{2,19}", "电话“{value}”格式不对：只能写数字、空格和 -，如 0000-7654321 或 12345。")]
Email = Annotated[str, Pattern(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", "电子邮箱“{value}”格式不对，如 awb@example.gov.cn。")]


@dataclass(frozen=True, kw_only=True)
class NoticePeriod(Record):
    start: dt.date = fld(doc="公示开始日期", example="2026-11-16")
    end: dt.date = fld(doc="公示截止日期（含当天）", example="2026-11-25")


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    name: str = fld("", doc="受理部门或联系人", example="爱卫办监督科")
    phone: Phone | None = fld(None, doc="监督/举报电话", example="0000-7654321")
    email: Email | None = fld(None, doc="电子邮箱", example="awb@example.gov.cn")
    address: str = fld("", doc="来信地址")


@dataclass(frozen=True, kw_only=True)
class Attachment(Record):
    title: str = fld(doc="附件名称", example="某县创建国家卫生县城工作实施方案")
    file: str | None = fld(None, doc="随网站发布的文件，路径相对于本通知所在文件夹", example="files/点位表.csv")
    plan: PlanRef | None = fld(None, doc="或：链接到一个方案页（方案编号）", example="county")
    task: TaskRef | None = fld(None, doc="或：链接到一项任务（任务编号）", example="xc-01")


@dataclass(frozen=True, kw_only=True)
class Notice(Record):
    kind: Literal["circular", "public_notice", "bulletin"] = fld(
        doc="类型：circular 通知 / public_notice 公示 / bulletin 通报", example="circular")
    title: str = fld(doc="标题", example="关于开展爱国卫生月活动的通知")
    doc_number: DocNumber | None = fld(None, doc="发文字号（通知、通报必填）", example="某卫办〔2026〕3号")
    issuer: str = fld(doc="发文机关全称（也是落款）", example="某县爱国卫生运动委员会办公室")
    signatory: str = fld("", doc="署名（不填即发文机关全称；可写规范化简称）", example="某县爱卫办")
    sealed: bool = fld(False, doc="加盖印章：true 按盖章版式排署名和日期（GB/T 9704 7.3.5.1），不填按不盖章版式", example=True)
    banner: str = fld("", doc="发文机关标志（红头），不填：通知、通报为“发文机关全称+文件”，公示为发文机关全称", example="某县爱国卫生运动委员会办公室文件")
    date: dt.date = fld(doc="成文日期", example="2026-03-25")
    recipients: list[str] = fld(factory=list, doc="主送机关", example=["各乡镇人民政府", "县直各单位"])
    cc: list[str] = fld(factory=list, doc="抄送机关", example=["县委办公室"])
    printed_by: str = fld("", doc="印发机关（不填即发文机关）", example="某县爱国卫生运动委员会办公室")
    printed_on: dt.date | None = fld(None, doc="印发日期（不填即成文日期）", example="2026-03-26")
    attachments: list[Attachment] = fld(factory=list, doc="附件：文件或方案、任务页面")
    notice_period: NoticePeriod | None = fld(None, doc="公示期（公示必填）")
    contact: Contact | None = fld(None, doc="意见受理方式：电话或邮箱（公示必填）")
    summary: str = fld("", doc="一句话摘要（通知列表和订阅里显示，不填取正文第一段）")
    # set by the loader, not written by authors
    id: str = field(default="", metadata={"source": True})
    src_uri: str = field(default="", metadata={"source": True})
    body: str = field(default="", metadata={"source": True})

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def year(self) -> int:
        return self.date.year


def add_notice(into: dict[str, Notice], notice: Notice, reg: Registry, problems: Problems) -> None:
    """A notice's id is its path under content/notices/ without .md."""
    file = notice.src_file or Path(notice.loc.path)
    docs = reg.docs_dir or file.parent
    src_uri = file.relative_to(docs).as_posix() if file.is_relative_to(docs) else file.name
    key = src_uri.removeprefix("notices/").removesuffix(".md")
    notice = dataclasses.replace(notice, id=key, src_uri=src_uri, src_file=file)
    if reg.define("notice", key, notice.loc, problems, "(文件)"):
        into[key] = notice


def attachment_target(notice: Notice, att: Attachment) -> str:
    """The src_uri (relative to content/) of a file attachment."""
    return (PurePosixPath(notice.src_uri).parent / att.file).as_posix() if att.file else ""


def _check_file(notice: Notice, att: Attachment, docs: Path | None, root: Path | None, problems: Problems) -> None:
    where, fpath, value = att.where("file"), att.path("file"), att.file or ""
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        problems.add(where, fpath, f"附件“{value}”是绝对路径；请把文件放进 content/ 文件夹，写相对于本通知的路径，如 files/表格.xlsx。")
        return
    if "://" in value:
        problems.add(where, fpath, f"附件“{value}”是网址；file 只能写随网站发布的文件。")
        return
    source = notice.src_file or Path(notice.loc.path)
    docs = docs or source.parent
    target = Path(os.path.normpath(source.parent.absolute() / value))
    if not target.is_relative_to(Path(os.path.normpath(docs.absolute()))):
        problems.add(where, fpath, f"附件“{value}”指向网站文件夹（content/）之外，出于安全不予发布。")
        return
    if target.exists() and not target.resolve().is_relative_to(docs.resolve()):
        problems.add(where, fpath, f"附件“{value}”是指向网站文件夹之外的链接，出于安全不予发布。")
        return
    if not target.is_file():
        shown = target.relative_to(root.absolute()).as_posix() if root and target.is_relative_to(root.absolute()) else value
        problems.add(where, fpath, f"附件文件“{value}”不存在（按本通知所在文件夹查找：{shown}）。")


def check_notices(notices: dict[str, Notice], reg: Registry, problems: Problems) -> None:
    for n in notices.values():
        if n.kind in ("circular", "bulletin") and not n.doc_number:
            problems.add(n.loc, "doc_number", f"{n.kind_label}须有发文字号（doc_number），如 某卫办〔2026〕3号。")
        if n.kind == "public_notice":
            if n.notice_period is None:
                problems.add(n.loc, "notice_period", "公示须写明公示期（notice_period 的 start 和 end）。")
            if n.contact is None:
                problems.add(n.loc, "contact", "公示须写明意见受理方式（contact 的 phone 或 email）。")
        elif n.notice_period is not None:
            problems.add(n.where("notice_period"), "notice_period", f"只有公示才有公示期；这份是{n.kind_label}。")
        if n.notice_period is not None and n.notice_period.end < n.notice_period.start:
            p = n.notice_period
            problems.add(p.where("end"), p.path("end"), f"公示截止日期（{p.end}）早于开始日期（{p.start}）。")
        if n.contact is not None and not (n.contact.phone or n.contact.email):
            problems.add(n.where("contact"), "contact", "意见受理方式须有电话（phone）或电子邮箱（email）至少一项。")
        if n.printed_on is not None and n.printed_on < n.date:
            problems.add(n.where("printed_on"), "printed_on", f"印发日期（{n.printed_on}）早于成文日期（{n.date}）。")
        for att in n.attachments:
            given = [k for k in ("file", "plan", "task") if getattr(att, k)]
            if len(given) != 1:
                problems.add(att.loc, att.path("file"), "每个附件须且只能写 file、plan、task 中的一项。")
                continue
            if att.file:
                _check_file(n, att, reg.docs_dir, reg.root, problems)

