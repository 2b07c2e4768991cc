"""Rebuilds in one process (what ``mkdocs serve`` does after an edit) keep renderings
in memory (``render.memo``: page bodies under what they read; ``mkdocs.theme_cache``:
theme pages under what the theme reads). After each kind of edit the rebuilt site is
byte-identical to a cold build of the same files, and the caches did answer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.mkdocs import theme_cache
from conftest import AS_OF, copy_project
from test_build_cache import assert_same, build

pytestmark = pytest.mark.build


# What ``mkdocs serve`` does, in a process of its own (no state of other tests): build, then
# after each edit (path, old, new) build again; print how the in-memory caches answered.
SERVE_LIKE = """
import json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from campaign.model import cache as load_cache
from campaign.mkdocs import theme_cache
from campaign.render import memo

project, site, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
os.chdir(project)

def once():
    config = load_config(config_file="mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

once()
for path, old, new in edits:
    text = open(path, encoding="utf-8").read()
    assert old in text, (path, old)
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
    once()
    bodies = memo.for_folder(Path(project, ".cache", "campaign"))
    kept = theme_cache.for_folder(Path(project, ".cache", "campaign"))
    print(json.dumps([bodies.hits, bodies.misses, kept.hits, kept.misses]), flush=True)
    input()  # the test compares the site with a cold build, then lets the next edit go
load_cache.flush_writes()
"""


def test_rebuilds_after_edits_equal_cold_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "served"
    tasks = sorted((project / "data" / "tasks").glob("*.yml"))[0]
    edits = [
        (str(tasks), "percent: 100", "percent: 90"),  # a task's progress: its unit's page, plans, dashboard
        (str(project / "data" / "people.yml"), "林建华", "林建新"),  # a name templates look up (model.person_name)
        # a unit moved to another parent, its tasks unchanged: roll-ups of both parents change
        (str(project / "data" / "units.yml"), "short_name: 县健教中心\n  parent: wjj", "short_name: 县健教中心\n  parent: county"),
        (str(tasks), "percent: 90", "percent: 100"),  # and back: the figures of the first build again
    ]
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", CAMPAIGN_CACHE="1", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([sys.executable, "-c", SERVE_LIKE, str(project), str(site), json.dumps(edits)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        for path, _, _ in edits:
            line = proc.stdout.readline()
            assert line, "the rebuild failed: " + (proc.stderr.read() if proc.poll() is not None else "")[-3000:]
            body_hits, body_misses, theme_hits, theme_misses = json.loads(line)
            assert body_hits > 0, "no page body came from the memo"
            assert body_misses > 0, "the edit changed no page body"
            assert theme_hits > 0 and theme_misses > 0
            cold = build(project, cache=False, out=f"cold-{Path(path).stem}")
            assert_same(cold, site)
            proc.stdin.write("\n")
            proc.stdin.flush()
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
    # the server's caches, written when it stopped, read back whole (the search entries of every page)
    from campaign.mkdocs import search

    index = search.IndexCache(project / ".cache" / "campaign")
    served = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert sum(len(entries) for _, entries in index.pages.values()) == len(served)


def test_a_warning_is_given_by_every_build(tmp_path):
    """What the sanitizer cut warns in the warm build too (a cached page would hide it,
    and ``--strict`` would pass the second time)."""
    from conftest import BIN

    project = copy_project(tmp_path / "project")
    plan = project / "data" / "plans" / "county.yml"
    plan.write_text(plan.read_text("utf-8").replace("让创建成果惠及全县群众。",
                                                    "让创建成果惠及全县群众。<!-- 内部备注，不公开 -->", 1), "utf-8")
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    for _ in range(2):
        proc = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=project, capture_output=True, text=True, env=env,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr
        assert "data/plans/county.yml:" in proc.stderr and "HTML 注释" in proc.stderr, proc.stderr[-2000:]
    assert (project / ".cache" / "campaign" / theme_cache.CACHE_FILE).exists()
