"""Property-based tests: whatever bytes or text an author's file holds, the
readers return problems (or a value), never raise and never hang."""
from __future__ import annotations

import dataclasses

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.model import loader
from campaign.model.campaign import Campaign
from campaign.model.problems import Problems
from campaign.model.schema import read_file_node
from campaign.model.sources import compose, decode, split_front_matter

# max_examples comes from the hypothesis profile (tests/conftest.py): 300 in make test, fewer in make test-fast.
SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))
KINDS = [("campaign", Campaign)] + [(s.pattern, list[s.root] if s.many else s.root) for s in loader.SOURCES]

# YAML-ish text: the characters and fragments that break YAML most often.
FRAGMENTS = st.sampled_from([
    "\n", "  ", "\t", "- ", ": ", "id", "name", "tasks", "units", "due", "2026-02-30", "2026-13", "[", "]",
    "{", "}", "&a ", "*a", "'", '"', "#", "---\n", "...", "|\n", ">\n", "? ", "!!python/object ", "!!binary ",
    "null", "~", "yes", "1e9", "-1", "示例", "\ufeff", "\x00", "\x07", "\r\n", "\\", "%YAML 1.1\n", "<<: *a\n",
])
YAMLISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


def _convert(text: str, tp) -> Problems:
    problems = Problems()
    node = compose(text, "f.yml", problems)
    if node is not None:
        read_file_node(node, tp, "f.yml", problems)
    for p in problems.items:  # every problem is located and worded
        assert p.loc.path == "f.yml" and p.loc.line >= 1 and p.loc.col >= 1 and p.message
    return problems


@SETTINGS
@given(st.binary(max_size=400))
def test_decode_any_bytes(data: bytes):
    problems = Problems()
    text = decode(data, "f.yml", problems)
    assert (text is None) == bool(problems)


@SETTINGS
@given(YAMLISH)
def test_compose_any_text(text: str):
    problems = Problems()
    compose(text, "f.yml", problems)
    compose(text, "f.md", problems, line_offset=3, allow_empty=True)


@SETTINGS
@given(st.text(max_size=300))
def test_front_matter_any_text(text: str):
    front, offset, body = split_front_matter("---\n" + text)
    problems = Problems()
    if front is not None:
        compose(front, "f.md", problems, line_offset=offset, allow_empty=True)


@pytest.mark.parametrize("kind,tp", KINDS, ids=[k for k, _ in KINDS])
def test_converter_any_yaml(kind, tp):
    @SETTINGS
    @given(YAMLISH)
    def run(text: str):
        _convert(text, tp)
    run()


def _example_record(tp) -> dict:
    """A mapping holding every field of ``tp`` with its example (the guide's sample)."""
    return {f.name: f.metadata.get("example") for f in dataclasses.fields(tp)
            if not f.metadata.get("source") and f.metadata.get("example") is not None}


@pytest.mark.parametrize("kind,tp", KINDS, ids=[k for k, _ in KINDS])
def test_converter_any_values(kind, tp):
    """Plausible records whose values are replaced by arbitrary YAML values."""
    root = tp.__args__[0] if getattr(tp, "__origin__", None) is list else tp
    names = [f.name for f in dataclasses.fields(root) if not f.metadata.get("source")] + ["typo_key"]
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20)
        | st.dates().map(str) | st.sampled_from(["2026-02-30", "2026-13", "2026-03", "p-he", "county"]),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=12)

    @SETTINGS
    @given(st.dictionaries(st.sampled_from(names), values, max_size=len(names)))
    def run(changes: dict):
        record = {**_example_record(root), **changes}
        data = [record] if root is not tp else record
        _convert(yaml.safe_dump(data, allow_unicode=True), tp)
    run()


@SETTINGS
@given(st.text(), st.dictionaries(st.sampled_from(["date", "feed", "search"]),
                                  st.one_of(st.text(), st.integers(), st.dictionaries(st.text(max_size=5), st.integers()))))
def test_generated_front_matter_reads_back(title: str, meta: dict):
    """A generated page's front matter (JSON where YAML reads it alike) is read by MkDocs'
    YAML as the very mapping it was written from, whatever its title holds."""
    from mkdocs.utils.meta import get_data

    from campaign.mkdocs.plugin import _front_matter

    data = {"title": title, **meta}
    _, read = get_data("---\n" + _front_matter(data) + "---\n")
    assert read == data


def _naive_depth(node: yaml.Node) -> int:
    children = ([v for kv in node.value for v in kv] if isinstance(node, yaml.MappingNode)
                else node.value if isinstance(node, yaml.SequenceNode) else [])
    return 1 + max((_naive_depth(c) for c in children), default=0)


NESTED = st.recursive(st.sampled_from(["a", "示例", 1, None]),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(st.sampled_from(["k", "v", "w"]), inner, max_size=3)),
                      max_leaves=30)


@SETTINGS
@given(NESTED, st.booleans())
def test_depth_of_any_tree(value, flow: bool):
    """The guard that sends deep files to the careful loader measures what a recursive walk
    does: a scalar child and an empty list both end a branch (no aliases here: each node once)."""
    from campaign.model.sources import _depth

    node = yaml.compose(yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True), Loader=yaml.SafeLoader)
    assert _depth(node) == _naive_depth(node)
