"""campaign import tasks: an .xlsx laid out like the seed's task table (merged
category cells, numbered tasks, 2026年3月 dues) becomes YAML that validates
and renders; rows that cannot be mapped are reported by row number."""
from __future__ import annotations

import yaml
from openpyxl import Workbook

from campaign.cli.import_tasks import COLUMNS
from conftest import campaign_cli, mkdocs_build

HEADER = [names[0] for names in COLUMNS.values()]  # the seed table's five column names, in its order
ROWS = [
    ("一、创建宣传氛围", "1.办公场所设置创卫宣传板块，电子屏滚动播放创卫标语。", "2026年3月", "韩晓东", "办公室"),
    (None, "2.所有办公场所张贴规范的禁烟标识。", "2026年3月", "韩晓东", "办公室"),
    ("二、爱国卫生组织管理", "1.成立创建领导小组，主要领导任组长。", "2026年4月", "韩晓东", "局创卫办"),
    (None, "2.坚持爱国卫生月活动制度，有计划、有检查、有总结。", "2026年5月15日", "韩晓东", "局创卫办、办公室"),
    ("三、健康教育工作", "1.健全健康教育网络，档案资料保存完整。", "2026年5月", "林建华", "办公室"),
]


def workbook(path, rows, merge=True):
    wb = Workbook()
    ws = wb.active
    ws.append(["示例县中小企业服务局创建国家卫生县城工作任务分解表"])
    ws.merge_cells("A1:E1")
    ws.append(HEADER)
    for r in rows:
        ws.append(list(r))
    if merge:  # category cells merged over their tasks, as Word/Excel users do
        ws.merge_cells("A3:A4")
        ws.merge_cells("A5:A6")
    wb.save(path)
    return path


def test_import_merged_categories_validates_and_renders(scratch):
    xlsx = workbook(scratch / "tasks.xlsx", ROWS)
    r = campaign_cli(scratch, "import", "tasks", str(xlsx), "--plan", "zxj")
    assert r.ok, r.output
    data = yaml.safe_load((scratch / "data" / "tasks" / "zxj.yml").read_text("utf-8"))
    assert data["plan"] == "zxj"
    got = [(t["id"], t["category"], t["due"], t["leader"], t["units"]) for t in data["tasks"]]
    assert got == [
        ("zxj-01", "创建宣传氛围", "2026-03", "p-han", ["zxj-bgs"]),
        ("zxj-02", "创建宣传氛围", "2026-03", "p-han", ["zxj-bgs"]),
        ("zxj-03", "爱国卫生组织管理", "2026-04", "p-han", ["zxj-cwb"]),
        ("zxj-04", "爱国卫生组织管理", "2026-05-15", "p-han", ["zxj-cwb", "zxj-bgs"]),
        ("zxj-05", "健康教育", "2026-05", "p-lin", ["zxj-bgs"]),
    ]
    assert data["tasks"][0]["requirement"] == "办公场所设置创卫宣传板块，电子屏滚动播放创卫标语。"
    assert campaign_cli(scratch, "check").ok
    built = mkdocs_build(scratch, pdf=False)
    assert built.ok, built.output
    html = (built.site / "plans" / "zxj" / "index.html").read_text("utf-8")
    for _, text, *_ in ROWS:
        assert text.split(".", 1)[1] in html
    assert html.count('<tr id="task-zxj-0') == 5


def test_import_reports_unmappable_rows_and_writes_nothing(scratch):
    before = (scratch / "data" / "tasks" / "zxj.yml").read_bytes()
    rows = list(ROWS)
    rows[1] = (None, "2.张贴禁烟标识。", "2026年3月", "韩晓东", "保卫科")
    rows[3] = (None, "2.爱国卫生月。", "三月底", "韩晓东", "局创卫办")
    xlsx = workbook(scratch / "bad.xlsx", rows, merge=False)  # blank category cells below the first
    r = campaign_cli(scratch, "import", "tasks", str(xlsx), "--plan", "zxj")
    assert r.code == 1
    assert "第 4 行：责任科室“保卫科”不是已知单位" in r.output
    assert "第 6 行：完成进度安排“三月底”无法识别" in r.output
    assert "共 2 处问题，未写入任何文件" in r.output
    assert (scratch / "data" / "tasks" / "zxj.yml").read_bytes() == before
    assert "Traceback" not in r.output
