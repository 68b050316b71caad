"""Values far outside what a parameter ever measures ("4 furlongs" for a positioning accuracy):
questioned, never silently classified. One check for the apply pages, the classification page,
``POST /api/classify`` and ``catchall classify``, so every face asks the same question."""

from __future__ import annotations

from catchall.core import units
from catchall.core.items import Item
from catchall.core.vocabulary import ParamDef, vocabulary

# A value beyond this (in the parameter's canonical unit) is questioned: accuracies and errors
# of production equipment are fractions of a millimetre, so 10 mm is already generous.
IMPLAUSIBLE_ABOVE = {"length": 10.0}  # mm, for parameters where lower is more capable


def implausible(param: ParamDef, canonical: float) -> bool:
    """True if ``canonical`` (the parameter's canonical unit) is far beyond what it measures."""
    limit = IMPLAUSIBLE_ABOVE.get(param.dimension or "")
    return limit is not None and param.more_capable == "lower" and canonical > limit


def question(param: ParamDef, text: str, canonical: float) -> str:
    """The question put to whoever gave the value, in words."""
    shown = units.format_quantity(canonical, param.dimension)
    what = param.name.replace("_", " ")  # the short name: the title runs to a sentence
    return f"{text} ({shown}) is far more than a {what} usually is: check the number and the unit"


def questioned_values(item: Item) -> list[dict[str, str]]:
    """``{"parameter", "value", "question"}`` for each implausible value the item states."""
    vocab = vocabulary()
    out = []
    for name, pv in item.parameters.items():
        pdef = vocab.parameters.get(name)
        if pdef is None or pv.derived or isinstance(pv.value, bool):
            continue
        if not isinstance(pv.value, int | float):
            continue
        figures = [(a.text, a.value) for a in pv.axes] or [(pv.text, float(pv.value))]
        for text, value in figures:
            if implausible(pdef, float(value)):
                out.append(
                    {"parameter": name, "value": text, "question": question(pdef, text, value)}
                )
    return out
