"""``campaign synth --units N --tasks-per-unit K --out DIR``: a synthetic
campaign project for scale tests and the benchmark. Units form a tree with at
most ten children per unit (as counties, towns and sections do), so a unit
page has the same shape whatever N is; tasks get a spread of statuses; three
monthly inspections score every unit below the top."""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import yaml

from campaign.model.sources import MAX_BYTES

FANOUT = 10
CATEGORIES = ["创建宣传氛围", "爱国卫生组织管理", "健康教育", "控烟", "病媒生物防制", "环境卫生", "食品安全", "公共场所卫生"]


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


def generate(out: Path, units: int, tasks_per_unit: int, project: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    _copy_project(project, out, units, tasks_per_unit)
    ids = ["u0000"] + [f"u{i:04d}" for i in range(1, units)]
    unit_rows = _unit_rows(ids)
    _dump(data / "units.yml", unit_rows)
    _dump(data / "people.yml", [{"id": "p-lead", "name": "合成领导", "title": "县长", "unit": "u0000"}])
    _dump(data / "campaign.yml", {
        "name": "合成县创建国家卫生县城", "office": "合成县爱国卫生运动委员会办公室",
        "period": {"start": "2026-01", "end": "2027-12"}, "categories": CATEGORIES,
        "targets": [{"id": "awareness_rate", "label": "健康知识知晓率", "value": 80}]})
    # one plan per unit directly below the county (at most ten plans)
    plans = {ids[0]: "p0"}
    for i, uid in enumerate(ids[1:FANOUT + 1], 1):
        plans[uid] = f"p{i}"
    tasks_by_plan = _tasks_by_plan(ids, plans, tasks_per_unit)
    for top_uid, pid in plans.items():
        title = f"合成县{unit_rows[ids.index(top_uid)]['name']}创卫工作方案"
        _dump(data / "plans" / f"{pid}.yml", {"id": pid, "title": title, "unit": top_uid,
                                              "attachments": [{"title": "任务分解表", "tasks": "all"}]})
        _dump_tasks(data / "tasks", pid, tasks_by_plan[pid])
    _dump_inspections(data / "inspections", ids)


def _copy_project(project: Path, out: Path, units: int, tasks_per_unit: int) -> None:
    """The project's content, overrides and MkDocs configurations (not its notices), and a home page."""
    for part in ("content", "overrides"):
        if (project / part).is_dir():
            shutil.rmtree(out / part, ignore_errors=True)
            # the sample notices attach the sample's plans, which a synthetic campaign has not
            shutil.copytree(project / part, out / part, ignore=shutil.ignore_patterns("notices"))
    (out / "content").mkdir(exist_ok=True)
    (out / "content" / "index.md").write_text(
        f"# 合成县创建国家卫生县城\n\n压力测试用的合成项目：{units} 个单位，每个单位 {tasks_per_unit} 项任务。\n"
        "见[单位进度](units/index.md)和[工作进度](dashboard/index.md)。\n", "utf-8")
    for cfg in ("mkdocs.yml", "mkdocs.internal.yml"):
        if (project / cfg).exists():
            shutil.copy2(project / cfg, out / cfg)


def _unit_rows(ids: list[str]) -> list[dict[str, str]]:
    """The county government, then departments in a tree of at most FANOUT children each."""
    rows = []
    for i, uid in enumerate(ids):
        row = {"id": uid, "name": f"合成县第{i}号单位" if i else "合成县人民政府", "short_name": f"单位{i}" if i else "县政府",
               "kind": "county" if i == 0 else "department"}
        if i:
            row["parent"] = ids[(i - 1) // FANOUT]
        rows.append(row)
    return rows


def _tasks_by_plan(ids: list[str], plans: dict[str, str], tasks_per_unit: int) -> dict[str, list]:
    """Each unit's tasks, in the plan of the unit below the county it belongs to."""
    tasks_by_plan: dict[str, list] = {p: [] for p in plans.values()}
    top = {ids[0]: ids[0]}
    for i, uid in enumerate(ids):
        if i:
            parent = ids[(i - 1) // FANOUT]
            top[uid] = uid if parent == ids[0] else top[parent]
        tasks_by_plan[plans[top[uid]]] += [_task(i, uid, k) for k in range(tasks_per_unit)]
    return tasks_by_plan


def _task(i: int, uid: str, k: int) -> dict[str, object]:
    """Task k of unit i: dues spread over the two years, one of five states of progress."""
    month = 1 + (i + k) % 24
    due = f"{2026 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"
    state = (i * 7 + k) % 5
    progress = []
    if state >= 1:
        progress.append({"date": dt.date(2026, 3, 10), "percent": [0, 40, 100, 70, 100][state],
                         "text": "按计划推进。",
                         "evidence": [{"title": f"第{k + 1}项任务工作记录", "kind": "record",
                                       "file": f"台账/{uid}/{k + 1}.pdf", "note": "内部备注"}]})
    category = CATEGORIES[k % len(CATEGORIES)]
    return {"id": f"{uid}-t{k + 1:02d}", "category": category,
            "requirement": f"第{k + 1}项：按照标准完成本单位{category}工作，资料归档备查。",
            "due": due, "leader": "p-lead", "units": [uid], "progress": progress}


def _dump_inspections(folder: Path, ids: list[str]) -> None:
    """Three monthly inspections scoring every unit below the county, some with findings."""
    for m, day in ((8, 27), (9, 25), (10, 28)):
        results = []
        for i, uid in enumerate(ids[1:], 1):
            r: dict[str, object] = {"unit": uid, "score": 60 + (i * 13 + m * 7) % 41}
            if (i + m) % 4 == 0:
                r["findings"] = [{"text": "卫生死角未清理", "deadline": dt.date(2026, m + 1, 10),
                                  **({"closed": dt.date(2026, m + 1, 8)} if i % 2 else {})}]
            results.append(r)
        _dump(folder / f"2026-{m:02d}.yml",
              {"id": f"2026-{m:02d}-m", "date": dt.date(2026, m, day), "kind": "monthly", "results": results})


def _dump_tasks(folder: Path, plan: str, tasks: list, per_file: int = 1000) -> None:
    """A plan's tasks in files the loader accepts (each under its size limit): p1.yml,
    p1-2.yml, … as an office splits a long task breakdown by batch."""
    while True:
        chunks = [tasks[i:i + per_file] for i in range(0, len(tasks), per_file)] or [[]]
        paths = [folder / (f"{plan}.yml" if n == 0 else f"{plan}-{n + 1}.yml") for n in range(len(chunks))]
        for path, chunk in zip(paths, chunks):
            _dump(path, {"plan": plan, "tasks": chunk})
        if per_file == 1 or all(p.stat().st_size <= MAX_BYTES for p in paths):
            return
        for path in paths:
            path.unlink()
        per_file //= 2


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--units", type=int, default=100, help="单位数（含县政府），默认 100")
    p.add_argument("--tasks-per-unit", type=int, default=20, help="每个单位的任务数，默认 20")
    p.add_argument("--out", required=True, help="生成到哪个目录")
    p.add_argument("--project", default=".", help="从哪个项目复制 mkdocs.yml、content/、overrides/")


def run(args: argparse.Namespace) -> int:
    if args.units < 2:
        print("--units 至少为 2。")
        return 1
    generate(Path(args.out), args.units, args.tasks_per_unit, Path(args.project).resolve())
    print(f"已生成合成项目：{args.units} 个单位，每单位 {args.tasks_per_unit} 项任务，位于 {args.out}")
    return 0

