"""Scale: unit pages stay out of the nav and keep their size as units grow
(10 vs 200 synthetic units here; 1,000 is `make bench`)."""
from __future__ import annotations

import pytest

from conftest import ROOT, campaign_cli, mkdocs_build

pytestmark = pytest.mark.build


def build_synth(tmp_path, n):
    out = tmp_path / f"s{n}"
    r = campaign_cli(ROOT, "synth", "--units", str(n), "--tasks-per-unit", "5", "--out", str(out), "--project", str(ROOT))
    assert r.ok, r.output
    result = mkdocs_build(out, pdf=False, timeout=600)
    assert result.ok, result.output
    return result.site


def page_sizes(site):
    """(largest leaf unit page, root unit page) in bytes: like compared with like."""
    leaves = [p.stat().st_size for p in (site / "units").glob("u*/index.html")
              if 'id="children"' not in p.read_text("utf-8")]
    return max(leaves), (site / "units" / "u0000" / "index.html").stat().st_size


def test_unit_page_size_flat_from_10_to_200_units(tmp_path):
    small, large = build_synth(tmp_path, 10), build_synth(tmp_path, 200)
    for site in (small, large):
        home = (site / "index.html").read_text("utf-8")
        assert "u0003/" not in home  # unit pages are not in the nav
    assert len(list((large / "units").glob("u*/index.html"))) == 200
    (leaf_s, root_s), (leaf_l, root_l) = page_sizes(small), page_sizes(large)
    assert abs(leaf_l - leaf_s) / leaf_s < 0.03, (leaf_s, leaf_l)
    # the county page lists its direct children only (9 with 10 units, 10 with 200)
    assert abs(root_l - root_s) / root_s < 0.05, (root_s, root_l)
