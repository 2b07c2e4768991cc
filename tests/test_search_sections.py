"""search_sections divides a page exactly as material's search ``Parser`` does: the same sections
(tag, attributes, id, depth, title and text lists, exclusion), on hand-written tricky snippets, on
random tag soup, on the hostile corpus's payloads, on every page of the sample and of a synthetic
campaign; and a site's search index is byte-identical with either parser. Where the fast path
declines a page, material's parser gives the answer; the snippets below also pin which pages the
fast path reads itself (a test fails if it silently declined our own pages)."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.mkdocs.search_sections import Fallback, fast_sections, material_sections, sections
from conftest import AS_OF, BIN, ROOT, campaign_cli, copy_project

SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))


def shape(found) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in found]


def outcome(parse, html: str):
    try:
        return shape(parse(html))
    except Exception as error:  # material's parser fails on some input; ours must fail alike
        return type(error)


def check(html: str) -> str:
    """Assert both paths give material's sections; say which path ``sections`` took."""
    expected = outcome(material_sections, html)
    assert outcome(sections, html) == expected, html
    try:
        fast = shape(fast_sections(html))
    except Fallback:
        return "fallback"
    assert fast == expected, html
    return "fast"


# Read by the tokenizer itself: markup our pages hold, and the corners html.parser gets right.
FAST = [
    '<h1 id="t">Title</h1><p>first</p>',  # an h1 first: the first section has no id
    '<p>preface</p><h1 id="t">Title</h1><p>x</p>',  # after a preface the h1 keeps its id
    '<h2 id="a">A</h2><p>t</p><h3 id="b">B</h3>',  # a non-h1 first: an empty top-level section before it
    '<br><h1 id="a">T</h1>',  # a void tag makes no preface
    "plain text, no tag",
    "   \n  ",
    "text<p>x</p>",
    '<p>a &amp; b &lt;c&gt; &quot;d&quot; &#20013;&#x6587;&nbsp;&copy &unknown; &amp</p>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &#0; &#x110000; &#65535;</p>",
    '<div><div><h2 id="x">X</h2><p>a</p></div><p>b</p></div><p>c</p><h3 id="y">Y</h3>',
    '<ul><li><h3 id="l">L</h3>text</li></ul>after<div><h4 id="m">M</h4></div>tail',
    '<section><h2 id="a">A<h2 id="b">B</h2>C</h2></section>D',
    "<h2>no id</h2><p>t</p><h2>again</h2>",
    '<h2 id="a">A</h2><h2>no id, title context</h2>',
    "<h2 id>valueless id</h2><p>x</p>",
    '<h2 id="a" id="b">duplicate id</h2>',
    '<h2 id="">empty id</h2>',
    "<pre>  a\n\n  b  </pre><p>a\n  b</p>",
    "<pre><code>x = 1\n\n\ny</code></pre>\n\n\n<p>z</p>",
    "<p>a</p>\n\n\n<p>b</p>  \n <ul>\n<li>c</li>\n</ul>",
    "<p>a\r\nb\tc\fd\u3000e\u00a0f</p>",
    '<div data-search-exclude><p>hidden</p></div><p>shown</p>',
    '<div data-search-exclude><div data-search-exclude>x</div>y</div>z',
    '<div data-search-exclude><div>inner</div>after inner</div>after',
    '<p DATA-SEARCH-EXCLUDE="">upper</p><p data-search-exclude="no">value</p><p>kept</p>',
    '<h2 id="gone" data-search-exclude>Gone</h2><p>its text</p><h2 id="back">Back</h2><p>x</p>',
    '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td><pre>code</pre></td></tr></table>',
    '<td class="linenodiv x"><pre>1</pre></td><td class=linenodiv>2</td><td class="&#108;inenodiv">3</td>',
    '<h2 id="s">Sec<a class="headerlink" href="#s" title="Permanent link">&para;</a></h2><p>body</p>',
    '<h2 id="s">Sec<a class="&#104;eaderlink" href="#s">#</a> more</h2>',
    '<h2 id="s">A<a class="headerlink x" href="#s">#</a><a class=headerlink>¶</a></h2>',
    "<p>a<br>b<br/>c<img src=\"x\" alt=\"y\"><hr></p></br><wbr>",
    "<ul><li>a<li>b</ul><p>x",
    "<p><em>a</p>b</em>",
    "<p>unclosed at the end",
    '<p>a<!-- <h2 id="no">x</h2> -->b</p><!----><!-- -->',
    "<script>var s = \"<h2 id='q'>x</h2>\"; if (a < b && c > d) {}</script><p>after</p>",
    "<style>p > a { color: red }</style><SCRIPT type=\"text/javascript\">x</SCRIPT><script></script  >k",
    '<p>x</p><script data-search-exclude>y</script><object data="x"><p>in</p></object><p>out</p>',
    '<a title="a > b" href=\'c>d\'>x</a><h2 id="a>b">T</h2>',
    '<P CLASS="X">Up</P><H2 ID="Up">Heading</H2><PRE>  pre  </PRE><Li>i</LI>',
    "<p> </p><p></p><p>x</p><p> </p>",
    "<p>x</p><p> </p><p>\n</p>",
    '<h2 id="c">a <code>b</code> <sub>2</sub><sup> </sup></h2>',
    '<!DOCTYPE html><?xml version="1.0"?><p><![CDATA[x]]>y</p>',
    '<div/><p>x</p><h2 id="z"/>text after',
    "<h3 id=bare class=x>B</h3><a href=x title = 'y' data-x>z</a>",
    "<hx>custom</hx><p>x</p>",
    '<svg role="img" viewBox="0 0 10 10"><title id="t">Chart</title><desc>d</desc><rect x="1"/></svg>',
    "<textarea>a<b>c</b></textarea><title>t</title>",
    "示例县<h2 id=\"爱卫\">爱国卫生运动</h2><p>群众监督举报电话</p>",
]

# Declined by the tokenizer: the page goes to material's parser.
FALLBACK = [
    "<p>a < b</p>", "a <3", "x <", "<p class=\"x", "<p", "<!-- open", "<script>never closed",
    "<script>a</script x>b</script>", "<script><!-- x --></script>", "<script>a</style></script>",
    "<script/>x", "<a b=c/>", '<a b="x"c="y">', "<a b=c=d>", "<p\u3000x>", "<p\x0bx>", "<svg:rect/>",
    "</ p>", "</a b>", "<!-- a -- b -->", "<!-- a --!> b -->", "<!-->x-->", "<![if x]>y<![endif]>",
    "<!x>", "<a =b>", "<p/ >", "<a b='c'/d>", "<![CDATA[a]b]]>", "<p>\u2028<a b=\u3000c>",
]


@pytest.mark.unit
@pytest.mark.parametrize("html", FAST)
def test_fast_path_gives_material_sections(html):
    assert check(html) == "fast"


@pytest.mark.unit
@pytest.mark.parametrize("html", FALLBACK)
def test_unsure_markup_goes_to_material(html):
    assert check(html) == "fallback"


@pytest.mark.unit
def test_material_failure_is_kept():
    """A closing tag whose opening material never kept: its parser raises, and so does ours."""
    html = "<div data-search-exclude><p><div></div>x</p>"
    with pytest.raises(ValueError):
        material_sections(html)
    with pytest.raises(ValueError):
        sections(html)


@pytest.mark.unit
def test_forced_material_parser(monkeypatch):
    html = "<h2 id=a>A</h2><p>b</p>"
    monkeypatch.setenv("CAMPAIGN_SEARCH_PARSER", "material")
    assert shape(sections(html)) == shape(material_sections(html))


# Random tag soup from the pieces that matter to either parser.
PIECES = st.sampled_from([
    "<p>", "</p>", "<P>", "</P>", '<h1 id="a">', "<h1>", "</h1>", "<h2 id=b>", '<H2 ID="c">', "<h2>", "</h2>",
    '<h3 id="d" data-search-exclude>', "</h3>", "<div>", "</div>", "<div data-search-exclude>", "<pre>", "</pre>",
    "<code>", "</code>", "<li>", "</li>", "<ul>", "</ul>", "<sub>", "</sup>", '<a class="headerlink" href="#a">',
    "<a href=x>", "</a>", "<br>", "<br/>", '<img src="x"/>', "<hr>", "<script>", "</script>", "<style>",
    "</style>", "<object>", "</object>", '<td class="linenodiv">', "</td>", "<div/>", "<hx>", "<title>",
    "<!-- c -->", "<!--", "-->", "<!---->", "<!DOCTYPE html>", "<?pi?>", "<![CDATA[x]]>", "<", ">", "</", "/>",
    "&amp;", "&", "&#", "&#x4e2d;", "&lt;", "&nbsp", '"', "'", "=", " ", "\n", "\n\n", "\t", "\r\n", "\u3000",
    "文字", "text", "a", "h2", "id", "class",
])
SOUP = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=60).map("".join)
NAMES = st.sampled_from(["p", "P", "h2", "H3", "div", "a", "pre", "li", "script", "svg:rect", "x-y", "br"])
ATTR_PIECES = st.sampled_from([
    " ", "  ", "\n", "\u3000", "\x0b", "/", "=", " = ", '"', "'", ">", "id", "ID", "class", "headerlink",
    "linenodiv", "data-search-exclude", "DATA-Search-Exclude", '"x y"', "'a>b'", "&#104;eaderlink", "&amp;",
    "bare", "`", "<", ":", "-", ".", "_",
])
TAG = st.tuples(NAMES, st.lists(ATTR_PIECES, max_size=8).map("".join), st.sampled_from([">", "/>", " >", ""])).map(
    lambda t: f"<{t[0]}{t[1]}{t[2]}")
TAG_SOUP = st.lists(st.one_of(TAG, PIECES), max_size=30).map("".join)


@pytest.mark.unit
@SETTINGS
@given(SOUP)
def test_tag_soup_same_as_material(html):
    check(html)


@pytest.mark.unit
@SETTINGS
@given(TAG_SOUP)
def test_attribute_soup_same_as_material(html):
    check(html)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.unit
def test_hostile_payloads_same_as_material():
    """Every text of the hostile corpus, as raw HTML and as Markdown rendered to HTML."""
    texts = set()
    for case in sorted((ROOT / "tests" / "hostile" / "cases").glob("*.yml")):
        texts.update(_strings(yaml.safe_load(case.read_text("utf-8"))))
    assert len(texts) > 100
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list", "md_in_html"])
    for text in sorted(texts):
        check(text)
        check(md.reset().convert(text))


# -- built sites ------------------------------------------------------------------------------

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def check_site(site: Path) -> tuple[int, int]:
    """Every page of ``site`` (the whole file, and its article: what the index reads) is divided as
    material divides it; returns (articles, articles the fast path read)."""
    articles = fast = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        check(html)
        for article in ARTICLE.findall(html):
            articles += 1
            fast += check(article) == "fast"
    return articles, fast


@pytest.mark.build
def test_sample_pages_same_as_material(built):
    for site in (built["public"], built["internal"]):
        articles, fast = check_site(site)
        assert articles > 20
        assert fast == articles  # our own pages never need material's parser


def build(project: Path, out: str, parser: str = "") -> Path:
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, CAMPAIGN_PDF="0", NO_MKDOCS_2_WARNING="1", CAMPAIGN_CACHE="0",
               CAMPAIGN_SEARCH_PARSER=parser)
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", out], cwd=project,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / out


def assert_same_index(project: Path) -> Path:
    ours = build(project, "ours")
    theirs = build(project, "theirs", parser="material")
    index = "search/search_index.json"
    assert len((ours / index).read_bytes()) > 10_000
    assert (ours / index).read_bytes() == (theirs / index).read_bytes()
    return ours


@pytest.mark.build
def test_sample_index_identical_with_material_parser(tmp_path):
    assert_same_index(copy_project(tmp_path / "project"))


@pytest.mark.build
def test_synthetic_campaign_same_as_material(tmp_path):
    out = tmp_path / "synth"
    r = campaign_cli(ROOT, "synth", "--units", "40", "--tasks-per-unit", "5", "--out", str(out), "--project", str(ROOT))
    assert r.ok, r.output
    site = assert_same_index(out)
    articles, fast = check_site(site)
    assert articles > 40 and fast == articles
