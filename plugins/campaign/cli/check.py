"""``campaign check``: validate every data file and front matter without building."""
from __future__ import annotations

import argparse

from campaign.cli.project import load_project, project_args

add_args = project_args


def run(args: argparse.Namespace) -> int:
    model = load_project(args)
    if model is None:
        return 1
    print(f"检查通过：{len(model.units)} 个单位，{len(model.people)} 人，{len(model.plans)} 个方案，{len(model.tasks)} 项任务。")
    return 0
