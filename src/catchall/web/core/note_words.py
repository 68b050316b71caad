"""A control entry's note as a page shows it. Notes are written for the JSON an exporter's
software sends too ("describe them as machine_tool.flow_forming", "give it as
length_measurement_error", "(data/chemicals.yaml)"); the command line and the API keep them so,
while a page names the kind and the question by their titles and says where a fact comes from
in words rather than by a file path."""

from __future__ import annotations

import re

_PLACES = {
    "data/chemicals.yaml": "catchall's list of chemicals",
    "mtcr-items.yaml": "catchall's catalogue of MTCR Annex items",
    "reference/mtcr-and-dual-use.md": "the project's reference notes on the MTCR",
}
_PATH = re.compile(r"\b[\w./-]+\.(?:yaml|yml|md|json|txt)\b")
_FIELD = re.compile(r"\s*\((?:mtcr_pairings|criteria|exclusions|kinds)\)")
_CODE = re.compile(
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z0-9_]+)+\b|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"
)


def note_words(text: str) -> str:
    from catchall.core.vocabulary import vocabulary

    v = vocabulary()
    text = _FIELD.sub("", text or "")
    for path, words in _PLACES.items():
        text = text.replace(path, words)
    text = _PATH.sub("catchall's data", text)

    def named(m: re.Match) -> str:
        code = m.group(0)
        if code in v.kinds:
            return f"“{v.kind_title(code)}”"
        p = v.parameters.get(code)
        if p is not None:
            return f"“{p.label or code.replace('_', ' ')}”"
        if "." in code:  # "e.g", "i.e", "mtcr.info": words and addresses, not codes
            return code
        return code.replace("_", " ")

    return re.sub(r"” true\b", "” yes", _CODE.sub(named, text))
