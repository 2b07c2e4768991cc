"""The parts that make rebuilds cheap, each checked on its own: the per-file load
cache reads a changed file again and no other, the YAML scalar constructor keeps
no nodes, a big campaign's calendar and unit index stay bounded, synth writes task
files the loader accepts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from campaign.cli.synth import generate
from campaign.derive import calendar
from campaign.model import sources
from campaign.model.cache import LoadCache
from campaign.model.loader import load
from campaign.views.units import listed_levels
from conftest import ROOT

pytestmark = pytest.mark.unit


def project_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "p"
    for part in ("content", "data"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


def test_changed_file_is_read_again_and_no_other(tmp_path):
    p = project_copy(tmp_path)
    cache = LoadCache(tmp_path / "cache")
    first = load(p, p / "data", p / "content", cache=cache)
    files = cache.misses
    assert files > 5 and cache.hits == 0
    # a second process: the pickle gives every file back
    again = LoadCache(tmp_path / "cache")
    second = load(p, p / "data", p / "content", cache=again)
    assert (again.hits, again.misses) == (files, 0)
    assert second.tasks == first.tasks and second.units == first.units and second.plans == first.plans
    # one task's progress edited: that file alone is read again, and its new value is seen
    tasks = sorted((p / "data" / "tasks").glob("*.yml"))[0]
    text = tasks.read_text("utf-8")
    tasks.write_text(text.replace("percent: 100", "percent: 90", 1), "utf-8")
    third = load(p, p / "data", p / "content", cache=again)
    assert (again.hits, again.misses) == (files - 1, 1)
    changed = [tid for tid in first.tasks if first.tasks[tid] != third.tasks[tid]]
    assert len(changed) == 1


def test_file_with_problems_is_not_cached(tmp_path):
    p = project_copy(tmp_path)
    units = p / "data" / "units.yml"
    units.write_text(units.read_text("utf-8") + "\n- id: [broken\n", "utf-8")
    cache = LoadCache(None)
    for _ in range(2):
        with pytest.raises(Exception) as err:
            load(p, p / "data", p / "content", cache=cache)
        assert "units.yml" in str(err.value)  # reported on every build, not only the first


def test_scalar_constructor_keeps_no_nodes():
    node = yaml.compose("a: 2026-11-20\nb: 3\n")
    for _, v in node.value:
        sources.scalar(v)
    assert not sources._constructor.constructed_objects
    assert not sources._constructor.recursive_objects


def test_unit_index_levels_bounded():
    fanout = [0] + [1] * 10 + [2] * 100 + [3] * 1000 + [4] * 10000
    assert listed_levels(fanout[:111], 300) is None
    assert listed_levels(fanout, 300) == 3          # 111 units listed of 11,111
    assert listed_levels([0] + [1] * 500, 300) == 1  # a flat province: the county; its page lists the rest


def test_calendar_counts_task_deadlines_of_a_big_campaign(tmp_path):
    out = tmp_path / "s"
    generate(out, 120, 5, ROOT)
    model = load(out, out / "data", out / "content")
    items = calendar.events(model, __import__("datetime").date(2026, 11, 20))
    tasks = [e for e in items if e.kind == "task"]
    assert len(tasks) == 600
    assert calendar.summarized(model, items, 1000) == items
    short = calendar.summarized(model, items, 300)
    counted = [e for e in short if e.kind == "task"]
    days = {e.start for e in tasks}
    assert len(counted) <= len(model.plans) * len(days) < len(tasks)  # bounded by plans and days, not units
    assert sum(int(__import__("re").search(r"(\d+) 项任务到期", e.title).group(1)) for e in counted) == 600
    assert all(e.ref and e.ref[0] == "plan" for e in counted)


def test_synth_task_files_stay_under_the_loader_limit(tmp_path, monkeypatch):
    import campaign.cli.synth as synth

    monkeypatch.setattr(synth, "MAX_BYTES", 40_000)  # as if 3,000 units: files that must be split
    out = tmp_path / "s"
    synth.generate(out, 60, 20, ROOT)
    files = sorted((out / "data" / "tasks").glob("*.yml"))
    assert len(files) > 11 and all(f.stat().st_size <= 40_000 for f in files)
    model = load(out, out / "data", out / "content")
    assert len(model.tasks) == 60 * 20
