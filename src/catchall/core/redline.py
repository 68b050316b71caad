"""Word-level redline between two texts: as edit operations, as HTML, as terminal text.

Delegations work language out in advance and outreach briefings explain how a control entry's
wording changed: both need exactly which words went and which came. The comparison is
difflib's over word-and-space tokens; every face renders the same operations (HTML with
``<del>``/``<ins>`` and text labels, the terminal as ``[-old-]{+new+}``, JSON as the list).
"""

from __future__ import annotations

import difflib
import html
import re

# Whitespace, words (with inner dots, commas, hyphens, colons and slashes kept: "9A106.c",
# "3,33", "230-2:2006", "km/h"), or one other character, so that punctuation next to a word
# ("missiles";) does not make the whole word look changed.
_TOKEN = re.compile(r"\s+|\w+(?:[.,:/\-]\w+)*|[^\w\s]")

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def redline_ops(old: str, new: str) -> list[dict[str, str]]:
    """``old`` -> ``new`` as ``[{"op": "equal"|"delete"|"insert", "text": ...}]``.

    Changes separated only by whitespace are merged, so "should consider" -> "shall weigh"
    reads as one edit rather than two; a replacement is a delete followed by an insert.
    Joining the equal and delete texts gives ``old``; equal and insert give ``new``.
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
    out: list[dict[str, str]] = []
    for kind, da, db in segs:
        if kind == "=":
            out.append({"op": EQUAL, "text": da})
            continue
        if da:
            out.append({"op": DELETE, "text": da})
        if db:
            out.append({"op": INSERT, "text": db})
    return out


def ops_html(ops: list[dict[str, str]], *, labels: bool = True) -> str:
    """The operations as escaped HTML; only ``del``/``ins`` (and their labels) are markup.

    With ``labels`` each change carries words ("deleted:", "inserted:") in a
    ``redline-label`` span: hidden on screen but read by screen readers and shown in print,
    where strike-through and underline alone may not survive."""
    out: list[str] = []
    for o in ops:
        text = html.escape(o["text"])
        if o["op"] == EQUAL:
            out.append(text)
        elif o["op"] == DELETE:
            lab = '<span class="redline-label">[deleted: </span>' if labels else ""
            end = '<span class="redline-label">]</span>' if labels else ""
            out.append(f"<del>{lab}{text}{end}</del>")
        else:
            lab = '<span class="redline-label">[inserted: </span>' if labels else ""
            end = '<span class="redline-label">]</span>' if labels else ""
            out.append(f"<ins>{lab}{text}{end}</ins>")
    return "".join(out)


def redline_html(old: str, new: str, *, labels: bool = True) -> str:
    """``old`` -> ``new`` with deletions in ``<del>`` and insertions in ``<ins>``."""
    return ops_html(redline_ops(old, new), labels=labels)


def ops_text(ops: list[dict[str, str]]) -> str:
    """The operations for a terminal: ``[-deleted-]{+inserted+}`` (wdiff's notation)."""
    marks = {EQUAL: ("", ""), DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
    return "".join(marks[o["op"]][0] + o["text"] + marks[o["op"]][1] for o in ops)


def changed(old: str, new: str) -> bool:
    return " ".join((old or "").split()) != " ".join((new or "").split())
