"""Evidence beyond the name: date of birth, nationality, identifiers (issue 14, part 3)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from catchall.core.errors import InputError
from catchall.core.model import ListEntity, ScreeningQuery
from catchall.core.screening import ScreeningIndex


@dataclass(frozen=True, slots=True)
class Listed(ListEntity):
    """A list entity with FtM properties, as the official-format importers store them."""

    properties: dict = field(default_factory=dict, hash=False, compare=False)


NOORZAI = Listed(
    id="un-110400",
    schema="Person",
    name="ABDUL BASIR NOORZAI",
    list_name="un",
    properties={
        "birthDate": ["1964-07-17"],
        "nationality": ["AF"],
        "passportNumber": ["OA296623"],
    },
)
RANGE = Listed(
    id="un-2",
    schema="Person",
    name="HAMID RAJA SHALAH AL-TIKRITI",
    list_name="un",
    properties={"birthDate": ["1950..1952"]},
)
SHIP = Listed(
    id="ship",
    schema="Organization",
    name="OCEAN STAR SHIPPING",
    list_name="un",
    identifiers=("IMO 9123456",),
)
INDEX = ScreeningIndex.build([NOORZAI, RANGE, SHIP])


def _top(**kwargs):
    result = INDEX.screen(ScreeningQuery(**kwargs))
    return result.matches[0] if result.matches else None


def _features(match):
    return {f.name: f for f in match.features}


def test_exact_date_of_birth_raises_the_score_and_is_explained():
    plain = _top(name="Abdul Basir Nurzai")
    born = _top(name="Abdul Basir Nurzai", dob="1964-07-17")
    assert born.score > plain.score
    assert "date of birth 1964-07-17 matches" in born.explanation


def test_year_and_range():
    assert "dob_year_match" in _features(_top(name="Abdul Basir Noorzai", dob="1964"))
    m = _top(name="Hamid Raja Shalah al-Tikriti", dob="1951")
    assert "dob_range_match" in _features(m)


def test_contradicting_date_moves_a_strong_match_to_review_never_clears_it():
    m = _top(name="Abdul Basir Noorzai", dob="1990-01-01")
    assert m.decision == "possible"
    assert "dob_mismatch" in _features(m)
    assert "born 1990-01-01, listed person born 1964-07-17: lowered" in m.explanation
    assert "held for review" in m.explanation


def test_matching_identifier_decides():
    m = _top(name="A. B. Nurzay", identifiers=("passport:OA 296623",))
    assert m.entity_id == "un-110400" and m.decision == "match"
    assert "passport number OA296623 is on the list entry" in m.explanation
    # found by the identifier even when the name alone would not be a candidate
    ship = _top(name="Blue Horizon", identifiers=("imo:9123456",))
    assert ship.entity_id == "ship" and ship.decision == "match"


def test_nationality():
    same = _top(name="Abdul Basir Noorzai", nationality="AF")
    other = _top(name="Abdul Basir Noorzai", nationality="PK")
    assert "nationality AF matches" in same.explanation
    assert other.score < same.score and "nationality_mismatch" in _features(other)


@pytest.mark.parametrize(
    ("kwargs", "field_name"),
    [
        ({"dob": "17/07/1964"}, "dob"),
        ({"dob": "1964-02-30"}, "dob"),
        ({"nationality": "Afghan"}, "nationality"),
        ({"identifiers": ("visa:123456",)}, "identifiers[0]"),
        ({"identifiers": ("passport:#",)}, "identifiers[0]"),
    ],
)
def test_bad_evidence_names_the_field(kwargs, field_name):
    with pytest.raises(InputError) as exc:
        INDEX.screen(ScreeningQuery(name="Abdul Basir Noorzai", **kwargs))
    assert field_name in str(exc.value)


def test_application_parties_carry_evidence_and_bad_values_name_the_field():
    from catchall.core.assessment.application import parse_application
    from tests.core.assessment.helpers import PRESS, application

    party = {
        "role": "end_user",
        "name": "Abdul Basir Noorzai",
        "country": "AF",
        "dob": "1964-07-17",
        "nationality": "AF",
        "identifiers": ["passport:OA296623"],
    }
    app = parse_application(application(PRESS, parties=[party]))
    assert app.parties[0].dob == "1964-07-17"
    assert app.parties[0].identifiers == ("passport:OA296623",)
    bad = {**party, "dob": "1964-02-30", "identifiers": ["OA296623"], "nationality": "XQ"}
    with pytest.raises(InputError) as exc:
        parse_application(application(PRESS, parties=[bad]))
    fields = {p.field for p in exc.value.problems}
    assert {"parties[0].dob", "parties[0].identifiers[0]", "parties[0].nationality"} <= fields
