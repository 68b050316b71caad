"""What the official lists (UN, EU, UK, OFAC) have in common: documents, dates of birth,
nationalities, put into a draft under FollowTheMoney property names.

One mapping for all four readers, so that a passport is a ``passportNumber`` and a date of
birth a ``birthDate`` whichever government published it; scoring reads these names.
"""

from __future__ import annotations

import re
from datetime import date

from .clean import clean_text, country_from_name
from .draft import Draft

# Identifier types → FollowTheMoney property; first match wins, the rest are ``idNumber``.
_ID_PROPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), prop)
    for pattern, prop in (
        (r"passport|pasaporte|passeport", "passportNumber"),
        (r"\bIMO\b", "imoNumber"),
        (r"\bLEI\b|legal entity (number|identifier)", "leiCode"),
        (r"swift|\bBIC\b", "swiftBic"),
        (r"\bUSCC\b|unified social credit", "uscCode"),
        (r"\bINN\b", "innCode"),
        (r"\bOGRN\b", "ogrnCode"),
        (r"tax|fiscal|\bF?EIN\b|\bVAT\b|\bTIN\b|\bRFC\b|\bNIT\b", "taxNumber"),
        (r"regist|company (number|no)|business number|commercial", "registrationNumber"),
    )
)
# Identifier-list entries that are contact details or remarks, each kept under its own name.
_CONTACT_PROPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), prop)
    for pattern, prop in (
        (r"^website", "website"),
        (r"^e-?mail", "email"),
        (r"^(phone|telephone|fax)", "phone"),
        (r"^gender", "gender"),
        (r"^nationality of registration", "jurisdiction"),
    )
)
# Anything else in an id list that reads like an identifier (the rest goes to the notes).
_LOOKS_LIKE_ID = re.compile(
    r"\bid\b|identif|number|\bno\b\.?|card|licen[cs]e|cedula|c[ée]dula|\bDNI\b|\bNIE\b|"
    r"\bCURP\b|\bSSN\b|social security|national|residen|permit|certificate|\bKPP\b|\bOKPO\b|"
    r"credencial|electoral|ISIN|\bCUIT\b|\bRUC\b|\bRIF\b|matricula|\bMMSI\b|\bBIK\b",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def id_property(kind: str) -> str | None:
    """The FtM property for an identifier type, or None for a remark that is no identifier."""
    for pattern, prop in _ID_PROPS:
        if pattern.search(kind):
            return prop
    if not kind or _LOOKS_LIKE_ID.search(kind):
        return "idNumber"
    return None


def add_document(
    draft: Draft,
    kind: str,
    number: str,
    *,
    country: str = "",
    details: str = "",
) -> None:
    """An identity document or registration: the number under its FtM property and in the
    draft's identifiers; the full description in the notes."""
    kind, number = clean_text(kind)[0], clean_text(number)[0]
    country, details = clean_text(country)[0], clean_text(details)[0]
    if not number:
        if details or kind:
            draft.add_text(draft.notes, [f"Document: {' '.join(p for p in (kind, details) if p)}"])
        return
    for pattern, prop in _CONTACT_PROPS:
        if pattern.search(kind):
            draft.add_prop(prop, [number.lower() if prop == "gender" else number])
            return
    prop = id_property(kind)
    if prop is None:
        label = kind.rstrip(":- ")
        draft.add_text(draft.notes, [f"{label}: {number}" + (f" ({details})" if details else "")])
        return
    draft.add_prop(prop, [number])
    draft.add_text(draft.identifiers, [number])
    extra = ", ".join(p for p in (country, details) if p)
    draft.add_prop(
        "identification", [f"{kind or 'Document'}: {number}" + (f" ({extra})" if extra else "")]
    )


def add_birth_date(draft: Draft, value: str) -> None:
    """A date of birth as ISO text, partial if the list is: "1962", "1962-05", "1962-05-21".
    A value in another form is kept as written (and shown in the notes)."""
    iso = iso_partial_date(value)
    if iso:
        draft.add_prop("birthDate", [iso])
    elif clean_text(value)[0]:
        draft.add_text(draft.notes, [f"Date of birth: {value}"])


def iso_partial_date(value: str) -> str | None:
    """ "1962", "1962-05-21T00:00:00", "21/05/1962", "00/05/1962", "21 May 1962", "May 1962"
    → ISO (partial); None when the text is no date."""
    value = clean_text(value)[0]
    if not value:
        return None
    if _YEAR.match(value):
        return value
    if re.match(r"^\d{4}-\d{2}(-\d{2})?", value):
        head = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else value[:7]
        return _valid(head)
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)  # dd/mm/yyyy, 00 = unknown
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year == 0:
            return None
        if month == 0:
            return f"{year:04d}"
        if day == 0:
            return f"{year:04d}-{month:02d}"
        return _valid(f"{year:04d}-{month:02d}-{day:02d}")
    match = re.match(r"^(?:(\d{1,2}) )?([A-Za-z]{3})[a-z]* (\d{4})$", value)  # 21 May 1962
    if match and match.group(2).lower() in _MONTHS:
        month = _MONTHS[match.group(2).lower()]
        year = int(match.group(3))
        if match.group(1):
            return _valid(f"{year:04d}-{month:02d}-{int(match.group(1)):02d}")
        return f"{year:04d}-{month:02d}"
    return None


def _valid(iso: str) -> str | None:
    if _FULL_DATE.match(iso):
        try:
            date.fromisoformat(iso)
        except ValueError:
            return None
    return iso


def add_nationality(draft: Draft, value: str, prop: str = "nationality") -> None:
    """A nationality or citizenship given as a country name or code: ISO code under ``prop``
    and in the countries; a name that is no country (e.g. "Soviet Union") goes to the notes."""
    text = clean_text(value)[0]
    if not text:
        return
    code = country_from_name(text)
    if code:
        draft.add_prop(prop, [code])
        draft.countries.append(code)
    else:
        label = "Citizenship" if prop == "citizenship" else "Nationality"
        draft.add_text(draft.notes, [f"{label}: {text}"])


def add_country(draft: Draft, value: str, prop: str | None = None) -> None:
    """A country name or code for the entity's countries (and ``prop``), if it is one."""
    code = country_from_name(clean_text(value)[0]) if clean_text(value)[0] else None
    if code:
        draft.countries.append(code)
        if prop:
            draft.add_prop(prop, [code])


def joined(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in (clean_text(x)[0] for x in parts) if p)
