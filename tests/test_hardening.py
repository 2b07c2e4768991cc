"""Hardening, second round, proven on built outputs.

One scratch project gets everything hostile at once and is built (public and
internal, with PDFs):

- a secret file outside the project and one in data/, referenced (as image,
  link, ``rel=attachment``, absolute path, file: URL) from every Markdown field
  of every record kind, from a cell brought in by ``campaign import`` and from
  content pages;
- images on a local HTTP server (127.0.0.1) referenced the same ways;
- each raw-HTML payload of the issue in a content page of its own;
- an HTML comment with a phone number in a notice;
- texts that Excel would run as formulas, a GIFT option that reads as a weight;
- a notice dated after the build's as_of.

Then every output is searched with independent tools: pdfdetach, pdftotext,
zip members, lxml, feedparser, openpyxl, an HTML parser.
"""
from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

import planting
from conftest import ROOT, campaign_cli, copy_project, mkdocs_build

SECRET_OUT = "OUTSIDE-SECRET-5b1e0c"
SECRET_DATA = "DATA-SECRET-9c2d7a"
COMMENT_PHONE = "13900001111"
FUTURE_TEXT = "FUTURE-NOTICE-4e1f"
PAYLOADS = {
    "script": "<script>alert('p1')</script>",
    "iframe": '<iframe src="https://example.com/"></iframe>',
    "object": '<object data="evil.swf"><embed src="evil.swf"></object>',
    "svg": '<svg onload="alert(\'p2\')"><circle r="1"/></svg>',
    "jslink": '<a href="javascript:alert(\'p3\')">点我</a> <a href=" JaVaScRiPt:alert(1)">再点</a>',
    "form": '<form action="https://example.com/"><input name="q"><button formaction="javascript:alert(1)">提交</button></form>',
    "meta": '<meta http-equiv="refresh" content="0;url=https://example.com/">',
    "base": '<base href="https://example.com/">',
    "title": "# </title><script>alert('p4')</script>标题",
    "img": '<img src="x.png" onerror="alert(\'p5\')"><img src="data:text/html,<script>alert(1)</script>">',
    "style": '<p style="background:url(javascript:alert(1))" onclick="alert(1)">样式</p><style>body{display:none}</style>',
}
NOTICE = ("---\nkind: circular\ntitle: {title}\ndoc_number: 示卫办〔2026〕{n}号\n"
          "issuer: 示例县爱国卫生运动委员会办公室\ndate: {date}\n---\n\n")


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def edit(path: Path, change) -> None:
    import yaml

    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")


def _markdown_field(tp, f) -> bool:
    return "Markdown" in str(f.type)


@pytest.fixture(scope="module")
def hardened(tmp_path_factory, sample_pdfs):
    tmp = tmp_path_factory.mktemp("hardened")
    project = copy_project(tmp / "project")
    outside = tmp / "outside-secret.txt"
    outside.write_text(SECRET_OUT + "\n", "utf-8")
    (project / "data" / "secret.yml").write_text(f"secret: {SECRET_DATA}\n", "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    _Recorder.seen = []

    def refs(tag: str) -> str:
        """Every way a Markdown text can point at the secrets and the local server."""
        return (f"![{tag}](../../outside-secret.txt) ![{tag}]({outside}) ![{tag}](file://{outside}) "
                f"[名单](../data/secret.yml){{: rel=\"attachment\" }} [口令]({outside}){{: rel=\"attachment\" }} "
                f"[表](../../data/secret.yml){{: rel=\"attachment\" }} ![{tag}](http://127.0.0.1:{port}/{tag}.png) "
                f"[远程](http://127.0.0.1:{port}/{tag}.pdf){{: rel=\"attachment\" }}")

    planted = planting.plant(project, lambda tp, name, internal: f"{name} " + refs(f"{tp.__name__}-{name}"),
                             _markdown_field)
    # formula injection: a unit's name and every leader's name as Excel would run them
    edit(project / "data" / "units.yml", lambda units: units[-1].update(name="=1+1"))
    edit(project / "data" / "people.yml", lambda people: [p.update(name=f"@SUM({i}+1)") for i, p in enumerate(people)
                                                          if p["name"] != "方书宁"])  # (the imported row's leader)
    # a GIFT option that gift-pegjs read as a 100 % answer
    for bank in (project / "data" / "quizzes" / "banks").glob("*.yml"):
        edit(bank, lambda bank: [q["options"].__setitem__(0, "%100%错误选项") for q in bank["questions"]
                                 if q.get("options")])
    # content pages: each payload in a page of its own, a notice with a comment and the references
    (project / "content" / "notes").mkdir()
    for key, payload in PAYLOADS.items():
        head = "" if payload.startswith("# ") else f"# 测试 {key}\n\n"  # the title payload is the page's first heading
        (project / "content" / "notes" / f"payload-{key}.md").write_text(f"{head}{payload}\n\n正文 {key}。\n", "utf-8")
    (project / "content" / "notices" / "2026-hardening.md").write_text(
        NOTICE.format(title="关于加强管理的通知", n=41, date="2026-05-06")
        + f"正文第一段。<!-- 联系人 {COMMENT_PHONE} -->\n\n"
        + f"![图]({outside}) [名单]({outside}){{: rel=\"attachment\" }} ![图](http://127.0.0.1:{port}/notice.png)\n\n"
        + "\n\n".join(PAYLOADS.values()) + "\n", "utf-8")
    (project / "content" / "notices" / "2026-12-future.md").write_text(
        NOTICE.format(title="关于元旦期间卫生大扫除的通知", n=42, date="2026-12-01") + f"{FUTURE_TEXT} 正文。\n", "utf-8")
    # an imported cell pointing at the secrets
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工作类别", "具体任务及要求", "完成进度安排", "责任科室", "责任领导"])
    ws.append(["一、创建宣传氛围", "1. 张贴宣传画 " + refs("cell"), "2026年3月", "示例县爱国卫生运动委员会办公室", "方书宁"])
    wb.save(project / "t.xlsx")
    imported = campaign_cli(project, "import", "tasks", "t.xlsx", "--plan", "county")
    assert imported.ok, imported.output
    out = {"project": project, "planted": planted, "requests": _Recorder.seen, "tmp": tmp}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        result = mkdocs_build(project, config, pdf=True, timeout=900)
        assert result.ok, result.output
        out[audience] = result.site
        out[audience + "-log"] = result.output
    yield out
    server.shutdown()


def _outputs(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*")) if p.is_file()]


def _texts(site: Path) -> dict[str, str]:
    """Every output as text: files as they are, PDFs by pdftotext, zip members (xlsx) unpacked."""
    out = {}
    for p in _outputs(site):
        rel = p.relative_to(site).as_posix()
        data = p.read_bytes()
        out[rel] = data.decode("utf-8", "replace")
        if p.suffix == ".pdf":
            out[rel + " (pdftotext)"] = subprocess.run(["pdftotext", str(p), "-"], capture_output=True,
                                                       text=True, check=True).stdout
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                for name in z.namelist():
                    out[f"{rel}!{name}"] = z.read(name).decode("utf-8", "replace")
    return out


pytestmark = [pytest.mark.build, pytest.mark.pdf]


def test_every_markdown_field_kind_was_planted(hardened):
    kinds = {record for record, _ in hardened["planted"]}
    assert len(hardened["planted"]) >= 15, hardened["planted"]
    assert {"Plan", "Task", "Progress", "Question", "Quiz", "Topic", "Board", "TobaccoRules"} <= kinds, kinds


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_secret_in_any_output(hardened, audience):
    site = hardened[audience]
    pdfs = list(site.rglob("*.pdf"))
    assert len(pdfs) >= 20
    for pdf in pdfs:
        listed = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert listed.strip() == "0 embedded files", (pdf, listed)
    for name, text in _texts(site).items():
        assert SECRET_OUT not in text and SECRET_DATA not in text, name
    # the planted text itself is there (the fields were rendered, not dropped)
    plan_pdf = subprocess.run(["pdftotext", str(site / "print" / "plans" / "zxj.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "preamble" in plan_pdf and "名单" in plan_pdf


def test_no_request_leaves_the_build(hardened):
    assert hardened["requests"] == []
    log = hardened["public-log"]
    assert "打印版不读取" in log  # the refusals are reported, with where they were written
    # located in the sources: the file, line and column of a field that holds the reference
    assert re.search(r"data/[\w/.-]+\.yml:\d+:\d+: \w+: 打印版不读取", log), log[-3000:]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_script_handler_or_javascript_url_in_any_output(hardened, audience):
    from test_hostile import scan_site

    site = hardened[audience]
    assert scan_site(site) == []
    for name, text in _texts(site).items():
        low = text.lower()
        if name.endswith("(pdftotext)"):  # a PDF may show the payload as printed text: inert
            continue
        assert "alert('p" not in low, name
        assert not re.search(r"""(href|src|action|data|formaction)\s*=\s*["']?\s*javascript:""", low), name
        if name.endswith(".html") and "/" in name and name.split("/")[0] in ("notes", "notices"):
            article = low.split("<article", 1)[-1].split("</article>", 1)[0]
            for tag in ("<script", "<iframe", "<object", "<embed", "<form", "<input", "<meta", "<base",
                        "<svg", "<style", " style=", " onerror", " onload", " onclick", "data:text/html"):
                assert tag not in article, (name, tag)
    for key in PAYLOADS:  # each payload page was built, its text shown
        page = (site / "notes" / f"payload-{key}" / "index.html").read_text("utf-8")
        assert f"正文 {key}。" in page
    title = (site / "notes" / "payload-title" / "index.html").read_text("utf-8")
    assert re.search(r"<title>标题 - ", title) and "</title><script>" not in title


def test_csp_allows_only_the_projects_own_scripts(hardened):
    policy = subprocess.run([sys.executable, str(ROOT / "scripts" / "csp-hashes"), "--policy", "."],
                            cwd=hardened["project"], capture_output=True, text=True, check=True).stdout
    script_src = next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src == "script-src 'self'", script_src
    for page in _outputs(hardened["public"]):
        if page.suffix == ".html":
            for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page.read_text("utf-8"), re.S):
                assert "src=" in attrs or "application/json" in attrs, (page, body[:80])


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_comments_are_in_no_output(hardened, audience):
    site = hardened[audience]
    assert "正文第一段" in (site / "notices" / "2026-hardening" / "index.html").read_text("utf-8")
    for name, text in _texts(site).items():
        assert COMMENT_PHONE not in text, name
    assert re.search(r"content/notices/2026-hardening\.md:\d+:\d+: 已删除不允许的内容：HTML 注释",
                     hardened[audience + "-log"])


def test_workbook_texts_are_never_formulas(hardened):
    import openpyxl

    path = hardened["public"] / "downloads" / "progress.xlsx"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8"), name
    wb = openpyxl.load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "@", "+", "-")):
                    found[cell.value] = cell
    assert "=1+1" in found and any(v.startswith("@SUM(") for v in found), sorted(found)[:20]
    for value, cell in found.items():
        assert cell.data_type == "s" and cell.quotePrefix, (value, cell.data_type)


def test_gift_option_is_not_a_weight(hardened):
    for path in (hardened["public"] / "quizzes").glob("*.gift.txt"):
        gift = path.read_text("utf-8")
        assert "\\%100\\%错误选项" in gift, path
        for line in gift.splitlines():
            if line.lstrip().startswith(("~", "=")) and "错误选项" in line:
                weight = re.match(r"[~=](%-?[\d.]+%)?", line.strip())[0]  # the export's own weight
                body = re.sub(r"\\.", "", line.strip()[len(weight):])
                assert "%" not in body and "[" not in body and "~" not in body and "=" not in body, line


def test_xml_outputs_are_well_formed(hardened):
    import feedparser
    from lxml import etree

    for site in (hardened["public"], hardened["internal"]):
        for xml in site.rglob("*.xml"):
            etree.parse(str(xml))
        feed = feedparser.parse((site / "notices" / "feed.xml").read_bytes())
        assert not feed.bozo and feed.entries


def test_a_notice_dated_later_is_not_published_yet(hardened):
    public, internal = hardened["public"], hardened["internal"]
    assert not (public / "notices" / "2026-12-future").exists()
    assert not (public / "print" / "notices" / "2026-12-future.pdf").exists()
    for name, text in _texts(public).items():
        assert FUTURE_TEXT not in text and "2026-12-future" not in text, name
    assert FUTURE_TEXT in (internal / "notices" / "2026-12-future" / "index.html").read_text("utf-8")
    assert "公开网站到那天重新构建时才发布" in hardened["public-log"]
