"""Plan pages show every part of a plan, the phase at as_of and the task table."""
from __future__ import annotations

import re


def test_plan_page_has_every_section(built):
    html = (built["public"] / "plans" / "zxj" / "index.html").read_text("utf-8")
    for text in ("一、</span>指导思想", "二、</span>工作目标", "三、</span>组织领导", "四、</span>实施步骤",
                 "五、</span>工作要求", '<p class="cs-attachment__label">附件</p>', "任务分解表",
                 "林建华", "韩晓东", "各科室负责人", "局创卫办", "白若雪",
                 "全面启动阶段", "集中攻坚阶段", "巩固提高阶段", "迎接验收阶段",
                 "示企服〔2026〕5号", "2026年2月26日"):
        assert text in html, text


def test_phase_timeline_marks_the_phase_of_as_of(built):
    html = (built["public"] / "plans" / "zxj" / "index.html").read_text("utf-8")
    current = re.findall(r'<li class="cs-phase cs-phase--current"[^>]*aria-current="step">\s*'
                         r'<p class="cs-phase__name"><span class="cs-num">([^<]+)</span>([^<]+)<', html)
    assert current == [("（三）", "巩固提高阶段")]  # 2026-07 .. 2026-12 holds as_of 2026-11-20
    assert html.count("cs-phase--past") == 2 and html.count("cs-phase--future") == 1


def test_task_table_grouped_by_category_with_anchors(built):
    html = (built["public"] / "plans" / "zxj" / "index.html").read_text("utf-8")
    cats = re.findall(r'<tr class="cs-category"><th colspan="6" scope="rowgroup">([^<]+)</th>', html)
    assert cats[:3] == ["一、创建宣传氛围", "二、爱国卫生组织管理", "三、健康教育"]
    assert len(re.findall(r'<tr id="task-zxj-\d\d" class="cs-task-row">', html)) == 16
    row = re.search(r'<tr id="task-zxj-12"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert "2026年11月30日" in row and "韩晓东" in row and "局办公室" in row and "局创卫办" in row
    assert "cs-status--in_progress" in row and "10天内到期" in row


def test_plan_pdf_is_written(built):
    pdf = built["public"] / "print" / "plans" / "county.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_plans_join_the_navigation_and_units_stay_out(built):
    html = (built["public"] / "index.html").read_text("utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start:html.index('<div class="md-content"', start)]
    assert 'href="plans/county/"' in nav and 'href="plans/zxj/"' in nav
    assert "units/zxj/" not in html
