"""The ``campaign`` command: ``campaign check`` validates without building.

Later page kinds add their subcommands in ``COMMANDS``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .loader import load
from .model import Model
from .pages import registry  # noqa: F401  (page kinds register their data sources)
from .problems import CampaignError

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def project_args(p: argparse.ArgumentParser) -> None:
    """The options every command that reads a project takes."""
    p.add_argument("--project", default=".", help="项目目录（含 mkdocs.yml），默认当前目录")
    p.add_argument("--data", default="data", help="数据目录，默认 data")
    p.add_argument("--docs", default="content", help="页面目录，默认 content")


def load_project(args: argparse.Namespace) -> Model | None:
    """The project's model, or None after printing every problem."""
    root = Path(args.project).resolve()
    try:
        return load(root, root / args.data, root / args.docs)
    except CampaignError as err:
        print(err.problems.report(), file=sys.stderr)
        return None


def check(args: argparse.Namespace) -> int:
    model = load_project(args)
    if model is None:
        return 1
    print(f"检查通过：{len(model.units)} 个单位，{len(model.people)} 人，{len(model.plans)} 个方案，{len(model.tasks)} 项任务。")
    return 0


COMMANDS["check"] = ("检查数据和页面字段，不生成网站", project_args, check)



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="campaign", description="创卫网站工具")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_args, _) in COMMANDS.items():
        add_args(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except KeyboardInterrupt:
        return 130


# modules that register their subcommands: build, import, synth, score
from . import atomic, excel_import, quiz_score, synth  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(main())
