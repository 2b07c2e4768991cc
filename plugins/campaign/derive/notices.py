"""Where a notice stands on a day: a 公示 is upcoming, open (with days left) or closed;
a notice dated after ``as_of`` is not yet published."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from campaign.model.notices import Notice


@dataclass(frozen=True)
class Status:
    key: str          # upcoming | open | closed
    label: str        # 未开始 / 公示中（剩余N天）/ 已结束
    days_left: int = 0


def status(notice: Notice, as_of: dt.date) -> Status | None:
    """Where a 公示 stands on ``as_of``; days left count the end day itself."""
    p = notice.notice_period
    if notice.kind != "public_notice" or p is None:
        return None
    if as_of < p.start:
        return Status("upcoming", "未开始")
    if as_of > p.end:
        return Status("closed", "已结束")
    left = (p.end - as_of).days + 1
    return Status("open", f"公示中（剩余{left}天）", left)


def scheduled(notices: Iterable[Notice], as_of: dt.date) -> list[Notice]:
    """Notices dated after ``as_of``: the public site publishes them on the build of their day
    (the staff site shows them at once, as a preview). In the order of their files."""
    return sorted((n for n in notices if n.date > as_of), key=lambda n: n.src_uri)
