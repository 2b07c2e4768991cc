"""Load once: every data file and every content front matter into one Model.

All problems of all files are collected; ``load`` raises CampaignError once,
with every one listed, or returns a Model that is complete and consistent.

``SOURCES`` is the table of every kind of source file: where its files are,
what type one file holds, and how its records join the model. Adding a record
kind: write its module in this folder, add a field to ``Model``, a row here
and, if it relates to other records, a check in ``checks.py``.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from campaign.model import (
    appraisal,
    boards,
    content_files,
    inspections,
    notices,
    plans,
    quizzes,
    tobacco,
    topics,
    units,
)
from campaign.model.cache import LoadCache
from campaign.model.campaign import Campaign
from campaign.model.checks import CHECKS
from campaign.model.guards import check_dates, check_reserved
from campaign.model.ids import KIND_NAMES
from campaign.model.model import Model
from campaign.model.problems import CampaignError, Loc, Problems
from campaign.model.reader import EMPTY, read_cached, rel
from campaign.model.registry import Registry, Source

Add = Callable[[Model, Any, Registry, Problems], None]


def _into(field: str, add: Callable[[Any, Any, Registry, Problems], None]) -> Add:
    """``add`` puts one file's records into the Model's dict ``field``."""
    def put(m: Model, v: Any, reg: Registry, p: Problems) -> None:
        add(getattr(m, field), v, reg, p)
    return put


def _tasks(m: Model, v: Any, reg: Registry, p: Problems) -> None:
    plans.add_tasks(m.tasks, m.task_plan, m.task_part, v, reg, p)


def _bank(m: Model, v: Any, reg: Registry, p: Problems) -> None:
    quizzes.add_bank(m.quiz_banks, m.questions, v, reg, p)


def _tobacco(m: Model, v: Any, reg: Registry, p: Problems) -> None:
    m.tobacco = tobacco.complete_rules(v)


SOURCES: list[Source] = [
    Source("units.yml", units.Unit, _into("units", units.add_units), many=True, label="单位", kind="unit"),
    Source("people.yml", units.Person, _into("people", units.add_people), many=True, label="人员", kind="person"),
    Source("plans/*.yml", plans.Plan, _into("plans", plans.add_plan), label="方案", kind="plan"),
    Source("tasks/*.yml", plans.TaskFile, _tasks, label="任务分解表", kind="task"),
    Source("notices/**/*.md", notices.Notice, _into("notices", notices.add_notice), front_matter=True, label="通知公告", kind="notice"),
    Source("inspections/*.yml", inspections.Inspection, _into("inspections", inspections.add_inspection), label="督查检查"),
    Source("bulletins/*.yml", appraisal.Bulletin, _into("bulletins", appraisal.add_bulletin), label="督查通报（每期一个文件，可选）"),
    Source("quizzes/banks/*.yml", quizzes.Bank, _bank, label="题库", kind="question"),
    Source("quizzes/*.yml", quizzes.Quiz, _into("quizzes", quizzes.add_quiz), label="知识测试", kind="quiz"),
    Source("quiz_results/*.yml", quizzes.QuizResults, _into("quiz_results", quizzes.add_results), label="测试结果（campaign score 生成）"),
    Source("topics/*.md", topics.Topic, _into("topics", topics.add_topic), front_matter=True, label="健康知识主题", kind="topic"),
    Source("tobacco.yml", tobacco.TobaccoRules, _tobacco, label="控烟规定"),
    Source("boards/*.yml", boards.Board, _into("boards", boards.add_board), label="宣传栏"),
]


def load(root: Path, data_dir: Path, docs_dir: Path, audience: str = "internal",
         sources: Iterable[Source] | None = None, cache: LoadCache | None = None) -> Model:
    """Read and check everything; raise CampaignError listing every problem.

    With a ``cache``, files whose bytes are unchanged since a clean earlier read
    are not parsed again (``cache.py``); the checks across files always run, except
    the dates' range, a pure function of the records, when every file is as it was
    in a load that passed."""
    if cache is not None:
        cache.begin()
    try:
        model = _load(root, data_dir, docs_dir, audience, sources, cache)
        if cache is not None:
            cache.passes()
        return model
    finally:
        if cache is not None:
            cache.save()


def _load(root: Path, data_dir: Path, docs_dir: Path, audience: str,
          sources: Iterable[Source] | None, cache: LoadCache | None) -> Model:
    problems = Problems()
    reg = Registry(root=root, docs_dir=docs_dir)
    refused = content_files.check(docs_dir, root, problems)  # links, pipes, sizes, names, reserved places
    campaign_file = data_dir / "campaign.yml"
    campaign = None
    if campaign_file.exists():
        campaign = read_cached(campaign_file, Campaign, root, problems, reg, cache)
    else:
        problems.add(Loc(rel(campaign_file, root)), "", "缺少工作总设置文件 campaign.yml（名称、地名、主办机构、周期），可用 campaign new 新建项目时生成。")
    model = Model(campaign=campaign, audience=audience)  # type: ignore[arg-type]  # checked below
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
            tp = list[source.root] if source.many else source.root  # type: ignore[name-defined]
            # a file of fixed name may be empty or hold only comments: no records yet
            value = read_cached(file, tp, root, problems, reg, cache, source.front_matter,
                                allow_empty=not source.front_matter and source.optional_empty)
            if value is EMPTY:
                continue
            if value is not None:
                source.add(model, value, reg, problems)
            else:
                reg.incomplete.add(source.kind)
    check_refs(reg, problems)
    if campaign is not None:
        check_reserved(model, reg, problems)
        if cache is None or cache.passed != cache.inputs():
            check_dates(model, problems)
        for check in CHECKS:
            check(model, reg, problems)
    if problems:
        raise CampaignError(problems)
    return model


# record kind -> where its records are defined, for the advice on an unknown reference
_HOMES = {s.kind: ("content/" if s.front_matter else "data/") + s.pattern for s in SOURCES if s.kind}


def check_refs(reg: Registry, problems: Problems) -> None:
    for use in reg.refs:
        known = reg.ids.get(use.kind, {})
        if use.value in known or use.value in reg.broken or use.kind in reg.incomplete:
            continue
        name = KIND_NAMES.get(use.kind, use.kind)
        near = difflib.get_close_matches(use.value, list(known), n=1)
        home = _HOMES.get(use.kind)
        tip = f"是否想写“{near[0]}”？" if near else f"请先在{f' {home} ' if home else '对应的数据文件'}里定义它。"
        problems.add(use.loc, use.field, f"未知的{name}“{use.value}”。{tip}")
