"""Rebuilds in one process (what ``mkdocs serve`` does after an edit) keep renderings
in memory (``render.memo``: page bodies under what they read; ``mkdocs.theme_cache``:
theme pages under what the theme reads). After each kind of edit the rebuilt site is
byte-identical to a cold build of the same files, and the caches did answer."""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest

from conftest import AS_OF, copy_project
from test_build_cache import assert_same, build

pytestmark = pytest.mark.build


def rebuild_in_process(project: Path, site: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        os.chdir(cwd)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_rebuilds_after_edits_equal_cold_builds(tmp_path, monkeypatch):
    from campaign.mkdocs import theme_cache
    from campaign.model import cache as load_cache
    from campaign.render import memo

    monkeypatch.setenv("CAMPAIGN_AS_OF", AS_OF)
    monkeypatch.setenv("CAMPAIGN_PDF", "0")
    project = copy_project(tmp_path / "project")
    site = Path(tempfile.mkdtemp(dir=tmp_path))
    try:
        rebuild_in_process(project, site)  # the first build fills the caches
        tasks = sorted((project / "data" / "tasks").glob("*.yml"))[0]
        people = project / "data" / "people.yml"
        edits = [
            (tasks, "percent: 100", "percent: 90"),  # a task's progress: its unit's page, plans, dashboard
            (people, "林建华", "林建新"),             # a name the templates look up (model.person_name)
        ]
        for path, old, new in edits:
            edit(path, old, new)
            rebuild_in_process(project, site)
            bodies = memo.for_folder(project / ".cache" / "campaign")
            kept = theme_cache.for_folder(project / ".cache" / "campaign")
            assert bodies is not None and bodies.hits > 0, "no page body came from the memo"
            assert bodies.misses > 0, "the edit changed no page body"
            assert kept is not None and kept.hits > 0 and kept.misses > 0
            cold = build(project, cache=False, out=f"cold-{path.stem}")
            assert_same(cold, site)
    finally:
        load_cache.flush_writes()
        logging.getLogger("mkdocs").handlers.clear()


def test_a_warning_is_given_by_every_build(tmp_path):
    """What the sanitizer cut warns in the warm build too (a cached page would hide it,
    and ``--strict`` would pass the second time)."""
    import subprocess

    from conftest import BIN

    project = copy_project(tmp_path / "project")
    edit(project / "data" / "plans" / "county.yml", "让创建成果惠及全县群众。",
         "让创建成果惠及全县群众。<!-- 内部备注，不公开 -->")
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    for _ in range(2):
        proc = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=project, capture_output=True, text=True, env=env,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr
        assert "data/plans/county.yml:" in proc.stderr and "HTML 注释" in proc.stderr, proc.stderr[-2000:]
    assert (project / ".cache" / "campaign" / "theme.pickle").exists()
