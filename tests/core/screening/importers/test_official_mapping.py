"""The shared mapping of the official readers: dates as ISO text, identifier types to FtM names."""

from __future__ import annotations

import pytest

from catchall.core.screening.importers.official import id_property, iso_partial_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1962", "1962"),
        ("1962-05-21", "1962-05-21"),
        ("1962-05-21T00:00:00", "1962-05-21"),
        ("21/05/1962", "1962-05-21"),
        ("00/05/1962", "1962-05"),
        ("00/00/1967", "1967"),
        ("12 Mar 1962", "1962-03-12"),
        ("Mar 1962", "1962-03"),
        ("31/02/1962", None),  # no such day
        ("circa 1962", None),  # kept in the notes by the readers, not guessed
        ("", None),
    ],
)
def test_dates_of_birth_become_iso_text_as_precise_as_given(text, iso):
    assert iso_partial_date(text) == iso


@pytest.mark.parametrize(
    ("kind", "prop"),
    [
        ("Passport", "passportNumber"),
        ("Número de pasaporte", "passportNumber"),
        ("National Identification Number", "idNumber"),
        ("Tax ID No.", "taxNumber"),
        ("Registration ID", "registrationNumber"),
        ("SWIFT/BIC", "swiftBic"),
        ("Legal Entity Number", "leiCode"),
        ("Vessel Registration Identification IMO 9187629", "imoNumber"),
        ("Unified Social Credit Code (USCC)", "uscCode"),
        ("Cedula No.", "idNumber"),
        ("Secondary sanctions risk:", None),
        ("Executive Order 13662 Directive Determination -", None),
    ],
)
def test_identifier_types_map_to_followthemoney_properties(kind, prop):
    assert id_property(kind) == prop
