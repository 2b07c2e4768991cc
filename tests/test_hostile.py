"""The hostile-input corpus: every case under tests/hostile/cases/ either fails
with its expected located message or, for script and markup in free text,
builds and renders inertly. None may produce a traceback or hang.

A case is one YAML file (see tests/hostile/README.md):

    about: what the case is
    steps:                       # applied in order to a scratch copy of the project
      - write: data/units.yml    # replace/add a file ...
        text: "..."              #   its text (encoded with `encoding`, default utf-8)
        encoding: gbk
        hex: "efbbbf..."         #   or raw bytes (prefix, before text)
        repeat: {text: "- x\n", times: 1000}   # appended after text
      - patch: data/tasks/county.yml   # ... or change one place of a sample file
        find: "due: 2026-03\n"
        replace: "due: 2026-02-30\n"
      - symlink: data/people.yml       # ... or make it a link
        to: /etc/passwd
      - symlink_dir: data/tasks        # a whole folder as a link
        to: ../../outside
      - delete: data/people.yml
      - plant: "<script>alert(1)</script>"   # this text in every free-text field
      - xlsx: responses.xlsx           # ... or a workbook from rows (openpyxl)
        rows: [[单位, kz-01], [awb, 对]]
        merge: ["A2:A4"]
    run: check                   # check (campaign check) | build (public + internal)
                                 # | any campaign subcommand: "score tobacco x.csv"
                                 # | a list: each but the last must succeed first
    ok: false                    # true: must pass (e.g. UTF-8 with BOM)
    expect:                      # substrings of the output, each must appear
      - "data/units.yml:1:1: (文件): 文件不是 UTF-8"
"""
from __future__ import annotations

import html.parser
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import planting
from conftest import AS_OF, BIN, Result, campaign_here, mkdocs_build, seed_pdf_cache

CASES = Path(__file__).parent / "hostile" / "cases"
TIMEOUT = 60  # seconds: a case that takes longer is a hang
RESOURCE_SECONDS = 30          # a resource case (`resource: true`) ends within this, with its message,
RESOURCE_BYTES = 1024 ** 3     # and its process never holds more memory than this


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yml"))


def _params() -> list:
    """Every case, marked by what it runs: a build (with PDFs or not) or a command (no build)."""
    out = []
    for path in _cases():
        case = yaml.safe_load(path.read_text("utf-8"))
        run = case.get("run", "check")
        last = run[-1] if isinstance(run, list) else run
        marks = [pytest.mark.build] if last == "build" else [pytest.mark.unit]
        if case.get("pdf"):
            marks.append(pytest.mark.pdf)
        out.append(pytest.param(path, marks=marks, id=path.stem))
    return out


def apply(project: Path, step: dict) -> None:
    if "write" in step:
        target = project / step["write"]
        target.parent.mkdir(parents=True, exist_ok=True)
        data = bytes.fromhex(step.get("hex", "").replace(" ", "").replace("\n", ""))
        if "text_from" in step:  # the sample file's own text, e.g. after a BOM
            data += (project / step["text_from"]).read_text("utf-8").encode(step.get("encoding", "utf-8"))
        data += step.get("text", "").encode(step.get("encoding", "utf-8"))
        if "repeat" in step:
            r = step["repeat"]
            data += (r["text"] * r["times"]).encode(step.get("encoding", "utf-8"))
        data += step.get("tail", "").encode(step.get("encoding", "utf-8"))
        if target.is_symlink():
            target.unlink()
        target.write_bytes(data)
    elif "xlsx" in step:  # a workbook from rows (response files, Excel imports)
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        if step.get("hidden_first"):  # a hidden sheet before the one with the rows
            ws.title = "说明"
            ws.append(["这张表是隐藏的说明"])
            ws.sheet_state = "hidden"
            ws = wb.create_sheet("任务")
        for row in step.get("rows", []):
            ws.append(row)
        for cells in step.get("merge", []):
            ws.merge_cells(cells)
        target = project / step["xlsx"]
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)
        if any(k in step for k in ("raw_merge", "filler_rows", "bomb_bytes", "cache")):
            _patch_xlsx(target, step, "xl/worksheets/sheet2.xml" if step.get("hidden_first") else "xl/worksheets/sheet1.xml")
    elif "patch" in step:
        target = project / step["patch"]
        text = target.read_text("utf-8")
        assert step["find"] in text, f"case is stale: {step['find']!r} not in {step['patch']}"
        target.write_text(text.replace(step["find"], step["replace"], 1), "utf-8")
    elif "symlink" in step:
        target = project / step["symlink"]
        target.unlink(missing_ok=True)
        target.symlink_to(step["to"])
    elif "symlink_dir" in step:
        target = project / step["symlink_dir"]
        shutil.rmtree(target)
        target.symlink_to(step["to"], target_is_directory=True)
    elif "delete" in step:
        (project / step["delete"]).unlink()
    elif "sparse" in step:  # a huge file that takes no room (its size without writing it)
        target = project / step["sparse"]
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as f:
            f.truncate(step["size"])
    elif "fifo" in step:  # a named pipe: reading it would block for ever
        target = project / step["fifo"]
        target.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(target)
    elif "plant" in step:
        payload = step["plant"]
        planted = planting.plant(project, lambda tp, name, internal: f"{name} {payload}",
                                 lambda tp, f: True)
        assert len(planted) >= 20, planted
    else:
        raise AssertionError(f"unknown step {step}")


def _patch_xlsx(target: Path, step: dict, sheet: str) -> None:
    """What openpyxl cannot write, written into the saved file's XML: merged ranges of any size
    (openpyxl would create every merged cell), a million rows, a zip bomb, cached formula values."""
    import re
    import zipfile

    with zipfile.ZipFile(target) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts[sheet].decode("utf-8")
    if "filler_rows" in step:
        start = xml.count("<row ") + 1
        rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                       for r in range(start, start + step["filler_rows"]))
        xml = xml.replace("</sheetData>", rows + "</sheetData>")
    if "raw_merge" in step:
        cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in step["raw_merge"])
        xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(step["raw_merge"])}">{cells}</mergeCells>')
    for ref, value in step.get("cache", {}).items():  # a formula with the value Excel computed
        xml = re.sub(rf'<c r="{ref}"[^>]*><f>(.*?)</f><v\s*/>|<c r="{ref}"[^>]*><f>(.*?)</f><v>\s*</v>',
                     lambda m: f'<c r="{ref}" t="str"><f>{m[1] or m[2]}</f><v>{value}</v>', xml)
    parts[sheet] = xml.encode("utf-8")
    if "bomb_bytes" in step:  # a part that inflates to far more than the file's size
        parts["xl/media/padding.bin"] = bytes(step["bomb_bytes"])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)


class _Scan(html.parser.HTMLParser):
    """What a browser would execute: script bodies, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and value \
                    and value.strip().lower().replace("\t", "").replace("\n", "").startswith(("javascript:", "vbscript:", "data:text/html")):
                self.bad.append(f"<{tag} {name}={value!r}>")
        # a data block such as <script type="application/json"> is never executed
        kind = (dict(attrs).get("type") or "text/javascript").lower()
        self._in_script = tag == "script" and ("javascript" in kind or kind == "module")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.bad.append(f"<script>{data[:60]}")


def scan_site(site: Path) -> list[str]:
    bad = []
    for file in sorted(site.rglob("*")):
        if file.suffix in (".html", ".xml", ".json", ".svg", ".js") and file.is_file():
            text = file.read_text("utf-8", errors="replace")
            if "<script>alert" in text.replace("\\/", "/"):
                bad.append(f"{file.relative_to(site)}: raw <script>alert")
            if file.suffix == ".html":
                scan = _Scan()
                scan.feed(text)
                bad += [f"{file.relative_to(site)}: {b}" for b in scan.bad]
    return bad


@dataclass
class Measured(Result):
    seconds: float = 0.0
    peak_bytes: int = 0


def measured(project: Path, argv: list[str], env: dict, site: Path, timeout: int) -> Measured:
    """Run a command; its own time and peak memory (wait4's rusage of that child alone)."""
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Measured(proc.returncode, text, site, seconds, usage.ru_maxrss * 1024)


def _run_resource(project: Path, run: str, case: dict) -> list:
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, NO_MKDOCS_2_WARNING="1")
    if not case.get("pdf"):
        env["CAMPAIGN_PDF"] = "0"
    if run == "build":
        return [measured(project, [str(BIN / "mkdocs"), "build", "--strict", "-f", cfg], env,
                         project / ("site-internal" if "internal" in cfg else "site"), RESOURCE_SECONDS * 2)
                for cfg in ("mkdocs.yml", "mkdocs.internal.yml")]
    return [measured(project, [str(BIN / "campaign"), *shlex.split(run)], env, project / "site", RESOURCE_SECONDS * 2)]


def _run(project: Path, run: str, case: dict) -> list:
    """check | build (public and internal) | any other campaign subcommand, e.g. `score tobacco x.csv`."""
    if case.get("resource"):
        return _run_resource(project, run, case)
    if run == "build":
        saved = os.environ.get("CAMPAIGN_CACHE_DIR")
        results = []
        try:
            for cfg in ("mkdocs.yml", "mkdocs.internal.yml"):
                if case.get("fresh_pdf"):  # render the changed article again (the renderer's own messages are
                    # the point), in a cache that holds only the unchanged sample's PDFs
                    os.environ["CAMPAIGN_CACHE_DIR"] = str(seed_pdf_cache(project / f".fresh-pdf-cache-{cfg}"))
                results.append(mkdocs_build(project, cfg, pdf=case.get("pdf", False), timeout=TIMEOUT * 2))
            return results
        finally:
            if saved is None:
                os.environ.pop("CAMPAIGN_CACHE_DIR", None)
            else:
                os.environ["CAMPAIGN_CACHE_DIR"] = saved
    return [campaign_here(project, *shlex.split(run))]


@pytest.mark.parametrize("case_file", _params())
def test_hostile_case(case_file: Path, scratch: Path, request: pytest.FixtureRequest):
    case = yaml.safe_load(case_file.read_text("utf-8"))
    if case.get("pdf"):  # the sample's own PDFs in the caches first: only what the case changes is rendered
        request.getfixturevalue("built")
    for step in case["steps"]:
        apply(scratch, step)
    ok = case.get("ok", False)
    runs = case.get("run", "check")
    runs = runs if isinstance(runs, list) else [runs]
    for before in runs[:-1]:  # e.g. an import that must succeed before the build
        for result in _run(scratch, before, case):
            assert result.ok and "Traceback" not in result.output, result.output
    results = _run(scratch, runs[-1], case)
    for result in results:
        assert "Traceback" not in result.output, result.output
        if isinstance(result, Measured):  # a resource case: a message within seconds, never a hang
            assert result.seconds < RESOURCE_SECONDS, (result.seconds, result.output)
            assert result.peak_bytes < RESOURCE_BYTES, (result.peak_bytes, result.output)
        assert result.ok == ok, result.output
        for expected in case.get("expect", []):
            assert expected in result.output, f"expected {expected!r} in:\n{result.output}"
        for unwanted in case.get("absent", []):  # e.g. no cascade of follow-up errors
            assert unwanted not in result.output, f"unexpected {unwanted!r} in:\n{result.output}"
        if runs[-1] == "build" and ok:
            bad = scan_site(result.site)
            assert not bad, bad
            for text in case.get("visible", []):  # the payload is shown as text, not dropped
                assert any(text in p.read_text("utf-8") for p in result.site.rglob("*.html")), text


def test_corpus_is_large_enough():
    assert len(_cases()) >= 40
    runs = [yaml.safe_load(c.read_text("utf-8")).get("run", "check") for c in _cases()]
    kinds = {(r[-1] if isinstance(r, list) else r).split()[0] for r in runs}
    assert kinds >= {"check", "build", "score", "import"}, kinds


def test_scanner_finds_live_script(tmp_path: Path):
    """The inertness scan itself must catch what a browser would run."""
    (tmp_path / "a.html").write_text('<p>&lt;script&gt;alert(1)&lt;/script&gt; '
                                     '<a title="&#34; onmouseover=&#34;x">t</a></p>', "utf-8")
    assert scan_site(tmp_path) == []
    for live in ('<script>alert(1)</script>', '<a href=" JavaScript:alert(1)">x</a>',
                 '<img src=x onerror=alert(1)>', '<a title="" onmouseover="x">t</a>'):
        (tmp_path / "a.html").write_text(live, "utf-8")
        assert scan_site(tmp_path), live
