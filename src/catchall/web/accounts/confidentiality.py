"""Who may receive the authority's confidential data: decided here, once, for every face.

Partners share their denials in confidence, and an authority imports lists it must not hand
on (partners' denial lists, its own watch lists). Licensing-authority staff may receive them;
exporters, regime delegates, partner delegates and outreach guests may not. Pages, API routes,
PDFs and the assessment all ask this module, through selectors that take the reader, so none
can forget it: screening lists carry their audience as data (``ScreeningList.audience``), and
a reader without the authority's clearance screens against public lists only and never gets
consultations, partner denials or evidence drawn from them.

A reader is a signed-in user, or a label naming an internal caller: the command line and
background jobs run on the authority's own machine, and :data:`AUTHORITY_FILE` names results
kept in the authority's case file (an exporter's submission is assessed for the officers, who
see the full result; the exporter never does).
"""

from __future__ import annotations

from catchall.web.accounts.roles import AUTHORITY_ROLES, role_of

PUBLIC = "public"
AUTHORITY = "authority"
AUDIENCES = {
    PUBLIC: "Public: anyone signed in may screen against it",
    AUTHORITY: "Licensing authority only (confidential)",
}
DEFAULT_AUDIENCE = AUTHORITY  # an import that does not say otherwise stays confidential
CONFIDENTIAL_ROLES = frozenset(AUTHORITY_ROLES)
AUTHORITY_FILE = "authority case file"


class _Outsider:
    """A reader outside the authority who is not signed in: the addressee of a letter."""

    is_authenticated = False

    def __repr__(self) -> str:
        return "<the exporter addressed by a letter>"


LETTER_ADDRESSEE = _Outsider()


def _is_internal(reader) -> bool:
    """The CLI and jobs pass a label naming themselves; a web or API request passes its user.
    No reader at all is an outsider: a call that forgets to say who reads gets public data."""
    return isinstance(reader, str) and bool(reader.strip())


def may_receive_confidential(reader) -> bool:
    """Whether the reader may receive partner denials, consultations and confidential lists."""
    return _is_internal(reader) or role_of(reader) in CONFIDENTIAL_ROLES


def audiences_for(reader) -> frozenset[str]:
    """The list audiences whose lists the reader may see and screen against."""
    return frozenset(AUDIENCES) if may_receive_confidential(reader) else frozenset({PUBLIC})


def check_audience(value: str | None) -> str | None:
    """``value`` if it names an audience (None stays None); InputError naming the field otherwise."""
    from catchall.core.errors import InputError

    if value is None or value in AUDIENCES:
        return value
    raise InputError(f"{value!r} is not one of {', '.join(AUDIENCES)}", "audience")
