"""The page kinds of a build, in build order. Adding a page kind: write its
module (a ``PageKind`` subclass), its templates, and list it here."""
from __future__ import annotations

from campaign.derive.appraisal import PeriodResult
from campaign.derive.bulletins import Report
from campaign.derive.tasks import Completion, TaskStatus
from campaign.model.schema import Record
from campaign.views.base import PageKind
from campaign.views.boards import Boards
from campaign.views.bulletins import Bulletins
from campaign.views.calendar import Calendar
from campaign.views.dashboard import Dashboard
from campaign.views.guide import Guide
from campaign.views.notices import Notices
from campaign.views.plans import Plans
from campaign.views.quizzes import Quizzes
from campaign.views.tobacco import Tobacco
from campaign.views.topics import Topics
from campaign.views.units import Units

KINDS: list[PageKind] = [Plans(), Notices(), Units(), Dashboard(), Bulletins(), Quizzes(), Topics(), Tobacco(),
                         Boards(), Calendar(), Guide()]

# What the render memo digests once per object: every loaded record (immutable; under
# ``mkdocs serve`` an unchanged file gives the same objects again), the task statuses and
# completions (kept by an unchanged task: ``progress.unit_index``) and the bulletins and
# appraisal results, which many pages' award lists hold whole.
SHARED_RECORDS: tuple[type, ...] = (Record, Report, TaskStatus, Completion, PeriodResult)
