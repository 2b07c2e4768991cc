"""Garbage collection around a build.

The loaded model lives for the whole build, so it is frozen out of the
collector's way (``gc.freeze``) once it is loaded, and nothing is collected
while it is being made. What a build leaves behind (MkDocs' pages, the previous
model, whatever a plugin keeps in cycles) needs one full collection, which at
1,000 units costs more than a second. A single build does it before loading.
Under ``mkdocs serve`` it is done a second after a build ends, while the editor
reads the page, instead of when the next edit starts the next build; an edit
that comes sooner finds it not done, and its build does it first, as a single
build does.

While pages are made the collector runs less often than Python's default (``BUILD_THRESHOLDS``:
a young collection every 3,000 new objects instead of 700, a full one after a hundred middle
ones instead of ten). A build makes millions of objects that live until it ends (pages, search
entries) and little garbage in cycles; the full collections found almost nothing to free and
cost 3 of 4.4 s of collecting at 10,000 units (now 1.5 s in all, the same peak memory).
"""
from __future__ import annotations

import gc
import threading

IDLE_AFTER = 1.0  # seconds after a build ends (``mkdocs serve``)
BUILD_THRESHOLDS = (3000, 20, 100)  # gc.set_threshold while a build makes its pages

_state = {"collected": False}  # a full collection ran since the last build began
_timer: list[threading.Timer] = []


def before_load() -> None:
    """A build begins: collect what the previous one left (unless that is done), then
    make the model without collecting."""
    for timer in _timer:
        timer.cancel()
    _timer.clear()
    if not _state["collected"]:
        _full()
    _state["collected"] = False
    gc.disable()


def after_load() -> None:
    """The model is made: it stays out of every later collection of this build (the
    loader's own garbage is frozen with it, and collected with the build's)."""
    gc.enable()
    gc.freeze()
    gc.set_threshold(*BUILD_THRESHOLDS)


def after_build(serving: bool) -> None:
    """The build is done; under ``mkdocs serve`` its garbage is collected while nothing builds."""
    if serving:
        timer = threading.Timer(IDLE_AFTER, _idle)
        timer.daemon = True
        _timer.append(timer)
        timer.start()


def _idle() -> None:
    _full()
    _state["collected"] = True
    _trim()


def _trim() -> None:
    """Give the memory the collection freed back to the system (glibc keeps freed blocks of
    large strings, a page's HTML, for reuse; a server's memory would creep up build by build
    until the heap is fragmented enough to reuse them). Nothing where there is no glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _full() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
