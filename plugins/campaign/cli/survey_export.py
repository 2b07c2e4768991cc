"""Answers as 问卷星 (wjx.cn) exports them, read into the registration sheet
``campaign score`` scores (unit, then one column per question id, answers as
option letters or 对/错), so both give the same figures by construction.

问卷星's Excel download ("下载答卷数据") starts with metadata columns (序号,
提交答卷时间, 所用时间, 来源, 来源详情, 来自IP …), ignored here, then one column per
question headed by its number and text: ``3、室内公共场所……吗？``. The download
comes in two variants:

- 按选项文本: a cell holds the chosen option's text; a multiple choice joins
  the chosen texts with "┋";
- 按选项序号: a cell holds the chosen option's number (1 = first option;
  判断题 1 = 对, 2 = 错), "┋" between several.

Questions are matched by their text (numbering, type marks such as "(多选)",
spaces, Markdown emphasis and the width of punctuation do not matter). The
unit is read from the question whose text ``--unit-question`` names (by
default 您的工作单位), answered with a unit's id, full or short name."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from campaign.derive.quizzes import questions_of
from campaign.model.model import Model
from campaign.model.quizzes import Question, Quiz

META = {"序号", "提交答卷时间", "开始答题时间", "所用时间", "来源", "来源详情", "来自IP", "IP", "总分",
        "答题序号", "用户ID", "微信昵称", "自定义字段", "填写设备", "填写时长", "考试分数"}
SEPARATOR = "┋"
UNIT_QUESTION = "您的工作单位"
_NUMBERED = re.compile(r"^\s*(?:第\s*)?(\d{1,3})\s*(?:[、.．:：]|题)\s*")
_TYPE_MARK = re.compile(r"[(（\[【]\s*(?:单选|多选|判断|填空|必答|选填)题?\s*[)）\]】]")
_BLANK = re.compile(r"[(（]\s*[)）]")
_WIDTH = str.maketrans("（）？：，！；。“”‘’", "()?:,!;.\"\"''")


def normal(text: str) -> str:
    """A question's or option's text reduced to what a person reads as the same."""
    t = _NUMBERED.sub("", str(text), count=1)
    t = _TYPE_MARK.sub("", t)
    t = _BLANK.sub("", t.translate(_WIDTH))
    t = re.sub(r"[*_`\s]+", "", t)
    return t.rstrip("?:.,!;")


def is_export(header: list[str]) -> bool:
    """A 问卷星 download: its metadata columns and numbered question columns."""
    cells = [h.strip() for h in header]
    return any(c in META for c in cells) and any(_NUMBERED.match(c) for c in cells)


@dataclass
class Sheet:
    """The export as a registration sheet: rows of text (None: a cell that could not be
    read, explained in ``cell_problems``), row numbers kept."""

    rows: list[list[str | None]] = field(default_factory=list)
    header_problems: list[tuple[int, str]] = field(default_factory=list)   # (column, message)
    cell_problems: dict[int, list[str]] = field(default_factory=dict)      # row -> messages


def column_name(i: int) -> str:
    """Excel's name of the 1-based column ``i`` (1 → A, 27 → AA)."""
    name = ""
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def to_sheet(model: Model, quiz: Quiz, rows: list[list[str]], unit_question: str = UNIT_QUESTION,
             ignore: tuple[str, ...] = ()) -> Sheet:
    out = Sheet()
    header = [h.strip() for h in rows[0]]
    unit_col, columns = _columns(header, questions_of(model, quiz), quiz.id, unit_question, ignore,
                                 out.header_problems)
    if out.header_problems:
        return out
    assert unit_col is not None  # else reported above
    body = rows[1:]
    numeric = _numeric(body, list(columns))
    order = sorted(columns)
    out.rows.append(["单位", *[columns[i].id for i in order]])
    for n, row in enumerate(body, 2):
        cells = [c.strip() for c in row] + [""] * (len(header) - len(row))
        line, problems = _line(model, cells, unit_col, [(i, columns[i]) for i in order], numeric)
        if problems:
            out.cell_problems[n] = problems
        out.rows.append(line)
    return out


def _columns(header: list[str], qs: list[Question], quiz_id: str, unit_question: str, ignore: tuple[str, ...],
             problems: list[tuple[int, str]]) -> tuple[int | None, dict[int, Question]]:
    """The unit's column and each question's column (0-based), matched by text; what does not
    match goes to ``problems`` as (column, message)."""
    by_text: dict[str, Question] = {}
    for q in qs:
        by_text.setdefault(normal(q.text), q)
    unit_key, skip = normal(unit_question), {normal(t) for t in ignore}
    unit_col: int | None = None
    columns: dict[int, Question] = {}
    for i, h in enumerate(header):
        key = normal(h)
        if not h or h in META or (key in skip and key != unit_key):
            continue
        if key == unit_key:
            unit_col = i
        elif key in by_text:
            if by_text[key] in columns.values():
                problems.append((i + 1, f"“{h}”与前面一列是同一道题，出现了两次。"))
            columns[i] = by_text[key]
        else:
            problems.append((i + 1, _unknown_question(h, key, by_text, quiz_id)))
    if unit_col is None:
        problems.append((1, f"找不到填写单位的题目“{unit_question}”。请用 --unit-question 写出"
                            "问卷里那道题的文字（如 --unit-question 您所在的单位）。"))
    missing = [q for q in qs if q not in columns.values()]
    if missing:
        problems.append((1, "问卷里缺少这些测试题：" + "、".join(
            f"{q.id}（{_first_text(qs, q.id)}）" for q in missing)))
    return unit_col, columns


def _first_text(qs: list[Question], qid: str) -> str:
    return next(q.text.strip() for q in qs if q.id == qid)


def _unknown_question(h: str, key: str, by_text: dict[str, Question], quiz_id: str) -> str:
    """A column that is no question of the quiz: the nearest question's text, and how to skip it."""
    near = difflib.get_close_matches(key, list(by_text), n=1, cutoff=0.6)
    tip = f"最接近的是“{by_text[near[0]].text.strip()}”（{by_text[near[0]].id}），请核对题目文字。" if near else ""
    return f"“{h}”在测试“{quiz_id}”里找不到这道题。{tip}如果它不是测试题（如姓名、电话），加 --ignore “{normal(h)}” 跳过。"


def _line(model: Model, cells: list[str], unit_col: int, columns: list[tuple[int, Question]],
          numeric: bool) -> tuple[list[str | None], list[str]]:
    """One respondent as a registration-sheet row (the unit, then the answers in column order) and the
    problems of its cells (a cell that could not be read is None)."""
    unit = cells[unit_col]
    line: list[str | None] = [unit]
    problems: list[str] = []
    if numeric and unit.isdigit() and unit not in model.units:
        line[0] = None
        problems.append(f"第 {unit_col + 1} 列（{column_name(unit_col + 1)}）单位是序号“{unit}”，对不上单位："
                        "请按选项文本导出，或把单位题设为填空题")
    for i, q in columns:
        answer, message = _answer(q, cells[i], numeric)
        if message:
            problems.append(f"第 {i + 1} 列（{column_name(i + 1)}）{message}")
        line.append(answer)
    return line, problems


def _numeric(body: list[list[str]], cols: list[int]) -> bool:
    """按选项序号: every answer given is option numbers."""
    seen = [row[i].strip() for row in body for i in cols if i < len(row) and row[i].strip()]
    return bool(seen) and all(re.fullmatch(r"\d+(?:\s*┋\s*\d+)*", c) for c in seen)


def _answer(q: Question, text: str, numeric: bool) -> tuple[str | None, str]:
    """(the answer as the registration sheet writes it, "") or (None, why not)."""
    if not text:
        return "", ""  # scored as not answered, with the sheet's own message
    parts = [p.strip() for p in text.split(SEPARATOR) if p.strip()]
    if len(parts) > 1 and q.type != "multiple":
        return None, f"题目 {q.id} 只能选一项，这里选了 {len(parts)} 项：“{text}”"
    keys: list[str] = []
    for p in parts:
        if numeric:
            k = int(p)
            if not 1 <= k <= len(q.keys):
                return None, f"题目 {q.id} 没有第 {k} 个选项（共 {len(q.keys)} 个）"
            keys.append(q.keys[k - 1])
            continue
        hit = [k for k, choice in q.option_pairs if normal(choice) == normal(p)]
        if not hit and q.type == "true_false":
            return p, ""  # 正确/错误, √/×: read as the sheet reads them
        if not hit:
            return None, f"题目 {q.id} 没有选项“{p}”（选项：{' / '.join(q.choices)}）"
        keys.append(hit[0])
    return "".join(keys), ""
