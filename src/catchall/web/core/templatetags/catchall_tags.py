"""Small template filters the pages need."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def make_list_words(value: str) -> list[str]:
    return value.split()


@register.filter
def words(value: str) -> str:
    """An outcome's code as the badge says it: deny -> REFUSE, approve_with_conditions ->
    APPROVE WITH CONDITIONS (the same words as the sentences around it; other codes spelled
    out)."""
    return outcome_words(value).upper()


@register.filter
def outcome_words(code) -> str:
    """An assessment's recommendation code in words ("deny" -> "Refuse"), as the case page's
    explanation words it."""
    from catchall.web.assessment.readable import OUTCOMES

    text = OUTCOMES.get(str(code or ""), str(code or "").replace("_", " "))
    return text[:1].upper() + text[1:]


@register.filter
def amount(value) -> str:
    """ "1250000 EUR" -> "1,250,000.00 EUR", as the assessment writes an item's value; text that
    is not a number and a currency is shown as given."""
    number, _, currency = str(value or "").strip().partition(" ")
    try:
        return f"{float(number.replace(',', '')):,.2f} {currency}".strip()
    except ValueError:
        return str(value or "")


@register.filter
def readable(result):
    """An assessment result in words with its sources as footnotes (assessment/readable.py)."""
    from catchall.web.assessment.readable import readable as present

    return present(result)


@register.filter
def field_words(path) -> str:
    """A problem's field path in words, for pages that cannot link it to an input."""
    from catchall.web.core.page_errors import field_words as words

    return words(str(path or ""))


@register.filter
def country(code) -> str:
    """ISO code -> the country's name, wherever a person reads it ("PK" -> "Pakistan")."""
    from catchall.core.assessment.destinations import data

    return data().names.get(str(code or "").upper(), code or "")


@register.filter
def match_words(decision) -> str:
    """A screening decision code in words ("possible" -> "Possible match")."""
    from catchall.web.screening.words import DECISIONS

    return DECISIONS.get(str(decision or ""), str(decision or ""))


@register.filter
def person(user) -> str:
    """A user's name as people read it, the username only when no name is recorded."""
    if not user:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def person_for(user, outsider) -> str:
    """A user's name, but "The licensing authority" for its staff when ``outsider`` (an
    exporter) reads: who inside the authority works on a case is the authority's own (as the
    history and the status panel tell it)."""
    from catchall.web.accounts.roles import role_of
    from catchall.web.audit.timeline import AUTHORITY_NAME

    if outsider and user and role_of(user) != "exporter":
        return AUTHORITY_NAME
    return person(user)


@register.filter
def label(value) -> str:
    """end_user -> End user (a code shown to a person)."""
    return str(value or "").replace("_", " ").capitalize()


@register.filter
def redline(ops) -> str:
    """Word-level edits (core.redline operations) as escaped HTML with labelled del/ins."""
    from django.utils.safestring import mark_safe

    from catchall.core.redline import ops_html

    return mark_safe(ops_html(list(ops or ())))  # ops_html escapes every text


@register.filter
def note_words(text) -> str:
    """A control entry's note with kinds and questions by title, sources in words."""
    from catchall.web.core.note_words import note_words as words

    return words(str(text or ""))


@register.filter
def param_label(name) -> str:
    """An item parameter's name -> its short label ("max_pressure" -> "Maximum pressure")."""
    from catchall.core.vocabulary import vocabulary

    p = vocabulary().parameters.get(str(name or ""))
    return p.label if p else str(name or "")


@register.filter
def kind_name(code) -> str:
    """machine_tool.flow_forming -> Flow-forming machines (...), as the vocabulary names it."""
    from catchall.core.vocabulary import vocabulary

    return vocabulary().kind_title(str(code or ""))


@register.filter
def parameter_name(code) -> str:
    """x_axis_positioning_accuracy -> the parameter's title in the vocabulary."""
    from catchall.core.vocabulary import vocabulary

    p = vocabulary().parameters.get(str(code or ""))
    return p.title if p else str(code or "").replace("_", " ")


@register.filter
def criterion_place(path) -> str:
    """Where in an entry a criterion sits, in words: ``exclusions[gear-machines].criteria[1]``
    -> 'in the exclusion "gear machines"' (an empty string for the entry's own criteria)."""
    import re

    m = re.match(r"exclusions\[([^\]]+)\]", str(path or ""))
    return f'in the exclusion "{m.group(1).replace("-", " ")}"' if m else ""


@register.filter
def parameter_value(value) -> str:
    """A parameter's stored value in words (per-axis figures, standards; never a dict)."""
    from catchall.web.cases.parameter_words import parameter_value as words_for

    return words_for(value)
