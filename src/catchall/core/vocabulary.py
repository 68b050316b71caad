"""The item vocabulary: kinds and parameters, read from the packaged ``item_schema.yaml``.

One place defines what an item may say, so the parser, the classifier, the JSON Schema, the
web form and the documentation cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

PARAM_TYPES = ("count", "number", "bool", "quantity", "enum", "identifier")
# `identifier` parameters are strings in a checked format: `cas` (a CAS Registry Number with
# its check digit) or `substance` (a chemical name, resolved through data/chemicals.yaml).
IDENTIFIER_FORMATS = ("cas", "substance")


@dataclass(frozen=True)
class ParamDef:
    name: str
    type: str
    title: str  # what the parameter means, in full (shown as the hint)
    dimension: str | None = None
    values: tuple[str, ...] = ()
    more_capable: str = "none"  # higher | lower | none
    accepts_standard: bool = False
    # The value may be given per axis ({X: {value, travel}, ...}); an entry reading "along one or
    # more linear axis" then tests each axis in its own travel band.
    per_axis: bool = False
    format: str | None = None  # identifier parameters only: one of IDENTIFIER_FORMATS
    # A few words for a form's label ("Maximum pressure"); the name stays for documents.
    label: str = ""


# Abbreviations in parameter names, spelt out or capitalised for a label.
_LABEL_WORDS = {
    "max": "maximum",
    "min": "minimum",
    "nc": "NC",
    "cep": "CEP",
    "accel": "accelerometer",
    "mwd": "MWD",
    "gnss": "GNSS",
    "bvr": "BVR",
    "cc": "carbon-carbon",
    "edm": "EDM",
    "mach": "Mach",
    "cas": "CAS",
}


def short_label(name: str) -> str:
    """A label derived from a parameter's name: "max_pressure" → "Maximum pressure". Used
    when ``item_schema.yaml`` gives no ``label`` of its own."""
    text = " ".join(_LABEL_WORDS.get(word, word) for word in name.split("_"))
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class KindDef:
    name: str
    title: str
    evaluate_as: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return "." in self.name


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, KindDef]
    parameters: dict[str, ParamDef]

    def kind_title(self, kind: str | None) -> str:
        """A kind as a person reads it: its title, or for a code the vocabulary does not know,
        the code in words ("machine_tool.foo" -> "machine tool: foo")."""
        k = self.kinds.get(kind or "")
        return k.title if k else (kind or "").replace("_", " ").replace(".", ": ")

    def kind_family(self, kind: str) -> tuple[str, ...]:
        """The kinds an item of ``kind`` is evaluated as (itself plus any ``evaluate_as``)."""
        k = self.kinds[kind]
        return (kind, *k.evaluate_as)


def read_packaged_yaml(*parts: str):
    """Load a YAML file shipped inside ``catchall/data``."""
    path = resources.files("catchall") / "data"
    for part in parts:
        path = path / part
    with path.open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def vocabulary() -> Vocabulary:
    raw = read_packaged_yaml("item_schema.yaml")
    kinds = {
        name: KindDef(name, spec.get("title", name), tuple(spec.get("evaluate_as", ())))
        for name, spec in raw["kinds"].items()
    }
    params = {}
    for name, spec in raw["parameters"].items():
        if spec["type"] not in PARAM_TYPES:
            raise ValueError(f"item_schema.yaml: parameter {name} has unknown type {spec['type']}")
        if spec["type"] == "identifier" and spec.get("format") not in IDENTIFIER_FORMATS:
            raise ValueError(f"item_schema.yaml: identifier {name} needs a known format")
        params[name] = ParamDef(
            name=name,
            type=spec["type"],
            title=spec.get("title", name),
            dimension=spec.get("dimension"),
            values=tuple(spec.get("values", ())),
            more_capable=spec.get("more_capable", "none"),
            accepts_standard=bool(spec.get("accepts_standard", False)),
            per_axis=bool(spec.get("per_axis", False)),
            format=spec.get("format"),
            label=spec.get("label") or short_label(name),
        )
    return Vocabulary(kinds=kinds, parameters=params)
