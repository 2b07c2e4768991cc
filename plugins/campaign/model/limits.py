"""Every size limit on the authors' input, in one place (the guide lists them
from here, so the numbers shown can never drift from the numbers enforced).

A campaign's files are kilobytes; a limit is there so that a mistake (a
pasted log, a spreadsheet dragged to row 1,048,576, a year typed as 9999)
gets a message within seconds instead of a build that runs for hours or
runs out of memory.
"""
from __future__ import annotations

import re

KB, MB = 1024, 1024 * 1024

TEXT_FILE_BYTES = 2 * MB          # one YAML data file or one Markdown page in content/
SHEET_FILE_BYTES = 20 * MB        # one .xlsx or .csv given to import / score
SHEET_UNZIPPED_BYTES = 200 * MB   # an .xlsx is a zip: what its parts inflate to
SHEET_ROWS = 50_000               # rows of the .xlsx sheet read (a county's answer sheets fit many times)
CSV_ROWS = 500_000                # rows of a .csv (read much faster than a sheet)
SHEET_COLUMNS = 500               # columns of the sheet read
SHEET_MERGED_CELLS = 100_000      # cells covered by merged ranges, all ranges together
CONTENT_FILE_BYTES = 50 * MB      # any other file in content/ (attachments) copied into the site
TEXT_CHARS = 2_000                # one plain text field (a name, a title, a note)
MARKDOWN_CHARS = 20_000           # one Markdown field (a plan's preamble, a section)
CELL_CHARS = 1_000                # a Markdown field shown in a table cell (a task's requirement, a report)
YEARS_AROUND = 10                 # every date within this many years before and after the campaign period
PERIOD_YEARS = 20                 # the campaign period itself
FIRST_YEAR, LAST_YEAR = 1949, 2100  # the period's own years

# what a text field may not hold: control characters (all but tab and newline), lone surrogates
# and the two non-characters U+FFFE/U+FFFF; XML (Atom, Moodle, .xlsx) cannot carry them either
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def size(n: int) -> str:
    """A byte count as authors read it: 2 MB, 200 KB."""
    return f"{n // MB} MB" if n >= MB and n % MB == 0 else (f"{n / MB:.1f} MB" if n >= MB else f"{n // KB} KB")


def listed() -> list[tuple[str, str]]:
    """(what, limit) for the guide."""
    return [
        ("一个 YAML 数据文件或 content/ 里的一个 Markdown 页面", size(TEXT_FILE_BYTES)),
        ("content/ 里的其他文件（附件等）", size(CONTENT_FILE_BYTES)),
        ("导入或统计用的 .xlsx、.csv 文件", size(SHEET_FILE_BYTES)),
        (".xlsx 解压后的总大小", size(SHEET_UNZIPPED_BYTES)),
        (".xlsx 工作表的行数", f"{SHEET_ROWS:,} 行"),
        (".csv 文件的行数", f"{CSV_ROWS:,} 行"),
        ("工作表的列数", f"{SHEET_COLUMNS} 列"),
        ("合并单元格覆盖的单元格（全部合并区域合计）", f"{SHEET_MERGED_CELLS:,} 个"),
        ("一个文字字段（名称、标题、备注）", f"{TEXT_CHARS:,} 字"),
        ("一个可用 Markdown 的字段（方案开头、章节内容）", f"{MARKDOWN_CHARS:,} 字"),
        ("显示在表格里的字段（任务的具体要求、进展说明）", f"{CELL_CHARS:,} 字"),
        ("创建周期的长度", f"{PERIOD_YEARS} 年（年份在 {FIRST_YEAR}～{LAST_YEAR} 之间）"),
        ("其他日期（完成时限、进度、检查、公示等）", f"创建周期前后各 {YEARS_AROUND} 年之内"),
    ]
