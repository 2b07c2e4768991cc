"""The page kinds of a build, in build order. Adding a page kind: write its
module (a ``PageKind`` subclass), its templates, and list it here."""
from __future__ import annotations

from campaign.derive.bulletins import Report
from campaign.model.campaign import Campaign
from campaign.model.inspections import Inspection
from campaign.model.plans import Plan
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

# Records many pages hold whole (every unit page holds the inspections, each with every unit's
# result; award lists hold their bulletin): the render memo digests each once per build.
SHARED_RECORDS: tuple[type, ...] = (Inspection, Report, Plan, Campaign)
