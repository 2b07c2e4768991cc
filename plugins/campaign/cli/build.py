"""``campaign build``: build a site so that a failed build changes nothing.

MkDocs cleans ``site_dir`` and writes into it page by page; a failure late in
the build (a template, a PDF, a strict-mode warning) would leave a half-written
site. Here MkDocs builds into a fresh sibling folder, and only a complete,
successful build replaces the previous one, by an atomic exchange of the two
folders (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two quick renames).
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from campaign.mkdocs.config import site_dir_of
from campaign.mkdocs.messages import author_lines

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def replace_dir(new: Path, target: Path) -> None:
    """Put the complete folder ``new`` in place of ``target``; the old one is removed."""
    if target.exists() and not target.is_symlink() and _exchange(new, target):
        shutil.rmtree(new)  # ``new`` now holds the previous site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build(config_file: Path, strict: bool = True) -> int:
    """Build ``config_file`` atomically; returns the exit code of ``mkdocs build``."""
    site = site_dir_of(config_file)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(staging)]
        if strict:
            command.append("--strict")
        # MkDocs' progress lines are English chatter; warnings and errors are shown in Chinese
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                encoding="utf-8", errors="replace")
        assert proc.stdout is not None
        for line in author_lines(proc.stdout):
            print(line, file=sys.stderr, flush=True)
        code = proc.wait()
        if code != 0 or not (staging / "index.html").is_file():
            print(f"构建失败，{site.name}/ 保持上一次成功构建的内容，未作任何改动。", file=sys.stderr)
            return code or 1
        replace_dir(staging, site)
        print(f"已生成 {site}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--config-file", default="mkdocs.yml", help="配置文件，默认 mkdocs.yml")
    p.add_argument("--no-strict", action="store_true", help="不把警告当作错误（不建议）")


def run(args: argparse.Namespace) -> int:
    config = Path(args.config_file)
    if not config.is_file():
        print(f"找不到配置文件 {config}", file=sys.stderr)
        return 2
    return build(config.resolve(), strict=not args.no_strict)

