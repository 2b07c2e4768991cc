"""The three example projects (examples/), one per real seed document in
../shared/seeds/, build with ``mkdocs build --strict`` and their plan page keeps
the seed's whole outline: every heading in order with the document's own
numbering, every group and role, every phase with its dates, every task or
duty row in order with what it has and nothing it has not.

The checklists below were written by reading the seeds (000: a county agency's
plan with a task table attached; 002: a city's annual plan; 001, 第四篇: a
bureau's campaign plan). Places, offices and people are our fictional ones;
structure, numbers and dates are the seeds'. The seeds write some numbers with
half-width brackets, "(一)", "(1)"; the site prints the full-width "（一）"."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.build

EXAMPLES = ROOT / "examples"


def _cls(name: str) -> str:
    return f'.//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


def _text(el) -> str:
    return re.sub(r"\s+", "", el.text_content())


def plan_outline(page: Path) -> dict:
    """What a reader of the plan page sees, in page order."""
    doc = lxml.html.fromstring(page.read_text("utf-8"))
    (art,) = doc.xpath('//article[contains(@class, "cs-plan")]')
    for a in art.xpath('.//a[contains(@class, "headerlink")]'):
        a.drop_tree()

    def roles(dl) -> list[tuple[str, str]]:
        return [(_text(dt), _text(dt.getnext())) for dt in dl.xpath("./dt")]

    groups = []
    for g in art.xpath(_cls("cs-group")):
        own = g.xpath('./dl[contains(@class, "cs-leadership")]')
        office = g.xpath(_cls("cs-office"))
        groups.append({
            "name": _text(g.xpath(_cls("cs-group__name"))[0]),
            "roles": roles(own[0]) if own else [],
            "office": (_text(office[0].xpath(_cls("cs-office__name"))[0]),
                       roles(office[0].xpath('./dl[contains(@class, "cs-leadership")]')[0])) if office else None,
        })
    tables = []
    for table in art.xpath(_cls("cs-tasks")):
        tables.append({
            "columns": [_text(th) for th in table.xpath("./thead//th")],
            "categories": [_text(th) for th in table.xpath('.//tr[contains(@class, "cs-category")]/th')],
            "rows": [[_text(td) for td in tr.xpath("./td")] for tr in table.xpath('.//tr[contains(@class, "cs-task-row")]')],
        })
    return {
        "title": _text(art.xpath("./h1")[0]),
        "headings": [_text(h) for h in art.xpath(_cls("cs-heading"))],
        "groups": groups,
        "phases": [_text(p) for p in art.xpath(_cls("cs-phase__name"))],
        "duties": [(_text(dt), _text(dt.getnext())) for dt in art.xpath(_cls("cs-duty-list") + "/dt")],
        "tables": tables,
        "attachments": [_text(p) for p in art.xpath(_cls("cs-attachment__label"))],
        "attachment_note": [_text(p) for p in art.xpath(_cls("cs-attachment-note") + "/p")],
        "signature": [_text(p) for p in art.xpath(_cls("cs-signature"))],
        "text": _text(art),
    }


def members(text: str) -> list[str]:
    return text.split("、") if text else []


def check_roles(got: list[tuple[str, str]], want: list[tuple[str, list[str]]]) -> None:
    assert [label for label, _ in got] == [label for label, _ in want]
    for (label, dd), (_, names) in zip(got, want):
        shown = members(dd)
        assert len(shown) == len(names), (label, shown, names)
        for shown_one, name in zip(shown, names):
            assert shown_one.startswith(re.sub(r"\s+", "", name)), (label, shown_one, name)


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory) -> dict[str, Path]:
    """Each example built once; the agency plan with its PDF (its pages are the same with or without)."""
    out = {}
    for name, as_of in (("agency-plan", "2018-04-10"), ("city-plan", "2022-05-10"), ("bureau-plan", "2016-05-10")):
        project = tmp_path_factory.mktemp(name) / name
        shutil.copytree(EXAMPLES / name, project, ignore=shutil.ignore_patterns("site", ".cache"))
        result = mkdocs_build(project, "mkdocs.yml", as_of=as_of, pdf=name == "agency-plan")
        assert result.ok, result.output
        assert "WARNING" not in result.output and "Traceback" not in result.output, result.output
        out[name] = result.site
    return out


# --- seed 000: a county agency's plan; five headings, a leadership group with an
# office, four dated phases, three requirements, and the task table attached. ---
AGENCY = {
    "title": "柳湾县中小企业局关于创建国家卫生县城工作实施方案",
    "headings": ["一、指导思想", "二、工作目标", "三、组织领导", "四、实施步骤", "五、工作要求",
                 "（一）加强组织领导", "（二）加大宣传力度", "（三）强化督导考核",
                 "柳湾县中小企业局创建国家卫生县城工作任务分解表"],
    "group": ("创建国家卫生县城工作领导小组",
              [("组长", ["周启明"]), ("副组长", ["姚振宇"]),
               ("成员", ["邱建林", "柳  挺", "章成文", "卢学武", "茅冬青", "麻晓华"])]),
    "office": ("创建国家卫生县城工作领导小组下设办公室。", [("办公室主任", ["邱建林"])]),
    "phases": ["（一）全面启动阶段（2018年2月）", "（二）集中攻坚阶段（2018年2月至2018年4月）",
               "（三）巩固提高阶段（2018年4月至2018年5月）", "（四）迎接验收阶段（2018年5月至2018年6月）"],
    "categories": ["一、创建宣传氛围", "二、爱国卫生组织管理", "三、健康教育工作", "四、病媒生物防制"],
    # (number, 完成进度安排, 责任领导, 责任科室) of every row, in the table's order
    "rows": [("1.", "2018年3月", "姚振宇", "办公室"), ("2.", "2018年3月", "姚振宇", "办公室"),
             ("1.", "2018年4月", "姚振宇", "办公室"), ("2.", "2018年4月", "姚振宇", "局创卫办"),
             ("3.", "2018年5月", "姚振宇", "局创卫办"),
             ("1.", "2018年5月", "姚振宇", "办公室"), ("2.", "2018年5月", "姚振宇", "局创卫办"),
             ("3.", "2018年4月", "姚振宇", "局创卫办"),
             ("1.", "2018年5月", "姚振宇", "局创卫办")],
    "rows_per_category": [2, 3, 3, 1],
    "signature": "柳湾县中小企业局2018年2月26日",
}


def test_agency_plan_keeps_the_seed_outline(built_examples):
    o = plan_outline(built_examples["agency-plan"] / "plans" / "zxj" / "index.html")
    assert o["title"] == AGENCY["title"]
    assert o["headings"] == AGENCY["headings"]
    (g,) = o["groups"]
    assert g["name"] == AGENCY["group"][0]
    check_roles(g["roles"], AGENCY["group"][1])
    assert g["office"][0] == AGENCY["office"][0]
    check_roles(g["office"][1], AGENCY["office"][1])
    assert o["phases"] == AGENCY["phases"]
    assert o["duties"] == []
    (t,) = o["tables"]
    # the seed's headers (its 工作类别 column becomes the category rows; 进度 is the site's own)
    assert t["columns"] == ["序号", "具体任务及要求", "完成进度安排", "责任领导", "责任科室", "进度"]
    assert t["categories"] == AGENCY["categories"]
    assert [(r[0], r[2], r[3], r[4]) for r in t["rows"]] == AGENCY["rows"]
    assert len(t["rows"]) == sum(AGENCY["rows_per_category"])
    assert o["attachments"] == ["附件"]
    # the body names its attachment before the signature, as the document does
    assert o["attachment_note"] == ["附件：" + AGENCY["headings"][-1]]
    assert o["text"].index("附件：") < o["text"].index(AGENCY["signature"])
    assert o["signature"] == [AGENCY["signature"]]


# --- seed 002: a city's annual plan; six headings, three more levels, numbers the
# document skips ((八) then (十)), groups described in prose, no phases, no table. ---
# Each line: the heading as the seed writes it, then its number (kept after the
# title here so this list is not the seed's running text).
CITY_HEADINGS = [number + title for title, number in (line.rsplit(" ", 1) for line in """
指导思想 一、
总体目标 二、
做好申报准备，正式提交创建国家卫生城市申请报告 三、
做好材料的收集和汇总工作 （一）
按时递交申报材料 （二）
开展专项治理，迎接省级、国家级暗访 四、
开展“规范三大秩序”活动 （一）
规范经营秩序 1.
规范卫生秩序 2.
规范交通秩序 3.
开展“七项专项整治”活动 （二）
治理解决背街小巷脏乱差 1.
治理城中村和城乡接合部卫生问题 2.
治理农贸市场管理不规范 3.
开展老旧小区脏乱差的治理 4.
继续重点行业专项治理活动 5.
开展废品回收站治理活动 6.
开展绿化带专项治理 7.
加强宣传教育，营造创卫氛围，充分调动群众创卫积极性 五、
加大宣传力度 （一）
推动文明健康、绿色环保生活方式融入群众日常生活 1.
强化公共卫生安全意识 （1）
提升群众防病能力 （2）
引导养成文明卫生习惯 （3）
践行低碳环保生活方式 （4）
开展卫生健康系列创建活动 （5）
认真组织开展纪念爱国卫生运动70周年活动 2.
强化宣传引导 （二）
调动群众参与创卫积极性 （三）
完善管理机制，以考评促进工作 六、
加强组织领导 （一）
创新工作方法，提升创卫能力 （二）
实行联合执法，彻底解决城市顽疾 （三）
强化病媒生物防制工作 （四）
持续推进无疫小区建设 （五）
持续推进控烟工作 （六）
细化任务分解，进一步健全工作台账和问题台账 （七）
落实工作责任 （八）
实施创卫网格化管理体系 （十）
建立长效管理机制 （十一）
""".strip().split("\n"))]

CITY_GROUPS = [
    ("创卫工作领导小组", [("总督导", ["市政府主要领导"]), ("组长", ["市政府主要领导"])],
     ("创卫工作领导小组下设创卫办公室。", [("办公室主任", ["市领导"])])),
    ("工作保障组", [("组长", ["市领导"])], None),
    ("宣传组", [("组长", ["市领导"])], None),
    ("督导组", [("组长", ["市领导"])], None),
    ("片区组", [("片区组长", ["市领导"])], None),
    ("创卫督导组（7个）", [("成员", ["市卫健委", "市场监督局", "城管局", "各镇、街道办事处业务骨干",
                               "其他相关局委业务骨干"])], None),
]


def test_city_plan_keeps_the_seed_outline(built_examples):
    o = plan_outline(built_examples["city-plan"] / "plans" / "city" / "index.html")
    assert o["title"] == "创建国家卫生市工作计划"
    assert o["headings"] == CITY_HEADINGS
    assert [g["name"] for g in o["groups"]] == [name for name, _, _ in CITY_GROUPS]
    for g, (_, roles, office) in zip(o["groups"], CITY_GROUPS):
        # a member may itself contain "、" (各镇、街道办事处): compare the joined list
        assert [label for label, _ in g["roles"]] == [label for label, _ in roles]
        assert [dd for _, dd in g["roles"]] == ["、".join(names) for _, names in roles]
        if office:
            assert g["office"][0] == office[0]
            check_roles(g["office"][1], office[1])
        else:
            assert g["office"] is None
    # the document has no phases, no duty lists, no task table, no signature, no attachment
    assert o["phases"] == [] and o["duties"] == [] and o["tables"] == []
    assert o["attachments"] == [] and o["attachment_note"] == [] and o["signature"] == []
    # its facts stay: the cycle, the application dates, the 7 groups, the smoke-free targets
    for fact in ("2022—2024", "2022年4月", "岚发〔2017〕5号", "7个创卫督导组", "100%", "40%"):
        assert fact in o["text"], fact


# --- seed 001, 第四篇: a bureau's plan; the document numbers its first two headings
# "1、" "2、" and the next two "三、" "四、"; duties per office, six undated tasks
# without leaders, the leadership group inside the measures. ---
BUREAU = {
    "headings": ["1、目标任务", "2、责任划分", "三、活动安排", "四、具体措施", "1、组织领导", "2、统筹安排", "3、强化督查"],
    "duties": ["各办公室", "局办公室", "法制股", "各股室", "各住户"],
    # (number, 责任单位) of the six tasks; the document names no due date and no leader
    "rows": [("1、", ""), ("2、", "产权股、测绘股、白蚁股、档案股、维修资金股"), ("3、", ""), ("4、", "局办公室"),
             ("5、", "物业办、开发办"), ("6、", "")],
    "group": ("创卫工作领导小组",
              [("组长", ["易朝宏"]), ("副组长", ["黎新祺"]), ("成员", ["俞树君", "江森耕", "张  晟", "柳燕波", "陈晏如"])]),
    "office": ("创卫工作领导小组下设办公室。", [("办公室主任", ["俞树君"])]),
}


def test_bureau_plan_keeps_the_seed_outline(built_examples):
    site = built_examples["bureau-plan"]
    o = plan_outline(site / "plans" / "fcj" / "index.html")
    assert o["headings"] == BUREAU["headings"]
    assert [d for d, _ in o["duties"]] == BUREAU["duties"]
    (t,) = o["tables"]
    # nothing invented: no due-date or leader column, no categories
    assert t["columns"] == ["序号", "具体任务及要求", "责任单位", "进度"]
    assert t["categories"] == []
    assert [(r[0], r[2]) for r in t["rows"]] == BUREAU["rows"]
    assert all("逾期" not in r[3] for r in t["rows"])
    (g,) = o["groups"]
    assert g["name"] == BUREAU["group"][0]
    check_roles(g["roles"], BUREAU["group"][1])
    assert g["office"][0] == BUREAU["office"][0]
    check_roles(g["office"][1], BUREAU["office"][1])
    assert o["phases"] == [] and o["attachments"] == [] and o["signature"] == []
    # the office's duty shows on its own unit page, linked to the plan's section
    unit = lxml.html.fromstring((site / "units" / "bgs" / "index.html").read_text("utf-8"))
    (duties,) = unit.xpath(_cls("cs-unit-duties"))
    assert "灭四害" in _text(duties)
    assert duties.xpath(".//a/@href")[0].endswith("plans/fcj/#sec-2")
    # an undated task reads 长期/持续 on the unit page and is not counted as overdue
    row = _text(unit.xpath('//table[contains(@class, "cs-unit-tasks")]//tr[@id="task-hd-4"]')[0])
    assert "长期/持续" in row and "逾期" not in row


def test_every_example_is_in_our_own_words():
    import subprocess
    import sys
    tool = ROOT.parent.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        tool = Path("/work/shared/tools/seed_overlap.py")
    if not tool.exists():
        pytest.skip("seed_overlap.py is not on this machine")
    for name in ("agency-plan", "city-plan", "bureau-plan"):
        proc = subprocess.run([sys.executable, str(tool), str(EXAMPLES / name)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.pdf
def test_agency_plan_pdf_prints_the_same_outline(built_examples):
    """The printed plan keeps the headings in order, and its attachment starts on a page of its own."""
    import subprocess
    pdf = built_examples["agency-plan"] / "print" / "plans" / "zxj.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    flat = [re.sub(r"\s+", "", p) for p in pages]
    text = "".join(flat)
    at = [text.index(h) for h in AGENCY["headings"][:-1]]
    assert at == sorted(at), AGENCY["headings"]
    for phase in AGENCY["phases"]:
        assert phase in text, phase
    for cat in AGENCY["categories"]:
        assert cat in text, cat
    sign = next(i for i, p in enumerate(flat) if "柳湾县中小企业局2018年2月26日" in p)
    # the attachment itself (附件 + title on a new page), not the 附件说明 line (附件：…) after the body
    attach = next(i for i, p in enumerate(flat) if p.startswith("附件") and not p.startswith("附件：")
                  and AGENCY["headings"][-1] in p)
    assert attach > sign
    # the seed's own column headers; nothing of a web page in print: no status words
    assert "完成进度安排" in flat[attach] and "责任科室" in flat[attach]
    assert "未开始" not in text and "已完成" not in text and "逾期" not in text
