"""``campaign score QUIZ RESPONSES``: from collected answers to the awareness rate.

The response file (CSV or .xlsx) has a header row, then one row per
respondent: the first column is the unit (its id, full name or short name),
then one column per question id of the quiz, in any order. Answers are the
option letters (``B``; ``ACD`` for a multiple choice, in any order, commas
allowed) and ``对``/``错`` or ``T``/``F`` for a true/false question.

Every question counts the same; a multiple choice counts only when exactly
the right options are chosen (partly right is wrong). A respondent passes at
or above the quiz's pass mark. Rows with an unknown unit, an unknown option
or a missing answer are reported with file and row and never counted: the
command fails unless ``--skip-bad`` is given, then they are left out and the
results say how many.

问卷星's own Excel download is read as well (``survey_export``): it is turned into
this sheet first, so both give the same figures.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import yaml

from campaign.cli import survey_export
from campaign.cli.project import load_project, project_args
from campaign.derive.quizzes import questions_of
from campaign.model import quizzes
from campaign.model.model import Model
from campaign.model.quizzes import Question, Quiz
from campaign.model.tables import cell_text, read_table
from campaign.model.units import UnitNames

TRUE_WORDS = {"对", "T", "TRUE", "√", "正确", "是", "Y"}
FALSE_WORDS = {"错", "F", "FALSE", "×", "X", "错误", "否", "N"}
UNIT_HEADERS = {"unit", "单位", "单位编号", "单位名称", "科室"}


@dataclass
class BadRow:
    path: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}: {self.message}"


@dataclass
class Respondent:
    unit: str
    correct: int
    total: int
    right: dict[str, bool]          # question id -> answered right

    @property
    def score(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0

    def passed(self, pass_mark: float) -> bool:
        # exact arithmetic: 12 of 15 right is exactly 80, never 79.999…
        return Fraction(self.correct * 100, self.total) >= Fraction(str(pass_mark))


@dataclass
class Scored:
    respondents: list[Respondent] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    header_problems: list[BadRow] = field(default_factory=list)


def read_rows(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every row of a CSV or .xlsx file as text (what the reader should know is printed)."""
    notes: list[str] = []
    rows = [[cell_text(v) for v in row] for row in read_table(path, sheet, notes=notes)]
    for note in notes:
        print(f"{path}: 注意：{note}", file=sys.stderr)
    return rows


def parse_answer(q: Question, text: str) -> tuple[set[str] | None, str]:
    """The chosen keys, or None and a message when the answer cannot be read."""
    t = text.strip()
    if not t:
        return None, f"题目 {q.id} 没有作答"
    if q.type == "true_false":
        up = t.upper()
        if up in TRUE_WORDS or t in TRUE_WORDS:
            return {"对"}, ""
        if up in FALSE_WORDS or t in FALSE_WORDS:
            return {"错"}, ""
        return None, f"题目 {q.id} 是判断题，答案应为 对/错 或 T/F，这里是“{t}”"
    letters = quizzes.letters(t)
    keys = q.keys
    unknown = [c for c in letters if c not in keys]
    if unknown:
        return None, f"题目 {q.id} 没有选项“{''.join(unknown)}”（本题选项为 A～{keys[-1]}），这里是“{t}”"
    return set(letters), ""


def score(model: Model, quiz: Quiz, rows: list[list[str | None]], path: str,
          cell_problems: dict[int, list[str]] | None = None) -> Scored:
    """Score every row; the header names the question columns. Row numbers are the file's (1 = header).
    A cell None could not be read; ``cell_problems`` (row -> messages) says why."""
    out = Scored()
    qs = {q.id: q for q in questions_of(model, quiz)}
    if not rows:
        out.header_problems.append(BadRow(path, 1, "文件是空的，第一行应为表头：单位, 题目编号…"))
        return out
    header = [(h or "").strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    columns = _question_columns(header, qs, quiz.id, path, out.header_problems)
    if out.header_problems:
        return out
    units = UnitNames(model.units)
    for n, row in enumerate(rows[1:], 2):
        cells = [None if c is None else c.strip() for c in row]
        if not any(c is None or c for c in cells):
            continue  # blank lines at the end of a sheet
        cells += [""] * (len(header) - len(cells))
        unit, problems = _unit_of(units, cells[0])
        problems += (cell_problems or {}).get(n, [])
        right = _answers(cells, columns, qs, problems)
        if problems:
            out.bad.append(BadRow(path, n, "；".join(problems)))
            continue
        out.respondents.append(Respondent(unit, sum(right.values()), len(qs), right))  # type: ignore[arg-type]
    return out


def _question_columns(header: list[str], qs: dict[str, Question], quiz_id: str, path: str,
                      problems: list[BadRow]) -> dict[int, str]:
    """Column index -> question id; what is wrong with the header goes to ``problems``:
    the first column not the unit, a column twice, a header that is no question, a question without a column."""
    if not header or header[0] not in UNIT_HEADERS | {""}:
        problems.append(BadRow(path, 1, f"第一列应为“单位”，这里是“{header[0] if header else ''}”"))
    columns: dict[int, str] = {}
    for i, h in enumerate(header[1:], 1):
        if h in qs:
            if h in columns.values():
                problems.append(BadRow(path, 1, f"题目 {h} 的列出现了两次"))
            columns[i] = h
        elif h:
            problems.append(BadRow(path, 1, f"表头“{h}”不是测试“{quiz_id}”的题目编号"))
    missing = [qid for qid in qs if qid not in columns.values()]
    if missing:
        problems.append(BadRow(path, 1, "缺少这些题目的列：" + "、".join(missing)))
    return columns


def _unit_of(units: UnitNames, cell: str | None) -> tuple[str | None, list[str]]:
    """The unit a row's first cell names, and why it names none (nothing to say when the cell
    could not be read: ``cell_problems`` says why)."""
    if cell is None:
        return None, []
    unit = units.find(cell)
    return unit, [] if unit is not None else [units.why_not(cell)]


def _answers(cells: list[str | None], columns: dict[int, str], qs: dict[str, Question],
             problems: list[str]) -> dict[str, bool]:
    """Question id -> answered right, for the answers that can be read; the others' messages go to ``problems``."""
    right: dict[str, bool] = {}
    for i, qid in columns.items():
        q = qs[qid]
        cell = cells[i]
        if cell is None:
            continue  # explained in cell_problems
        chosen, message = parse_answer(q, cell)
        if chosen is None:
            problems.append(message)
        else:
            right[qid] = chosen == set(q.correct)
    return right


def _rate(k: int, n: int) -> float:
    return round(100.0 * k / n, 1) if n else 0.0


def figures(model: Model, quiz: Quiz, scored: Scored, source: str) -> dict:
    """The results document written to data/quiz_results/<quiz>.yml."""
    rs = scored.respondents
    pm = quiz.pass_mark

    def block(group: list[Respondent]) -> dict:
        passed = sum(r.passed(pm) for r in group)
        mean = round(sum(r.score for r in group) / len(group), 1) if group else 0.0
        return {"respondents": len(group), "passed": passed, "mean_score": mean,
                "awareness_rate": _rate(passed, len(group))}

    by_unit: dict[str, list[Respondent]] = {}
    for r in rs:
        by_unit.setdefault(r.unit, []).append(r)
    order = list(model.units)
    units = [{"unit": uid, **block(by_unit[uid])} for uid in sorted(by_unit, key=order.index)]
    qfig = []
    for q in questions_of(model, quiz):
        answered = sum(1 for r in rs if q.id in r.right)
        correct = sum(1 for r in rs if r.right.get(q.id))
        qfig.append({"question": q.id, "answered": answered, "correct": correct,
                     "correct_rate": _rate(correct, answered)})
    return {"quiz": quiz.id, "source": source, "pass_mark": pm, "excluded": len(scored.bad),
            "overall": block(rs), "units": units, "questions": qfig}


HEADER_COMMENT = ("# 由 campaign score 根据答题数据计算生成，请勿手工修改；\n"
                  "# 答题数据有变动时重新运行：campaign score {quiz} {source}\n")


def dump(doc: dict) -> str:
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    return HEADER_COMMENT.format(quiz=doc["quiz"], source=doc["source"] or "答题文件") + body


# -- the command ----------------------------------------------------------------
def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("quiz", help="测试编号（data/quizzes/<编号>.yml）")
    p.add_argument("responses", help="答题数据文件：.csv 或 .xlsx（登记表，或问卷星导出的 Excel）")
    p.add_argument("--out", help="结果文件，默认 data/quiz_results/<测试编号>.yml")
    p.add_argument("--sheet", help="工作表名称（.xlsx），默认第一张可见的工作表")
    p.add_argument("--skip-bad", action="store_true", help="跳过有问题的行（不计入结果，但会列出），仍然生成结果")
    p.add_argument("--unit-question", default=survey_export.UNIT_QUESTION,
                   help=f"问卷星导出：填写单位的那道题的文字，默认“{survey_export.UNIT_QUESTION}”")
    p.add_argument("--ignore", action="append", default=[], metavar="题目文字",
                   help="问卷星导出：不是测试题的题目（如姓名、电话），按题目文字跳过；可写多次")
    project_args(p)


def run(args: argparse.Namespace) -> int:
    model = load_project(args)
    if model is None:
        return 1
    root = Path(args.project).resolve()
    quiz = model.quizzes.get(args.quiz)
    if quiz is None:
        known = "、".join(model.quizzes) or "（没有）"
        print(f"没有编号为“{args.quiz}”的测试。已有的测试：{known}", file=sys.stderr)
        return 2
    path = Path(args.responses)
    shown = args.responses
    if not path.exists():
        print(f"{shown}: 文件不存在。", file=sys.stderr)
        return 2
    try:
        rows = read_rows(path, args.sheet)
    except Exception as err:  # a broken file is the author's problem to fix, not a traceback
        for line in str(err).splitlines():
            print(f"{shown}: 无法读取：{line}", file=sys.stderr)
        return 2
    if rows and survey_export.is_export(rows[0]):
        sheet = survey_export.to_sheet(model, quiz, rows, args.unit_question, tuple(args.ignore))
        if sheet.header_problems:
            for col, message in sheet.header_problems:
                print(f"{shown}:1:{col}: 第 {col} 列（{survey_export.column_name(col)}）：{message}", file=sys.stderr)
            print("问卷星导出的表头与测试对不上，未计算。格式见编辑指南“知识测试”。", file=sys.stderr)
            return 1
        scored = score(model, quiz, sheet.rows, shown, sheet.cell_problems)
    else:
        scored = score(model, quiz, rows, shown)  # type: ignore[arg-type]
    if scored.header_problems:
        for b in scored.header_problems:
            print(f"{b}（第 {b.row} 行，表头）", file=sys.stderr)
        print("表头有误，未计算。格式见编辑指南“知识测试”。", file=sys.stderr)
        return 1
    for b in scored.bad:
        print(f"{b.path}:{b.row}: 第 {b.row} 行未计入：{b.message}", file=sys.stderr)
    if scored.bad and not args.skip_bad:
        print(f"共 {len(scored.bad)} 行有问题，未生成结果。请改正后重新运行，或加 --skip-bad 跳过这些行。",
              file=sys.stderr)
        return 1
    try:
        source = path.resolve().relative_to(root).as_posix()
    except ValueError:
        source = path.name
    doc = figures(model, quiz, scored, source)
    out = Path(args.out) if args.out else root / args.data / "quiz_results" / f"{quiz.id}.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump(doc), "utf-8")
    o = doc["overall"]
    print(f"{quiz.title}：计入 {o['respondents']} 人，合格 {o['passed']} 人，知晓率 {o['awareness_rate']}%，"
          f"平均分 {o['mean_score']}" + (f"；跳过 {len(scored.bad)} 行" if scored.bad else "") + f"。已写入 {out}")
    return 0

