"""The page kinds of a build, in order. Adding a page kind: write its module
(``pages(ctx)``, optionally ``outputs(ctx)`` and ``prints(ctx)``) and list it here."""
from . import guide, notices, plans, units

KINDS = [plans, units, notices, guide]
