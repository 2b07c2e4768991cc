"""What every subcommand that reads a project shares: its options and loading it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from campaign.model.loader import load
from campaign.model.model import Model
from campaign.model.problems import CampaignError


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
