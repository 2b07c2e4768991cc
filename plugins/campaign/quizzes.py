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

from . import loader
from .model import Id, Model, Percent
from .problems import Problems
from .schema import Markdown, Range, Record, Ref, fld

LETTERS = "ABCDEFGHIJ"
TRUE_FALSE = ("对", "错")
TYPE_LABELS = {"true_false": "判断题", "single": "单选题", "multiple": "多选题"}
QuestionRef = Annotated[str, Ref("question")]
QuizRef = Annotated[str, Ref("quiz")]
UnitRef = Annotated[str, Ref("unit")]


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
    topic: Annotated[str, Ref("topic")] | None = fld(None, doc="考查的健康知识主题编号（content/topics/ 的文件名）",
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
        given = set(_letters(self.answer))
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
def _letters(text: str) -> list[str]:
    return [c for c in re.sub(r"[\s,，、;；]+", "", text.upper())]


def banks(model: Model) -> dict[str, Bank]:
    return model.extra.setdefault("quiz_banks", {})  # type: ignore[return-value]


def questions(model: Model) -> dict[str, Question]:
    return model.extra.setdefault("questions", {})  # type: ignore[return-value]


def quizzes(model: Model) -> dict[str, Quiz]:
    return model.extra.setdefault("quizzes", {})  # type: ignore[return-value]


def results(model: Model) -> dict[str, QuizResults]:
    return model.extra.setdefault("quiz_results", {})  # type: ignore[return-value]


def _add_bank(model: Model, bank: Bank, reg: loader.Registry, problems: Problems) -> None:
    if reg.define("quiz_bank", bank.id, bank.where("id"), problems):
        banks(model)[bank.id] = bank
    for q in bank.questions:
        if reg.define("question", q.id, q.where("id"), problems, q.path("id")):
            questions(model)[q.id] = q
        check_question(q, problems)


def _add_quiz(model: Model, quiz: Quiz, reg: loader.Registry, problems: Problems) -> None:
    if reg.define("quiz", quiz.id, quiz.where("id"), problems):
        quizzes(model)[quiz.id] = quiz


def _add_results(model: Model, res: QuizResults, reg: loader.Registry, problems: Problems) -> None:
    if res.quiz in results(model):
        problems.add(res.where("quiz"), res.path("quiz"), f"测试“{res.quiz}”的结果已在另一个文件中。")
        return
    results(model)[res.quiz] = res


def check_question(q: Question, problems: Problems) -> None:
    """The checks a single question needs (answers against options, counts)."""
    def bad(name: str, message: str) -> None:
        problems.add(q.where(name), q.path(name), message)

    if not q.text.strip():
        bad("text", "题干不能为空。")
    if q.type == "true_false":
        if q.options:
            bad("options", "判断题不用写选项（固定为“对”“错”），请删除 options。")
        if q.answer.strip() not in TRUE_FALSE:
            bad("answer", f"判断题的答案应写“对”或“错”，这里是“{q.answer}”。")
        return
    if q.type == "single" and len(q.options) < 2:
        bad("options", "单选题至少要有 2 个选项。")
    if q.type == "multiple" and len(q.options) < 3:
        bad("options", "多选题至少要有 3 个选项（其中至少 2 个正确）。" if len(q.options) >= 2
            else "多选题至少要有 2 个选项。")
    if len(q.options) > len(LETTERS):
        bad("options", f"选项最多 {len(LETTERS)} 个。")
    for i, opt in enumerate(q.options):
        if not opt.strip():
            problems.add(q.where("options"), f"{q.path('options')}[{i + 1}]", "选项不能为空。")
    seen = set()
    for i, opt in enumerate(q.options):
        if opt in seen:
            problems.add(q.where("options"), f"{q.path('options')}[{i + 1}]", f"选项“{opt}”重复。")
        seen.add(opt)
    given = _letters(q.answer)
    keys = LETTERS[: len(q.options)]
    wrong = [c for c in given if c not in keys]
    if not given:
        bad("answer", "没有写正确答案。")
    elif wrong:
        last = keys[-1] if keys else "A"
        bad("answer", f"答案“{''.join(wrong)}”不在选项之中（本题选项为 A～{last}）。")
    elif len(set(given)) != len(given):
        bad("answer", f"答案“{q.answer}”中有重复的字母。")
    elif q.type == "single" and len(given) != 1:
        bad("answer", f"单选题只能有一个正确答案，这里是“{q.answer}”；如有多个正确答案请把 type 改为 multiple。")
    elif q.type == "multiple" and len(given) < 2:
        bad("answer", f"多选题应有至少两个正确答案，这里只有“{q.answer}”；只有一个正确答案请把 type 改为 single。")


def pool(model: Model, quiz: Quiz) -> list[str]:
    """Ids of the questions a quiz picks before any draw: by id (in the quiz's
    order), then by tag (in bank order), without repeats."""
    qs = questions(model)
    chosen: list[str] = [qid for qid in dict.fromkeys(quiz.questions) if qid in qs]
    if quiz.tags:
        wanted = set(quiz.tags)
        for bank in banks(model).values():
            for q in bank.questions:
                if wanted.intersection(q.tags) and q.id not in chosen and q.id in qs:
                    chosen.append(q.id)
    return chosen


HARDER_FIRST = ("multiple", "single", "true_false")


def points(qs: list[Question], total: int = 100) -> list[int]:
    """Whole-number points per question summing to ``total`` (the printed paper and its key): every
    question gets the same share, and the points left over go one each to the harder questions first
    (多选, then 单选, then 判断; in paper order within a type)."""
    if not qs:
        return []
    base, extra = divmod(total, len(qs))
    order = sorted(range(len(qs)), key=lambda i: (HARDER_FIRST.index(qs[i].type), i))
    bonus = set(order[:extra])
    return [base + (1 if i in bonus else 0) for i in range(len(qs))]


def select(model: Model, quiz: Quiz) -> list[Question]:
    """The quiz's questions; with ``draw`` a fixed random sample (seeded by the
    quiz id, so every build draws the same), kept in pool order."""
    qs = questions(model)
    chosen = pool(model, quiz)
    if quiz.draw is not None and quiz.draw < len(chosen):
        picked = set(random.Random(f"campaign-quiz:{quiz.id}").sample(chosen, quiz.draw))
        chosen = [qid for qid in chosen if qid in picked]
    return [qs[qid] for qid in chosen]


def check_quizzes(model: Model, reg: loader.Registry, problems: Problems) -> None:
    for quiz in quizzes(model).values():
        if not quiz.questions and not quiz.tags:
            problems.add(quiz.loc, quiz.path("questions"), "测试没有选题：请写 questions（题目编号）或 tags（标签）。")
            continue
        seen: set[str] = set()
        for i, qid in enumerate(quiz.questions, 1):
            if qid in seen:
                problems.add(quiz.where("questions"), f"{quiz.path('questions')}[{i}]", f"题目“{qid}”重复选入。")
            seen.add(qid)
        known_tags = {t for q in questions(model).values() for t in q.tags}
        for i, tag in enumerate(quiz.tags, 1):
            if tag not in known_tags:
                problems.add(quiz.where("tags"), f"{quiz.path('tags')}[{i}]", f"题库中没有带标签“{tag}”的题目。")
        picked = pool(model, quiz)
        if quiz.draw is not None and quiz.draw > len(picked):
            problems.add(quiz.where("draw"), quiz.path("draw"),
                         f"要抽取 {quiz.draw} 题，但选中的题目只有 {len(picked)} 道。")
    for res in results(model).values():
        quiz = quizzes(model).get(res.quiz)
        if quiz is None:
            continue
        ids = {q.id for q in select(model, quiz)}
        for qf in res.questions:
            if qf.question not in ids:
                problems.add(qf.where("question"), qf.path("question"),
                             f"题目“{qf.question}”不在测试“{quiz.id}”中；题目有变动时请重新运行 campaign score。")


loader.SOURCES.append(loader.Source("quizzes/banks/*.yml", Bank, _add_bank, label="题库", kind="question"))
loader.SOURCES.append(loader.Source("quizzes/*.yml", Quiz, _add_quiz, label="知识测试", kind="quiz"))
loader.SOURCES.append(loader.Source("quiz_results/*.yml", QuizResults, _add_results, label="测试结果（campaign score 生成）"))
loader.CHECKS.append(check_quizzes)
