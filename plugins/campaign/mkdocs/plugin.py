"""The MkDocs plugin ``campaign``: wires MkDocs events to the page kinds.

on_config        load and validate everything once (all problems at once), filter
                 for the audience, set up templates
on_files         add the page kinds' generated pages and the plugin's assets
on_page_content  generated pages get their rendered HTML (with anchors and a
                 table of contents); content pages a kind dresses get dressed
on_post_build    PDFs of printable pages, exports of the page kinds
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from campaign.mkdocs import navigation, search
from campaign.mkdocs.config import CampaignConfig
from campaign.model.audience import for_audience
from campaign.model.loader import load
from campaign.model.problems import CampaignError
from campaign.print import fonts, pdf
from campaign.render.environment import DataMarkdown, environment, plain_title
from campaign.render.headings import anchor_headings
from campaign.views import ASSETS, TEMPLATES
from campaign.views.base import BuildContext, GeneratedPage
from campaign.views.kinds import KINDS

ASSET_PREFIX = "assets/campaign"


class CampaignPlugin(BasePlugin[CampaignConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.ctx: BuildContext | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.toc_options: dict[str, Any] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path or ".").resolve().parent
        as_of = resolve_as_of(self.config.as_of)  # type: ignore[arg-type]  # c.Optional(c.Type((str, date)))
        wrong = fonts.check_config(self.config.fonts)
        if wrong:
            raise PluginError(wrong)
        try:
            model = load(project, project / self.config.data_dir, Path(config.docs_dir), self.config.audience)
        except CampaignError as err:
            raise PluginError("数据有误，未生成网站：\n" + err.problems.report()) from None
        md = DataMarkdown(config.markdown_extensions, config.mdx_configs)
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.ctx = BuildContext(
            model=for_audience(model, self.config.audience), as_of=as_of,
            env=environment(md, TEMPLATES, overrides), site_url=config.site_url or "",
            docs_dir=Path(config.docs_dir), project_dir=project,
        )
        self.toc_options = _toc_options(config)
        config.extra_css.insert(0, f"{ASSET_PREFIX}/campaign.css")
        config.extra_javascript.append(f"{ASSET_PREFIX}/campaign.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.ctx is not None
        self.generated = {}
        for kind in KINDS:
            for page in kind.pages(self.ctx):
                self.generated[page.src_uri] = page
                front = "---\n" + _yaml({"title": plain_title(page.title), **page.meta}) + "---\n"
                inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
                existing = files.get_file_from_path(page.src_uri)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, page.src_uri, content=front, inclusion=inclusion))
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file():
                uri = f"{ASSET_PREFIX}/{path.relative_to(ASSETS).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        return navigation.attach(nav, files, self.generated)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Titles from front matter are data too: themes put them into the nav and <title> as HTML."""
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = plain_title(page.meta["title"])
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.ctx is not None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            body, tokens = anchor_headings(generated.body, **self.toc_options)
            page.toc = get_toc(tokens)  # type: ignore[arg-type]
            return body
        for kind in KINDS:  # content pages a page kind dresses (notices: header, status, imprint)
            html = kind.dress(self.ctx, page.file.src_uri, html)
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.ctx is not None
        site = Path(config.site_dir)
        search.add_terms(site / "search" / "search_index.json")
        for kind in KINDS:
            for output in kind.outputs(self.ctx):
                target = site / output.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(output.data)
        if self.config.pdf and os.environ.get("CAMPAIGN_PDF", "1") != "0":
            jobs = [job for page in self.generated.values() for job in page.prints]
            jobs += [job for kind in KINDS for job in kind.prints(self.ctx)]
            cache = Path(os.environ.get("CAMPAIGN_CACHE_DIR") or self.ctx.project_dir / self.config.cache_dir)
            pdf.render(jobs, site, cache / "print", ASSETS,
                       project_dir=self.ctx.project_dir, font_config=self.config.fonts)


def resolve_as_of(value: str | dt.date | None) -> dt.date:
    value = os.environ.get("CAMPAIGN_AS_OF") or value
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"mkdocs.yml: plugins.campaign.as_of: 日期“{value}”无法识别，应写作 2026-11-20。") from None


def _toc_options(config: MkDocsConfig) -> dict[str, Any]:
    """The site's own toc settings (slugify, permalink), so generated pages match authored ones."""
    if "toc" not in config.markdown_extensions:
        return {}
    toc = config.mdx_configs.get("toc", {})
    permalink = toc.get("permalink", "")
    options: dict[str, Any] = {
        "permalink": "¶" if permalink is True else (permalink or ""),
        "permalink_title": toc.get("permalink_title", "Permanent link"),
        "separator": toc.get("separator", "-"),
    }
    if callable(toc.get("slugify")):
        options["slugify"] = toc["slugify"]
    return options


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
