"""Arabic-script personal names: the pieces a Latin list writes apart or together.

Arabic, Persian, Dari, Pashto and Urdu write the article and some name parts glued to the next
word ("التكريتي" is al-Tikriti, "عبدالرحمن" is Abd al-Rahman, "سعیدالله" is Saidullah), while
Latin lists write them apart, together or not at all ("AL-TIKRITI", "Tikriti", "ABDULRAHMAN",
"ABDUL RAHMAN", "ABD AL-RAHMAN"). Splitting the glued pieces off gives tokens that align with
any of these; the scorer joins them again when the Latin list runs them together.

The article before a "sun letter" is pronounced as that letter (ad-din, ar-rahman, as-salam;
"uddin", "eddine" run together), so its Latin forms include the assimilated spellings.
"""

from __future__ import annotations

_ARTICLE = "ال"
_ABD = "عبد"
_ALLAH = "الله"
_AND = "و"
# Letters that assimilate the article's l (UNGEGN/BGN-PCGN): t th d dh r z s sh s d t z l n
# (Persian and Urdu letters for the same sounds included).
_SUN = {
    "ت": "t",
    "ث": "th",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ل": "l",
    "ن": "n",
    "ژ": "zh",
    "ڈ": "d",
    "ٹ": "t",
    "ڑ": "r",
}
_ARTICLE_VOWELS = ("a", "u", "e", "i")
# Second halves of compound names with the article, often written glued to the first ("نورالدین"
# is Nur al-Din, Nooruddin; "ضیاءالحق" Zia-ul-Haq): "of the religion", "of the truth", "of
# Islam", "of the time" (A. Schimmel, Islamic Names, Edinburgh University Press, 1989, on
# compound laqabs; not checked against the book here). Folded spellings.
_COMPOUND_SECONDS = ("الدین", "الحق", "الاسلام", "الزمان")


def article_forms(next_word: str) -> tuple[str, ...]:
    """Latin spellings of the article in front of ``next_word`` (al, el, ul; ad, ud, ed ...)."""
    forms = ["al", "el", "ul", "il"]
    sun = _SUN.get(next_word[:1])
    if sun:
        forms.extend(f"{v}{sun[:1]}" for v in _ARTICLE_VOWELS)
    return tuple(dict.fromkeys(forms))


def split_glued(word: str) -> list[str]:
    """A folded Arabic-script word cut into the pieces Latin lists may write apart.

    "التکریتی" -> ["ال", "تکریتی"]; "عبدالرحمان" -> ["عبد", "ال", "رحمان"];
    "سعیدالله" -> ["سعید", "الله"]; "الله" stays whole.
    """
    return _split(word, after_abd=False)


def _split(word: str, after_abd: bool) -> list[str]:
    if word == _ALLAH or len(word) < 4:
        return [word]
    if word.startswith(_AND + _ARTICLE) and len(word) >= 6:
        # the conjunction wa is written joined to the next word: "والجهاد" is wa-l-jihad
        return [_AND, *_split(word[1:], after_abd)]
    if word.startswith(_ABD) and len(word) >= 6:
        return [_ABD, *_split(word[len(_ABD) :], after_abd=True)]
    if word.endswith(_ALLAH) and len(word) >= 6:
        return [*_split(word[: -len(_ALLAH)], after_abd), _ALLAH]
    for second in _COMPOUND_SECONDS:
        if word.endswith(second) and len(word) - len(second) >= 2:
            first = word[: -len(second)]
            return [*_split(first, after_abd), _ARTICLE, second[len(_ARTICLE) :]]
    # A two-letter rest only after "abd" ("عبدالحی" is Abd al-Hayy; "النا" is Elena).
    if word.startswith(_ARTICLE) and len(word) >= (4 if after_abd else 5):
        return [_ARTICLE, word[len(_ARTICLE) :]]
    return [word]
