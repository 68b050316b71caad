"""What the application pages ask, in plain words: countries, party roles, declarations, item
kinds grouped by family, each parameter's unit choices, currencies. Data only; no Django."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from catchall.core.assessment.destinations import data as country_data
from catchall.core.assessment.red_flags import catalogue
from catchall.core.vocabulary import read_packaged_yaml, vocabulary

OTHER = "other"


@dataclass(frozen=True)
class Role:
    code: str
    title: str
    hint: str
    required: bool = False


ROLES = (
    Role(
        "end_user",
        "End user",
        "The organisation or person who will finally use the items.",
        required=True,
    ),
    Role(
        "consignee",
        "Consignee",
        "Whoever receives the items at the destination, if not the end user.",
    ),
    Role(
        "intermediate_consignee",
        "Intermediate consignee",
        "Anyone who handles the items on the way (a freight forwarder or a trader in another country).",
    ),
    Role("purchaser", "Purchaser", "Whoever buys the items, if not the end user."),
    Role("agent", "Agent or broker", "Anyone who arranged the sale on the buyer's behalf."),
)
ROLE_BY_CODE = {r.code: r for r in ROLES}
# The task list's one-question pages, by their address.
PAGES = ("destination", *(f"party-{r.code}" for r in ROLES), "end-use", "declarations", "red-flags")

# The declarations of the application format, asked as plain questions.
DECLARATIONS = (
    (
        "aware_of_missile_or_wmd_use",
        "Do you know or suspect that the items may be used for missiles, drones that can carry "
        "weapons, or nuclear, chemical or biological weapons?",
        "Answer yes if anything you have heard about the buyer or the deal points that way. "
        "Then the authority must be told before you export, even for items on no list.",
    ),
    (
        "informed_by_authority",
        "Has the export-control authority told you that these items, or this buyer, need a licence?",
        "For example a letter saying the items may be intended for a weapons programme.",
    ),
    (
        "military_end_use",
        "Will the items be used by the armed forces or for military purposes?",
        "Answer yes if the end user is a military body or makes military goods.",
    ),
)

# Units offered per dimension: (pint unit, what the reader sees). The first is the default.
UNITS: dict[str, tuple[tuple[str, str], ...]] = {
    "length": (("um", "µm (micrometres)"), ("mm", "mm"), ("m", "m"), ("in", "inches")),
    "mass": (("kg", "kg"), ("g", "g"), ("t", "tonnes"), ("lb", "pounds")),
    "force": (("kN", "kN"), ("N", "N"), ("lbf", "pound-force")),
    "pressure": (("MPa", "MPa"), ("bar", "bar"), ("psi", "psi")),
    "temperature": (("degC", "°C"), ("degF", "°F"), ("K", "K")),
    "impulse": (("N*s", "N·s"), ("kN*s", "kN·s"), ("lbf*s", "lbf·s")),
    "volume": (("L", "litres"), ("m**3", "m³")),
    "angle": (("arcsec", "arc seconds"), ("deg", "degrees"), ("mrad", "milliradians")),
    "angular_velocity": (("deg/s", "degrees per second"), ("rad/s", "radians per second")),
    "rotational_speed": (("rpm", "revolutions per minute"),),
    "acceleration": (("g0", "g"), ("m/s**2", "m/s²")),
    "frequency": (("Hz", "Hz"), ("kHz", "kHz")),
    "specific_unbalance": (("g*mm/kg", "g·mm/kg"),),
    "fraction": (("percent", "%"),),
}


@cache
def countries() -> list[tuple[str, str]]:
    """(code, name), sorted by name, for the country pickers."""
    return sorted(country_data().names.items(), key=lambda cn: cn[1].casefold())


def country_name(code: str | None) -> str:
    return country_data().names.get((code or "").upper(), code or "")


@cache
def currencies() -> dict[str, str]:
    return dict(read_packaged_yaml("currencies.yaml")["currencies"])


@cache
def kind_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Item kinds in plain words, grouped by family: [(family title, [(kind, title)])]."""
    vocab = vocabulary()
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, k in vocab.kinds.items():
        if k.is_leaf:
            family = vocab.kinds[name.split(".")[0]].title
            groups.setdefault(family, []).append((name, k.title))
    return list(groups.items())


def kind_title(kind: str | None) -> str:
    if kind == OTHER:
        return "Something else"
    return vocabulary().kind_title(kind)


@cache
def red_flag_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    titles = {
        "end_user": "About the buyer or end user",
        "product": "About the item",
        "shipping": "About delivery",
        "finance": "About payment",
        "site": "About the place of use",
        "general": "Other",
    }
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, flag in catalogue().items():
        if code.startswith("kyc_"):
            continue  # guidance steps, not warning signs
        groups.setdefault(flag.group, []).append((code, flag.title))
    return [(titles.get(g, g), flags) for g, flags in groups.items()]
