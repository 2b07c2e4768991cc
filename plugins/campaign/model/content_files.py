"""What may stand in content/ (MkDocs publishes every file there as it is).

Checked before anything is read, by ``campaign check`` and by the build:

- no links (a link to data/people.yml or to a folder outside the project would
  publish what it points to), no pipes, devices or sockets;
- no file name with control characters or a line break (it would go raw into
  URLs, the feed and the calendar);
- the pages and files of record kinds (notices, topics) named like ids;
- sizes: Markdown pages and other files under their limits (limits.py);
- no page or file where the build puts its own (a page kind's index, the
  search index, the PDFs, the downloads, the plugin's assets): those would be
  silently replaced, or would replace the build's own.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from campaign.model import limits
from campaign.model.problems import Loc, Problems

_ID_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# folders of content/ whose Markdown files are records named by their path (notices/2026/x.md -> 2026/x)
RECORD_FOLDERS = ("notices", "topics")
# where the build writes its own files: nothing of content/ may stand there
RESERVED = {
    "assets/campaign": "插件自己的样式和脚本",
    "search": "搜索索引",
    "print": "打印版 PDF",
    "downloads": "下载文件（进度工作簿）",
    "calendar.ics": "日历文件",
    "sitemap.xml": "站点地图",
    "sitemap.xml.gz": "站点地图",
    "404.html": "“页面不存在”页",
}
# folders the page kinds fill: a hand-written page there would be replaced by a generated one
GENERATED_FOLDERS = ("plans", "units", "quizzes", "boards", "bulletins", "dashboard", "calendar", "tobacco")
GENERATED_PAGES = ("notices/index.md", "topics/index.md", "guide/fields.md", "notices/feed.xml")


def check(docs: Path, root: Path, problems: Problems) -> set[str]:
    """Report every file of ``docs`` that may not be published; returns their paths (relative to docs)."""
    bad: set[str] = set()
    if not docs.is_dir():
        return bad
    for folder, dirs, files in os.walk(docs):  # links are not followed
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            rel = path.relative_to(docs).as_posix()
            shown = _shown(path, root)
            why = _why(path, rel, name)
            if why:
                problems.add(Loc(shown), "", why)
                bad.add(rel)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink() and (here / d).relative_to(docs).as_posix() not in bad]
    return bad


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _why(path: Path, rel: str, name: str) -> str:
    if limits.CONTROL.search(name) or "\n" in name or "\r" in name or "\t" in name:
        return "文件名里有换行或不可见的控制字符，请改名（只用文字、字母、数字、- 和 _）。"
    if path.is_symlink():
        return "是一个链接（符号链接）：网站只发布 content/ 里真实的文件，链接可能把项目之外或 data/ 里的内容公开，请换成文件本身。"
    try:
        info = path.lstat()
    except OSError as err:
        return f"无法读取：{err.strerror or err}"
    if stat.S_ISDIR(info.st_mode):
        return _reserved(rel + "/")
    if not stat.S_ISREG(info.st_mode):
        return "不是普通文件（可能是管道、设备或套接字），不予发布，请删除。"
    if name.startswith("."):
        return ""  # MkDocs leaves dotfiles out of the site
    most = limits.TEXT_FILE_BYTES if name.endswith(".md") else limits.CONTENT_FILE_BYTES
    if info.st_size > most:
        return (f"文件过大（{limits.size(info.st_size)}，上限 {limits.size(most)}）："
                + ("请把页面拆成几页。" if name.endswith(".md") else "大文件请放到别处，网站上只放链接。"))
    top = rel.split("/", 1)[0]
    if top in RECORD_FOLDERS and name.endswith(".md") and rel not in GENERATED_PAGES:
        parts = rel[len(top) + 1: -3].split("/")
        if not all(_ID_PART.fullmatch(p) for p in parts):
            return (f"文件名“{rel[len(top) + 1:]}”不能作编号（也是网址的一部分）：只能用英文字母、数字、- 和 _，"
                    "且以字母或数字开头，如 2026-plan-issued.md。")
    return _reserved(rel)


def _reserved(rel: str) -> str:
    for path, what in RESERVED.items():
        if rel == path or rel.startswith(path.rstrip("/") + "/"):
            return f"“{path}”是网站生成的{what}所在的位置，content/ 里不能有同名的文件或文件夹，请改名。"
    if rel in GENERATED_PAGES:
        return f"“{rel}”由网站自动生成，手写的同名页面会被覆盖，请改名（或删除）。"
    top = rel.split("/", 1)[0]
    if top in GENERATED_FOLDERS and rel.endswith(".md"):
        return f"“{top}/”下的页面由网站自动生成，手写页面会与生成的页面重名或被覆盖，请放到别的文件夹。"
    return ""
