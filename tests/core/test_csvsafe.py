"""Security #5: the one CSV writer neutralises spreadsheet formulas, and no other module writes CSV."""

import csv
import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from catchall.core import csvsafe

SRC = Path(__file__).resolve().parents[2] / "src" / "catchall"


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_formula_start_is_written_as_text():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        value = f"{start}SUM(A1:A9)"
        [row] = read(csvsafe.to_text([["x", value]]))
        assert row == ["x", "'" + value]
    [row] = read(csvsafe.to_text([[1, -2, 2.5, None, "plain", "a=b"]]))
    assert row == ["1", "-2", "2.5", "", "plain", "a=b"]


@given(st.text())
def test_restore_gives_back_what_neutralise_wrote(value):
    out = csvsafe.neutralise(value)
    assert not out.startswith(csvsafe.FORMULA_START)
    assert csvsafe.restore(out) == value


def test_no_module_but_the_shared_one_writes_csv():
    pattern = re.compile(
        r"\bcsv\s*\.\s*(writer|DictWriter)\b|\bfrom\s+csv\s+import\b[^\n]*\b(writer|DictWriter)\b"
    )
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name != "csvsafe.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
