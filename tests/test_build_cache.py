"""Caches change nothing: the site built from a warm cache (files read, pages and
exports made, search entries segmented by earlier builds) is byte-identical to
the site built with every cache off, also after an edit to one data file."""
from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF, BIN, ROOT, campaign_cli, copy_project

pytestmark = pytest.mark.build


def build(project: Path, cache: bool, out: str) -> Path:
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1",
               CAMPAIGN_CACHE="1" if cache else "0")
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", out], cwd=project,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / out


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def assert_same(a: Path, b: Path) -> None:
    fa, fb = files_of(a), files_of(b)
    assert sorted(fa) == sorted(fb)
    differ = [name for name in fa if not filecmp.cmp(fa[name], fb[name], shallow=False)]
    assert not differ, differ[:10]


def test_warm_and_cold_cache_give_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    cold = build(project, cache=False, out="cold")
    assert not (project / ".cache" / "campaign").exists()
    first = build(project, cache=True, out="first")
    cache = project / ".cache" / "campaign"
    assert {p.name.split("-")[0] for p in cache.glob("*.pickle")} >= {"load", "made.pickle", "search.pickle"}
    warm = build(project, cache=True, out="warm")
    assert_same(cold, first)
    assert_same(cold, warm)
    for name in ("downloads/progress.xlsx", "calendar.ics", "search/search_index.json"):
        assert (warm / name).is_file(), name

    # one task's progress changes: the warm build sees it, like a cold build does
    tasks = sorted((project / "data" / "tasks").glob("*.yml"))[0]
    text = tasks.read_text("utf-8")
    edited = text.replace("percent: 100", "percent: 90", 1)
    assert edited != text
    tasks.write_text(edited, "utf-8")
    warm_edit = build(project, cache=True, out="warm-edit")
    cold_edit = build(project, cache=False, out="cold-edit")
    assert_same(cold_edit, warm_edit)
    assert not filecmp.cmp(warm / "downloads/progress.xlsx", warm_edit / "downloads/progress.xlsx", shallow=False)


def test_synthetic_campaign_warm_equals_cold(tmp_path):
    out = tmp_path / "synth"
    r = campaign_cli(ROOT, "synth", "--units", "120", "--tasks-per-unit", "5", "--out", str(out), "--project", str(ROOT))
    assert r.ok, r.output
    cold = build(out, cache=False, out="cold")
    build(out, cache=True, out="first")
    warm = build(out, cache=True, out="warm")
    assert_same(cold, warm)
    shutil.rmtree(out / ".cache")


def test_one_cut_serves_material_text_and_search_terms():
    """The search-mode words derived from the memoized precise cut are jieba's own,
    also when the cut came from the memo (a fresh process: jieba not yet loaded)."""
    import jieba

    from campaign.mkdocs.search import Segmenter

    runs = ["爱国卫生运动委员会办公室", "群众监督举报电话", "病媒生物防制", "创建国家卫生县城工作实施方案"]
    warm = Segmenter()
    for run in runs:
        warm.cut(run)
    fresh = Segmenter()
    fresh.cuts = dict(warm.cuts)
    for run in runs:
        assert list(fresh.for_search(run)) == list(jieba.cut_for_search(run))
        assert fresh.segment(run) == "\u200b".join(jieba.cut(run))
    assert "监督" in fresh.inner_words("群众监督举报电话")
