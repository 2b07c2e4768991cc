"""``campaign score`` on 问卷星's own Excel download, both variants (按选项文本 and
按选项序号), made here with openpyxl from the sample quiz and the sample
registration sheet: the same answers give the same figures."""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import campaign_cli, copy_project

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
TRUE = {"对", "T", "正确", "√"}


def quiz_questions(project: Path, quiz: str) -> dict[str, dict]:
    """Question id -> question, for every question of every bank."""
    out = {}
    for bank in (project / "data" / "quizzes" / "banks").glob("*.yml"):
        for q in yaml.safe_load(bank.read_text("utf-8"))["questions"]:
            out[q["id"]] = q
    return out


def export_rows(sheet: list[list[str]], questions: dict[str, dict], numeric: bool) -> list[list[object]]:
    """The registration sheet as 问卷星 would have exported the same answers."""
    header, *body = sheet
    qids = header[1:]
    head: list[object] = [*META, "1、您的姓名", "2、您的工作单位"]
    for n, qid in enumerate(qids, 3):
        q = questions[qid]
        mark = "(多选)" if q["type"] == "multiple" else ""
        head.append(f"{n}、{mark}{q['text'].strip()}")
    rows = [head]
    for k, row in enumerate(body, 1):
        out: list[object] = [k, f"2026/10/{10 + k % 9} 09:{k % 60:02d}:00", f"{60 + k}秒", "手机提交", "直接访问",
                             f"10.0.0.{k}(内网)", f"职工{k}", row[0]]
        for qid, answer in zip(qids, row[1:]):
            q = questions[qid]
            if q["type"] == "true_false":
                yes = answer.strip().upper() in TRUE or answer.strip() in TRUE
                out.append((1 if yes else 2) if numeric else ("对" if yes else "错"))
                continue
            letters = [c for c in answer.upper() if c.isalpha()]
            idx = ["ABCDEFGHIJ".index(c) for c in letters]
            if numeric:
                out.append(idx[0] + 1 if len(idx) == 1 else "┋".join(str(i + 1) for i in idx))
            else:
                out.append("┋".join(q["options"][i] for i in idx))
        rows.append(out)
    return rows


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("wjx") / "p")


@pytest.fixture(scope="module")
def registration(project) -> tuple[list[list[str]], dict]:
    src = project / "data" / "quiz_responses" / "tobacco-2026-10.csv"
    sheet = list(csv.reader(src.read_text("utf-8-sig").splitlines()))
    result = campaign_cli(project, "score", "tobacco", str(src), "--out", "reg.yml", "--skip-bad")
    assert result.ok, result.output
    return sheet, yaml.safe_load((project / "reg.yml").read_text("utf-8"))


@pytest.mark.parametrize("numeric", [False, True], ids=["按选项文本", "按选项序号"])
def test_wjx_export_gives_the_registration_figures(project, registration, numeric):
    sheet, expected = registration
    rows = export_rows(sheet, quiz_questions(project, "tobacco"), numeric)
    assert any("┋" in str(c) for r in rows[1:] for c in r), "the sample has multiple choices answered"
    name = f"wjx-{int(numeric)}.xlsx"
    write_xlsx(project / name, rows)
    result = campaign_cli(project, "score", "tobacco", name, "--out", f"{name}.yml", "--skip-bad",
                          "--ignore", "您的姓名")
    assert result.ok, result.output
    got = yaml.safe_load((project / f"{name}.yml").read_text("utf-8"))
    for key in ("overall", "units", "questions", "excluded", "pass_mark"):
        assert got[key] == expected[key], key
    assert got["overall"]["respondents"] >= 60


def test_unknown_question_is_located_with_the_nearest(project, registration):
    sheet, _ = registration
    rows = export_rows(sheet, quiz_questions(project, "tobacco"), numeric=False)
    col = 10
    original = rows[0][col - 1]
    rows[0][col - 1] = str(original)[:-3] + "某某某"
    write_xlsx(project / "bad.xlsx", rows)
    result = campaign_cli(project, "score", "tobacco", "bad.xlsx", "--ignore", "您的姓名")
    assert not result.ok
    assert f"bad.xlsx:1:{col}: 第 {col} 列（J）：“{rows[0][col - 1]}”在测试“tobacco”里找不到这道题。最接近的是" in result.output
    assert "Traceback" not in result.output


def test_unit_question_is_configurable_and_its_absence_explained(project, registration):
    sheet, expected = registration
    rows = export_rows(sheet, quiz_questions(project, "tobacco"), numeric=False)
    rows[0][7] = "2、所在单位"
    write_xlsx(project / "unit.xlsx", rows)
    missing = campaign_cli(project, "score", "tobacco", "unit.xlsx", "--ignore", "您的姓名")
    assert not missing.ok
    assert "找不到填写单位的题目“您的工作单位”" in missing.output and "--unit-question" in missing.output
    ok = campaign_cli(project, "score", "tobacco", "unit.xlsx", "--ignore", "您的姓名", "--unit-question", "所在单位",
                      "--skip-bad", "--out", "unit.yml")
    assert ok.ok, ok.output
    assert yaml.safe_load((project / "unit.yml").read_text("utf-8"))["overall"] == expected["overall"]


def test_an_answer_that_is_no_option_is_reported_at_its_cell(project, registration):
    sheet, _ = registration
    rows = export_rows(sheet, quiz_questions(project, "tobacco"), numeric=False)
    q_col = next(i for i, v in enumerate(rows[1]) if isinstance(v, str) and "┋" in v)
    rows[1][q_col] = "根本没有这个选项"
    write_xlsx(project / "cell.xlsx", rows)
    result = campaign_cli(project, "score", "tobacco", "cell.xlsx", "--ignore", "您的姓名")
    assert not result.ok
    assert f"cell.xlsx:2: 第 2 行未计入：第 {q_col + 1} 列" in result.output
    assert "没有选项“根本没有这个选项”" in result.output


def test_a_unit_given_as_an_option_number_is_explained(project, registration):
    sheet, _ = registration
    rows = export_rows(sheet, quiz_questions(project, "tobacco"), numeric=True)
    rows[1][7] = "3"
    write_xlsx(project / "unitno.xlsx", rows)
    result = campaign_cli(project, "score", "tobacco", "unitno.xlsx", "--ignore", "您的姓名")
    assert not result.ok
    assert "unitno.xlsx:2: 第 2 行未计入：第 8 列（H）单位是序号“3”，对不上单位" in result.output
