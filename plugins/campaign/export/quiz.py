"""Quizzes for a learning management system: GIFT and Moodle XML.

GIFT (Moodle's plain-text question format) escapes ``~ = # { } :`` and the
backslash itself with a backslash; one question per paragraph. A multiple
choice gives each right option an equal share of 100% and every wrong option
-100%, so a wrong pick costs the whole question. Both files carry the
question id as the question name (and as Moodle's idnumber).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from campaign.model.quizzes import Question, Quiz

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, lines joined."""
    one_line = re.sub(r"\s*\n\s*", " ", str(text).strip())
    return _GIFT_SPECIAL.sub(r"\\\1", one_line)


def _weight(share: float) -> str:
    s = f"{share:.5f}".rstrip("0").rstrip(".")
    return s


def gift(quiz: Quiz, questions: list[Question]) -> str:
    lines = [f"// {gift_escape(quiz.title)}（{len(questions)} 题，合格线 {quiz.pass_mark:g} 分）",
             "// 由 campaign-site 生成；导入 Moodle：题库 → 导入 → GIFT 格式", "",
             f"$CATEGORY: $course$/top/{gift_escape(quiz.title)}", ""]
    for q in questions:
        head = f"::{gift_escape(q.id)}::{gift_escape(q.text)}"
        feedback = f"####{gift_escape(q.explanation)}" if q.explanation else ""
        if q.type == "true_false":
            body = "{" + ("TRUE" if q.correct == ["对"] else "FALSE") + feedback + "}"
        elif q.type == "single":
            parts = [("=" if k in q.correct else "~") + gift_escape(opt) for k, opt in zip(q.keys, q.options)]
            body = "{\n" + "\n".join("\t" + p for p in parts) + ("\n\t" + feedback if feedback else "") + "\n}"
        else:
            right = _weight(100 / len(q.correct))
            parts = [f"~%{right if k in q.correct else '-100'}%{gift_escape(opt)}"
                     for k, opt in zip(q.keys, q.options)]
            body = "{\n" + "\n".join("\t" + p for p in parts) + ("\n\t" + feedback if feedback else "") + "\n}"
        lines.append(f"// {q.type_label} {q.id}")
        lines.append(head + body)
        lines.append("")
    return "\n".join(lines)


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if fmt:
        el.set("format", fmt)
    ET.SubElement(el, "text").text = text
    return el


def moodle_xml(quiz: Quiz, questions: list[Question]) -> bytes:
    root = ET.Element("quiz")
    cat = ET.SubElement(root, "question", type="category")
    _text(cat, "category", f"$course$/top/{quiz.title}")
    for q in questions:
        qtype = "truefalse" if q.type == "true_false" else "multichoice"
        el = ET.SubElement(root, "question", type=qtype)
        _text(el, "name", q.id)
        _text(el, "questiontext", str(q.text), "markdown")
        _text(el, "generalfeedback", str(q.explanation), "markdown")
        ET.SubElement(el, "defaultgrade").text = "1"
        ET.SubElement(el, "penalty").text = "1" if q.type == "true_false" else "0.3333333"
        ET.SubElement(el, "hidden").text = "0"
        ET.SubElement(el, "idnumber").text = q.id
        if q.type == "true_false":
            right = q.correct == ["对"]
            for word, is_true in (("true", True), ("false", False)):
                a = _text(el, "answer", word, fraction="100" if right == is_true else "0")
                _text(a, "feedback", "")
            continue
        ET.SubElement(el, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "ABCD"
        share = _weight(100 / len(q.correct))
        for k, opt in zip(q.keys, q.options):
            if q.type == "single":
                fraction = "100" if k in q.correct else "0"
            else:
                fraction = share if k in q.correct else "-100"
            a = _text(el, "answer", opt, "plain_text", fraction=fraction)  # options are text, never markup
            _text(a, "feedback", "")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
