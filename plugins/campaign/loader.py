"""Load once: every data file and every content front matter into one Model.

All problems of all files are collected; ``load`` raises CampaignError once,
with every one listed, or returns a Model that is complete and consistent.

A record kind that lives in its own files is a ``Source``: where its files
are, what type one file holds, and how its records join the model. Page-kind
modules add their own sources (``SOURCES`` below lists them all).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from . import content_files, limits
from .dates import Due
from .model import Campaign, Model, Person, Plan, TaskFile, Unit
from .problems import CampaignError, Loc, Problems
from .schema import Reader, RefUse, read_file_node
from .sources import compose, read_text, split_front_matter


@dataclass
class Registry:
    """Ids of every kind seen so far, with where each was defined."""

    ids: dict[str, dict[str, Loc]] = field(default_factory=dict)
    refs: list[RefUse] = field(default_factory=list)
    root: Path | None = None          # the project (for messages)
    docs_dir: Path | None = None      # content/: files a front-matter record may point to
    broken: set[str] = field(default_factory=set)  # ids of records that failed to read

    def take(self, reader: Reader) -> None:
        self.refs.extend(reader.refs)
        self.broken |= reader.broken
    # kinds with a file that could not be read: references to them are not checked,
    # so one bad file gives its own errors, not one "unknown" per reference to it
    incomplete: set[str] = field(default_factory=set)

    def define(self, kind: str, key: str, loc: Loc, problems: Problems, field_path: str = "id") -> bool:
        seen = self.ids.setdefault(kind, {})
        if key in seen:
            first = seen[key]
            problems.add(loc, field_path, f"编号“{key}”重复，已在 {first.path}:{first.line} 定义过。")
            return False
        seen[key] = loc
        return True


@dataclass
class Source:
    """Files holding one record kind. ``add`` puts a read value into the model."""

    pattern: str                      # glob under data/ (or docs/ when front_matter)
    root: type                        # type of one file's content
    add: Callable[[Model, Any, Registry, Problems], None]
    many: bool = False                # the file holds a list of ``root``
    required: bool = False
    front_matter: bool = False        # Markdown files in docs_dir: read their front matter
    label: str = ""
    kind: str = ""                    # the Ref kind its records define ("unit"), if any


def _add_units(model: Model, units: list[Unit], reg: Registry, problems: Problems) -> None:
    for u in units:
        if reg.define("unit", u.id, u.where("id"), problems, u.path("id")):
            model.units[u.id] = u


def _add_people(model: Model, people: list[Person], reg: Registry, problems: Problems) -> None:
    for p in people:
        if reg.define("person", p.id, p.where("id"), problems, p.path("id")):
            model.people[p.id] = p


def _add_plan(model: Model, plan: Plan, reg: Registry, problems: Problems) -> None:
    if reg.define("plan", plan.id, plan.where("id"), problems):
        model.plans[plan.id] = plan


def _add_tasks(model: Model, tf: TaskFile, reg: Registry, problems: Problems) -> None:
    for t in tf.tasks:
        if reg.define("task", t.id, t.where("id"), problems, t.path("id")):
            model.tasks[t.id] = t
            model.task_plan[t.id] = tf.plan


FOUNDATION: list[Source] = [
    Source("units.yml", Unit, _add_units, many=True, required=True, label="单位", kind="unit"),
    Source("people.yml", Person, _add_people, many=True, required=True, label="人员", kind="person"),
    Source("plans/*.yml", Plan, _add_plan, label="方案", kind="plan"),
    Source("tasks/*.yml", TaskFile, _add_tasks, label="任务分解表", kind="task"),
]

# Page-kind modules append their sources here at import time.
SOURCES: list[Source] = list(FOUNDATION)
# ...and cross-checks that need the whole model: fn(model, registry, problems).
CHECKS: list[Callable[[Model, Registry, Problems], None]] = []


def rel(path: Path, root: Path) -> str:
    """The path as the author sees it in the project (links not followed)."""
    for p, r in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return p.relative_to(r).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def read_yaml(file: Path, tp: Any, root: Path, problems: Problems, reg: Registry) -> Any:
    path = rel(file, root)
    text = read_text(file, path, problems)
    if text is None:
        return None
    node = compose(text, path, problems)
    if node is None:
        return None
    value, reader = read_file_node(node, tp, path, problems)
    reg.take(reader)
    return value


def read_front_matter(file: Path, tp: Any, root: Path, problems: Problems, reg: Registry) -> Any:
    path = rel(file, root)
    text = read_text(file, path, problems)
    if text is None:
        return None
    front, offset, _ = split_front_matter(text)
    if front is None and text.lstrip("\ufeff").startswith("---"):
        problems.add(Loc(path), "", "front matter 没有结尾：开头的 --- 之后找不到结束它的 --- 行。")
        return None
    if front is None:
        problems.add(Loc(path), "", "缺少开头的 front matter（以 --- 开始、--- 结束的 YAML 字段区）。")
        return None
    node = compose(front, path, problems, line_offset=offset)
    if node is None:
        return None
    value, reader = read_file_node(node, tp, path, problems)
    reg.take(reader)
    if value is not None:
        object.__setattr__(value, "source", file)
    return value


def load(root: Path, data_dir: Path, docs_dir: Path, audience: str = "internal",
         sources: Iterable[Source] | None = None) -> Model:
    """Read and check everything; raise CampaignError listing every problem."""
    problems = Problems()
    reg = Registry(root=root, docs_dir=docs_dir)
    refused = content_files.check(docs_dir, root, problems)  # links, pipes, sizes, names, reserved places
    campaign_file = data_dir / "campaign.yml"
    campaign = None
    if campaign_file.exists():
        campaign = read_yaml(campaign_file, Campaign, root, problems, reg)
    else:
        problems.add(Loc(rel(campaign_file, root)), "", "缺少创建工作总设置文件 campaign.yml。")
    model = Model(campaign=campaign, audience=audience)  # type: ignore[arg-type]
    if campaign is not None:
        for c in campaign.categories:
            reg.define("category", c, campaign.where("categories"), problems, "categories")
    for source in (SOURCES if sources is None else sources):
        base = docs_dir if source.front_matter else data_dir
        files = sorted(base.glob(source.pattern))
        if source.required and not files:
            problems.add(Loc(rel(base / source.pattern, root)), "", f"缺少{source.label}文件 {source.pattern}。")
            reg.incomplete.add(source.kind)
        for file in files:
            if source.front_matter and file.relative_to(base).as_posix() in refused:
                reg.incomplete.add(source.kind)
                continue
            if not file.resolve().is_relative_to(root.resolve()):  # a link, or a linked folder
                problems.add(Loc(rel(file, root)), "", "文件是指向项目之外的链接，出于安全不予读取。")
                reg.incomplete.add(source.kind)
                continue
            tp = list[source.root] if source.many else source.root  # type: ignore[valid-type]
            reader = read_front_matter if source.front_matter else read_yaml
            value = reader(file, tp, root, problems, reg)
            if value is not None:
                source.add(model, value, reg, problems)
            else:
                reg.incomplete.add(source.kind)
    check_refs(reg, problems)
    if campaign is not None:
        check_foundation(model, problems)
        check_reserved(model, reg, problems)
        check_dates(model, problems)
        for check in CHECKS:
            check(model, reg, problems)
    if problems:
        raise CampaignError(problems)
    return model


_KIND_NAMES = {"unit": "单位", "person": "人员", "plan": "方案", "category": "工作类别",
               "task": "任务", "notice": "通知公告", "topic": "健康主题", "quiz": "测试", "question": "题目",
               "board": "宣传栏"}


def check_refs(reg: Registry, problems: Problems) -> None:
    import difflib

    for use in reg.refs:
        known = reg.ids.get(use.kind, {})
        if use.value in known or use.value in reg.broken or use.kind in reg.incomplete:
            continue
        name = _KIND_NAMES.get(use.kind, use.kind)
        near = difflib.get_close_matches(use.value, list(known), n=1)
        tip = f"是否想写“{near[0]}”？" if near else "请先在对应的数据文件里定义它。"
        problems.add(use.loc, use.field, f"未知的{name}“{use.value}”。{tip}")


def check_foundation(model: Model, problems: Problems) -> None:
    period = model.campaign.period
    for task in model.tasks.values():
        if not period.contains(task.due):
            problems.add(task.where("due"), task.path("due"),
                         f"完成时限 {task.due} 不在创建周期（{period.start}～{period.end}）之内。")
        last: dt.date | None = None
        for p in task.progress:
            if last and p.date < last:
                problems.add(p.where("date"), p.path("date"), "进度报告应按日期先后排列。")
            last = p.date
    if period.end.last < period.start.first:
        problems.add(period.where("end"), period.path("end"), "结束时间早于开始时间。")
    for plan in model.plans.values():
        for ph in plan.phases:
            if ph.start and ph.end and ph.end.last < ph.start.first:
                problems.add(ph.where("end"), ph.path("end"), f"阶段结束（{ph.end}）早于开始（{ph.start}）。")
    for unit in model.units.values():  # a parent chain must end
        seen, cur = {unit.id}, unit.parent
        while cur and cur in model.units:
            if cur in seen:
                problems.add(unit.where("parent"), unit.path("parent"), f"上级单位形成了循环（{unit.id} → … → {cur}）。")
                break
            seen.add(cur)
            cur = model.units[cur].parent


# -- ids that would take a page kind's own page ---------------------------------
# kind -> {reserved id: the page it would replace}; ids ending in a suffix a kind uses for its own pages
RESERVED_IDS: dict[str, dict[str, str]] = {
    kind: {"index": "目录页"} for kind in ("unit", "plan", "quiz", "board", "topic", "notice")}
RESERVED_SUFFIXES: dict[str, dict[str, str]] = {"quiz": {"-results": "测试结果页（编号-results）"}}
_KIND_FILES = {"plan": "data/plans/", "board": "data/boards/", "topic": "content/topics/",
               "notice": "content/notices/"}


def check_reserved(model: Model, reg: Registry, problems: Problems) -> None:
    """An id may not name a page the build makes itself (units/index, quizzes/x-results, …)."""
    for kind, ids in reg.ids.items():
        reserved, suffixes = RESERVED_IDS.get(kind, {}), RESERVED_SUFFIXES.get(kind, {})
        for key, loc in ids.items():
            leaf = key.rsplit("/", 1)[-1]
            what = reserved.get(leaf) or next((w for suf, w in suffixes.items() if leaf.endswith(suf)), "")
            if what:
                name = _KIND_NAMES.get(kind, kind)
                where = f"（{_KIND_FILES[kind]}里的文件名也是编号）" if kind in _KIND_FILES else ""
                problems.add(loc, "id", f"编号“{key}”留给{name}的{what}，会让那一页被替换；请换一个编号{where}。")


# -- dates inside a sane window around the campaign period ----------------------
def check_dates(model: Model, problems: Problems) -> None:
    """The period within FIRST_YEAR..LAST_YEAR and PERIOD_YEARS long; every other date within
    YEARS_AROUND of it (a year typed 9999 would make a calendar of 100,000 events)."""
    import dataclasses

    from .schema import Record

    period = model.campaign.period
    start, end = period.start.first, period.end.last
    if start.year < limits.FIRST_YEAR or end.year > limits.LAST_YEAR:
        problems.add(period.loc, period.path("end") if end.year > limits.LAST_YEAR else period.path("start"),
                     f"创建周期（{period.start}～{period.end}）的年份应在 {limits.FIRST_YEAR}～{limits.LAST_YEAR} 之间。")
        return
    if end.year - start.year > limits.PERIOD_YEARS:
        problems.add(period.where("end"), period.path("end"),
                     f"创建周期（{period.start}～{period.end}）超过 {limits.PERIOD_YEARS} 年，请检查年份是否写错。")
        return
    lo = dt.date(start.year - limits.YEARS_AROUND, 1, 1)
    hi = dt.date(end.year + limits.YEARS_AROUND, 12, 31)
    stack: list = [model.units, model.people, model.plans, model.tasks, model.extra,
                   [getattr(model.campaign, f.name) for f in dataclasses.fields(model.campaign) if f.name != "period"]]
    seen: set[int] = set()
    while stack:
        v = stack.pop()
        if id(v) in seen or isinstance(v, (str, int, float, bool)) or v is None:
            continue
        seen.add(id(v))
        if isinstance(v, Record):
            for f in dataclasses.fields(v):
                if f.metadata.get("source"):
                    continue
                x = getattr(v, f.name)
                day = x.first if isinstance(x, Due) else x if isinstance(x, dt.date) else None
                if day is not None and not lo <= day <= hi:
                    problems.add(v.where(f.name), v.path(f.name),
                                 f"日期 {x} 离创建周期（{period.start}～{period.end}）太远：应在 {lo.year}～{hi.year} 年之间，"
                                 "请检查年份是否写错。")
                elif day is None:
                    stack.append(x)
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
