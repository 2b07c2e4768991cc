"""``campaign new DIR``: an empty project that builds.

The project's files are templates in ``skeleton/`` (package data): both site
configurations, the home page and every data file, each commented in Chinese
with what goes there. Only the name, place, stage, office and period are
filled in, from the options; nothing else of any campaign is written."""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from pathlib import Path
from string import Template

from campaign.model.campaign import STAGE_LABELS
from campaign.model.dates import parse_due

SKELETON = Path(__file__).parent / "skeleton"
_SEPARATORS = re.compile(r"\s*(?:～|~|至|到|/|\.\.|—|–|,|，)\s*")


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="目录", help="新项目的文件夹（不存在则新建；已有文件时不覆盖）")
    p.add_argument("--place", default="", help="地名，如 某某区（页面上说“某某区各单位……”）")
    p.add_argument("--stage", choices=list(STAGE_LABELS), default="campaign",
                   help="阶段：campaign 创建（默认），consolidation 巩固，review 复审")
    p.add_argument("--name", default="", help="工作名称（网站标题），默认“地名+创建/巩固/复审国家卫生城市”")
    p.add_argument("--office", default="", help="主办机构全称，默认“地名+爱国卫生运动委员会办公室”")
    p.add_argument("--period", default="",
                   help="工作周期“开始～结束”，月份或日期，如 2026-03～2027-06；默认今年 1 月到明年 12 月")


def period_of(text: str, today: dt.date) -> tuple[str, str] | str:
    """(start, end) as written in campaign.yml, or a Chinese message."""
    if not text.strip():
        return f"{today.year}-01", f"{today.year + 1}-12"
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if len(parts) != 2:
        return f"--period 应写成“开始～结束”，如 2026-03～2027-06，而不是“{text}”。"
    dues = []
    for part in parts:
        due, message = parse_due(None, part)
        if due is None:
            return f"--period：{message}"
        dues.append(due)
    if dues[1].last < dues[0].first:
        return f"--period：结束（{parts[1]}）早于开始（{parts[0]}）。"
    return dues[0].iso, dues[1].iso


def values(args: argparse.Namespace, today: dt.date) -> dict[str, str] | str:
    period = period_of(args.period, today)
    if isinstance(period, str):
        return period
    place = args.place.strip()
    word = STAGE_LABELS[args.stage]
    name = args.name.strip() or f"{place}{word}国家卫生城市"
    office = args.office.strip() or f"{place}爱国卫生运动委员会办公室"
    for label, value in (("--name", name), ("--office", office), ("--place", place)):
        if any(c in value for c in "\n\r\t") or len(value) > 100:
            return f"{label} 应是一行、不超过 100 个字。"
    return {"name": name, "internal_name": f"{name}（内部工作版）", "office": office, "place": place,
            "stage": args.stage, "start": period[0], "end": period[1],
            "description": f"{name}：工作方案、进度、通知公告和健康知识。"}


def _render(template: str, suffix: str, vals: dict[str, str]) -> str:
    """YAML gets each value as a quoted scalar (any text stays text); Markdown as escaped text."""
    if suffix in (".yml", ".yaml"):
        quoted = {k: json.dumps(v, ensure_ascii=False) for k, v in vals.items()}
    else:
        quoted = {k: html.escape(v, quote=False) for k, v in vals.items()}
    return Template(template).substitute(quoted)


def run(args: argparse.Namespace) -> int:
    vals = values(args, dt.date.today())
    if isinstance(vals, str):
        print(vals, file=sys.stderr)
        return 2
    target = Path(args.dir)
    files = sorted(p for p in SKELETON.rglob("*") if p.is_file())
    existing = [p.relative_to(SKELETON).as_posix() for p in files if (target / p.relative_to(SKELETON)).exists()]
    if existing:
        print(f"{target} 里已有这些文件，未作任何改动：{'、'.join(existing)}。请换一个空文件夹。", file=sys.stderr)
        return 1
    for src in files:
        dest = target / src.relative_to(SKELETON)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_render(src.read_text("utf-8"), src.suffix, vals), "utf-8")
    print(f"已在 {target} 新建项目“{vals['name']}”。\n"
          f"下一步：先核对 data/campaign.yml 和 mkdocs.yml 的页脚（extra.gov_footer：ICP 备案号等），然后\n"
          f"  cd {target}\n  campaign check\n  campaign build -f mkdocs.yml\n  campaign build -f mkdocs.internal.yml")
    return 0
