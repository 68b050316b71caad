"""Screening matches as people read them: the listed name, the list's title, the countries by
name and the reasons in words, grouped (how the names met, evidence, what speaks against it).

The engine's match dictionary (the API's and the records' shape, with ids and feature weights)
stays as it is; pages pass it through :func:`match_for_people`. An entity id is kept only as a
secondary "List reference" an officer may cite, never as a label.
"""

from __future__ import annotations

import re
from typing import Any

from catchall.core.screening.explain import EVIDENCE_FEATURES
from catchall.core.screening.programmes import programmes_in_words

DECISIONS = {"match": "Match", "possible": "Possible match", "clear": "No match"}

# Feature names (docs/screening.md "Explanations") by the group a reader looks for.
_NAME_MET = {
    "token_match",
    "fuzzy_token_match",
    "phonetic_match",
    "consonant_skeleton_match",
    "alternative_spelling",
    "transliteration",
    "glossary_translation",
    "name_equivalent",
    "merged_tokens",
    "initial_match",
    "initials_match",
    "acronym",
}
# The engine's evidence beyond the name, and the party's country, which a reader weighs with it.
_EVIDENCE = EVIDENCE_FEATURES | {"country_match", "country_mismatch"}
GROUPS = (
    ("names", "How the names met"),
    ("evidence", "Evidence beyond the name"),
    ("against", "What speaks against it"),
    ("notes", "Notes"),
)
SCHEMA_WORDS = {
    "Person": "person",
    "Organization": "organisation",
    "Company": "company",
    "LegalEntity": "legal entity",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
SCHEMA_PLURALS = {
    "Person": "people",
    "Organization": "organisations",
    "Company": "companies",
    "LegalEntity": "legal entities",
}

# The glossary's languages (data/screening/glossary.yaml).
LANGUAGES = {
    "ar": "Arabic",
    "fa": "Persian",
    "ko": "Korean",
    "ru": "Russian",
    "zh": "Chinese",
    "mul": "multilingual",
}

_Q = r"('[^']*'(?: \([^)]* script, read '[^']*'\))?)"  # a quoted side, with "(Arabic script, read '...')" if any
_REWRITES: dict[str, list[tuple[str, str]]] = {
    "token_match": [(rf"^{_Q} = {_Q}$", r"\1 and \2 are the same word")],
    "fuzzy_token_match": [
        (rf"^{_Q} ~ {_Q} \(1 edits?\)$", r"\1 and \2 differ by one letter"),
        (rf"^{_Q} ~ {_Q} \((\d+) edits\)$", r"\1 and \2 differ by \3 letters"),
    ],
    "phonetic_match": [(rf"^{_Q} sounds like {_Q}.*$", r"\1 sounds like \2")],
    "initials_match": [(rf"^{_Q} = initials of {_Q}$", r"\1 are the initials of \2")],
    "merged_tokens": [(rf"^{_Q} = {_Q} written together$", r"\1 is \2 written as one word")],
    "alternative_spelling": [(rf"^{_Q} = {_Q}.*$", r"\1 and \2 are spellings of one name")],
    "transliteration": [
        (rf"^{_Q} = {_Q} by transliteration$", r"\1 and \2 are one name in two scripts")
    ],
    "name_equivalent": [(r" \(Wikidata [^)]*\)$", "")],
    "token_mismatch": [(rf"^{_Q} vs {_Q}$", r"\1 and \2 differ")],
    "number_mismatch": [(rf"^{_Q} vs {_Q}$", r"the numbers \1 and \2 differ")],
}
_THRESHOLD = re.compile(r"Score ([0-9.]+) >= (match|possible-match) threshold ([0-9.]+)\.\s*$")


_SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "by", "own"}


def list_title(name: str, titles: dict[str, str]) -> str:
    """A list's title; a list imported without one (or with its name for title) by its name in
    words ("national-watch" -> "National watch", "un-sc" -> "UN SC")."""
    title = titles.get(name or "", "")
    if title and title != name:
        return title
    words = str(name or "").replace("_", "-").split("-")
    shown = [w.upper() if 2 <= len(w) <= 3 and w not in _SMALL_WORDS else w for w in words]
    text = " ".join(shown)
    return text[:1].upper() + text[1:]


def country_names(codes) -> list[str]:
    from catchall.web.cases.apply.questions import country_name

    return [country_name(c) for c in codes or ()]


def _countries_in(text: str) -> str:
    """ "IR/SY" and lone ISO codes after "in"/"nationality"/"listed" -> country names."""
    from catchall.web.cases.apply.questions import country_name

    def names(m: re.Match) -> str:
        return m.group(1) + ", ".join(country_name(c) for c in m.group(2).split("/"))

    return re.sub(r"\b(in |nationality |listed )([A-Z]{2}(?:/[A-Z]{2})*)\b", names, text)


def feature_words(name: str, detail: str) -> str:
    """One feature's detail as a sentence a reviewer reads (codes named, symbols in words)."""
    text = detail
    for pattern, repl in _REWRITES.get(name, ()):
        text = re.sub(pattern, repl, text)
    if name in ("country_match", "country_mismatch", "nationality_match", "nationality_mismatch"):
        text = _countries_in(text).replace("query in ", "the party is in ")
        text = text.replace(", list entry in ", "; the listed entity is in ")
        text = re.sub(
            r"^nationality (.+), listed (.+)$", r"nationality \1; the listed one's \2", text
        )
    if name == "schema_mismatch":
        for code, word in SCHEMA_WORDS.items():
            text = re.sub(rf"\b{code}\b", word, text)
    text = re.sub(
        r"\(glossary (\w+)\)", lambda g: f"({LANGUAGES.get(g.group(1), g.group(1))} glossary)", text
    )
    text = text.replace("the query is written", "the name screened is written")
    text = text.replace(" vs ", " against ")
    return text[:1].upper() + text[1:] if text else text


def reasons(features) -> list[dict[str, Any]]:
    """The features in words, grouped; weights stay out (they are the engine's arithmetic)."""
    grouped: dict[str, list[str]] = {key: [] for key, _ in GROUPS}
    for f in features or ():
        name, weight, detail = f.get("name", ""), f.get("weight") or 0, f.get("detail", "")
        if not detail or name == "glossary_source":
            continue
        if weight < 0:  # a contradicting date or country speaks against it, like a lost word
            key = "against"
        elif name in _EVIDENCE:
            key = "evidence"
        elif name in _NAME_MET:
            key = "names"
        else:
            key = "notes"
        grouped[key].append(feature_words(name, detail))
    return [
        {"key": key, "heading": heading, "lines": grouped[key]}
        for key, heading in GROUPS
        if grouped[key]
    ]


def summary(m: dict[str, Any], query_name: str, list_title: str) -> str:
    """The explanation's first clause and its threshold in words, the list by its title."""
    met = m.get("matched_name") or m.get("name", "")
    alias = f", a name the list gives for {m.get('name', '')}," if met != m.get("name") else ""
    text = f"“{query_name}” met “{met}”{alias} on {list_title}."
    found = _THRESHOLD.search(m.get("explanation") or "")
    if found:
        band = "match" if found.group(2) == "match" else "possible-match"
        text += (
            f" Its score, {float(found.group(1)):.2f}, reaches the {band} threshold of "
            f"{float(found.group(3)):.2f}."
        )
    return text


def designations_in_words(
    m: dict[str, Any], title: str = "", authority: str = ""
) -> list[dict[str, Any]]:
    """The entry's programme codes in words ("Non-proliferation of weapons of mass destruction
    (US OFAC NPWMD, Executive Order 13382; ...)"), looked up under the authority its list or
    entry names; WMD and missile programmes flagged for the page to mark."""
    context = " ".join(x for x in (m.get("list", ""), title, authority) if x)
    return [
        {
            "words": p.words,
            "proliferation": p.proliferation,
            "verified": p.verified,
            "known": p.known,
        }
        for p in programmes_in_words(m.get("programs") or (), context)
    ]


def entry_authorities(matches) -> dict[tuple[str, str], str]:
    """(list, entity id) → the authority the listed entry names, one query for all matches:
    the match dictionary has no authority, and a code such as DPRK means one programme at the
    UN and another at OFAC."""
    from django.db.models import Q

    from catchall.web.screening.models import ListEntityRecord

    pairs = {
        (m.get("list", ""), m.get("entity_id", "")) for m in matches or () if m.get("programs")
    }
    if not pairs:
        return {}
    wanted = Q()
    for name, entity_id in pairs:
        wanted |= Q(screening_list__name=name, entity_id=entity_id)
    rows = ListEntityRecord.objects.filter(wanted).values_list(
        "screening_list__name", "entity_id", "authority"
    )
    return {(name, entity_id): authority for name, entity_id, authority in rows}


def match_for_people(
    m: dict[str, Any], titles: dict[str, str], query_name: str = "", authority: str = ""
) -> dict[str, Any]:
    """A match dictionary (ScreeningMatch.as_dict) as a page shows it."""
    title = list_title(m.get("list", ""), titles)
    return {
        "name": m.get("name", ""),
        "matched_name": m.get("matched_name", ""),
        "alias": (m.get("matched_name") or "") not in ("", m.get("name")),
        "list_title": title,
        "countries": country_names(m.get("countries")),
        "kind": SCHEMA_WORDS.get(m.get("schema", ""), ""),
        "decision": m.get("decision", ""),
        "verdict": DECISIONS.get(m.get("decision", ""), ""),
        "score": m.get("score"),
        "rank": m.get("rank"),
        "designations": list(m.get("programs") or ()),
        "programmes": designations_in_words(m, title, authority),
        "reference": m.get("entity_id", ""),
        "summary": summary(m, query_name, title) if query_name else "",
        "reasons": reasons(m.get("features")),
    }


def matches_for_people(matches, query_name: str = "") -> list[dict[str, Any]]:
    from catchall.web.assessment.readable import list_titles

    titles = list_titles() if matches else {}
    authorities = entry_authorities(matches)
    return [
        match_for_people(
            m, titles, query_name, authorities.get((m.get("list", ""), m.get("entity_id", "")), "")
        )
        for m in matches or ()
    ]
