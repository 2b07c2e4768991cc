"""Starting a project: ``campaign new`` makes an empty project that checks and builds
both sites with ``--strict``, words nothing of the sample, and leaves sections
without data out of the public site. ``campaign check`` finds what the build would
reject (nav entries, links, front matter) at its line, in Chinese; deleting any file
of the sample yields located Chinese messages, never an English warning or a traceback."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project

BIN = Path(sys.executable).parent
PLACE, OFFICE, NAME = "青溪区", "青溪区爱国卫生运动委员会办公室", "青溪区巩固国家卫生城市"
LOCATED = re.compile(r"^[^\s:]+(?:/[^\s:]+)*:\d+:\d+: \S")
ENGLISH = re.compile(r"Traceback|WARNING|ERROR|INFO|Doc file|Aborted|not found|Error:|[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}")


def run(cwd: Path, *args: str, pdf: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CAMPAIGN_AS_OF", None)
    if not pdf:
        env["CAMPAIGN_PDF"] = "0"
    return subprocess.run([str(BIN / "campaign"), *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=600)


def assert_for_authors(output: str) -> None:
    """Every line an author reads is Chinese; every problem is located."""
    for line in output.splitlines():
        if not line.strip():
            continue
        assert not ENGLISH.search(line) or LOCATED.match(line), line
        assert re.search(r"[\u4e00-\u9fff]", line), line


def sample_words() -> set[str]:
    """Names of the sample campaign: its place, offices, units, people, ICP number, targets."""
    campaign = yaml.safe_load((ROOT / "data" / "campaign.yml").read_text("utf-8"))
    units = yaml.safe_load((ROOT / "data" / "units.yml").read_text("utf-8"))
    people = yaml.safe_load((ROOT / "data" / "people.yml").read_text("utf-8"))
    footer = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["extra"]["gov_footer"]
    words = {campaign["name"], campaign["office"], "示例", "全县", "县城", "创卫", "创建", "80%", footer["icp"],
             footer["police"], footer["contact"]}
    words |= {u["name"] for u in units} | {p["name"] for p in people}
    return {w for w in words if w}


# -- campaign new ----------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A new project, checked and built (public and internal) as the guide says."""
    base = tmp_path_factory.mktemp("new")
    made = run(base, "new", "qx", "--place", PLACE, "--stage", "consolidation", "--period", "2026-03～2027-06")
    assert made.returncode == 0, made.stdout + made.stderr
    project = base / "qx"
    checked = run(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        built = run(project, "build", "-f", config, pdf=True)
        assert built.returncode == 0, built.stdout + built.stderr
        assert_for_authors(built.stdout + built.stderr)
    return project


@pytest.mark.build
def test_new_project_checks_and_builds_both_sites(fresh):
    assert (fresh / "site" / "index.html").is_file()
    assert (fresh / "site-internal" / "index.html").is_file()
    campaign = yaml.safe_load((fresh / "data" / "campaign.yml").read_text("utf-8"))
    assert campaign["name"] == NAME and campaign["office"] == OFFICE and campaign["place"] == PLACE
    assert str(campaign["period"]["start"]) == "2026-03" and str(campaign["period"]["end"]) == "2027-06"
    home = (fresh / "site" / "index.html").read_text("utf-8")
    assert f"<title>{NAME}</title>" in home or f"<title>首页 - {NAME}</title>" in home
    assert f"主办单位：{OFFICE}" in home  # the footer, from mkdocs.yml extra.gov_footer


@pytest.mark.build
def test_every_data_file_of_the_new_project_is_commented(fresh):
    files = sorted((fresh / "data").rglob("*.yml"))
    assert {f.name for f in files} >= {"campaign.yml", "units.yml", "people.yml", "tobacco.yml"}
    for f in files:
        first = f.read_text("utf-8").splitlines()[0]
        assert first.startswith("# ") and re.search(r"[\u4e00-\u9fff]", first), f
    assert "extra.gov_footer" in (fresh / "data" / "README.md").read_text("utf-8")
    assert "icp:" in (fresh / "mkdocs.yml").read_text("utf-8")


@pytest.mark.build
def test_sections_without_data_are_left_out_of_the_public_site(fresh):
    home = (fresh / "site" / "index.html").read_text("utf-8")
    tabs = re.findall(r'class="md-tabs__link">\s*(\S+)\s*</a>', re.sub(r"\s+", " ", home))
    for section in ("控烟", "宣传栏", "知识测试", "通知公告", "工作方案", "健康知识", "工作进度"):
        assert section not in tabs, tabs
    for page in ("tobacco", "boards", "quizzes", "plans", "topics", "dashboard", "units", "bulletins"):
        assert not (fresh / "site" / page / "index.html").exists(), page
    html = "".join(p.read_text("utf-8") for p in (fresh / "site").rglob("*.html"))
    assert "编辑 <code>" not in html and "data/tobacco.yml" not in html
    # the staff site says where each section's data goes
    staff = (fresh / "site-internal" / "tobacco" / "index.html").read_text("utf-8")
    assert "data/tobacco.yml" in staff


@pytest.mark.build
def test_no_word_of_the_sample_in_the_new_projects_output(fresh):
    words = sample_words()
    assert "示例县爱国卫生运动委员会办公室" in words  # the list is read from the sample, not empty
    for site in ("site", "site-internal"):
        for f in (fresh / site).rglob("*"):
            if f.suffix not in (".html", ".xml", ".json", ".ics", ".txt", ".csv", ".js") or "assets" in f.parts:
                continue
            text = f.read_text("utf-8", errors="replace")
            found = [w for w in words if w in text]
            assert not found, (f, found)
    dashboard = fresh / "site-internal" / "dashboard" / "index.html"
    assert "全县" not in dashboard.read_text("utf-8")


@pytest.mark.unit
def test_new_refuses_a_folder_with_a_project_and_bad_periods(tmp_path):
    assert run(tmp_path, "new", "p").returncode == 0
    before = (tmp_path / "p" / "data" / "campaign.yml").read_text("utf-8")
    again = run(tmp_path, "new", "p", "--place", "别处")
    assert again.returncode != 0 and "未作任何改动" in again.stderr
    assert (tmp_path / "p" / "data" / "campaign.yml").read_text("utf-8") == before
    backwards = run(tmp_path, "new", "q", "--period", "2027-06～2026-03")
    assert backwards.returncode != 0 and "结束（2026-03）早于开始（2027-06）" in backwards.stderr
    assert not (tmp_path / "q").exists()
    help_text = run(tmp_path, "new", "--help").stdout
    assert "地名" in help_text and "主办机构" in help_text and "工作周期" in help_text


@pytest.mark.build
def test_a_link_to_a_section_without_data_is_located_in_check_and_build(tmp_path):
    made = run(tmp_path, "new", "p", "--place", PLACE)
    assert made.returncode == 0
    project = tmp_path / "p"
    index = project / "content" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n见[控烟](tobacco/index.md)和[附件](files/表.xlsx)。\n", "utf-8")
    line = index.read_text("utf-8").splitlines().index("见[控烟](tobacco/index.md)和[附件](files/表.xlsx)。") + 1
    for result in (run(project, "check"), run(project, "build", "-f", "mkdocs.yml")):
        out = result.stdout + result.stderr
        assert result.returncode != 0
        assert f"content/index.md:{line}:7: 链接: “tobacco/index.md”指向的“tobacco/index.md”不存在。" in out
        assert "data/tobacco.yml" in out
        assert f"content/index.md:{line}:30: 链接: “files/表.xlsx”指向的“files/表.xlsx”不存在。" in out
        assert_for_authors(out)
    assert not (project / "site").exists()


# -- deleting any file of the sample ---------------------------------------------

SAMPLE_FILES = sorted(p.relative_to(ROOT).as_posix() for part in ("content", "data")
                      for p in (ROOT / part).rglob("*") if p.is_file())
_CHECK_PASSED: set[str] = set()


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("del") / "p")


def check_without(project: Path, rel: str, capsys) -> tuple[int, str]:
    """``campaign check`` (in this process: fast) on the project without ``rel``."""
    from campaign.cli.main import main

    target = project / rel
    kept = target.read_bytes()
    target.unlink()
    try:
        code = main(["check", "--project", str(project)])
    finally:
        target.write_bytes(kept)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.build
@pytest.mark.parametrize("rel", SAMPLE_FILES)
def test_deleting_a_sample_file_gives_located_chinese_messages(sample_copy, rel, capsys, monkeypatch):
    monkeypatch.chdir(sample_copy)
    code, out = check_without(sample_copy, rel, capsys)
    assert "Traceback" not in out
    assert_for_authors(out)
    if code == 0:
        _CHECK_PASSED.add(rel)
        return
    problems = [line for line in out.splitlines() if LOCATED.match(line)]
    assert problems, out
    assert out.strip().endswith("请逐条修改后重新构建。"), out


@pytest.mark.build
def test_deletions_check_accepts_also_build(tmp_path, capsys, monkeypatch):
    """Where check passes after a deletion, the build passes too: one build without all of them."""
    passed = set(_CHECK_PASSED)
    if not passed:  # run alone: find them
        project = copy_project(tmp_path / "probe")
        monkeypatch.chdir(project)
        passed = {rel for rel in SAMPLE_FILES if check_without(project, rel, capsys)[0] == 0}
    assert "data/quiz_responses/tobacco-2026-10.csv" in passed  # a file nothing depends on
    project = copy_project(tmp_path / "p")
    for rel in passed:
        (project / rel).unlink()
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        checked = run(project, "check", "-f", config)
        assert_for_authors(checked.stdout + checked.stderr)
        built = run(project, "build", "-f", config)
        out = built.stdout + built.stderr
        assert_for_authors(out)
        assert (built.returncode == 0) == (checked.returncode == 0), (checked.stderr, out)


@pytest.mark.build
def test_no_awareness_target_is_claimed_when_none_is_set(tmp_path):
    project = copy_project(tmp_path / "p")
    campaign = project / "data" / "campaign.yml"
    text = campaign.read_text("utf-8")
    cut = re.sub(r"  - id: awareness_rate\n    label: [^\n]*\n    value: 80\n", "", text)
    assert cut != text
    campaign.write_text(cut, "utf-8")
    result = run(project, "build", "-f", "mkdocs.internal.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-internal"
    for page in ("quizzes/index.html", "quizzes/tobacco-results/index.html", "units/zxj/index.html"):
        html = (site / page).read_text("utf-8")
        assert "知晓率" in html, page
        assert "目标" not in html and "达标" not in html and "80%" not in html, page
