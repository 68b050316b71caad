"""What a person reads on a page (its text, not its markup or attributes), and the checks that
no screening id, feature code, weight or Python repr shows up there as a label."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# The engine's feature codes and the match dictionary's keys: words for machines only.
CODES = (
    "token_match",
    "fuzzy_token_match",
    "extra_token",
    "country_mismatch",
    "entity_id",
    "matched_name",
    # the starter list's name used as a label (the phrase "programs-of-concern list" is words)
    "on programs-of-concern",
    "programs-of-concern ·",
    "programs-of-concern (",
)
# A dict or list repr, a bare number in brackets (a feature weight "(0.367)") or ">=".
REPRS = re.compile(r"\{'|\['|\(-?\d\.\d+\)|>=")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title", "option"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title", "option"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as read (form options left out: they are choices, not results)."""
    p = _Text()
    p.feed(html)
    return " ".join(" ".join(p.parts).split())


def assert_named_not_coded(html: str, ids: tuple[str, ...] = ()) -> str:
    """Fail if a feature code, a weight or a repr is shown, or an id anywhere but right after
    the words "List reference"; returns the page's text for further checks."""
    text = visible_text(html)
    for code in CODES:
        assert code not in text, f"{code!r} shown on the page: {text[:3000]}"
    found = REPRS.search(text)
    assert not found, (
        f"a repr or a symbol shown: {text[max(0, found.start() - 200) : found.end() + 200]}"
    )
    for i in ids:
        for m in re.finditer(re.escape(i), text):
            before = text[max(0, m.start() - 20) : m.start()]
            assert "List reference" in before, f"{i!r} shown as a label: …{before}{i}…"
    return text
