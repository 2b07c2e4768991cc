"""Work done by a second process while MkDocs renders the pages.

The exports (the progress workbook, the calendar file, feeds, quiz files) need
only the loaded model, and MkDocs' page rendering does not touch them: a forked
process makes them on the other core and hands them back when the build asks
for them. The child writes nothing into the site and logs nothing: if it fails,
or anything it made logged a warning, the parent makes the exports itself, so
errors and warnings reach the author exactly as they would without the child.
Where ``os.fork`` is missing the work is done in place.

``Split`` divides such work among children: the progress workbook and the
calendar file are the two large exports, and one after the other in one child
they took longer than the pages of a one-task edit under ``mkdocs serve``."""
from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from typing import Any

from campaign.render.memo import Warnings


class Background:
    """``make()`` running in a forked child; ``result()`` waits for it."""

    def __init__(self, make: Callable[[], list[Any]]) -> None:
        self.make = make
        self.pid = 0
        self.file = ""
        if not hasattr(os, "fork"):
            return
        fd, self.file = tempfile.mkstemp(prefix="campaign-exports-", suffix=".pickle")
        pid = os.fork()
        if pid == 0:  # the child: make, hand back, leave without running the parent's exit handlers
            code = 1
            try:
                _quiet()
                with Warnings() as warned:
                    made = make()
                with os.fdopen(fd, "wb") as f:
                    pickle.dump(made if warned.count == 0 else None, f, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(fd)
        self.pid = pid

    def result(self) -> list[Any]:
        made = None
        if self.pid:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if os.waitstatus_to_exitcode(status) == 0:
                try:
                    with open(self.file, "rb") as f:
                        made = pickle.load(f)
                except Exception:  # an unreadable hand-over: make them here
                    made = None
        self.discard()
        return made if made is not None else self.make()

    def discard(self) -> None:
        """Stop waiting (a build that failed before it asked for the result)."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        if self.file:
            try:
                os.unlink(self.file)
            except OSError:
                pass
            self.file = ""


class Split:
    """``makes`` divided among ``processes`` children (every ``processes``-th to one, so
    makes next to each other run side by side); ``result()`` is every make's list, in the
    order of ``makes``, concatenated."""

    def __init__(self, makes: list[Callable[[], list[Any]]], processes: int = 2) -> None:
        self.count = len(makes)
        groups = [makes[i::processes] for i in range(min(processes, len(makes)))]
        self.parts = [Background(lambda group=group: [make() for make in group]) for group in groups]  # type: ignore[misc]

    def result(self) -> list[Any]:
        done = [part.result() for part in self.parts]
        n = len(self.parts)
        return [item for i in range(self.count) for item in done[i % n][i // n]]

    def discard(self) -> None:
        for part in self.parts:
            part.discard()


def _quiet() -> None:
    """The child logs nothing (the parent repeats whatever warned)."""
    for name in ("", *Warnings.LOGGERS):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = False
