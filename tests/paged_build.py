"""``python tests/paged_build.py ROWS [PDF]``: ``mkdocs build --strict`` in the current folder with
``derive.paging.ROWS_PER_PAGE`` set to ROWS (a small bound keeps a paging test's synthetic campaign
small) and, given PDF, only the PDFs whose name starts with it rendered (the one a test reads)."""
from __future__ import annotations

import sys

from mkdocs.__main__ import cli

import campaign.derive.paging as paging
import campaign.print.pdf as pdf

# PDF workers are spawned: they import this module again, and must not build
if __name__ == "__main__":
    paging.ROWS_PER_PAGE = int(sys.argv[1])
    if len(sys.argv) > 2:
        wanted, render = sys.argv[2], pdf.render

        def only(jobs, *args, **kwargs):
            return render([j for j in jobs if j.name.startswith(wanted)], *args, **kwargs)

        pdf.render = only
    sys.argv = ["mkdocs", "build", "--strict"]
    cli()
