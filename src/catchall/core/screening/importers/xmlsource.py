"""Reading official list XML safely and in bounded memory.

Sanctions XML comes from outside, so the parser is hardened: no entity substitution, no DTD
loading, no network, libxml2's size limits kept (no ``huge_tree``). A document that declares a
DOCTYPE at all is refused: no official list carries one, and it is how entity bombs ("billion
laughs") and external entities (reading local files) are smuggled in.

Records are streamed with ``iterparse``: each record element is handed to the reader when it
ends, then cleared together with its finished siblings, so a 100+ MB file never sits in memory
as a tree. A malformed or truncated file is an InputError naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from lxml import etree

from catchall.core.errors import InputError

from .source import CORRUPT_GZIP, Source, is_gzip, is_path, open_gzip


def local(tag: object) -> str:
    """The local name of a tag ("{ns}sdnEntry" → "sdnEntry"); "" for comments and PIs."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


@contextmanager
def open_binary(source: Source) -> Iterator[IO[bytes]]:
    """A byte stream for a path (plain or gzip, told by its first bytes)."""
    if not is_path(source):
        raise InputError("XML lists are read from a file, not a text stream", field="file")
    path = Path(source)  # type: ignore[arg-type]
    if not path.is_file():
        raise InputError(f"no such file: {path}", field="path")
    opener = open_gzip if is_gzip(path) else open
    with opener(path, "rb") as stream:
        _check_prolog(stream, path.name)
        stream.seek(0)
        yield stream


_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:]")
PROLOG_BYTES = 64 * 1024


def _check_prolog(stream: IO[bytes], name: str) -> None:
    """Refuse a DOCTYPE before the parser sees it: an entity used in the first element would
    otherwise fail as a syntax error, and the refusal should say what it is."""
    head = stream.read(PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1")
    match = _FIRST_ELEMENT.search(text)
    prolog = text[: match.start()] if match else text
    if "<!DOCTYPE" in prolog.upper():
        raise InputError(_DOCTYPE_REFUSED.format(name=name), field="file")


_DOCTYPE_REFUSED = (
    "{name}: the XML declares a DOCTYPE (entity declarations or an external DTD); "
    "official lists carry none, and it is refused for safety"
)


def _parser_events(
    stream: IO[bytes], events: tuple[str, ...], tag: list[str] | None = None
) -> etree.iterparse:
    return etree.iterparse(
        stream,
        events=events,
        tag=tag,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_doctype(element: etree._Element, name: str) -> None:
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url:
        raise InputError(_DOCTYPE_REFUSED.format(name=name), field="file")


def _syntax_error(name: str, exc: Exception) -> InputError:
    line = getattr(exc, "lineno", None) or (getattr(exc, "position", None) or (0,))[0]
    message = getattr(exc, "msg", None) or str(exc)
    where = f" at line {line}" if line else ""
    return InputError(
        f"{name}: not well-formed XML{where} ({message}); the file may be truncated or corrupt",
        field="file",
    )


def _name(source: Source) -> str:
    return Path(source).name if is_path(source) else "the file"  # type: ignore[arg-type]


def root_tag(source: Source) -> str:
    """The root element's tag in Clark notation ("{ns}export"), read safely from the start."""
    name = _name(source)
    with open_binary(source) as stream:
        try:
            for _, element in _parser_events(stream, ("start",)):
                _refuse_doctype(element, name)
                return element.tag
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(name, exc) from None
        except CORRUPT_GZIP as exc:
            raise InputError(
                f"{name}: the gzip data is corrupt or cut short ({exc})", "file"
            ) from None
    raise InputError(f"{name}: no XML element found", field="file")


def iter_records(
    source: Source, records: frozenset[str], roots: frozenset[str]
) -> Iterator[tuple[int, etree._Element]]:
    """(line, element) for every element whose local name is in ``records``.

    ``roots`` are the root local names the reader understands; another root is an InputError.
    The caller must be done with an element before asking for the next one: it is cleared.
    """
    name = _name(source)
    root = local(root_tag(source))  # refuses a DOCTYPE and names a broken start
    if root not in roots:
        raise InputError(
            f"{name}: the root element is <{root}>, expected <{'> or <'.join(sorted(roots))}>",
            field="format",
        )
    with open_binary(source) as stream:
        # Only the records' end events reach Python: filtering in libxml2 keeps this fast.
        context = _parser_events(stream, ("end",), tag=[f"{{*}}{r}" for r in sorted(records)])
        try:
            for _, element in context:
                yield element.sourceline or 0, element
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(name, exc) from None
        except CORRUPT_GZIP as exc:
            raise InputError(
                f"{name}: the gzip data is corrupt or cut short ({exc})", "file"
            ) from None


def text(element: etree._Element | None) -> str:
    """The element's own text, stripped ("" for a missing element)."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def index(element: etree._Element) -> dict[str, list[etree._Element]]:
    """The element's children by local name, built once per record (a record's fields are
    looked up dozens of times; scanning the children each time is what made reading slow)."""
    out: dict[str, list[etree._Element]] = {}
    for sub in element:
        tag = sub.tag
        if isinstance(tag, str):
            out.setdefault(tag[tag.find("}") + 1 :], []).append(sub)
    return out


def first_text(fields: dict[str, list[etree._Element]], name: str) -> str:
    found = fields.get(name)
    return text(found[0]) if found else ""


def _is(tag: object, name: str, suffix: str) -> bool:
    return tag == name or (isinstance(tag, str) and tag.endswith(suffix))


def child(element: etree._Element, name: str) -> etree._Element | None:
    suffix = "}" + name
    for sub in element:
        if _is(sub.tag, name, suffix):
            return sub
    return None


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    suffix = "}" + name
    for sub in element:
        if _is(sub.tag, name, suffix):
            yield sub


def child_text(element: etree._Element, name: str) -> str:
    return text(child(element, name))


def values(element: etree._Element, name: str, inner: str = "VALUE") -> list[str]:
    """Texts of <name><inner>..</inner></name> groups (UN style), all groups together."""
    out = []
    for group in children(element, name):
        out.extend(text(v) for v in children(group, inner) if text(v))
    return out
