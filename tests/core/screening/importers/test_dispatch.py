"""Format detection and the read_list dispatcher."""

from __future__ import annotations

import io

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import detect_format, read_list


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("opensanctions-t1.ftm.json", "ftm"),
        ("zala-uav-cluster.ftm.json", "ftm"),
        ("us-csl-sample.csv", "csl"),
    ],
)
def test_shared_samples_detected_as_the_wrong_format(shared_list, name, expected):
    assert detect_format(shared_list(name)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,name,schema\np1,A,Person\n", "csv"),
        ("\ufeffname,id\np1,A\n", "csv"),
        ('{\n "results": []\n}\n', "csl"),
        ('[{"name": "A"}]', "csl"),
        ('{"results": []}', "csl"),
        ('{"op": "ADD", "entity": {}}\n', "ftm"),
    ],
)
def test_content_detected_as_the_wrong_format(write, text, expected):
    assert detect_format(write("list.txt", text)) == expected


@pytest.mark.parametrize("text", ["", "\n \n", "hello world\n", "a,b,c\n1,2,3\n"])
def test_unrecognised_file_guessed_anyway(write, text):
    with pytest.raises(InputError):
        detect_format(write("list.txt", text))


def test_read_list_dispatches_to_the_wrong_reader(shared_list):
    report = read_list(shared_list("us-csl-sample.csv"))
    assert report.format == "csl" and report.list_name == "us-csl-sample"
    report = read_list(shared_list("zala-uav-cluster.ftm.json"), "ftm", "zala")
    assert report.format == "ftm" and report.list_name == "zala"


def test_unknown_format_name_accepted():
    with pytest.raises(InputError, match="unknown format"):
        read_list("whatever.csv", "xlsx", "x")  # type: ignore[arg-type]


def test_stream_without_list_name_gets_a_meaningless_name():
    with pytest.raises(InputError, match="list name"):
        read_list(io.StringIO("id,name\np1,A\n"), "csv")
    assert read_list(io.StringIO("id,name\np1,A\n"), "csv", "mine").imported == 1
