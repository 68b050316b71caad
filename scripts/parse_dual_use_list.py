#!/usr/bin/env python3
"""Parse the official text of the EU dual-use list into catchall's packaged entry data.

Reads a plain-text rendering of Annex I to Regulation (EU) 2021/821 (Norway's List II, English,
about October 2022; tests/fixtures/dual-use-list-norway-2022.txt) and writes every entry and
sub-item, with its own paragraph of legal text, its Notes, Technical Notes and N.B.s, the terms
it quotes, and the line numbers it was read from.

    python scripts/parse_dual_use_list.py TEXT [--out FILE]

Without --out the JSON goes to standard output. The packaged file is
src/catchall/data/controls/eu-dual-use/2022-10.text.json; tests/core/controls/test_official_text.py
checks that it equals this script's output, so regenerate it after changing the script.

Pure standard library, so that it runs without the project installed. The layout of the text
comes from a PDF: entry headings start in column 0, sub-items are labelled a., b., ... and
1., 2., ... with indentation that drifts between pages, and every page repeats the category
heading and the entry it continues ("2A225 continued"). The hierarchy is therefore rebuilt from
the label sequence (b follows a at the same level), using indentation only to choose between
levels and to tell a note's own lists from the entry's sub-items.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT = (
    "Annex I to Regulation (EU) 2021/821 (EU dual-use list), English text as published by "
    "Norway as List II (about October 2022)"
)

# The three-digit part of an entry number names the regime it comes from (the EU, Wassenaar
# and US CCL numbering convention): 0xx Wassenaar, 1xx MTCR, 2xx NSG, 3xx Australia Group,
# 4xx Chemical Weapons Convention. Category 0 (nuclear materials, facilities and equipment)
# carries the NSG Trigger List whatever its number.
REGIME_BY_HUNDREDS = {"0": "WA", "1": "MTCR", "2": "NSG", "3": "AG", "4": "CWC"}

GROUP_TITLES = (
    "Systems, Equipment and Components",
    "Test, Inspection and Production Equipment",
    "Materials",
    "Software",
    "Technology",
)

ENTRY_RE = re.compile(r"^(\d[A-E]\d{3})\s+(\S.*)$")
CONTINUED_RE = re.compile(r"^\s*\d[A-E]\d{3}\S*\s*continued\s*$", re.IGNORECASE)
CATEGORY_RE = re.compile(r"^\s*CATEGORY\s+(\d)\s*[-–]?\s*(.*?)\s*$")
PAGE_RE = re.compile(r"^\s*\d{1,3}\s*$")  # page numbers (and stray one-number superscripts)
GROUP_RE = re.compile(r"^(.*?)(\d[A-E]\d?)\s+(" + "|".join(map(re.escape, GROUP_TITLES)) + r")\s*$")
LABEL_RE = re.compile(r"^(\s*)([a-z]|\d{1,3})\.\s+(\S.*)$")
# A numbered item whose dot the text lost ("12     Clostridium ..."); placed only as the
# successor of an open item, never as the first of a new list.
DOTLESS_RE = re.compile(r"^(\s+)(\d{1,3})()\s{3,}([A-Z].*)$")
NOTE_RE = re.compile(
    r"^(?P<indent>\s*)(?:"
    r"(?P<kind>Technicals? [Nn]otes?|Notes?)\s*(?P<num>\d+)?\s*:"
    r"|(?P<nb>N\.B\.)\s*(?P<nbnum>\d+)?\s*[.:]?"
    r"|(?P<bare>Note)(?=\s+\d[A-E]\d{3})"
    r")\s*(?P<rest>.*)$"
)
REF_RE = re.compile(r"(?<![\w.])(\d[A-E]\d{3}(?:\.[a-z0-9]{1,3})*)\.?(?![\w])")
DEFINED_RE = re.compile(r'"([^"\n]{2,80})"')
LOCAL_RE = re.compile(r"(?<![A-Za-z])'([^'\n]{2,80})'(?![A-Za-z])")


@dataclass
class Note:
    kind: str
    label: str
    start: int
    lines: list[str] = field(default_factory=list)
    end: int = 0
    list: tuple[str, int] | None = None  # last label and column of a list the note opened

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "text": _join(self.lines),
            "line": self.start,
        }


@dataclass
class Node:
    id: str
    label: str
    kind: str  # "entry" or "alpha"/"num" for sub-items
    indent: int  # column of the label (0 for an entry heading)
    text_col: int  # column where the node's own text starts
    start: int
    parent: Node | None = None
    lines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    end: int = 0


def _join(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, keeping a line break before list items."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif LABEL_RE.match(" " + line) or line.startswith(("–", "-")):
            out += "\n" + line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def _succ(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _title(text: str) -> str:
    first = text.split("\n", 1)[0]
    first = re.sub(r"[,;:]?\s*(as follows:?|and|or)?\s*[;:.,]?\s*$", "", first).strip()
    if len(first) > 200:
        first = first[:200].rsplit(" ", 1)[0] + " ..."
    return first


def regime_of(entry_id: str) -> str:
    if entry_id[0] == "0":
        return "NSG"
    return REGIME_BY_HUNDREDS[entry_id[2]]


class Parser:
    def __init__(self) -> None:
        self.entries: list[Node] = []
        self.categories: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.entry: Node | None = None
        self.stack: list[Node] = []  # entry node, then one node per sub-item level
        self.note: Note | None = None
        self.note_indent = 0
        self.group_notes: list[Note] | None = None
        self.unplaced: list[int] = []

    # -- the document, line by line
    def feed(self, lineno: int, line: str) -> None:
        line = line.rstrip().replace("\t", "    ").replace("\x0c", "")
        if not line.strip() or PAGE_RE.match(line) or CONTINUED_RE.match(line):
            return
        m = CATEGORY_RE.match(line)
        if m:
            self.categories.setdefault(m.group(1), {"title": m.group(2).strip(), "line": lineno})
            return
        m = GROUP_RE.match(line)
        if m and (not m.group(1).strip() or m.group(1).rstrip().endswith((".", ";", ":"))):
            if m.group(1).strip():
                self.text(lineno, m.group(1))
            self.close_entry(lineno)
            self.groups.setdefault(m.group(2), {"title": m.group(3), "line": lineno, "notes": []})
            self.group_notes = self.groups[m.group(2)]["notes"]
            return
        m = ENTRY_RE.match(line)
        if m:
            self.close_entry(lineno)
            self.group_notes = None
            col = len(line) - len(line[len(m.group(1)) :].lstrip())
            node = Node(m.group(1), m.group(1), "entry", 0, col, lineno)
            self.entries.append(node)
            self.entry = node
            self.stack = [node]
            # Some entries have no heading of their own: "4E001   a. ..." starts with a sub-item.
            first = LABEL_RE.match(" " * col + m.group(2))
            if first and first.group(2) in ("a", "1"):
                self.place(lineno, first.group(2), col, " " * col + m.group(2))
            else:
                node.lines.append(m.group(2))
            return
        indent = len(line) - len(line.lstrip())
        m = NOTE_RE.match(line)
        if m and not (self.note and indent > self.note_indent + 2):
            # (a note header indented under an open note is part of that note's text)
            self.start_note(lineno, m, indent)
            return
        m = LABEL_RE.match(line) or DOTLESS_RE.match(line)
        if m and self.note is not None and self.in_note_list(m.group(2), indent):
            m = None
        note_owns = self.note and indent > self.note_indent + 2 and not self.ends_note(m)
        if m and self.entry is not None and not note_owns:
            if self.place(lineno, m.group(2), indent, line):
                return
            if self.note is None:
                self.unplaced.append(lineno)
        self.text(lineno, line)

    def ends_note(self, m: re.Match | None) -> bool:
        """Whether a label indented under a finished note resumes the entry's own list.

        A note that ends its sentence ("... is counted with the zirconium.") opened no list, so
        the next item of an open level (1C111.a.2.b after a.2.a's note, across a page break)
        is the entry's, however deep the PDF indents it.
        """
        if m is None or not self.note.lines or self.note.list:
            return False
        if any(LABEL_RE.match(line) for line in self.note.lines):  # the note's own list
            return False
        if not _join(self.note.lines).rstrip().endswith("."):
            return False
        if m.group(2) in ("a", "1"):  # the first item of a list its level announced
            last = self.stack[-1] if self.stack else None
            return bool(last and not last.children and _join(last.lines).endswith(":"))
        kind = "num" if m.group(2).isdigit() else "alpha"
        return any(
            i > 0 and n.kind == kind and _succ(n.label) == m.group(2)
            for i, n in enumerate(self.stack)
        )

    def in_note_list(self, label: str, indent: int) -> bool:
        """Whether a label at the note's own indentation continues a list the note opened."""
        note = self.note
        if note.list is None:
            if label in ("a", "1") and _join(note.lines).endswith(":"):
                note.list = (label, indent)
                return True
            return False
        last, col = note.list
        if _succ(last) == label and abs(indent - col) <= 2:
            note.list = (label, col)
            return True
        return False

    def text(self, lineno: int, line: str) -> None:
        if self.note is not None:
            self.note.lines.append(line)
            self.note.end = lineno
        elif self.stack:
            self.stack[-1].lines.append(line)
            self.stack[-1].end = lineno

    def start_note(self, lineno: int, m: re.Match, indent: int) -> None:
        if m.group("nb"):
            kind, num = "N.B.", m.group("nbnum")
        else:
            word = (m.group("kind") or m.group("bare")).lower()
            kind = "Technical Note" if word.startswith("technical") else "Note"
            if word.endswith("notes"):
                kind += "s"
            num = m.group("num")
        note = Note(kind, f"{kind} {num}" if num else kind, lineno, end=lineno)
        if m.group("rest").strip():
            note.lines.append(m.group("rest"))
        self.note, self.note_indent = note, indent
        if self.group_notes is not None or not self.stack:
            if self.group_notes is not None:
                self.group_notes.append(note)
            return
        # A note belongs to the deepest open level whose text begins at or before the note.
        owner = self.stack[0]
        for node in self.stack:
            if node.text_col <= indent + 1:
                owner = node
        owner.notes.append(note)

    def place(self, lineno: int, label: str, indent: int, line: str) -> bool:
        kind = "num" if label.isdigit() else "alpha"
        m = LABEL_RE.match(line)
        if m is None:  # dotless: successor only
            m = DOTLESS_RE.match(line)
            if label in ("a", "1"):
                return False
        if label in ("a", "1"):
            level = len(self.stack)
        else:
            candidates = [
                i
                for i, n in enumerate(self.stack)
                if i > 0 and n.kind == kind and _succ(n.label) == label
            ]
            if not candidates:
                return False
            level = min(candidates, key=lambda i: (abs(self.stack[i].indent - indent), -i))
        parent = self.stack[level - 1]
        self.note = None
        rest = m.group(m.re.groups)
        text_col = len(line) - len(rest)
        node = Node(f"{parent.id}.{label}", label, kind, indent, text_col, lineno, parent)
        node.lines.append(rest)
        node.end = lineno
        parent.children.append(node)
        self.stack = self.stack[:level] + [node]
        return True

    def close_entry(self, lineno: int) -> None:
        self.entry, self.stack, self.note = None, [], None

    # -- the result
    def records(self) -> list[dict]:
        out: list[dict] = []

        def end_of(node: Node) -> int:
            ends = [node.start, node.end, *(n.end for n in node.notes)]
            ends += [end_of(c) for c in node.children]
            return max(ends)

        def walk(node: Node, entry: Node) -> None:
            text = _join(node.lines)
            notes = [n.as_dict() for n in node.notes]
            all_text = " ".join([text, *(n["text"] for n in notes)])
            rec = {
                "id": node.id,
                "parent": node.parent.id if node.parent else None,
                "label": node.label,
                "category": entry.id[0],
                "group": entry.id[1],
                "regime": regime_of(entry.id),
                # (an entry that opens with its first sub-item, e.g. 4E001, takes that one's)
                "title": _title(text or _join(node.children[0].lines) if node.children else text),
                "text": text,
                "notes": notes,
                "children": [c.id for c in node.children],
                "defined_terms": sorted(set(DEFINED_RE.findall(all_text))),
                "local_terms": sorted(set(LOCAL_RE.findall(all_text))),
                "refs": sorted({r for r in REF_RE.findall(all_text) if not r.startswith(entry.id)}),
                "lines": [node.start, end_of(node)],
            }
            out.append(rec)
            for c in node.children:
                walk(c, entry)

        for e in self.entries:
            walk(e, e)
        return out


def parse(text: str) -> dict:
    """The list as data: header, categories, groups, and one record per entry and sub-item."""
    p = Parser()
    # Split on newlines only: the text keeps the PDF's form feeds, which str.splitlines() would
    # count as line breaks and so shift every cited line number.
    for n, line in enumerate(text.split("\n"), start=1):
        p.feed(n, line)
    records = p.records()
    ids = [r["id"] for r in records]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate ids after parsing: {', '.join(dupes[:20])}")
    return {
        "list": "eu-dual-use",
        "version": "2022-10",
        "source": {
            "document": DOCUMENT,
            "date": "2022-10-01",
            "file": "tests/fixtures/dual-use-list-norway-2022.txt",
            "url": "https://github.com/safetecnordic/export-control/blob/main/regulations/management/export-control-appendix2.txt",
            "status": "seen",
            "legal_status": (
                "Official legislative text: Annex I to Regulation (EU) 2021/821 as amended, "
                "reproduced from Norway's published English text of the same list. The entry "
                "texts below are quoted verbatim as the authoritative wording; they are not "
                "catchall's own words. Reuse of EU legislative texts is permitted with "
                "acknowledgement of the source (Commission Decision 2011/833/EU)."
            ),
        },
        "generated_by": "scripts/parse_dual_use_list.py",
        "regime_rule": (
            "from the three-digit part of the number: 0xx WA, 1xx MTCR, 2xx NSG, 3xx AG, "
            "4xx CWC; Category 0 (nuclear) is NSG Trigger List"
        ),
        "categories": {k: p.categories[k] for k in sorted(p.categories)},
        "groups": {
            k: {
                "title": g["title"],
                "line": g["line"],
                "notes": [n.as_dict() for n in g["notes"]],
            }
            for k, g in sorted(p.groups.items())
        },
        "entries": records,
    }


def dumps(data: dict) -> str:
    """The JSON text of the packaged file: the header indented, then one entry per line (so
    that a change to the text shows up as a change to the entries it touches)."""
    head = {k: v for k, v in data.items() if k != "entries"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n".join(json.dumps(r, ensure_ascii=False) for r in data["entries"])
    return f'{text},\n "entries": [\n{rows}\n ]\n}}\n'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path, help="the plain-text dual-use list")
    ap.add_argument("--out", type=Path, help="write the JSON here (default: standard output)")
    args = ap.parse_args(argv)
    data = parse(args.text.read_text(encoding="utf-8"))
    out = dumps(data)
    if args.out:
        args.out.write_text(out, encoding="utf-8")
        counts: dict[str, int] = {}
        for r in data["entries"]:
            counts[r["category"]] = counts.get(r["category"], 0) + 1
        print(
            f"{len(data['entries'])} entries and sub-items written to {args.out} "
            + "(by category: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            + ")",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
