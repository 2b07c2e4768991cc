"""The engine exit: the sample builds with ProperDocs (the maintained MkDocs 1.x
fork) as it does with MkDocs, with the same files. Two engines, one plugin."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF, BIN, copy_project

pytestmark = pytest.mark.build


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def engine_build(engine: str, project: Path, out: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(BIN / engine), "build", "--strict", "-f", "mkdocs.yml", "-d", out],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


def test_properdocs_builds_the_same_files_as_mkdocs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    results = {engine: engine_build(engine, project, f"out-{engine}") for engine in ("mkdocs", "properdocs")}
    for engine, proc in results.items():
        assert proc.returncode == 0, f"{engine}:\n{proc.stdout}{proc.stderr}"
    made = {engine: files_of(project / f"out-{engine}") for engine in results}
    assert len(made["mkdocs"]) > 100
    assert made["properdocs"] == made["mkdocs"], (
        f"only MkDocs: {sorted(made['mkdocs'] - made['properdocs'])[:10]}; "
        f"only ProperDocs: {sorted(made['properdocs'] - made['mkdocs'])[:10]}")
