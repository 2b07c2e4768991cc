"""Faces by role (fonts.py): licensed faces named in mkdocs.yml win, the standard's names next, then the open
faces; one message per role where the wanted face is missing; the variables the print CSS reads."""
from __future__ import annotations

import pytest

from campaign.print import fonts

pytestmark = pytest.mark.unit

OPEN = {"FandolFang": {400: ("/f/fang.otf", 0)}, "FandolKai": {400: ("/f/kai.otf", 0)},
        "Noto Sans CJK SC": {400: ("/f/sans.ttc", 2)},
        "Noto Serif CJK SC": {400: ("/f/serif.ttc", 2), 700: ("/f/serifb.ttc", 2), 900: ("/f/serifk.ttc", 2)}}


def by_role(choices):
    return {c.role.key: c for c in choices}


def test_open_faces_stand_in_and_each_substitution_is_said_once():
    got = by_role(fonts.choose({}, OPEN))
    assert got["body"].family == "FandolFang" and got["subheading"].family == "FandolKai"
    assert got["heading"].family == "Noto Sans CJK SC"
    assert (got["title"].family, got["title"].weight) == ("Noto Serif CJK SC", 900)
    lines = fonts.messages(list(got.values()))
    assert len(lines) == len(fonts.ROLES)
    assert any("正文仿宋" in ln and "仿宋_GB2312" in ln and "FandolFang" in ln for ln in lines)
    assert any("二级标题楷体" in ln and "FandolKai" in ln for ln in lines)


def test_licensed_faces_named_in_mkdocs_yml_win_and_are_not_reported():
    faces = dict(OPEN, **{"仿宋_GB2312": {400: ("/l/fs.ttf", 0)}, "方正小标宋简体": {400: ("/l/xbs.ttf", 0)}})
    got = by_role(fonts.choose({"body": "仿宋_GB2312", "title": "方正小标宋简体"}, faces))
    assert got["body"].family == "仿宋_GB2312" and not got["body"].substituted
    assert got["title"].family == "方正小标宋简体" and got["title"].weight == 400  # never a faked bold
    assert not any("正文仿宋" in ln or "标题小标宋" in ln for ln in fonts.messages(list(got.values())))


def test_a_named_face_that_is_missing_is_reported_by_its_name():
    got = by_role(fonts.choose({"body": "方正仿宋_GBK"}, OPEN))
    assert got["body"].family == "FandolFang" and got["body"].substituted == "方正仿宋_GBK"


def test_css_variables_name_the_face_per_role():
    css = fonts.css(fonts.choose({}, OPEN))
    assert '--cs-font-body: "FandolFang", serif;' in css
    assert '--cs-font-subheading: "FandolKai", serif;' in css
    assert "--cs-weight-title: 900;" in css


def test_a_wrong_fonts_option_gets_a_message_in_chinese():
    assert fonts.check_config({"body": "仿宋_GB2312", "title": "方正小标宋简体"}) == ""
    assert "不认识“titel”" in fonts.check_config({"titel": "方正小标宋简体"})
    assert "请写字体名称" in fonts.check_config({"body": ""})
    assert "用途: 字体名" in fonts.check_config(["仿宋"])
