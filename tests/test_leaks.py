"""Leak check over every output: a marker planted in every internal field of
every record kind appears nowhere in the public build (HTML, search index,
sitemap, feeds, exports, spreadsheets, PDFs) and does appear in the internal one.

Record kinds and their internal fields are found by introspection of the
loader's sources, so kinds added later are covered without editing this test.
"""
from __future__ import annotations

import gzip
import subprocess
import zipfile
from pathlib import Path

import pytest

import planting
from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build

REF_PERSON = "leak-ref-person"
REF_NAME = "LEAKQ7REFPERSONNAME"


def marker(tp: type, name: str, internal: bool) -> str:
    return f"LEAKQ7{tp.__name__}{name.replace('_', '')}"


def texts(file: Path) -> list[tuple[str, str]]:
    """(where, text) of one output file, unpacking what a reader would unpack."""
    data = file.read_bytes()
    if file.suffix == ".gz":
        return [(file.name, gzip.decompress(data).decode("utf-8", "replace"))]
    if file.suffix == ".pdf":
        out = subprocess.run(["pdftotext", "-q", str(file), "-"], capture_output=True, timeout=120)
        return [(file.name, out.stdout.decode("utf-8", "replace")), (file.name + " (raw)", data.decode("latin-1"))]
    if data[:4] == b"PK\x03\x04":  # xlsx, docx, zip exports: scan every member
        with zipfile.ZipFile(file) as z:
            return [(f"{file.name}!{m}", z.read(m).decode("utf-8", "replace")) for m in z.namelist()]
    return [(file.name, data.decode("utf-8", "replace"))]


def scan(site: Path, markers: set[str]) -> dict[str, set[str]]:
    """marker -> files it was found in."""
    hits: dict[str, set[str]] = {}
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        for where, text in texts(file):
            for m in markers:
                if m in text:
                    hits.setdefault(m, set()).add(f"{file.relative_to(site)}:{where}")
    return hits


@pytest.fixture(scope="module")
def planted_builds(tmp_path_factory, sample_pdfs):
    project = copy_project(tmp_path_factory.mktemp("leaks") / "project")
    people = project / "data" / "people.yml"
    people.write_text(people.read_text("utf-8") + f"- {{id: {REF_PERSON}, name: {REF_NAME}}}\n", "utf-8")
    planted = planting.plant(project, marker, lambda tp, f: planting.schema.is_internal(f),
                             refs={"person": REF_PERSON})
    builds = {}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        result = mkdocs_build(project, config)
        assert result.ok, result.output
        builds[audience] = result.site
    return planted, builds


def test_every_internal_field_is_planted(planted_builds):
    planted, _ = planted_builds
    expected = planting.internal_fields(ref_kinds=("person",))
    assert expected, "no internal fields found: introspection is broken"
    missing = expected - planted
    assert not missing, f"internal fields the sample data has no record for (add one): {sorted(missing)}"


def test_public_build_has_no_internal_value(planted_builds):
    planted, builds = planted_builds
    markers = {"LEAKQ7"}  # every marker (and the referenced person's name) starts with it
    hits = scan(builds["public"], markers)
    assert not hits, hits
    outputs = {p.suffix for p in builds["public"].rglob("*") if p.is_file()}
    assert {".html", ".json", ".xml", ".gz", ".pdf"} <= outputs  # the scan saw every kind of output


def test_internal_build_shows_the_markers(planted_builds):
    """The scan can fail: the same markers are found in the internal build."""
    planted, builds = planted_builds
    shown = scan(builds["internal"], {marker(type(name, (), {}), field, True) for name, field in planted}
                 | {REF_NAME})
    # what the foundation's internal pages show (unit contacts, plan notes, task notes);
    # later page kinds show more, this set only has to prove the scan finds markers
    assert {REF_NAME, "LEAKQ7Unitphone", "LEAKQ7Unitnote", "LEAKQ7Planinternalnote",
            "LEAKQ7Tasknote"} <= set(shown), sorted(shown)

