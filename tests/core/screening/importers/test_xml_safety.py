"""Official XML is parsed safely: entity tricks are refused, broken files are named with the line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.importers import detect_format, read_list

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "lists"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>&lol3;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def external_entity(target: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE export [<!ENTITY secret SYSTEM "file://{target}">]>
<export xmlns="http://eu.europa.ec/fpi/fsd/export">
<sanctionEntity logicalId="1"><subjectType code="person"/>
<nameAlias wholeName="&secret;" strong="true"/></sanctionEntity></export>
"""


@pytest.mark.parametrize("fmt", [None, "un"])
def test_billion_laughs_is_refused(tmp_path, fmt):
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_list(path, fmt, "x")
    assert "DOCTYPE" in err.value.problems[0].message
    assert "laughs.xml" in err.value.problems[0].message


@pytest.mark.parametrize("fmt", [None, "eu"])
def test_external_entity_is_refused_and_the_file_is_not_read(tmp_path, fmt):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(external_entity(secret), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_list(path, fmt, "x")
    assert "DOCTYPE" in err.value.problems[0].message
    assert "TOP-SECRET-CONTENT" not in str(err.value.problems)


def test_truncated_xml_names_the_file_and_the_line(tmp_path):
    text = (FIXTURES / "un-consolidated-extract.xml").read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    path = tmp_path / "un-cut.xml"
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_list(path, "un", "x")
    message = err.value.problems[0].message
    assert message.startswith("un-cut.xml: not well-formed XML at line ")
    line = int(message.split("at line ")[1].split()[0])
    assert line >= cut.count("\n")  # the parser noticed at the end of what is there


def test_malformed_xml_names_the_line_of_the_fault(tmp_path):
    text = (FIXTURES / "ofac-consolidated-extract.xml").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[20] = lines[20].replace("</", "<")  # an unclosed tag on line 21
    path = tmp_path / "ofac-bad.xml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_list(path, None, "x")
    message = err.value.problems[0].message
    assert "ofac-bad.xml" in message and "not well-formed XML at line" in message


def test_gzip_compressed_xml_is_read(tmp_path):
    path = tmp_path / "un.xml.gz"
    path.write_bytes(gzip.compress((FIXTURES / "un-consolidated-extract.xml").read_bytes()))
    assert detect_format(path) == "un"
    assert read_list(path, None, "x").imported == 9


def test_unknown_xml_root_is_a_clear_error(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<?xml version='1.0'?><catalog><book/></catalog>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        detect_format(path)
    assert "<catalog>" in err.value.problems[0].message


def test_streaming_clears_records_as_it_goes(tmp_path):
    """Bounded memory: a record's element is emptied once the reader is done with it."""
    from catchall.core.screening.importers.xmlsource import iter_records

    seen = []
    for _, element in iter_records(
        FIXTURES / "un-consolidated-extract.xml",
        frozenset({"INDIVIDUAL", "ENTITY"}),
        frozenset({"CONSOLIDATED_LIST"}),
    ):
        seen.append(element)
        assert len(element) > 0  # whole while the reader has it
    assert len(seen) == 9
    assert all(len(e) == 0 for e in seen[:-1])  # emptied afterwards
