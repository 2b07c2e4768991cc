"""What the PDF renderer may read: the build's own files, nothing else.

WeasyPrint fetches every image, stylesheet and ``rel=attachment`` link of the
page it prints. Left to itself it reads any local file (``/etc/passwd``,
``data/people.yml``) and any URL (a request to 127.0.0.1 during the build).
``confined(site)`` is the fetcher it gets instead: regular files inside the
site being built (which holds the published copies of content/'s files) and
``data:`` images; every other URL is refused without being opened, with a
warning in Chinese naming where the reference was written.
"""
from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

log = logging.getLogger("campaign")
_DATA_OK = re.compile(r"data:(image/(png|jpeg|gif|webp|svg\+xml)|font/[a-z0-9+.-]+)[;,]", re.I)
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


_reported: set[str] = set()  # one warning per place and URL, however many PDFs repeat it


class Refused(ValueError):
    """A URL the print pipeline does not read."""


def refusal(site: Path, url: str) -> str:
    """Why ``url`` may not be read when printing into ``site`` ("" when it may)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return "" if _DATA_OK.match(url) else "只接受 data: 形式的图片。"
    if scheme != "file":
        return "不访问网络。"
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return "不访问网络。"
    path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
    if not path.is_relative_to(site):
        return "文件不在网站之内。"
    try:
        mode = path.stat().st_mode
    except OSError:
        return "文件不存在。"
    if not stat.S_ISREG(mode):
        return "不是普通文件。"
    return ""


def confined(site: Path):
    """The url_fetcher for WeasyPrint when it prints into ``site``."""
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):
        def __init__(self, site: Path) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.site = Path(os.path.realpath(site))

        def fetch(self, url: str, headers=None):
            why = refusal(self.site, url)
            if why:
                message = (f"{locate(self.site, url)}: 打印版不读取“{_short(url)}”：{why}"
                           "打印版只用本站发布的文件（放进 content/ 文件夹，用相对路径引用）。")
                if message not in _reported:
                    _reported.add(message)
                    log.warning(message)
                raise Refused(why)
            return super().fetch(url, headers)

    return ConfinedFetcher(site)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"


def locate(site: Path, url: str) -> str:
    """Where the project's sources mention ``url``: "path:line:col: field", or the PDF being made.

    The renderer sees only absolute URLs; the author wrote a relative path or the URL itself, so the
    sources (data/ and content/ beside the site) are searched for the URL, then for its file name."""
    project = site.parent
    parts = urlsplit(url)
    needles = [url]
    if parts.scheme == "file":
        needles = [os.path.basename(unquote(parts.path))] if parts.path.strip("/") else []
    for needle in filter(None, needles):
        for folder in ("data", "content"):
            base = project / folder
            if not base.is_dir():
                continue
            for file in sorted(base.rglob("*")):
                if file.suffix not in (".yml", ".yaml", ".md") or file.is_symlink() or not file.is_file():
                    continue
                try:
                    text = file.read_text("utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
                i = text.find(needle)
                if i < 0:
                    continue
                line = text.count("\n", 0, i) + 1
                col = i - (text.rfind("\n", 0, i) + 1) + 1
                lines = text.splitlines()
                if file.suffix == ".md":  # a field of the front matter, or the page's body
                    end = next((n for n, ln in enumerate(lines[1:], 2) if ln.strip() in ("---", "...")), 0) \
                        if lines and lines[0].strip() == "---" else 0
                    lines = lines[:line] if line < end else []
                field = next((m[1] for ln in reversed(lines[:line]) if (m := _KEY.match(ln))), "(正文)")
                return f"{file.relative_to(project).as_posix()}:{line}:{col}: {field}"
    return "print"
