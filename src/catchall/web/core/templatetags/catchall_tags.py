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
    """approve_with_conditions -> APPROVE WITH CONDITIONS (badges and headings)."""
    return str(value or "").replace("_", " ").upper()
