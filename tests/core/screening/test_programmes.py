"""Programme codes in words: every code the official list samples and the packaged lists carry
is described; a faulty programmes file is refused with the entry named; an unknown code is
shown as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catchall.core.screening.importers.dispatch import read_list
from catchall.core.screening.programmes import (
    ProgrammeFileError,
    load_programmes,
    parse_programmes,
    programme_words,
    programmes_in_words,
)
from catchall.core.screening.starter import LIST_NAME, load_starter_list

ROOT = Path(__file__).resolve().parents[3]
LISTS = ROOT / "tests" / "fixtures" / "lists"
PACKAGED = ROOT / "src" / "catchall" / "data" / "screening" / "programmes.yaml"

# Official files as published (whole or record-cut), kept in the repository.
SAMPLES = [
    "official/ofac-consolidated-non-sdn-2024-05-06.xml",
    "official/ofac-sdn-2024-05-03-excerpt.csv",
    "official/uk-ofsi-conlist-2023-06-05-excerpt.csv",
    "eu-fsf-extract.xml",
    "uk-conlist-2020-extract.csv",
    "un-consolidated-extract.xml",
    "us-csl-sample.csv",
]


def _undescribed(path: Path) -> set[tuple[str, str]]:
    report = read_list(str(path))
    assert report.entities, f"{path.name} gave no entities"
    return {
        (code, e.authority or "")
        for e in report.entities
        for code in e.programs
        if not programme_words(code, f"{e.list_name} {e.authority or ''}").known
    }


@pytest.mark.parametrize("name", SAMPLES)
def test_every_code_in_the_official_samples_is_described(name):
    assert _undescribed(LISTS / name) == set()


CODES = json.loads((LISTS / "official-programme-codes.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CODES["files"]))
def test_every_code_in_the_shared_official_files_is_described(name):
    """The codes of the whole official files in ../shared, as read once into a fixture."""
    missing = [
        (code, authority)
        for code, list_name, authority in CODES["files"][name]
        if not programme_words(code, f"{list_name} {authority}").known
    ]
    assert missing == []


def test_every_code_of_the_packaged_starter_list_is_described():
    missing = {
        code
        for e in load_starter_list()
        for code in e.programs
        if not programme_words(code, f"{LIST_NAME} {e.authority}").known
    }
    assert missing == set()


def test_a_code_reads_in_words_with_authority_and_basis():
    name, basis, source, verified, proliferation = programme_words("NPWMD", "ofac-sdn")[:5]
    assert name == "Non-proliferation of weapons of mass destruction"
    assert "Executive Order 13382" in basis
    assert "Program Tag Definitions" in source and "ofac.treasury.gov" in source
    assert proliferation is True and verified is False
    assert programme_words("NPWMD").words == (
        "Non-proliferation of weapons of mass destruction "
        "(US OFAC NPWMD, Executive Order 13382; 31 CFR part 544)"
    )


def test_the_authority_decides_between_codes_spelt_alike():
    un = programme_words("DPRK", "United Nations Security Council")
    ofac = programme_words("DPRK", "US Office of Foreign Assets Control")
    assert un.authority == "UN Security Council" and "1718" in un.basis and un.verified
    assert ofac.authority == "US OFAC" and "13551" in ofac.basis
    # The UN's "Iran" list and OFAC's "IRAN" tag: the spelling as written wins.
    assert "1737" in programme_words("Iran", "programs-of-concern US Treasury OFAC").basis
    assert "31 CFR part 560" in programme_words("IRAN", "ofac").basis
    # A list name alone names its authority ("un-sc-consolidated" → UN, "eu-fsf" → EU).
    assert programme_words("DPRK", "un-sc-consolidated-2026-02-27").authority.startswith("UN")
    assert programme_words("PRK", "eu-fsf-extract").verified is True


def test_starter_list_designations_read_once_each():
    words = programmes_in_words(
        ["UNSCR 1718", "EO 13382", "DPRK", "NPWMD"], "programs-of-concern UN Security Council"
    )
    assert [(p.authority, p.code) for p in words] == [
        ("UN Security Council", "DPRK"),
        ("US OFAC", "NPWMD"),
        ("US OFAC", "DPRK"),
    ]


@pytest.mark.parametrize("context", ["", "ofac", "a list nobody knows"])
def test_an_unknown_code_is_shown_as_it_is(context):
    found = programme_words("XYZ-NEW 2031", context)
    assert not found.known and found.code == "XYZ-NEW 2031"
    assert found.words == "programme ‘XYZ-NEW 2031’"
    assert found.proliferation is False and found.verified is False
    # Kept in a list of codes, never dropped.
    assert [p.words for p in programmes_in_words(["NPWMD", "XYZ-NEW 2031"])][1] == (
        "programme ‘XYZ-NEW 2031’"
    )


def test_a_code_two_authorities_use_is_not_guessed_without_context():
    assert programme_words("DPRK", "").known is False


def test_the_packaged_file_loads():
    table = load_programmes(PACKAGED)
    assert table.lookup("IFSR", "ofac").proliferation is True


GOOD = """
format: catchall-programmes/1
authorities:
  ofac: {label: US OFAC, words: [ofac]}
sources:
  tags: {title: Tag definitions, url: https://example.org/tags}
programmes:
  ofac:
    NPWMD: {name: "Non-proliferation", basis: "EO 13382", proliferation: true, source: tags, verified: false}
"""


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace("catchall-programmes/1", "other/2"), "'format' must be"),
        (GOOD.replace("proliferation: true", "proliferation: yes please"), "'proliferation'"),
        (GOOD.replace('basis: "EO 13382", ', ""), "programmes.ofac.NPWMD: 'basis' is missing"),
        (GOOD.replace("source: tags", "source: nowhere"), "'source' must be one of"),
        (GOOD.replace("verified: false", "verified: true"), "'checked_in'"),
        (GOOD.replace('"Non-proliferation"', "Non-proliferation, of WMD"), "unknown field"),
        (GOOD.replace("  ofac:\n    NPWMD", "  unk:\n    NPWMD"), "programmes.unk is not"),
        (GOOD + "    npwmd: " + GOOD.rsplit("NPWMD: ", 1)[1], "'npwmd' is given twice"),
        ("format: [unclosed", "not valid YAML"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(tmp_path, broken, message):
    parse_programmes(GOOD)  # the unbroken text is fine
    path = tmp_path / "programmes.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match=message.replace("(", r"\(")) as caught:
        load_programmes(path)
    assert str(path) in str(caught.value)
