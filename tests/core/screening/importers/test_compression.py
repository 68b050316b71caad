"""Security #13: compression is told by content; a fake, foreign or broken one is an InputError
naming the file field, never a crash (a BadGzipFile or EOFError was an HTML 500 on the page)."""

from __future__ import annotations

import bz2
import gzip
import lzma

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import read_list

CSV = "id,name,countries\n1,Shahid Bakeri Industrial Group,IR\n2,Li Fangwei,CN\n"


def fields(exc: pytest.ExceptionInfo) -> list[str]:
    return [p.field for p in exc.value.problems]


@pytest.mark.parametrize("fmt", [None, "csv"])
def test_plain_text_named_gz_is_an_input_error(tmp_path, fmt):
    path = tmp_path / "list.csv.gz"
    path.write_text(CSV)
    with pytest.raises(InputError, match="not gzip-compressed") as exc:
        read_list(path, fmt, "x")
    assert fields(exc) == ["file"]


def test_random_bytes_named_gz_is_an_input_error(tmp_path):
    path = tmp_path / "list.gz"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError) as exc:
        read_list(path, None, "x")
    assert fields(exc) == ["file"]


@pytest.mark.parametrize("cut", [5, 20, -6])
def test_truncated_gzip_is_an_input_error(tmp_path, cut):
    data = gzip.compress((CSV * 200).encode())
    path = tmp_path / "list.csv.gz"
    path.write_bytes(data[:cut])
    with pytest.raises(InputError, match="corrupt or cut short") as exc:
        read_list(path, "csv", "x")
    assert fields(exc) == ["file"]


def test_corrupt_gzip_body_is_an_input_error(tmp_path):
    data = bytearray(gzip.compress((CSV * 200).encode()))
    data[30:60] = b"\x00" * 30
    path = tmp_path / "list.csv.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as exc:
        read_list(path, "csv", "x")
    assert fields(exc) == ["file"]


@pytest.mark.parametrize("compress, name", [(bz2.compress, "bzip2"), (lzma.compress, "xz")])
def test_other_compressions_are_named_and_refused(tmp_path, compress, name):
    path = tmp_path / "list.csv"
    path.write_bytes(compress(CSV.encode()))
    with pytest.raises(InputError, match=f"{name}-compressed") as exc:
        read_list(path, None, "x")
    assert fields(exc) == ["file"]


@pytest.mark.parametrize("name", ["list.csv.gz", "list.csv"])
def test_real_gzip_is_read_whatever_its_name(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(CSV.encode()))
    report = read_list(path, None, "x")
    assert [e.name for e in report.entities] == ["Shahid Bakeri Industrial Group", "Li Fangwei"]
