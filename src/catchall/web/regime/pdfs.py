"""The regime's PDFs as jobs (jobs/pdfs.py): the briefing pack, as its reader may read it.

A pack is made for one reader: the paragraphs released to them, the banner over what it shows
and their name in every page's footer. Its key is the hash of that HTML, so the stored PDF is
served again while the two list versions, the proposals it covers and the reader's releases
are unchanged; a reader whose releases changed gets a new pack, never the stored one."""

from __future__ import annotations

from django.template.loader import render_to_string

from catchall.core.errors import NotFound
from catchall.web.jobs.pdfs import Prepared, source
from catchall.web.regime.page_marking import page_marking
from catchall.web.regime.releasability import reader_for

# The query of a briefing: which versions, which meeting's proposals, which period, for whom.
BRIEFING_QUERY = ("old", "new", "meeting", "since", "until", "audience")


def reader_line(user) -> str:
    """Who the PDF was made for, as its footer says: the person's name and organisation."""
    from catchall.web.accounts.roles import organisation_of

    name = user.get_full_name() or user.get_username()
    org = organisation_of(user)
    return f"{name}, {org.name}" if org else name


def print_html(user, template: str, ctx: dict) -> str:
    """A print template for ``user``: the page banner over what it shows on every page, and
    the reader named in every page's footer."""
    r = reader_for(user)
    ctx = {
        **ctx,
        "page_banner": page_marking(ctx, r.today),
        "reader_line": reader_line(user),
        "produced_on": r.today,
    }
    return render_to_string(template, ctx)


def briefing_params(query) -> dict:
    """The briefing's query as the job keeps it (the downloaded pack is the outreach pack
    unless the internal one is asked for)."""
    out = {k: str(query.get(k)) for k in BRIEFING_QUERY if query.get(k)}
    out.setdefault("audience", "outreach")
    return out


def prepare_briefing(user, params: dict) -> Prepared:
    from catchall.web.regime.selectors.outreach import briefing_from

    if user is None or not getattr(user, "is_authenticated", False):
        raise NotFound("no briefing for nobody")
    b, meeting = briefing_from(user, params, default_audience="outreach")
    html = print_html(user, "regime/print_briefing.html", {"b": b, "meeting": meeting})
    audience = "outreach" if params.get("audience", "outreach") == "outreach" else "internal"
    return Prepared(html, f"{audience}-briefing.pdf", base_url="/")


def _back(params: dict) -> tuple[str, str]:
    from django.utils.http import urlencode

    return "Back to the briefing", f"/regime/briefing/?{urlencode(params)}"


BRIEFING = source("regime.briefing", prepare_briefing, back=_back)
