"""The page kinds of a build, in order. Adding a page kind: write its module
(``pages(ctx)``, optionally ``outputs(ctx)`` and ``prints(ctx)``) and list it here."""
from . import (boards, bulletins, calendar, dashboard, guide, notices, plans, quizzes, tobacco,
               topics, units)

KINDS = [plans, notices, units, dashboard, bulletins, quizzes, topics, tobacco, boards, calendar, guide]
