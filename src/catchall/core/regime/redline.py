"""Word-level redline between two texts, as HTML with ``<ins>`` and ``<del>``.

Delegations work language out in advance; the redline shows partners exactly which words
changed between the previewed and the circulated text. Input is escaped, so only the
``ins``/``del`` tags are markup.
"""

from __future__ import annotations

import difflib
import html
import re

_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def redline_html(old: str, new: str) -> str:
    """``old`` -> ``new`` with deletions in ``<del>`` and insertions in ``<ins>``.

    Changes separated only by whitespace are merged, so "should consider" -> "shall weigh"
    reads as one edit rather than two.
    """
    a, b = tokens(old), tokens(new)
    segs: list[list[str]] = []  # [kind, deleted, inserted]; kind "=" or "~"
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        da, db = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            segs.append(["=", da, da])
        elif segs and segs[-1][0] == "~":
            segs[-1][1] += da
            segs[-1][2] += db
        elif (
            len(segs) >= 2 and segs[-1][0] == "=" and not segs[-1][1].strip() and segs[-2][0] == "~"
        ):
            ws = segs.pop()[1]
            segs[-1][1] += ws + da
            segs[-1][2] += ws + db
        else:
            segs.append(["~", da, db])
    out: list[str] = []
    for kind, da, db in segs:
        if kind == "=":
            out.append(html.escape(da))
            continue
        if da:
            out.append(f"<del>{html.escape(da)}</del>")
        if db:
            out.append(f"<ins>{html.escape(db)}</ins>")
    return "".join(out)


def changed(old: str, new: str) -> bool:
    return " ".join((old or "").split()) != " ".join((new or "").split())
