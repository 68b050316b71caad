"""Quantities with units: one pint registry for the whole product.

Values arrive as strings such as "0.8 um", "90 kN", "1400 degC" or "900000 N*s"; any unit pint
can convert to the expected dimension is accepted (inch, psi, degF, lbf, ...).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pint

from catchall.core.errors import InputError

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
ureg.formatter.default_format = "~P"
# Mach number: a dimensionless speed ratio, written "0.9 Mach" (9B105 wind tunnels).
ureg.define("Mach = [mach_number] = mach")
Q_ = ureg.Quantity

# Dimension name -> (pint dimensionality, canonical unit used in traces and storage).
DIMENSIONS: dict[str, tuple[str, str]] = {
    "length": ("[length]", "mm"),
    "mass": ("[mass]", "kg"),
    "force": ("[force]", "kN"),
    "pressure": ("[pressure]", "MPa"),
    "temperature": ("[temperature]", "degC"),
    "impulse": ("[force] * [time]", "N*s"),
    "volume": ("[length] ** 3", "L"),
    "angle": ("", "arcsec"),
    "angular_velocity": ("1 / [time]", "deg/s"),
    "rotational_speed": ("1 / [time]", "rpm"),
    "acceleration": ("[acceleration]", "g0"),
    "frequency": ("1 / [time]", "Hz"),
    "specific_unbalance": ("[mass] * [length] / [mass]", "g*mm/kg"),
    "time": ("[time]", "s"),
    "power": ("[power]", "kW"),
    "fraction": ("", "percent"),
    # --- missile technology beyond machine tools (inertial, propulsion, materials, test)
    "drift_rate": ("1 / [time]", "deg/h"),
    "angle_random_walk": ("1 / [time] ** 0.5", "deg/h**0.5"),
    "ppm": ("", "ppm"),
    "specific_fuel_consumption": ("[mass] / [force] / [time]", "kg/N/h"),
    "speed": ("[length] / [time]", "m/s"),
    "cep_rate": ("[length] / [time]", "nmi/h"),
    "flow_rate": ("[length] ** 3 / [time]", "L/min"),
    "density": ("[mass] / [length] ** 3", "g/cm**3"),
    "particle_energy": ("[energy]", "MeV"),
    "specific_energy": ("[energy] / [mass]", "MJ/kg"),
    "energy_density": ("[energy] / [length] ** 3", "GJ/m**3"),
    "sound_level": ("", "dB"),
    "mach_number": ("[mach_number]", "Mach"),
}

# Dimensionless dimensions accept only these units: "140 percent" is no sound level and
# "5 arcsec" no ppm figure, although pint would convert them.
_ONLY_UNITS: dict[str, frozenset[str]] = {
    "ppm": frozenset({"ppm", "percent"}),
    "sound_level": frozenset({"decibel"}),
}

_ACCEL_G = re.compile(r"(?<![A-Za-z_])g(?![A-Za-z_0-9])")
# "130 micro g", "130 ug", "2 mg" in an accelerometer spec mean micro/milli standard gravity.
_ACCEL_MICRO_G = re.compile(r"(?<![A-Za-z_])micro[\s_-]*g(?![A-Za-z_0-9])")
_ACCEL_PREFIX_G = re.compile(r"(?<![A-Za-z_])([um])g(?![A-Za-z_0-9])")
_SQRT_UNIT = re.compile(r"sqrt\(\s*([A-Za-z]+)\s*\)")
_MICRO = str.maketrans({"µ": "u", "μ": "u"})


def _dimensionality(dimension: str):
    spec, unit = DIMENSIONS[dimension]
    return ureg.Quantity(1, unit).dimensionality if not spec else ureg.get_dimensionality(spec)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, dimension: str) -> pint.Quantity:
    what = dimension.replace("_", " ")
    cleaned = text.strip().translate(_MICRO)
    cleaned = cleaned.replace("°C", "degC").replace("°F", "degF").replace("°", " deg")
    if dimension == "acceleration":
        # "100 g" in a centrifuge or shaker spec means standard gravity, not grams.
        cleaned = _ACCEL_MICRO_G.sub("ug0", cleaned)
        cleaned = _ACCEL_PREFIX_G.sub(r"\1g0", cleaned)
        cleaned = _ACCEL_G.sub("g0", cleaned)
        cleaned = cleaned.replace(" rms", "").replace("rms", "")
    if dimension == "angle_random_walk":
        # "0.1 deg/sqrt(h)" and "0.1 deg/√h" as printed in gyro data sheets.
        cleaned = _SQRT_UNIT.sub(r"\1**0.5", cleaned.replace("√h", "h**0.5"))
    try:
        q = ureg.Quantity(cleaned)
    except Exception as exc:  # pint raises several unrelated exception types
        raise InputError(
            f'"{text}" is not a {what} (expected a number and a unit, e.g. "{_example(dimension)}"; '
            f"{_pint_reason(exc)})"
        ) from None
    if not isinstance(q, pint.Quantity):
        q = ureg.Quantity(q)
    return q


def _pint_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "UndefinedUnitError":
        return (
            f"unknown unit {getattr(exc, 'unit_names', '')!s}".replace("(", "")
            .replace(")", "")
            .replace(",", "")
        )
    return "cannot be read as a quantity"


def parse_quantity(value: object, dimension: str) -> pint.Quantity:
    """Parse ``value`` as a quantity of ``dimension``; raise InputError naming the problem."""
    if dimension not in DIMENSIONS:
        raise KeyError(dimension)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f'expected a quantity with a unit such as "{_example(dimension)}"')
    if isinstance(value, int | float):
        raise InputError(
            f'{value!r} has no unit; write it with one, e.g. "{value} {DIMENSIONS[dimension][1]}"'
        )
    if not value.strip():
        raise InputError("empty value; expected a quantity with a unit")
    q = _parse_cached(value, dimension)
    if q.units == ureg.dimensionless or (
        q.dimensionless and dimension not in ("angle", "fraction", *_ONLY_UNITS)
    ):
        raise InputError(
            f'"{value}" has no unit; expected a {dimension.replace("_", " ")} '
            f'such as "{_example(dimension)}"'
        )
    if q.dimensionality != _dimensionality(dimension):
        raise InputError(f'"{value}" is not a {dimension.replace("_", " ")}')
    if dimension in _ONLY_UNITS and not any(
        q.units == ureg.Unit(u) for u in _ONLY_UNITS[dimension]
    ):
        raise InputError(
            f'"{value}" is not a {dimension.replace("_", " ")} '
            f'(expected e.g. "{_example(dimension)}")'
        )
    if not math.isfinite(float(q.magnitude)):
        raise InputError(f'"{value}" is not a finite number')
    return q


# Speeds of rotation: pint counts an angle in radians and lets it vanish, so "210 Hz" would
# convert to 210 rad/s = 2 005 rpm. A frequency without an angle unit (Hz, 1/s, 1/min) counts
# whole revolutions: 210 Hz is 210 rev/s = 12 600 rpm (and 360 deg/s per Hz).
ROTATIONAL = frozenset({"rotational_speed", "angular_velocity"})


def _cycles_to_turns(q: pint.Quantity) -> pint.Quantity:
    if "radian" in q.to_root_units().units._units:
        return q
    return q * ureg.Quantity(1, "turn")


def to_canonical(q: pint.Quantity, dimension: str) -> float:
    """The magnitude of ``q`` in the canonical unit of its dimension."""
    if dimension in ROTATIONAL:
        q = _cycles_to_turns(q)
    return float(q.to(DIMENSIONS[dimension][1]).magnitude)


def canonical_unit(dimension: str) -> str:
    return DIMENSIONS[dimension][1]


def format_quantity(magnitude: float, dimension: str) -> str:
    """Readable text for a canonical magnitude, e.g. 0.0009 mm -> "0.9 µm"."""
    unit = DIMENSIONS[dimension][1]
    q = ureg.Quantity(magnitude, unit)
    if dimension == "length":
        for u in ("um", "mm", "m", "km"):
            m = q.to(u).magnitude
            if abs(m) < 1000 or u == "km":
                return f"{_num(m)} {'µm' if u == 'um' else u}"
    if dimension == "impulse":
        return f"{_num(q.magnitude)} N·s"
    if dimension == "temperature":
        return f"{_num(q.magnitude)} °C"
    if dimension == "acceleration":
        return f"{_num(q.magnitude)} g"
    return f"{_num(q.magnitude)} {unit}"


def _num(m: float) -> str:
    if m == 0:
        return "0"
    if abs(m) >= 1e6 or abs(m) < 1e-3:
        return f"{m:.4g}"
    text = f"{m:.6f}".rstrip("0").rstrip(".")
    return text


def _example(dimension: str) -> str:
    return {
        "length": "0.8 um",
        "mass": "500 kg",
        "force": "90 kN",
        "pressure": "150 MPa",
        "temperature": "1400 degC",
        "impulse": "900000 N*s",
        "volume": "20 L",
        "angle": "5 arcsec",
        "angular_velocity": "400 deg/s",
        "rotational_speed": "12500 rpm",
        "acceleration": "100 g",
        "frequency": "2 kHz",
        "specific_unbalance": "0.2 g*mm/kg",
        "time": "100 ms",
        "power": "4 kW",
        "fraction": "0.05 percent",
        "drift_rate": "0.5 deg/h",
        "angle_random_walk": "0.0035 deg/h**0.5",
        "ppm": "130 ppm",
        "specific_fuel_consumption": "0.15 kg/N/h",
        "speed": "600 m/s",
        "cep_rate": "0.8 nmi/h",
        "flow_rate": "24 L/min",
        "density": "1.72 g/cm**3",
        "particle_energy": "2 MeV",
        "specific_energy": "40 MJ/kg",
        "energy_density": "37.5 GJ/m**3",
        "sound_level": "140 dB",
        "mach_number": "0.9 Mach",
    }[dimension]


_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([^\d\s].*?)\s*$")


@lru_cache(maxsize=1024)
def _unit_factor(unit_text: str, dimension: str) -> float | None:
    """Multiplier from ``unit_text`` to the canonical unit, or None when the unit is not a
    plain multiple of it (offset temperatures) or not valid here (the full parser decides)."""
    if dimension == "temperature":
        return None
    try:
        return to_canonical(parse_quantity(f"1 {unit_text}", dimension), dimension)
    except InputError:
        return None


def parse_canonical(value: object, dimension: str) -> float:
    """The magnitude of ``value`` in the canonical unit of ``dimension``.

    Same answers and errors as ``to_canonical(parse_quantity(...))``; "number unit" strings take
    a fast path (a cached factor per unit) because pint's expression parser costs ~0.2 ms."""
    if isinstance(value, str):
        m = _NUMBER_UNIT.match(value.translate(_MICRO))
        if m:
            factor = _unit_factor(m.group(2), dimension)
            if factor is not None:
                result = float(m.group(1)) * factor
                if math.isfinite(result):
                    return result
    return to_canonical(parse_quantity(value, dimension), dimension)
