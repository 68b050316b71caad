"""Bad applications are refused with one message per faulty field, never a traceback; every
problem is reported at once so that a user fixes the document in one pass."""

from __future__ import annotations

import copy

import pytest

from catchall.core.assessment.application import parse_application, parse_value
from catchall.core.errors import InputError
from tests.core.assessment.helpers import MILL_UNLISTED, PRESS, application

BASE = application(PRESS, MILL_UNLISTED)


def problems(change) -> list[str]:
    doc = copy.deepcopy(BASE)
    change(doc)
    with pytest.raises(InputError) as exc:
        parse_application(doc)
    return [str(p) for p in exc.value.problems]


def fields(change) -> list[str]:
    doc = copy.deepcopy(BASE)
    change(doc)
    with pytest.raises(InputError) as exc:
        parse_application(doc)
    return [p.field for p in exc.value.problems]


def test_the_base_document_is_valid():
    app = parse_application(copy.deepcopy(BASE))
    assert app.destination == "KR" and len(app.items) == 2 and app.end_users[0].name


def test_a_parameter_that_is_not_a_length_names_the_item_and_parameter():
    def change(d):
        d["items"][1]["parameters"]["positioning_repeatability"] = "five microns"

    (msg,) = problems(change)
    assert msg.startswith(
        'items[1].parameters.positioning_repeatability: "five microns" is not a length'
    )


def test_a_parameter_in_the_wrong_dimension_names_its_field():
    def change(d):
        d["items"][0]["parameters"]["max_pressure"] = "3 kg"

    (msg,) = problems(change)
    assert msg.startswith('items[0].parameters.max_pressure: "3 kg" is not a pressure')


def test_an_unknown_parameter_or_kind_is_refused_with_its_path():
    assert fields(lambda d: d["items"][0]["parameters"].update(colour="red")) == [
        "items[0].parameters.colour"
    ]
    assert fields(lambda d: d["items"][0].update(kind="machine_tool.laser")) == ["items[0].kind"]
    assert fields(lambda d: d["items"][0].update(colour="red")) == ["items[0].colour"]


@pytest.mark.parametrize(
    "path, change",
    [
        ("destination", lambda d: d.update(destination="XX")),
        ("destination", lambda d: d.update(destination="ZZ")),
        ("parties[0].country", lambda d: d["parties"][0].update(country="QQ")),
        ("exporter.country", lambda d: d["exporter"].update(country="QQ")),
    ],
)
def test_unknown_country_codes_are_refused_where_they_stand(path, change):
    (msg,) = problems(change)
    assert msg.startswith(f"{path}: ") and "is not an ISO 3166 alpha-2 country code" in msg


def test_a_country_written_as_a_name_or_a_reserved_code_gets_a_suggestion():
    assert problems(lambda d: d.update(destination="UK")) == [
        "destination: 'UK' is not an ISO 3166 alpha-2 country code; did you mean GB?"
    ]
    assert "did you mean IR (Iran)?" in problems(lambda d: d.update(destination="Iran"))[0]


def test_a_lower_case_country_code_is_accepted():
    doc = copy.deepcopy(BASE)
    doc["destination"] = "kr"
    assert parse_application(doc).destination == "KR"


def test_a_missing_destination_is_refused():
    assert problems(lambda d: d.pop("destination")) == [
        "destination: required (ISO 3166 alpha-2 code)"
    ]


@pytest.mark.parametrize("quantity", [-2, 0, -0.5])
def test_negative_or_zero_quantities_are_refused(quantity):
    assert problems(lambda d: d["items"][0].update(quantity=quantity)) == [
        f"items[0].quantity: must be positive (got {quantity})"
    ]


@pytest.mark.parametrize("quantity", ["2", True, None, [1]])
def test_a_quantity_that_is_not_a_number_is_refused(quantity):
    assert problems(lambda d: d["items"][0].update(quantity=quantity)) == [
        f"items[0].quantity: {quantity!r} is not a number"
    ]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(parties=[]),
        lambda d: d.pop("parties"),
        lambda d: d.update(parties="Acme Precision Parts"),
    ],
    ids=["empty", "missing", "not a list"],
)
def test_empty_or_missing_parties_are_refused(change):
    assert problems(change) == ["parties: at least one party (the end user) is required"]


def test_parties_without_an_end_user_are_refused():
    def change(d):
        d["parties"] = [{"role": "consignee", "name": "Harbour Logistics", "country": "KR"}]

    assert problems(change) == ["parties: no party has the role end_user"]


def test_a_party_needs_a_known_role_and_a_name():
    def change(d):
        d["parties"].append({"role": "buyer", "name": "Harbour Logistics"})
        d["parties"].append({"role": "consignee", "name": "   "})
        d["parties"].append({"role": "agent", "name": "Orion", "phone": "+49 1"})

    assert problems(change) == [
        "parties[1].role: 'buyer' is not one of end_user, consignee, intermediate_consignee, purchaser, agent",
        "parties[2].name: required",
        "parties[3].phone: unknown field",
    ]


def test_a_party_name_longer_than_500_characters_is_refused():
    assert fields(lambda d: d["parties"][0].update(name="x" * 501)) == ["parties[0].name"]


def test_unknown_red_flag_codes_are_refused_by_position_with_a_suggestion():
    msgs = problems(
        lambda d: d.update(red_flags=["cash_for_expensive_item", "cash_for_expensiv_item", "nope"])
    )
    assert msgs[0] == (
        "red_flags[1]: unknown red-flag code 'cash_for_expensiv_item'; did you mean 'cash_for_expensive_item'?"
    )
    assert msgs[1] == "red_flags[2]: unknown red-flag code 'nope'"


@pytest.mark.parametrize("flags", ["cash_for_expensive_item", [3], {"code": "thin_website"}])
def test_red_flags_must_be_a_list_of_codes(flags):
    assert problems(lambda d: d.update(red_flags=flags)) == [
        "red_flags: must be a list of red-flag codes"
    ]


def test_red_flag_codes_written_in_words_are_accepted():
    doc = copy.deepcopy(BASE)
    doc["red_flags"] = ["Cash for expensive item", "thin-website"]
    assert parse_application(doc).red_flags == ("cash_for_expensive_item", "thin_website")


@pytest.mark.parametrize(
    "value",
    ["1.4 million EUR", "1400000", "EUR 1400000", "-5 EUR", "1400000 EURO", "", "€1400000"],
)
def test_malformed_value_strings_are_refused(value):
    (msg,) = problems(lambda d: d["items"][0].update(value=value))
    assert msg == (
        f'items[0].value: {value!r} is not an amount with an ISO 4217 currency, e.g. "1400000 EUR"'
    )


def test_a_value_without_currency_is_refused_with_an_example():
    assert problems(lambda d: d["items"][0].update(value=1400000)) == [
        'items[0].value: 1400000 has no currency; write e.g. "1400000 EUR"'
    ]


@pytest.mark.parametrize(
    "raw, parsed",
    [
        ("1400000 EUR", (1400000.0, "EUR")),
        ("1,400,000.50 eur", (1400000.5, "EUR")),
        ("1_400_000 USD", (1400000.0, "USD")),
        ("  90000   CHF ", (90000.0, "CHF")),
    ],
)
def test_value_amounts_with_separators_and_any_case_currency_are_read(raw, parsed):
    assert parse_value(raw) == parsed


def test_unknown_top_level_fields_are_refused():
    assert problems(lambda d: d.update(priority="high", Destination="KR")) == [
        "priority: unknown field",
        "Destination: unknown field",
    ]


def test_unknown_fields_of_the_exporter_are_refused():
    assert problems(lambda d: d["exporter"].update(phone="+49 711 0")) == [
        "exporter.phone: unknown field"
    ]


def test_declarations_and_assurances_accept_only_their_names_and_booleans():
    def change(d):
        d["declarations"] = {"aware": True, "military_end_use": "yes"}
        d["assurances"] = {"g2g": True}

    assert problems(change) == [
        "declarations.aware: unknown; one of aware_of_missile_or_wmd_use, informed_by_authority, military_end_use",
        "declarations.military_end_use: must be true or false",
        "assurances.g2g: unknown; one of government_to_government, end_use_statement, no_retransfer, post_shipment_verification",
    ]
    assert problems(lambda d: d.update(declarations=["military_end_use"])) == [
        "declarations: must be an object of name: true/false"
    ]


def test_a_missing_exporter_name_and_missing_items_are_refused():
    assert problems(lambda d: d.pop("exporter")) == ["exporter.name: required"]
    assert problems(lambda d: d.update(items=[])) == ["items: at least one item is required"]
    assert problems(lambda d: d.update(items=["press"])) == ["items[0]: must be an item object"]


def test_text_fields_must_be_text_of_bounded_length():
    assert problems(lambda d: d.update(end_use=42)) == ["end_use: must be text"]
    assert problems(lambda d: d.update(end_use="x" * 10_001)) == [
        "end_use: longer than 10000 characters"
    ]
    assert problems(lambda d: d.update(reference=12)) == ["reference: must be text"]


@pytest.mark.parametrize("doc", [[], "an application", None, 42])
def test_a_document_that_is_not_an_object_is_refused(doc):
    with pytest.raises(InputError) as exc:
        parse_application(doc)
    assert str(exc.value) == "an application must be an object"


def test_every_problem_is_reported_at_once():
    def change(d):
        d["destination"] = "XX"
        d["parties"][0]["country"] = "qq"
        d["items"][0]["quantity"] = -1
        d["items"][1]["parameters"]["positioning_repeatability"] = "five microns"
        d["red_flags"] = ["nope"]
        d["colour"] = "red"

    assert fields(change) == [
        "colour",
        "destination",
        "parties[0].country",
        "items[0].quantity",
        "items[1].parameters.positioning_repeatability",
        "red_flags[0]",
    ]


def test_control_characters_are_stripped_from_text():
    doc = copy.deepcopy(BASE)
    doc["end_use"] = "Pump\x00 housings\x1b"
    doc["parties"][0]["name"] = "Acme\x07 Precision Parts"
    app = parse_application(doc)
    assert app.end_use == "Pump housings"
    assert app.parties[0].name == "Acme Precision Parts"
