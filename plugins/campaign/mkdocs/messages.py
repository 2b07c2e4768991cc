"""MkDocs' own English messages, as an author reads them: in Chinese.

The plugin reports missing pages itself, located (``links``); this is the safety
net for what still reaches MkDocs' log. ``install()`` puts a filter on MkDocs'
log handlers that rewrites the warnings it knows; ``author_lines`` is what
``campaign build`` shows of a ``mkdocs build`` run: no progress chatter (INFO),
warnings and errors in Chinese."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

# English warning (regex) -> Chinese (format with the groups, by name)
_WARNINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Doc file '(?P<page>.+?)' contains a link '(?P<url>.+?)', but the target(?: '(?P<target>.+?)')? "
                r"is not found among documentation files\.(?: Did you mean '(?P<near>.+?)'\?)?"),
     "content/{page}: 链接“{url}”指向的页面不存在，请检查文件名和路径，或删去这个链接。"),
    (re.compile(r"A reference to '(?P<url>.+?)' is included in the 'nav' configuration, "
                r"which is not found in the documentation files\."),
     "mkdocs.yml: nav: 导航里的“{url}”不存在（应是 content/ 下的文件），请改正或删去这一行。"),
    (re.compile(r"Excluding '(?P<page>.+?)' from the site because it conflicts with '(?P<other>.+?)'\."),
     "content/{page}: 与 content/{other} 生成同一个网页，未收入网站；请删去或改名其中一个。"),
    (re.compile(r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<url>.+?)', it was left as is\."),
     "content/{page}: 链接“{url}”以 / 开头，网站放在子路径下时会失效；请改用相对路径。"),
]
_STRICT = re.compile(r"Aborted with (\d+) warnings? in strict mode!")
_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR)\s+-\s+(.*)$")
# jieba (search segmentation) reports loading its dictionary on stderr
_NOISE = ("Building prefix dict", "Loading model", "Prefix dict has been built", "Dumping model",
          "Dump cache file failed", "Aborted with a BuildError!")


def translate(message: str) -> str:
    """A known English MkDocs warning in Chinese; others marked as MkDocs' own."""
    for pattern, chinese in _WARNINGS:
        m = pattern.fullmatch(message.strip())
        if m:
            return chinese.format(**{k: v or "" for k, v in m.groupdict().items()})
    return message


class _Chinese(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            text = translate(record.getMessage())
            if text != record.getMessage():
                record.msg, record.args = text, ()
        return True


_FILTER = _Chinese()


def install() -> None:
    """Rewrite MkDocs' known warnings wherever its log handlers print them."""
    for handler in logging.getLogger("mkdocs").handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


def author_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a ``mkdocs build`` run an author should see."""
    in_info = False
    for raw in lines:
        line = raw.rstrip("\n")
        if in_info and (line.startswith("  ") or not line.strip()):
            continue  # the indented list under an INFO line
        in_info = False
        if any(line.startswith(n) for n in _NOISE):
            continue
        m = _STRICT.search(line)
        if m:
            yield f"严格模式下有 {m.group(1)} 条警告（见上），未生成网站。"
            continue
        m = _LEVEL.match(line)
        if m is None:
            yield line
        elif m.group(1) in ("DEBUG", "INFO"):
            in_info = True
        elif m.group(1) == "WARNING":
            yield "警告：" + translate(m.group(2))
        else:
            yield translate(m.group(2))
