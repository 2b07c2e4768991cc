"""Knowledge quizzes (知识测试): question banks, quizzes and their results.

Files:

- ``data/quizzes/banks/<bank>.yml``: a question bank (题库), a list of
  questions with stable ids (unique across every bank);
- ``data/quizzes/<quiz>.yml``: a quiz (测试) picking questions from the banks
  by id and/or by tag, optionally drawing N of them at random (seeded by the
  quiz id, so every build draws the same questions);
- ``data/quiz_results/<quiz>.yml``: figures written by ``campaign score``
  from collected answers (see quiz_score.py); the site shows them.

Answers are option letters: ``B`` for a single choice, ``ACD`` for a
multiple choice, ``对`` or ``错`` for a true/false question. Topic pages come
with the topics page kind: ``topic`` names a topic page (content/topics/<id>.md).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from campaign.model.ids import Id, Percent, QuestionRef, QuizRef, TopicRef, UnitRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Range, Record, fld

LETTERS = "ABCDEFGHIJ"
TRUE_FALSE = ("对", "错")
TYPE_LABELS = {"true_false": "判断题", "single": "单选题", "multiple": "多选题"}


@dataclass(frozen=True, kw_only=True)
class Question(Record):
    id: Id = fld(doc="题目编号（所有题库中唯一，答题表的列名）", example="kz-01")
    type: Literal["true_false", "single", "multiple"] = fld(
        doc="题型：true_false 判断题 / single 单选题 / multiple 多选题", example="single")
    text: Markdown = fld(doc="题干", example="室内公共场所全面禁止吸烟，这包括电子烟吗？")
    options: list[str] = fld(factory=list, doc="选项（单选、多选题必填，按 A、B、C… 顺序；判断题不填）",
                             example=["包括", "不包括"])
    answer: str = fld(doc="正确答案：选项字母，多选写在一起如 ACD；判断题写 对 或 错", example="A")
    explanation: Markdown = fld("", doc="答案解析（答完后显示）")
    topic: TopicRef | None = fld(None, doc="考查的健康知识主题编号（content/topics/ 的文件名）",
                                                     example="smoking-harm")
    tags: list[str] = fld(factory=list, doc="标签（测试可按标签选题）", example=["控烟", "基础"])

    @property
    def choices(self) -> list[str]:
        """The options as shown: 对/错 for true/false questions."""
        return list(TRUE_FALSE) if self.type == "true_false" else list(self.options)

    @property
    def keys(self) -> list[str]:
        """The option keys: letters A, B, … (对/错 for true/false)."""
        return list(TRUE_FALSE) if self.type == "true_false" else list(LETTERS[: len(self.options)])

    @property
    def option_pairs(self) -> list[tuple[str, str]]:
        """(key, text) of every option as shown."""
        return list(zip(self.keys, self.choices))

    @property
    def correct(self) -> list[str]:
        """The correct keys, in option order."""
        if self.type == "true_false":
            return [self.answer.strip()]
        given = set(letters(self.answer))
        return [k for k in self.keys if k in given]

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]


@dataclass(frozen=True, kw_only=True)
class Bank(Record):
    id: Id = fld(doc="题库编号", example="tobacco")
    title: str = fld(doc="题库名称", example="控烟知识题库")
    questions: list[Question] = fld(doc="题目")


@dataclass(frozen=True, kw_only=True)
class Quiz(Record):
    id: Id = fld(doc="测试编号（也是网址的一部分）", example="tobacco")
    title: str = fld(doc="测试标题", example="控烟知识测试")
    audience: str = fld("", doc="适用对象", example="县直机关、企事业单位职工")
    intro: Markdown = fld("", doc="说明（显示在题目前面）")
    pass_mark: Percent = fld(80, doc="合格分数线（百分制，默认 80）", example=80)
    questions: list[QuestionRef] = fld(factory=list, doc="按编号选题（按此顺序）", example=["kz-01", "kz-02"])
    tags: list[str] = fld(factory=list, doc="按标签选题：题库中带有任一标签的题目都选入", example=["控烟"])
    mode: Literal["practice", "test"] = fld(
        "practice", doc="practice 练习：页面可自动评分、显示答案和解析；test 考试：每人只提交一次，"
        "网页、搜索和公开版都不含答案，参考答案 PDF 只在内部工作版", example="test")
    draw: Annotated[int, Range(1, None)] | None = fld(
        None, doc="从选中的题目中随机抽取的题数（不填则全部；按测试编号固定抽取，每次生成结果相同）", example=15)


@dataclass(frozen=True, kw_only=True)
class QuestionFigures(Record):
    question: QuestionRef = fld(doc="题目编号")
    answered: int = fld(doc="作答人数")
    correct: int = fld(doc="答对人数")
    correct_rate: Percent = fld(doc="正确率（%）")


@dataclass(frozen=True, kw_only=True)
class Overall(Record):
    respondents: int = fld(doc="答题人数")
    passed: int = fld(doc="合格人数")
    mean_score: float = fld(doc="平均分")
    awareness_rate: Percent = fld(doc="知晓率（合格人数占比，%）")


@dataclass(frozen=True, kw_only=True)
class UnitFigures(Overall):
    """The same figures for one unit's respondents."""

    unit: UnitRef = fld(doc="单位编号")


@dataclass(frozen=True, kw_only=True)
class QuizResults(Record):
    quiz: QuizRef = fld(doc="测试编号")
    source: str = fld("", doc="答题数据文件")
    pass_mark: Percent = fld(doc="计算时的合格分数线")
    excluded: int = fld(0, doc="未计入的问题行数（用 --skip-bad 跳过的）")
    overall: Overall = fld(doc="总体")
    units: list[UnitFigures] = fld(factory=list, doc="各单位")
    questions: list[QuestionFigures] = fld(factory=list, doc="各题正确率")


# -- loading ------------------------------------------------------------------
def letters(text: str) -> list[str]:
    """Option letters as written ("A、C", "acd") → ["A", "C", "D"]."""
    return [c for c in re.sub(r"[\s,，、;；]+", "", text.upper())]


def add_bank(banks: dict[str, Bank], questions: dict[str, Question], bank: Bank, reg: Registry,
             problems: Problems) -> None:
    if reg.define("quiz_bank", bank.id, bank.where("id"), problems):
        banks[bank.id] = bank
    for q in bank.questions:
        if reg.define("question", q.id, q.where("id"), problems, q.path("id")):
            questions[q.id] = q
        check_question(q, problems)


def add_quiz(into: dict[str, Quiz], quiz: Quiz, reg: Registry, problems: Problems) -> None:
    if reg.define("quiz", quiz.id, quiz.where("id"), problems):
        into[quiz.id] = quiz


def add_results(into: dict[str, QuizResults], res: QuizResults, reg: Registry, problems: Problems) -> None:
    if res.quiz in into:
        problems.add(res.where("quiz"), res.path("quiz"), f"测试“{res.quiz}”的结果已在另一个文件中。")
        return
    into[res.quiz] = res


def check_question(q: Question, problems: Problems) -> None:
    """The checks a single question needs (answers against options, counts)."""
    if not q.text.strip():
        problems.add(q.where("text"), q.path("text"), "题干不能为空。")
    if q.type == "true_false":
        found = _true_false_problems(q)
    else:
        found = _option_problems(q) + _answer_problems(q)
    for name, index, message in found:
        where = f"{q.path(name)}[{index}]" if index else q.path(name)
        problems.add(q.where(name), where, message)


# (field, 1-based item index or 0, message)
_Found = list[tuple[str, int, str]]


def _true_false_problems(q: Question) -> _Found:
    out: _Found = []
    if q.options:
        out.append(("options", 0, "判断题不用写选项（固定为“对”“错”），请删除 options。"))
    if q.answer.strip() not in TRUE_FALSE:
        out.append(("answer", 0, f"判断题的答案应写“对”或“错”，这里是“{q.answer}”。"))
    return out


def _option_problems(q: Question) -> _Found:
    out: _Found = []
    n = len(q.options)
    if q.type == "single" and n < 2:
        out.append(("options", 0, "单选题至少要有 2 个选项。"))
    if q.type == "multiple" and n < 3:
        out.append(("options", 0, "多选题至少要有 3 个选项（其中至少 2 个正确）。" if n >= 2 else "多选题至少要有 2 个选项。"))
    if n > len(LETTERS):
        out.append(("options", 0, f"选项最多 {len(LETTERS)} 个。"))
    out += [("options", i, "选项不能为空。") for i, opt in enumerate(q.options, 1) if not opt.strip()]
    seen: set[str] = set()
    for i, opt in enumerate(q.options, 1):
        if opt in seen:
            out.append(("options", i, f"选项“{opt}”重复。"))
        seen.add(opt)
    return out


def _answer_problems(q: Question) -> _Found:
    given = letters(q.answer)
    keys = LETTERS[: len(q.options)]
    wrong = [c for c in given if c not in keys]
    if not given:
        message = "没有写正确答案。"
    elif wrong:
        message = f"答案“{''.join(wrong)}”不在选项之中（本题选项为 A～{keys[-1] if keys else 'A'}）。"
    elif len(set(given)) != len(given):
        message = f"答案“{q.answer}”中有重复的字母。"
    elif q.type == "single" and len(given) != 1:
        message = f"单选题只能有一个正确答案，这里是“{q.answer}”；如有多个正确答案请把 type 改为 multiple。"
    elif q.type == "multiple" and len(given) < 2:
        message = f"多选题应有至少两个正确答案，这里只有“{q.answer}”；只有一个正确答案请把 type 改为 single。"
    else:
        return []
    return [("answer", 0, message)]


def pool(quiz: Quiz, qs: dict[str, Question], banks: dict[str, Bank]) -> list[str]:
    """Ids of the questions a quiz picks before any draw: by id (in the quiz's
    order), then by tag (in bank order), without repeats."""
    chosen: list[str] = [qid for qid in dict.fromkeys(quiz.questions) if qid in qs]
    if quiz.tags:
        wanted = set(quiz.tags)
        for bank in banks.values():
            for q in bank.questions:
                if wanted.intersection(q.tags) and q.id not in chosen and q.id in qs:
                    chosen.append(q.id)
    return chosen


def select(quiz: Quiz, qs: dict[str, Question], banks: dict[str, Bank]) -> list[Question]:
    """The quiz's questions; with ``draw`` a fixed random sample (seeded by the
    quiz id, so every build draws the same), kept in pool order."""
    chosen = pool(quiz, qs, banks)
    if quiz.draw is not None and quiz.draw < len(chosen):
        picked = set(random.Random(f"campaign-quiz:{quiz.id}").sample(chosen, quiz.draw))
        chosen = [qid for qid in chosen if qid in picked]
    return [qs[qid] for qid in chosen]


def check_quizzes(quizzes: dict[str, Quiz], qs: dict[str, Question], banks: dict[str, Bank],
                  results: dict[str, QuizResults], problems: Problems) -> None:
    for quiz in quizzes.values():
        if not quiz.questions and not quiz.tags:
            problems.add(quiz.loc, quiz.path("questions"), "测试没有选题：请写 questions（题目编号）或 tags（标签）。")
            continue
        seen: set[str] = set()
        for i, qid in enumerate(quiz.questions, 1):
            if qid in seen:
                problems.add(quiz.where("questions"), f"{quiz.path('questions')}[{i}]", f"题目“{qid}”重复选入。")
            seen.add(qid)
        known_tags = {t for q in qs.values() for t in q.tags}
        for i, tag in enumerate(quiz.tags, 1):
            if tag not in known_tags:
                problems.add(quiz.where("tags"), f"{quiz.path('tags')}[{i}]", f"题库中没有带标签“{tag}”的题目。")
        picked = pool(quiz, qs, banks)
        if quiz.draw is not None and quiz.draw > len(picked):
            problems.add(quiz.where("draw"), quiz.path("draw"),
                         f"要抽取 {quiz.draw} 题，但选中的题目只有 {len(picked)} 道。")
    for res in results.values():
        scored = quizzes.get(res.quiz)
        if scored is None:
            continue
        ids = {q.id for q in select(scored, qs, banks)}
        for qf in res.questions:
            if qf.question not in ids:
                problems.add(qf.where("question"), qf.path("question"),
                             f"题目“{qf.question}”不在测试“{scored.id}”中；题目有变动时请重新运行 campaign score。")

