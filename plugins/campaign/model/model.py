"""The Model: one loaded, validated campaign, with a typed field per record kind."""
from __future__ import annotations

from dataclasses import dataclass, field

from campaign.model.appraisal import Bulletin
from campaign.model.boards import Board
from campaign.model.campaign import Campaign
from campaign.model.inspections import Inspection
from campaign.model.notices import Notice
from campaign.model.plans import Plan, Task
from campaign.model.quizzes import Bank, Question, Quiz, QuizResults
from campaign.model.tobacco import TobaccoRules
from campaign.model.topics import Topic
from campaign.model.units import Person, Unit


@dataclass
class Model:
    """One validated campaign: records by id, in file order."""

    campaign: Campaign
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    task_plan: dict[str, str] = field(default_factory=dict)  # task id -> plan id
    task_part: dict[str, str] = field(default_factory=dict)  # task id -> its task file's part ("" if none)
    notices: dict[str, Notice] = field(default_factory=dict)  # id: the path under notices/ without .md
    inspections: dict[str, Inspection] = field(default_factory=dict)
    bulletins: dict[str, Bulletin] = field(default_factory=dict)  # by period key: 2026-10, 2026-Q3
    quiz_banks: dict[str, Bank] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)  # of every bank
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    quiz_results: dict[str, QuizResults] = field(default_factory=dict)  # by quiz id
    topics: dict[str, Topic] = field(default_factory=dict)
    tobacco: TobaccoRules | None = None
    boards: dict[str, Board] = field(default_factory=dict)
    audience: str = "internal"

    def plan_tasks(self, plan_id: str, part: str | None = None) -> list[Task]:
        """A plan's tasks in file order; only those of task table ``part`` when given ("all": every one)."""
        return [t for tid, t in self.tasks.items() if self.task_plan[tid] == plan_id
                and (part in (None, "all") or self.task_part[tid] == part)]

    def children(self, unit_id: str | None) -> list[Unit]:
        return [u for u in self.units.values() if u.parent == unit_id]

    def unit_name(self, unit_id: str | None) -> str:
        u = self.units.get(unit_id or "")
        return u.label if u else ""

    def person_name(self, person_id: str | None) -> str:
        p = self.people.get(person_id or "")
        return p.name if p else ""
