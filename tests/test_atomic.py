"""Atomic output: a failed ``campaign build`` leaves the previous site byte-identical."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from conftest import AS_OF, BIN, mkdocs_build


def run_build(project: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(BIN / "campaign"), "build", "-f", config], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return [p.name for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_failed_builds_leave_the_previous_site_untouched(scratch: Path):
    first = run_build(scratch)
    assert first.returncode == 0, first.stdout + first.stderr
    site = scratch / "site"
    before = snapshot(site)
    assert "index.html" in before and "plans/zxj/index.html" in before

    # 1. bad data: validation fails before MkDocs writes anything
    units = scratch / "data" / "units.yml"
    good_units = units.read_text("utf-8")
    units.write_text(good_units.replace("- id: scj\n", "- id: wjj\n"), "utf-8")
    result = run_build(scratch)
    assert result.returncode != 0 and "编号“wjj”重复" in result.stderr
    assert "保持上一次成功构建的内容" in result.stderr
    assert snapshot(site) == before
    units.write_text(good_units, "utf-8")

    # 2. a late failure: a broken link is a strict-mode warning, counted after every page is written
    page = scratch / "content" / "broken.md"
    page.write_text("# 坏链接\n\n[不存在的页面](nowhere.md)\n", "utf-8")
    result = run_build(scratch)
    assert result.returncode != 0 and "nowhere.md" in result.stderr, result.stderr
    assert snapshot(site) == before
    assert leftovers(scratch) == []

    # ...which plain `mkdocs build` would have written over the good site
    plain = mkdocs_build(scratch, pdf=False)
    assert not plain.ok and snapshot(site) != before

    # 3. a good build replaces the site completely
    page.unlink()
    (scratch / "content" / "new.md").write_text("# 新页面\n\n新的内容。\n", "utf-8")
    result = run_build(scratch)
    assert result.returncode == 0, result.stderr
    after = snapshot(site)
    assert "new/index.html" in after and "broken/index.html" not in after
    assert leftovers(scratch) == []


def test_internal_site_is_built_atomically_too(scratch: Path):
    assert run_build(scratch, "mkdocs.internal.yml").returncode == 0
    site = scratch / "site-internal"
    before = snapshot(site)
    (scratch / "data" / "people.yml").write_text("", "utf-8")
    result = run_build(scratch, "mkdocs.internal.yml")
    # an empty people.yml is a valid empty list: every reference to a person is then located and refused
    assert result.returncode != 0 and "未知的人员" in result.stderr
    assert re.search(r"data/plans/\w+\.yml:\d+:\d+: ", result.stderr), result.stderr
    assert snapshot(site) == before and not (scratch / "site").exists()
