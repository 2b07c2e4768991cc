"""Loaded records stay small and exact: field positions packed into bytes, records
pickled by their fields' values (the caches), caches written item by item."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from campaign.model.cache import read_pickle, write_pickle
from campaign.model.loader import load

ROOT = Path(__file__).resolve().parent.parent


def _sample():
    return load(ROOT, ROOT / "data", ROOT / "content")


def test_each_field_points_at_its_value_in_the_file():
    """``where(field)`` is the line and column where the author wrote the value, for every
    field of every task (a field not written is the record's own place)."""
    model = _sample()
    lines = {}
    checked = 0
    for task in model.tasks.values():
        path = task.loc.path
        text = lines.setdefault(path, (ROOT / path).read_text("utf-8").splitlines())
        for f in dataclasses.fields(task):
            value = getattr(task, f.name)
            loc = task.where(f.name)
            assert loc.path == path
            if isinstance(value, str) and value and "\n" not in value and f.name != "fpath":
                line = text[loc.line - 1]
                assert line[loc.col - 1:].lstrip("\"'").startswith(value[:8]), (f.name, loc, line)
                assert line[: loc.col - 1].rstrip().endswith(f"{f.name}:"), (f.name, loc, line)
                checked += 1
        assert task.where("no-such-field") == task.loc
    assert checked > 50


def test_records_pickle_by_their_values_without_an_instance_dict():
    """A record survives the cache whole (every field, its positions); pickling it does not
    make Python build and keep a dict for it (the reason for ``__reduce_ex__``)."""
    model = _sample()
    tasks = list(model.tasks.values())
    copies = pickle.loads(pickle.dumps(tasks, protocol=pickle.HIGHEST_PROTOCOL))
    for task, copy in zip(tasks, copies, strict=True):
        assert copy == task and type(copy) is type(task)
        for f in dataclasses.fields(task):
            assert getattr(copy, f.name) == getattr(task, f.name), f.name
            assert copy.where(f.name) == task.where(f.name)
    state = tasks[0].__reduce_ex__(pickle.HIGHEST_PROTOCOL)[2]
    assert isinstance(state, tuple) and len(state) == len(dataclasses.fields(tasks[0]))


def test_a_replaced_record_is_what_dataclasses_replace_makes():
    """The audience filter's copies (``Record.replaced``) equal ``dataclasses.replace``'s, field by
    field and position by position, and leave the original as it was."""
    model = _sample()
    checked = 0
    for record in [*model.tasks.values(), *model.units.values()]:
        internal = [f.name for f in dataclasses.fields(record) if f.metadata.get("internal")]
        changes = {name: type(getattr(record, name))() for name in internal}
        before = record.__reduce_ex__(5)[2]
        copy, expected = record.replaced(**changes), dataclasses.replace(record, **changes)
        assert type(copy) is type(expected) and copy is not record
        for f in dataclasses.fields(record):
            assert getattr(copy, f.name) == getattr(expected, f.name), f.name
            assert copy.where(f.name) == record.where(f.name)
        assert record.__reduce_ex__(5)[2] == before
        checked += bool(changes)
    assert checked > 10


def test_small_values_pickle_as_their_fields():
    """Positions, dates, periods and references (hundreds of thousands in a cache) come back
    equal and are pickled as a call with their values, not the dataclass's per-field state."""
    import datetime as dt

    from campaign.model.dates import Due, Span
    from campaign.model.problems import Loc
    from campaign.model.schema import RefUse

    loc = Loc("data/tasks/示例.yml", 12, 7)
    values = [loc, Due.month(2026, 2), Due.day(dt.date(2026, 3, 15)),
              Span(dt.date(2026, 7, 1), dt.date(2026, 9, 30), "quarter", "2026-Q3"), RefUse("unit", "u-1", loc, "unit")]
    for value in values:
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value
        reduced = value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        assert reduced[0] is type(value) and len(reduced) == 2  # no state to set afterwards


def test_a_cache_written_item_by_item_reads_back_and_a_torn_one_is_empty(tmp_path):
    file = tmp_path / "c.pickle"
    value = ["passed", *[(("f", str(i)), {"n": i, "text": "第" * i}) for i in range(50)]]
    write_pickle(file, value, pieces=True)
    assert read_pickle(file, pieces=True) == value
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])  # a write cut short: only a cache, it starts empty
    assert read_pickle(file, pieces=True) is None
    write_pickle(file, {"whole": 1})  # a file of the other form is foreign, not an error
    assert read_pickle(file, pieces=True) is None


def test_pieces_are_made_while_they_are_written(tmp_path):
    """``Pieces``: items made one at a time during the write (never all in memory at once) read
    back as the list they make."""
    from campaign.model.cache import Pieces

    file, made = tmp_path / "p.pickle", []

    def items():
        for i in range(20):
            made.append(i)
            yield ("page", i, ("x" * i).encode())

    pieces = Pieces(20, items())
    assert made == []  # nothing made before the write
    write_pickle(file, pieces, pieces=True)
    assert made == list(range(20))
    assert read_pickle(file, pieces=True) == [("page", i, ("x" * i).encode()) for i in range(20)]
