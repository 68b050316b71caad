"""Thresholds of the materials and chemicals entries: metal powders (1C011.a/.b, 1C111.a.1,
1C111.a.2.a, 1C117.a/.b), graphite (1C107.a), maraging steel (1C116), solid tungsten (1C117.c) and
the propellants and constituents named by CAS number or name (1C011.c/.d, 1C111.a/.b/.c); and
chemical identification: a CAS number and a name both work, and a bad check digit is an error
naming the field."""

from __future__ import annotations

import pytest

from catchall.core.chemicals import cas_check_digit, catalogue, normalise_cas
from catchall.core.controls.classifier import classify
from catchall.core.errors import InputError
from catchall.core.items import parse_item
from tests.core.controls.entry_cases import case, check, classify_dict, with_
from tests.core.controls.missile_cases import edges

POWDER, STOCK, GRAPHITE, CHEM = (
    "material.metal_powder",
    "material.metal_stock",
    "material.graphite",
    "chemical.propellant",
)
ZR = {"metal": "zirconium", "metal_content": "99 percent", "particle_size_max": "59 um"}
BORON = {"metal": "boron", "metal_content": "85 percent", "particle_size_max": "60 um"}
AL = {
    "metal": "aluminium",
    "particle_shape": "spherical",
    "particle_size_max": "199 um",
    "metal_content": "97 percent",
    "particle_size_d10": "62 um",
}
ZR_FINE = {"metal": "beryllium", "metal_content": "97 percent", "particle_size_d90": "59 um"}
W_POWDER = {"metal": "tungsten", "metal_content": "97 percent", "particle_size_max": "50 um"}
GRAPH = {
    "bulk_density": "1.72 g/cm**3",
    "grain_size": "100 um",
    "outer_diameter": "120 mm",
    "length": "50 mm",
}
MARAGING = {
    "metal": "maraging_steel",
    "heat_treatment": "solution_annealed",
    "ultimate_tensile_strength": "0.9 GPa",
    "product_form": "sheet",
    "thickness": "5 mm",
}
CERAMIC = "material.ceramic_composite"
RADOME = {"for_radomes": True, "dielectric_constant": 5.5}
UHTC = {
    "bulk_machinable": True,
    "fibre_reinforced": True,
    "matrix_melting_point": "3200 degC",
    "usable_for_missile_components": True,
}
TI_DSS = {
    "metal": "duplex_stainless_steel",
    "chromium_content": "22 percent",
    "nickel_content": "5.5 percent",
    "titanium_content": "0.2 percent",
    "austenite_fraction": "45 percent",
    "product_form": "sheet",
    "width": "1500 mm",
    "thickness": "2 mm",
}
W_STOCK = {
    "metal": "tungsten",
    "metal_content": "97 percent",
    "length": "120 mm",
    "width": "120 mm",
    "thickness": "50 mm",
}

CASES = [
    # 1C011.a: Zr or Mg of 99 % or more, particles < 60 um
    *edges(
        "1C011.a",
        POWDER,
        ZR,
        "metal_content",
        ["99 percent", "99.1 percent", "990000 ppm"],
        ["98.9 percent", "989000 ppm"],
    ),
    *edges(
        "1C011.a",
        POWDER,
        ZR,
        "particle_size_max",
        ["59.9 um", "0.0599 mm"],
        ["60 um", "60.1 um", "0.0601 mm"],
    ),
    case("1C011.a-aluminium", POWDER, with_(ZR, metal="aluminium"), [], ["1C011.a"]),
    # 1C011.b: boron of 85 % or more, <= 60 um
    *edges(
        "1C011.b",
        POWDER,
        BORON,
        "metal_content",
        ["85 percent", "85.1 percent", "850000 ppm"],
        ["84.9 percent", "849000 ppm"],
    ),
    *edges(
        "1C011.b",
        POWDER,
        BORON,
        "particle_size_max",
        ["60 um", "59.9 um", "0.06 mm"],
        ["60.1 um", "0.0601 mm"],
    ),
    # 1C111.a.1: spherical Al < 200 um, >= 97 % Al, D10 < 63 um
    *edges(
        "1C111.a.1",
        POWDER,
        AL,
        "particle_size_max",
        ["199.9 um", "0.1999 mm"],
        ["200 um", "200.1 um", "0.2 mm"],
    ),
    *edges(
        "1C111.a.1",
        POWDER,
        AL,
        "metal_content",
        ["97 percent", "97.1 percent", "970000 ppm"],
        ["96.9 percent", "969000 ppm"],
    ),
    *edges(
        "1C111.a.1",
        POWDER,
        AL,
        "particle_size_d10",
        ["62.9 um", "0.0629 mm"],
        ["63 um", "63.1 um", "0.0631 mm"],
    ),
    case("1C111.a.1-flaked", POWDER, with_(AL, particle_shape="flaked"), [], ["1C111.a.1"]),
    # 1C111.a.2.a: Zr/Be/Mg >= 97 %, D90 < 60 um
    *edges(
        "1C111.a.2.a",
        POWDER,
        ZR_FINE,
        "particle_size_d90",
        ["59.9 um", "0.0599 mm"],
        ["60 um", "60.1 um", "0.0601 mm"],
    ),
    *edges(
        "1C111.a.2.a",
        POWDER,
        ZR_FINE,
        "metal_content",
        ["97 percent", "97.1 percent", "970000 ppm"],
        ["96.9 percent", "969000 ppm"],
    ),
    # 1C117.a/.b: W or Mo particulate >= 97 %, <= 50 um
    *edges(
        "1C117.a",
        POWDER,
        W_POWDER,
        "particle_size_max",
        ["50 um", "49.9 um", "0.05 mm"],
        ["50.1 um", "0.0501 mm"],
    ),
    *edges(
        "1C117.a",
        POWDER,
        W_POWDER,
        "metal_content",
        ["97 percent", "97.1 percent", "970000 ppm"],
        ["96.9 percent", "969000 ppm"],
    ),
    *edges(
        "1C117.b",
        POWDER,
        with_(W_POWDER, metal="molybdenum"),
        "particle_size_max",
        ["50 um", "49.9 um", "0.05 mm"],
        ["50.1 um", "0.0501 mm"],
    ),
    # 1C107.a: >= 1.72 g/cm3, grain <= 100 um, machinable to the listed sizes
    *edges(
        "1C107.a",
        GRAPHITE,
        GRAPH,
        "bulk_density",
        ["1.72 g/cm**3", "1.73 g/cm**3", "1720 kg/m**3"],
        ["1.71 g/cm**3", "1710 kg/m**3"],
    ),
    *edges(
        "1C107.a",
        GRAPHITE,
        GRAPH,
        "grain_size",
        ["100 um", "99 um", "0.1 mm"],
        ["101 um", "0.101 mm"],
    ),
    *edges(
        "1C107.a",
        GRAPHITE,
        GRAPH,
        "outer_diameter",
        ["120 mm", "121 mm", "4.73 in"],
        ["119 mm", "4.72 in"],
    ),
    *edges(
        "1C107.a", GRAPHITE, GRAPH, "length", ["50 mm", "51 mm", "1.97 in"], ["49 mm", "1.96 in"]
    ),
    *edges(
        "1C107.a",
        GRAPHITE,
        {
            "bulk_density": "1.8 g/cm**3",
            "grain_size": "20 um",
            "inner_diameter": "65 mm",
            "length": "50 mm",
        },
        "thickness",
        ["25 mm", "26 mm", "0.99 in"],
        ["24.9 mm", "0.98 in"],
    ),
    *edges(
        "1C107.a",
        GRAPHITE,
        {
            "bulk_density": "1.8 g/cm**3",
            "grain_size": "20 um",
            "length": "120 mm",
            "thickness": "50 mm",
        },
        "width",
        ["120 mm", "121 mm", "4.73 in"],
        ["119 mm", "4.72 in"],
    ),
    # 1C116: maraging steel 0.9 GPa annealed or 1.5 GPa hardened; thin or large-tube forms
    *edges(
        "1C116",
        STOCK,
        MARAGING,
        "ultimate_tensile_strength",
        ["0.9 GPa", "0.91 GPa", "130.6 ksi"],
        ["0.89 GPa", "130 ksi"],
    ),
    *edges(
        "1C116",
        STOCK,
        with_(MARAGING, heat_treatment="precipitation_hardened"),
        "ultimate_tensile_strength",
        ["1.5 GPa", "1.51 GPa", "217.6 ksi"],
        ["1.49 GPa", "217 ksi"],
    ),
    *edges(
        "1C116", STOCK, MARAGING, "thickness", ["5 mm", "4.9 mm", "0.196 in"], ["5.1 mm", "0.2 in"]
    ),
    *edges(
        "1C116",
        STOCK,
        with_(MARAGING, product_form="tube", thickness="50 mm"),
        "inner_diameter",
        ["270 mm", "271 mm", "10.63 in"],
        ["269 mm", "10.62 in"],
    ),
    *edges(
        "1C116",
        STOCK,
        with_(MARAGING, product_form="tube", inner_diameter="300 mm"),
        "thickness",
        ["50 mm", "49 mm", "1.96 in"],
        ["51 mm", "1.97 in"],
    ),
    case("1C116-bar", STOCK, with_(MARAGING, product_form="bar"), [], ["1C116"]),
    # 1C117.c: solid tungsten 97 %, or 80 % when copper or silver infiltrated
    *edges(
        "1C117.c",
        STOCK,
        W_STOCK,
        "metal_content",
        ["97 percent", "97.1 percent", "970000 ppm"],
        ["96.9 percent", "969000 ppm"],
    ),
    *edges(
        "1C117.c",
        STOCK,
        with_(W_STOCK, tungsten_infiltrant="copper"),
        "metal_content",
        ["80 percent", "80.1 percent", "800000 ppm"],
        ["79.9 percent", "799000 ppm"],
    ),
    case(
        "1C117.c-silver-infiltrated",
        STOCK,
        with_(W_STOCK, tungsten_infiltrant="silver", metal_content="85 percent"),
        ["1C117.c"],
    ),
    *edges("1C117.c", STOCK, W_STOCK, "length", ["120 mm", "4.73 in"], ["119 mm", "4.72 in"]),
    # 1C107.c: radome ceramic composites, dielectric constant < 6 across 100 MHz - 100 GHz
    *edges("1C107.c", CERAMIC, RADOME, "dielectric_constant", [5.99, 4], [6, 6.5]),
    case("1C107.c-not-radome", CERAMIC, with_(RADOME, for_radomes=False), [], ["1C107.c"]),
    # 1C107.f: bulk machinable fibre-reinforced UHTC composite, matrix melting >= 3 000 degC
    *edges(
        "1C107.f",
        CERAMIC,
        UHTC,
        "matrix_melting_point",
        ["3000 degC", "3273.15 K", "5432 degF"],
        ["2999 degC", "3272 K", "5430 degF"],
    ),
    case("1C107.f-monolithic", CERAMIC, with_(UHTC, fibre_reinforced=False), [], ["1C107.f"]),
    # 1C111.a.5.a: mixed solid-liquid fuels of 40 MJ/kg; a.5.b: 37.5 GJ/m3, civil fuels excluded
    *edges(
        "1C111.a.5.a",
        CHEM,
        {"mixed_solid_liquid_fuel": True},
        "mass_energy_density",
        ["40 MJ/kg", "41 MJ/kg", "40000 J/g"],
        ["39.9 MJ/kg", "39900 J/g"],
    ),
    case(
        "1C111.a.5.a-single-fuel",
        CHEM,
        {"mixed_solid_liquid_fuel": False, "mass_energy_density": "45 MJ/kg"},
        [],
        ["1C111.a.5.a"],
    ),
    *edges(
        "1C111.a.5.b",
        CHEM,
        {},
        "volume_energy_density",
        ["37.5 GJ/m**3", "39.6 MJ/L", "37500 MJ/m**3"],
        ["37.4 GJ/m**3", "37.4 MJ/L"],
    ),
    case(
        "1C111.a.5.b-civil-jet-fuel",
        CHEM,
        {"volume_energy_density": "38 MJ/L", "civil_refined_fuel": True},
        [],
        ["1C111.a.5.b"],
    ),
    # 1C118: Ti-DSS    # 1C118: Ti-DSS    # 1C118: Ti-DSS of 17-23 % Cr, 4.5-7 % Ni, over 0.10 % Ti, 10 % austenite, in listed forms
    *edges(
        "1C118",
        STOCK,
        TI_DSS,
        "chromium_content",
        ["17 percent", "23 percent", "170000 ppm"],
        ["16.9 percent", "23.1 percent", "231000 ppm"],
    ),
    *edges(
        "1C118",
        STOCK,
        TI_DSS,
        "nickel_content",
        ["4.5 percent", "7 percent", "45000 ppm"],
        ["4.4 percent", "7.1 percent", "71000 ppm"],
    ),
    *edges(
        "1C118",
        STOCK,
        TI_DSS,
        "titanium_content",
        ["0.11 percent", "1100 ppm"],
        ["0.10 percent", "1000 ppm"],
    ),
    *edges(
        "1C118",
        STOCK,
        TI_DSS,
        "austenite_fraction",
        ["10 percent", "11 percent"],
        ["9.9 percent", "99000 ppm"],
    ),
    *edges("1C118", STOCK, TI_DSS, "width", ["600 mm", "23.63 in"], ["599 mm", "23.58 in"]),
    *edges("1C118", STOCK, TI_DSS, "thickness", ["3 mm", "0.118 in"], ["3.1 mm", "0.122 in"]),
    *edges(
        "1C118",
        STOCK,
        with_(TI_DSS, product_form="tube", width=None, outer_diameter="800 mm"),
        "outer_diameter",
        ["600 mm", "23.63 in"],
        ["599 mm", "23.58 in"],
    ),
    *edges(
        "1C118",
        STOCK,
        with_(TI_DSS, product_form="bar", width="150 mm", thickness="150 mm", length="2 m"),
        "thickness",
        ["100 mm", "3.94 in"],
        ["99 mm", "3.89 in"],
    ),
    *edges(
        "1C118",
        STOCK,
        with_(TI_DSS, product_form="bar", width=None, thickness=None, length="3 m"),
        "outer_diameter",
        ["100 mm", "3.94 in"],
        ["99 mm", "3.89 in"],
    ),
    case("1C118-maraging", STOCK, with_(TI_DSS, metal="maraging_steel"), [], ["1C118"]),
]

# Chemicals: one case per listed substance by CAS number, and by name where the text gives one.
CHEMICALS = [
    ("1C011.c", "506-93-4", "guanidine nitrate"),
    ("1C011.d", "556-88-7", "NQ"),
    ("1C111.a", "10544-72-6", "dinitrogen tetroxide"),
    ("1C111.a", "10102-03-1", "Dinitrogen pentoxide"),
    ("1C111.a", "1741-01-1", "trimethylhydrazine"),
    ("1C111.a", "363453-17-2", "DEHN"),
    ("1C111.a", "86147-04-8", "DMAZ"),
    ("1C111.b.2", "69102-90-5", "HTPB"),
    ("1C111.b.2", "69102-90-5", "Hydroxyl-terminated  polybutadiene"),
    ("1C111.b.4", "25265-19-4", "PBAN"),
    ("1C111.b.4", "68891-50-9", None),
    ("1C111.c.2", "111-22-8", "TEGDN"),
    ("1C111.c.3", "119-75-5", "2-nitrodiphenylamine"),
    ("1C111.c.5", "693-21-0", "DEGDN"),
    ("1C111.a", None, "MON"),
    ("1C111.a", None, "HEHN"),
    ("1C111.b.1", None, "CTPB"),
    ("1C111.b.3", None, "PBAA"),
    ("1C111.b.5", None, "TPEG"),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_material_thresholds(kind, parameters, present, absent) -> None:
    check(kind, parameters, present, absent)


@pytest.mark.parametrize(("entry", "cas", "name"), CHEMICALS, ids=lambda v: str(v))
def test_chemical_is_identified_by_cas_number_and_by_name(entry, cas, name) -> None:
    if cas:
        check(CHEM, {"cas_number": cas}, (entry,), ())
        check(CHEM, {"cas_number": f"CAS {cas}"}, (entry,), ())
    if name:
        check(CHEM, {"substance": name}, (entry,), ())
    if cas and name:
        check(CHEM, {"substance": name, "cas_number": cas}, (entry,), ())


def test_unlisted_chemicals_are_not_controlled() -> None:
    for params in ({"cas_number": "64-17-5"}, {"substance": "ethanol"}, {"cas_number": "302-01-2"}):
        result = classify_dict(CHEM, params)
        assert not result["entries"], params


def test_name_gives_the_cas_number_in_the_trace() -> None:
    result = check(CHEM, {"substance": "htpb"}, ("1C111.b.2",), ())
    trace = next(e for e in result["entries"] if e["entry"] == "1C111.b.2")["trace"][0]
    assert trace["value"].startswith("69102-90-5 (derived")
    assert "hydroxy-terminated polybutadiene" in trace["value"]


def test_cas_number_gives_the_name() -> None:
    item = parse_item({"kind": CHEM, "parameters": {"cas_number": "0069102-90-5"}})
    assert item.get("cas_number").value == "69102-90-5"
    assert item.get("substance").value == "hydroxy-terminated polybutadiene"


@pytest.mark.parametrize(
    ("cas", "message"),
    [
        ("69102-90-4", "check digit is 4, but 69102-90 gives 5"),
        ("111-22-9", "check digit is 9, but 111-22 gives 8"),
        ("69102905", "not a CAS number"),
        ("69102-9-5", "not a CAS number"),
        ("1-22-8", "not a CAS number"),
    ],
)
def test_invalid_cas_number_is_an_error_naming_the_field(cas, message) -> None:
    with pytest.raises(InputError) as err:
        parse_item({"kind": CHEM, "parameters": {"cas_number": cas}})
    (problem,) = err.value.problems
    assert problem.field == "parameters.cas_number"
    assert message in problem.message


def test_cas_number_that_contradicts_the_name_is_an_error() -> None:
    with pytest.raises(InputError) as err:
        parse_item({"kind": CHEM, "parameters": {"substance": "HTPB", "cas_number": "111-22-8"}})
    (problem,) = err.value.problems
    assert problem.field == "parameters.cas_number"
    assert "not the CAS number of hydroxy-terminated polybutadiene" in problem.message


def test_cas_number_must_be_text() -> None:
    with pytest.raises(InputError) as err:
        parse_item({"kind": CHEM, "parameters": {"cas_number": 69102905}})
    assert err.value.problems[0].field == "parameters.cas_number"


def test_catalogue_numbers_have_valid_check_digits_and_unique_names() -> None:
    subs = catalogue().substances
    assert len(subs) >= 30
    for s in subs:
        for c in s.cas:
            first, second, check_digit = c.split("-")
            assert cas_check_digit(first + second) == int(check_digit), c
            assert normalise_cas(c) == c
    names = [n.lower() for s in subs for n in (s.name, *s.synonyms)]
    assert len(names) == len(set(names)), "a name or abbreviation names one substance"


def test_solid_propellant_chemical_application_line_is_decided() -> None:
    """The done-when example: a solid-propellant binder filed by CAS number is classified and
    controlled, with MTCR item and category for the assessment."""
    out = classify(
        {
            "description": "HTPB binder, 200 kg drums",
            "kind": CHEM,
            "parameters": {"cas_number": "69102-90-5"},
        }
    )
    data = out.as_dict()
    assert data["controlled"]
    hit = next(e for e in data["entries"] if e["entry"] == "1C111.b.2")
    assert hit["mtcr_item"] == "4.C.5" and hit["mtcr_category"] == "II"
