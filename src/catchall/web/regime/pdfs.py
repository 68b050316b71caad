"""The regime's PDFs as jobs (jobs/pdfs.py): the briefing pack, a library paper, a proposal
and a meeting's evaluation, each as its reader may read it.

A PDF is made for one reader: the paragraphs released to them, the banner over what it shows
and their name in every page's footer. Its key is the hash of that HTML, so the stored PDF is
served again while what it covers and the reader's releases are unchanged; a reader whose
releases changed gets a new PDF, never the stored one, and one who may no longer read the
paper, proposal or meeting gets "not found" (the same selectors as the pages decide)."""

from __future__ import annotations

from django.template.loader import render_to_string

from catchall.core.errors import NotFound
from catchall.web.jobs.pdfs import Prepared, source
from catchall.web.regime.page_marking import page_marking
from catchall.web.regime.releasability import Reader, reader_for

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


def _reader(user) -> Reader:
    """The signed-in reader a PDF is made for (nobody signed in reads nothing)."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotFound("nothing for nobody")
    return reader_for(user)


def _pk(params: dict, name: str) -> int:
    try:
        return int(params.get(name) or 0)
    except (TypeError, ValueError):
        raise NotFound(f"no such {name}") from None


def prepare_briefing(user, params: dict) -> Prepared:
    from catchall.web.regime.selectors.outreach import briefing_from

    _reader(user)
    b, meeting = briefing_from(user, params, default_audience="outreach")
    html = print_html(user, "regime/print_briefing.html", {"b": b, "meeting": meeting})
    audience = "outreach" if params.get("audience", "outreach") == "outreach" else "internal"
    return Prepared(html, f"{audience}-briefing.pdf", base_url="/")


def _back(params: dict) -> tuple[str, str]:
    from django.utils.http import urlencode

    return "Back to the briefing", f"/regime/briefing/?{urlencode(params)}"


def proposal_extra(p) -> dict:
    """What a proposal's export says of it besides its document (JSON and PDF alike)."""
    return {
        "proposal": {
            "id": p.pk,
            "type": p.type,
            "state": p.state,
            "sponsor": p.sponsor_country,
            "plenary": p.plenary,
        }
    }


def _document_html(user, view, extra: dict) -> str:
    return print_html(user, "regime/print_document.html", {"view": view, "extra": extra})


def prepare_paper(user, params: dict) -> Prepared:
    from catchall.web.regime.models import LIBRARY_KINDS, Document
    from catchall.web.regime.releasability import document_view

    r, pk = _reader(user), _pk(params, "paper")
    doc = Document.objects.filter(pk=pk, kind__in=LIBRARY_KINDS).first()
    if doc is None:
        raise NotFound("no such paper")
    html = _document_html(user, document_view(r, doc), {})
    return Prepared(html, f"paper-{pk}.pdf", base_url="/")


def prepare_proposal(user, params: dict) -> Prepared:
    from catchall.web.regime.selectors.proposals import proposal_get

    r, pk = _reader(user), _pk(params, "proposal")
    p, view = proposal_get(r, pk)
    # the PDF is read by people: type and state in words (the JSON export keeps the codes)
    words = {"type": p.get_type_display(), "state": p.get_state_display()}
    html = _document_html(user, view, {**proposal_extra(p), "words": words})
    return Prepared(html, f"proposal-{pk}.pdf", base_url="/")


def prepare_evaluation(user, params: dict) -> Prepared:
    from catchall.web.regime.selectors.outreach import meeting_detail

    r, pk = _reader(user), _pk(params, "meeting")
    html = print_html(user, "regime/print_evaluation.html", {"d": meeting_detail(r, pk)})
    return Prepared(html, f"evaluation-{pk}.pdf", base_url="/")


def _back_to(label: str, url: str, name: str):
    return lambda params: (label, url.format(params[name]))


BRIEFING = source("regime.briefing", prepare_briefing, back=_back)
PAPER = source(
    "regime.paper", prepare_paper, back=_back_to("Back to the paper", "/library/{}/", "paper")
)
PROPOSAL = source(
    "regime.proposal",
    prepare_proposal,
    back=_back_to("Back to the proposal", "/regime/proposals/{}/", "proposal"),
)
EVALUATION = source(
    "regime.evaluation",
    prepare_evaluation,
    back=_back_to("Back to the evaluation", "/regime/meetings/{}/evaluation/", "meeting"),
)
