"""The ``campaign`` command. ``COMMANDS`` is the table of subcommands: each is a
module with ``add_args(parser)`` and ``run(args) -> exit code``."""
from __future__ import annotations

import argparse
import sys
from types import ModuleType

from campaign.cli import build, check, import_tasks, new, score, synth

# name -> (help, module)
COMMANDS: dict[str, tuple[str, ModuleType]] = {
    "new": ("新建一个空项目：数据文件带中文说明，可直接检查和生成网站（campaign new 文件夹 --place 某某区）", new),
    "check": ("检查数据和页面字段，不生成网站", check),
    "build": ("生成网站；失败时保留上一次成功的 site/ 不动", build),
    "import": ("从 Excel 任务分解表导入任务（campaign import tasks 文件.xlsx --plan 方案编号）", import_tasks),
    "score": ("根据答题数据计算测试成绩和健康知识知晓率", score),
    "synth": ("生成合成的大规模创建项目（用于压力测试）", synth),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="campaign", description="爱国卫生工作网站工具")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, module) in COMMANDS.items():
        module.add_args(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    try:
        code: int = COMMANDS[args.command][1].run(args)
        return code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
