"""``campaign check``: find everything the build would reject, without building:
every data file and front matter, then, per site configuration (mkdocs.yml and
mkdocs.internal.yml), every navigation entry and Markdown link."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from campaign.cli.project import load_project, project_args
from campaign.model.problems import Loc, Problems

CONFIGS = ("mkdocs.yml", "mkdocs.internal.yml")


def add_args(p: argparse.ArgumentParser) -> None:
    project_args(p)
    p.add_argument("-f", "--config-file", action="append", dest="configs",
                   help="只检查这个网站配置（可写多次）；默认检查项目里的 mkdocs.yml 和 mkdocs.internal.yml")


def run(args: argparse.Namespace) -> int:
    model = load_project(args)
    if model is None:
        return 1
    from campaign.mkdocs.plugin import check_site  # MkDocs is loaded only when the data is sound

    root = Path(args.project).resolve()
    configs = [root / c for c in (args.configs or CONFIGS)]
    problems = Problems()
    for config in configs:
        if config.is_file():
            problems.items += check_site(config).items
        elif args.configs:
            problems.add(Loc(config.name), "", "找不到这个网站配置文件。")
    if problems:
        print(problems.report(), file=sys.stderr)
        return 1
    print(f"检查通过：{len(model.units)} 个单位，{len(model.people)} 人，{len(model.plans)} 个方案，{len(model.tasks)} 项任务。")
    return 0
