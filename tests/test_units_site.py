"""The built sample: unit pages, dashboard, bulletins, progress workbook;
inspection validation in a scratch project."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from conftest import AS_OF, campaign_cli

ROOT = Path(__file__).resolve().parent.parent
AS_OF_DATE = dt.date.fromisoformat(AS_OF)


def page(built, audience, path):
    return (built[audience] / path / "index.html").read_text("utf-8")


def test_unit_page_rank_flags_grades_and_findings(built):
    html = page(built, "public", "units/cgjd")
    # October monthly: cgj and jyj tie at 93 (rank 1, both red), cgjd last with 79 -> black flag
    assert re.search(r'cs-rank">第 6 名</span>（共 6 个单位，2026年10月创卫工作月评，79 分，良）', html)
    assert "cs-flag--criticism" in html
    assert "未销号（3）" in html and "已销号（4）" in html
    assert "城南老旧小区施工围挡外道路积尘" in html and "逾期未整改" in html
    assert "2026年9月20日销号" in html
    # internal notes only in the internal build
    assert "外出学习" not in html
    assert "外出学习" in page(built, "internal", "units/cgjd")
    jyj = page(built, "public", "units/jyj")
    assert 'cs-rank">第 1 名' in jyj and "cs-flag--honour" in jyj


def test_unit_page_rollup_and_ledger(built):
    html = page(built, "public", "units/zxj")
    assert "（含下级单位）共 16 项任务" in html
    assert "下级单位" in html and "局办公室" in html
    internal = page(built, "internal", "units/zxj-bgs")
    public = page(built, "public", "units/zxj-bgs")
    assert "宣传栏安装照片" in public and "宣传栏安装照片" in internal
    assert "台账/2026/03/宣传栏.jpg" in internal and "台账/2026/03/宣传栏.jpg" not in public
    assert "存档位置" in internal and "存档位置" not in public


def test_unit_pages_stay_out_of_nav(built):
    index = page(built, "public", "")
    assert "units/cgjd/" not in index
    assert 'href="cgjd/"' in page(built, "public", "units")


def test_dashboard_charts_have_text_equivalents(built):
    html = page(built, "public", "dashboard")
    svgs = re.findall(r'<svg class="cs-chart" role="img"[^>]*>\s*<title[^>]*>([^<]+)</title><desc[^>]*>([^<]+)</desc>', html)
    assert [t for t, _ in svgs] == ["各工作类别任务完成率", "各单位任务完成率（含下级单位）", "各单位月评得分走势"]
    assert "城关街道：76、74、79" in svgs[2][1]
    assert '<caption>各单位月评得分</caption>' in html and "<script" not in html.split("<article")[1].split("</article>")[0]
    assert re.search(r'共 32 项任务，已完成 15 项，完成率 <span class="cs-overall">47%', html)
    assert 'class="cs-table cs-overdue"' in html and "逾期任务（6）" in html
    ranking = html.split('cs-ranking')[1].split('</table>')[0]
    assert ranking.count("cs-flag--honour") == 2 and ranking.count("cs-flag--criticism") == 1
    assert "工作进度" in page(built, "public", "")  # in the nav


def test_bulletins(built):
    idx = page(built, "public", "bulletins")
    for m in ("2026-08", "2026-09", "2026-10", "2026-11"):
        assert f"{m}/" in idx
    oct_ = page(built, "public", "bulletins/2026-10")
    assert "授予流动红旗：<strong>县城管局、县教育局</strong>" in oct_
    assert "挂黑旗：<strong>城关街道</strong>" in oct_
    assert "截至 2026年10月31日，本月检查发现的问题已销号 1 个，尚未销号 3 个" in oct_
    nov = page(built, "public", "bulletins/2026-11")
    assert "月评排名" not in nov and "只排名不评奖惩" in nov and "cs-flag--" not in nov


def test_progress_workbook(built):
    from openpyxl import load_workbook

    wb = load_workbook(built["public"] / "downloads" / "progress.xlsx", read_only=True)
    # the summary, every unit's tasks on one sheet, then a sheet per unit (14 units: few enough)
    assert wb.sheetnames[:2] == ["汇总", "任务明细"] and "局办公室" in wb.sheetnames and len(wb.sheetnames) == 16
    rows = list(wb["汇总"].iter_rows(values_only=True))
    zxj = next(r for r in rows if r[0] == "zxj")
    assert zxj[3] == 16 and zxj[1] == "示例县中小企业服务局"
    sheet = list(wb["局办公室"].iter_rows(values_only=True))
    assert sheet[1][0] == "任务编号" and any(r[0] == "zxj-01" for r in sheet[2:])
    every = list(wb["任务明细"].iter_rows(values_only=True))
    assert every[1][:3] == ("单位编号", "单位", "任务编号")
    office = next(r[0] for r in every[2:] if r[2] == "zxj-01")  # the unit of the sheet 局办公室
    per_unit = [r[2:] for r in every[2:] if r[0] == office]
    assert per_unit == [r for r in sheet[2:]], "the task sheet lists a unit's tasks as its own sheet does"
    assert len(every) - 2 == sum(len(list(wb[n].iter_rows())) - 2 for n in wb.sheetnames[2:])


def test_progress_workbook_is_dated_by_the_figures_day(built):
    """Same inputs, same bytes: every zip member and the document's created/modified
    properties carry the day the figures are for, not the time the site was built."""
    import zipfile

    from openpyxl import load_workbook

    file = built["public"] / "downloads" / "progress.xlsx"
    with zipfile.ZipFile(file) as z:
        assert z.testzip() is None
        infos = z.infolist()
        assert len(infos) > 5 and {i.date_time for i in infos} == {(*AS_OF_DATE.timetuple()[:3], 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert re.search(rf"<dcterms:modified[^>]*>{AS_OF}T00:00:00Z</dcterms:modified>", core), core
    props = load_workbook(file, read_only=True).properties
    assert props.created == props.modified == dt.datetime.combine(AS_OF_DATE, dt.time())


def test_progress_workbook_of_many_units_has_one_task_sheet(tmp_path):
    """Thousands of units are not thousands of sheets: the task sheet (filtered by unit,
    its header kept in view) holds them; read back with openpyxl."""
    import io

    from openpyxl import load_workbook

    from campaign.derive import progress
    from campaign.export import workbook
    from campaign.model.loader import load

    project = tmp_path / "big"
    made = campaign_cli(ROOT, "synth", "--units", str(workbook.UNIT_SHEETS + 5), "--tasks-per-unit", "3",
                        "--out", str(project), "--project", str(ROOT))
    assert made.code == 0, made.output
    model = load(project, project / "data", project / "content", "public")
    ix = progress.unit_index(model, AS_OF_DATE)
    wb = load_workbook(io.BytesIO(workbook.progress_workbook(model, AS_OF_DATE, ix)))
    assert wb.sheetnames == ["汇总", "任务明细"]
    tasks = wb["任务明细"]
    assert tasks.freeze_panes == "A3" and tasks.auto_filter.ref == f"A2:K{len(model.tasks) + 2}"
    listed = [r[2] for r in tasks.iter_rows(min_row=3, values_only=True)]
    assert sorted(listed) == sorted(model.tasks) and len({r[0] for r in tasks.iter_rows(min_row=3, values_only=True)}) == \
        len([u for u in model.units if ix.own.get(u)])


def test_inspection_validation(scratch):
    (scratch / "data" / "inspections" / "bad.yml").write_text(
        "id: bad\n"
        "date: 2026-10-30\n"
        "kind: monthly\n"
        "results:\n"
        "  - unit: nosuch\n"
        "    score: 80\n"
        "  - unit: cgj\n"
        "    score: 120\n"
        "  - unit: scj\n"
        "    score: 70\n"
        "    findings:\n"
        "      - text: 问题\n"
        "        deadline: 2026-11-05\n"
        "        closed: 2026-10-01\n"
        "  - unit: scj\n"
        "    score: 71\n"
        "  - unit: jyj\n", "utf-8")
    r = campaign_cli(scratch, "check")
    assert r.code == 1
    out = r.output
    assert "data/inspections/bad.yml:5:11: results[1].unit: 未知的单位“nosuch”" in out
    assert "data/inspections/bad.yml:8:12: results[2].score: 得分 120 超出范围（0～100）" in out
    assert "data/inspections/bad.yml:14:17: results[3].findings[1].closed: 销号日期 2026-10-01 早于" in out
    assert "bad.yml:15:11: results[4].unit: 单位“scj”在本次检查中重复出现" in out
    assert "results[5].score: 请填写得分 score" in out
    assert "同一个月只能有一次月评" in out


def test_monthly_bulletins_join_the_notices_index_and_print_as_gbt9704(built):
    index = (built["public"] / "notices" / "index.html").read_text("utf-8")
    for month in ("2026-08", "2026-09", "2026-10"):
        assert f'href="../bulletins/{month}/"' in index
        pdf = built["public"] / "print" / "notices" / "bulletins" / f"{month}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        # the title names the place now (关于…全县创卫工作检查情况的通报) and may wrap
        assert "全县创卫工作检查情况的通报" in re.sub(r"\s+", "", text) and re.search(r"—\s*1\s*—", text)
    page = (built["public"] / "bulletins" / "2026-10" / "index.html").read_text("utf-8")
    assert 'href="../../print/notices/bulletins/2026-10.pdf"' in page
