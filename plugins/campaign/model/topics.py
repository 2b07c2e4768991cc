"""Health-education topics (健康知识): Markdown pages under content/topics/
whose front matter says what the topic is (category, summary, key points,
audience, sources); the author's Markdown body is kept on the record."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from campaign.model.ids import Id, file_id, is_id
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Record, fld


@dataclass(frozen=True, kw_only=True)
class Topic(Record):
    id: Id | None = fld(None, doc="主题编号（不填则用文件名，如 hand-washing.md → hand-washing）", example="hand-washing")
    title: str = fld(doc="标题", example="勤洗手，防疾病")
    category: str = fld(doc="分类（疾病预防、病媒生物防制、食品安全、心理健康、控烟……）", example="疾病预防")
    summary: Markdown = fld(doc="一两句话的摘要（显示在目录和宣传栏上）")
    key_points: list[Markdown] = fld(doc="核心要点（宣传栏和测试都从这里取材）", example=["饭前便后要洗手"])
    audience: list[str] = fld(factory=list, doc="适用人群", example=["居民", "学生"])
    sources: list[Markdown] = fld(factory=list, doc="依据和参考资料（可用 Markdown 链接）")
    # not a YAML key: the Markdown body below the front matter, kept by the loader
    body: str = dataclasses.field(default="", compare=False, repr=False, metadata={"source": True})


def add_topic(into: dict[str, Topic], topic: Topic, reg: Registry, problems: Problems) -> None:
    """A topic's id is its file name unless the front matter gives one."""
    key = topic.id or file_id(topic.loc.path)
    if not topic.id and not is_id(key):
        problems.add(topic.loc, "id", f"文件名“{key}”不能直接作编号（只能用英文字母、数字、- 和 _），请在 front matter 里写 id。")
        return
    if key == "index":
        problems.add(topic.loc, "id", "“index”留给健康知识目录页，请给这个主题换一个编号或文件名。")
        return
    topic = dataclasses.replace(topic, id=key)
    if reg.define("topic", key, topic.where("id"), problems, "id"):
        into[key] = topic
