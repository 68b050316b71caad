"""A jurisdiction profile: the legal provisions one licensing authority applies, as cited data.

Packaged profiles live in ``catchall/data/jurisdictions/<code>.yaml``; an authority may supply
its own file in the same format (format: catchall-jurisdiction/1). Every provision names its
sources by id and says whether it was read in an official text (``verified``), as the countries
data does. A bad file is refused with the path of the faulty field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from catchall.core.errors import InputError, Problem
from catchall.core.vocabulary import read_packaged_yaml

FORMAT = "catchall-jurisdiction/1"
PACKAGED = ("EU", "UK", "US", "MTCR")
EMBARGO_AUTHORITIES = ("UN", "EU", "US", "UK", "OSCE")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str
    url: str | None = None
    note: str = ""
    verified: bool = True


class Provision(_Strict):
    """One cited legal provision: where it is (``basis``) and what it says, in our words."""

    basis: str = Field(min_length=3)
    text: str = Field(min_length=3)
    sources: tuple[str, ...] = Field(min_length=1)
    verified: bool = True


class Instrument(_Strict):
    name: str
    citation: str
    sources: tuple[str, ...] = Field(min_length=1)
    verified: bool = True


class ListRule(Provision):
    """A control list that binds, and the provision that makes its entries licensable.

    ``reasons`` narrows the rule to entries with one of these reasons for control (US Country
    Chart columns); ``except_destinations`` are destinations for which that provision requires
    no licence (MT Column 1: all destinations except Canada).
    """

    list: str
    reasons: tuple[str, ...] | None = None
    except_destinations: tuple[str, ...] = ()


class MilitaryClause(Provision):
    """Military end-use catch-all: only embargoes decided by these authorities count."""

    embargo_sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _known(self) -> MilitaryClause:
        bad = [s for s in self.embargo_sources if s not in EMBARGO_AUTHORITIES]
        if bad:
            raise ValueError(
                f"embargo_sources: {', '.join(bad)} not one of {', '.join(EMBARGO_AUTHORITIES)}"
            )
        return self


class CatchAll(_Strict):
    informed: Provision  # the authority informs the exporter of a WMD / missile end use
    aware: Provision | None = None  # the exporter is aware (duty to notify, or licence)
    military: MilitaryClause | None = None


class IntraEntry(_Strict):
    """An entry that still needs a licence for a transfer inside the union (EU Annex IV)."""

    entry: str | None = None
    mtcr_item: str | None = None
    note: str = ""
    sources: tuple[str, ...] = Field(min_length=1)
    verified: bool = True

    @model_validator(mode="after")
    def _one(self) -> IntraEntry:
        if not (self.entry or self.mtcr_item):
            raise ValueError("name an entry or an mtcr_item")
        return self


class IntraUnion(Provision):
    """Transfers between members need a licence only for the entries listed here."""

    members: tuple[str, ...] = Field(min_length=2)
    annex: str
    needs_licence: tuple[IntraEntry, ...] = ()
    complete: bool = False  # whether needs_licence is the whole annex


class GeneralAuthorisation(Provision):
    code: str
    destinations: tuple[str, ...] = Field(min_length=1)
    excluded_entries: tuple[str, ...] = ()
    excludes_intra_annex: bool = False  # items of the intra-union annex are not covered
    not_with_catch_all: bool = True  # unusable when informed or aware of a WMD/missile end use
    caveat: str = ""


class Profile(_Strict):
    format: str
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_-]{1,15}$")
    title: str
    country: str | None = None
    sources: dict[str, Source] = Field(min_length=1)
    instruments: tuple[Instrument, ...] = Field(min_length=1)
    lists: tuple[ListRule, ...] = Field(min_length=1)
    catch_all: CatchAll
    refusal: Provision
    embargo_sources: tuple[str, ...] = ()
    intra_union: IntraUnion | None = None
    general_authorisations: tuple[GeneralAuthorisation, ...] = ()
    notes: str = ""

    @model_validator(mode="after")
    def _cited(self) -> Profile:
        if self.format != FORMAT:
            raise ValueError(f"format: expected {FORMAT}")
        for path, ids in self._citations():
            for s in ids:
                if s not in self.sources:
                    raise ValueError(f"{path}: unknown source id {s!r}")
        return self

    def _citations(self):
        for i, x in enumerate(self.instruments):
            yield f"instruments[{i}]", x.sources
        for i, x in enumerate(self.lists):
            yield f"lists[{i}]", x.sources
        for name in ("informed", "aware", "military"):
            p = getattr(self.catch_all, name)
            if p is not None:
                yield f"catch_all.{name}", p.sources
        yield "refusal", self.refusal.sources
        if self.intra_union:
            yield "intra_union", self.intra_union.sources
            for i, x in enumerate(self.intra_union.needs_licence):
                yield f"intra_union.needs_licence[{i}]", x.sources
        for i, x in enumerate(self.general_authorisations):
            yield f"general_authorisations[{i}]", x.sources

    def verified(self, provision: Provision | IntraEntry) -> bool:
        return provision.verified and all(self.sources[s].verified for s in provision.sources)

    def cite(self, ids: tuple[str, ...]) -> str:
        out = []
        for s in ids:
            src = self.sources[s]
            out.append(f"{src.title} <{src.url}>" if src.url else src.title)
        return "; ".join(out)

    def listing_basis(self, list_name: str) -> dict[str, Any] | None:
        """The provisions that make entries of ``list_name`` licensable here (what "now needs
        a licence" rests on when an entry is added), or None if no rule binds that list."""
        rules = [r for r in self.lists if r.list == list_name]
        if not rules:
            return None
        bases = list(dict.fromkeys(r.basis for r in rules))
        return {
            "basis": " or ".join(bases),
            "jurisdiction": self.title,
            "verified": all(self.verified(r) for r in rules),
            "conditional": any(r.reasons or r.except_destinations for r in rules),
        }

    def summary(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title}


def parse_profile(raw: Any, origin: str = "jurisdiction profile") -> Profile:
    """Validate a profile document; every problem names its field."""
    if not isinstance(raw, dict):
        raise InputError(f"{origin}: expected a mapping with format: {FORMAT}", "jurisdiction")
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(Problem(f"jurisdiction.{where}" if where else "jurisdiction", msg))
        raise InputError(problems) from None


@cache
def packaged_profile(code: str) -> Profile:
    """One of the profiles shipped with catchall (EU, UK, US, MTCR)."""
    norm = (code or "").strip().upper()
    if norm not in PACKAGED:
        raise InputError(
            f"{code!r} is not a packaged jurisdiction ({', '.join(PACKAGED)}) nor a profile file",
            "jurisdiction",
        )
    return parse_profile(read_packaged_yaml("jurisdictions", f"{norm.lower()}.yaml"), norm)


def load_profile(spec: str) -> Profile:
    """A packaged code (EU, UK, US, MTCR) or the path of an authority's own profile file.

    File reading belongs to the faces; this helper is for the CLI and web start-up.
    """
    text = (spec or "").strip()
    if text.upper() in PACKAGED:
        return packaged_profile(text)
    path = Path(text)
    if not text or not (path.suffix.lower() in (".yaml", ".yml", ".json") or path.exists()):
        return packaged_profile(text)  # raises the "not a packaged jurisdiction" message
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {text}: {exc.strerror}", "jurisdiction") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{text} is not valid YAML or JSON: {exc}", "jurisdiction") from None
    return parse_profile(raw, text)


DEFAULT = "EU"


def default_profile() -> Profile:
    return packaged_profile(DEFAULT)
