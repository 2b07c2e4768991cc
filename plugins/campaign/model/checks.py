"""Checks that need more than one file: every rule that relates records to each
other or to the campaign settings. ``CHECKS`` is the whole list, in order."""
from __future__ import annotations

from collections.abc import Callable

from campaign.model import appraisal, boards, campaign, inspections, notices, plans, quizzes, tobacco, units
from campaign.model.model import Model
from campaign.model.problems import Problems
from campaign.model.registry import Registry


def check_foundation(model: Model, reg: Registry, problems: Problems) -> None:
    period = model.campaign.period
    campaign.check_period(period, problems)
    plans.check_plans(model.plans, model.tasks, model.task_plan, model.task_part, period.start, period.end, problems)
    units.check_units(model.units, problems)


def check_notices(model: Model, reg: Registry, problems: Problems) -> None:
    notices.check_notices(model.notices, reg, problems)


def check_inspections(model: Model, reg: Registry, problems: Problems) -> None:
    scheme, period = model.campaign.appraisal, model.campaign.period
    appraisal.check_scheme(scheme, problems)
    inspections.check_inspections(model.inspections, scheme, period, problems)
    appraisal.check_bulletins(model.bulletins, scheme, period.start.first, period.end.last, problems)


def check_quizzes(model: Model, reg: Registry, problems: Problems) -> None:
    quizzes.check_quizzes(model.quizzes, model.questions, model.quiz_banks, model.quiz_results, problems)


def check_tobacco(model: Model, reg: Registry, problems: Problems) -> None:
    tobacco.check_tobacco(model.tobacco, model.campaign.hotlines, problems)


def check_boards(model: Model, reg: Registry, problems: Problems) -> None:
    boards.check_boards(model.boards, problems)


CHECKS: list[Callable[[Model, Registry, Problems], None]] = [
    check_foundation, check_notices, check_inspections, check_quizzes, check_tobacco, check_boards,
]
