"""Unit pages: every unit's tasks from every plan with their status at
``as_of``; child units roll up into their parent. Unit pages stay out of the
navigation (a province has thousands of units); the index links them."""
from __future__ import annotations

from typing import Iterable

from .. import derive
from ..model import Model, Task
from . import ROUTES, BuildContext, GeneratedPage, href

INDEX = "units/index.md"


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}.md"


ROUTES["unit"] = lambda model, key: (unit_uri(key), "")


def descendants(model: Model, unit_id: str) -> list[str]:
    """The unit and every unit below it, depth first."""
    out, stack = [], [unit_id]
    kids: dict[str | None, list[str]] = {}
    for u in model.units.values():
        kids.setdefault(u.parent, []).append(u.id)
    while stack:
        uid = stack.pop()
        out.append(uid)
        stack.extend(reversed(kids.get(uid, [])))
    return out


def unit_tasks(model: Model, unit_ids: set[str]) -> list[Task]:
    return [t for t in model.tasks.values() if unit_ids.intersection(t.units)]


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model, as_of = ctx.model, ctx.as_of
    tree = []  # (depth, unit, completion of the unit with its children)

    def walk(parent: str | None, depth: int) -> None:
        for u in model.children(parent):
            tree.append((depth, u, derive.completion(unit_tasks(model, set(descendants(model, u.id))), as_of),
                         href(INDEX, unit_uri(u.id))))
            walk(u.id, depth + 1)

    walk(None, 0)
    yield GeneratedPage(INDEX, "单位进度", ctx.render("units/index.html", tree=tree))
    for u in model.units.values():
        src = unit_uri(u.id)
        own = [(t, derive.task_status(t, as_of)) for t in unit_tasks(model, {u.id})]
        all_ids = set(descendants(model, u.id))
        rollup = derive.completion(unit_tasks(model, all_ids), as_of)
        children = [(c, derive.completion(unit_tasks(model, set(descendants(model, c.id))), as_of))
                    for c in model.children(u.id)]
        body = ctx.render("units/unit.html", unit=u, own=own, rollup=rollup, children=children,
                          link=lambda kind, key, src=src: ctx.link(src, kind, key))
        yield GeneratedPage(src, u.name, body, in_nav=False)
