"""Quantities with units: what a user types must be read as they meant it."""

import pytest

from catchall.core import units
from catchall.core.errors import InputError


@pytest.mark.parametrize(
    ("text", "dimension", "canonical"),
    [
        ("0.8 um", "length", 0.0008),
        ("0.8 µm", "length", 0.0008),
        ("3.2e-5 in", "length", 0.0008128),
        ("1 m", "length", 1000.0),
        ("90 kN", "force", 90.0),
        ("20000 lbf", "force", 88.96443),
        ("10000 psi", "pressure", 68.9476),
        ("1400 degC", "temperature", 1400.0),
        ("1112 degF", "temperature", 600.0),
        ("873.15 K", "temperature", 600.0),
        ("900000 N*s", "impulse", 900000.0),
        ("20 L", "volume", 20.0),
        ("100 g", "acceleration", 100.0),
        ("12500 rpm", "rotational_speed", 12500.0),
        ("5 arcsec", "angle", 5.0),
    ],
)
def test_any_convertible_unit_is_read_in_its_canonical_unit(text, dimension, canonical):
    q = units.parse_quantity(text, dimension)
    assert units.to_canonical(q, dimension) == pytest.approx(canonical, rel=1e-4)


@pytest.mark.parametrize(
    ("value", "dimension", "message"),
    [
        ("3 kg", "length", "is not a length"),
        ("five microns", "length", "is not a length"),
        ("12", "length", "has no unit"),
        (12, "length", "has no unit"),
        ("", "length", "empty"),
        (True, "force", "expected a quantity"),
        ("5", "angle", "has no unit"),
        ("nan mm", "length", "not a finite number"),
    ],
)
def test_wrong_dimension_or_unparseable_value_is_refused_with_a_reason(value, dimension, message):
    with pytest.raises(InputError) as err:
        units.parse_quantity(value, dimension)
    assert message in str(err.value)


def test_grams_are_standard_gravity_only_where_an_acceleration_is_expected():
    # "100 g" on a centrifuge means 100 g0; on a mass it stays grams.
    assert units.to_canonical(units.parse_quantity("100 g", "mass"), "mass") == pytest.approx(0.1)


def test_readable_lengths_pick_a_sensible_unit():
    assert units.format_quantity(0.0009, "length") == "0.9 µm"
    assert units.format_quantity(1000.0, "length") == "1 m"


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("0.8 um", "length"),
        ("0.8µm", "length"),
        ("3.2e-5 in", "length"),
        ("1e6 N*s", "impulse"),
        ("20000 psi", "pressure"),
        ("-5 mm", "length"),
        ("1400 degC", "temperature"),
        ("100 g", "acceleration"),
        ("12 kN", "force"),
        ("5 arcsec", "angle"),
        ("0.05 percent", "fraction"),
    ],
)
def test_the_fast_path_gives_the_same_magnitude_as_the_full_parser(text, dimension):
    full = units.to_canonical(units.parse_quantity(text, dimension), dimension)
    assert units.parse_canonical(text, dimension) == pytest.approx(full, rel=1e-12)


@pytest.mark.parametrize(
    ("value", "dimension"),
    [("3 kg", "length"), ("5", "angle"), ("1e999 mm", "length"), ("12", "length")],
)
def test_the_fast_path_refuses_what_the_full_parser_refuses(value, dimension):
    with pytest.raises(InputError):
        units.parse_canonical(value, dimension)


@pytest.mark.parametrize(
    ("text", "rpm"),
    [
        ("210 Hz", 12600.0),
        ("208.33 Hz", 12499.8),
        ("12600 rpm", 12600.0),
        ("12600 1/min", 12600.0),
        ("0.21 kHz", 12600.0),
        ("1319.4689 rad/s", 12600.0),
    ],
)
def test_a_rotation_speed_in_hz_is_revolutions_per_second(text, rpm):
    # Issue 10.5: pint reads "rpm" as 2*pi rad/min and Hz as 1/s, so 210 Hz came out as 2,005 rpm.
    assert units.parse_canonical(text, "rotational_speed") == pytest.approx(rpm, rel=1e-6)
    q = units.parse_quantity(text, "rotational_speed")
    assert units.to_canonical(q, "rotational_speed") == pytest.approx(rpm, rel=1e-6)


def test_an_angular_rate_in_hz_is_whole_turns_per_second():
    assert units.parse_canonical("1 Hz", "angular_velocity") == pytest.approx(360.0)
    assert units.parse_canonical("400 deg/s", "angular_velocity") == pytest.approx(400.0)
