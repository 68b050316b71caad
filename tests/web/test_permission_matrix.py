"""Every route against every role: status, writes and response content.

The routes are read from the URL configuration and from the API's operations (every method),
so a new page or endpoint is covered the day it is added: it fails here until it has an entry
in ``TABLE``, which declares who gets a page (GET) and who may act on it (POST). For each role:

- GET: the declared status (200 for the roles named, a refusal for the others);
- POST: a role that may not act gets 302-to-login/401/403/404/405 and nothing is written
  (rows of every model and audit events are counted before and after); a role that may act is
  not refused (its request runs inside a transaction that is rolled back);
- content: an exporter, a delegate, a partner delegate, the Point of Contact or an outreach
  guest never reads a partner denial's reference, the denying government, a denied party
  (other than the one the exporter's own application names), a consultation or a confidential
  list, in any response of any route, PDFs included.

One world per module (built once, rolled back at the end) and one client per role keep it fast.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from catchall.web.cases.services import case_act, case_create
from catchall.web.demo import ensure_user
from tests.web.confidential import (
    CONFIDENTIAL_LIST,
    OUTSIDERS,
    SECRETS,
    WATCHED,
    application,
    import_confidential_list,
    import_partner_denial,
    with_unlisted,
    without_country_pickers,
)

pytestmark = pytest.mark.django_db

AUTHORITY = frozenset(
    {"licensing_officer", "technical_expert", "senior_officer", "partner_liaison", "administrator"}
)
ROLES = sorted(
    AUTHORITY | {"exporter", "delegate", "partner_delegate", "point_of_contact", "outreach_guest"}
)
# Who is asked: a user per role, an exporter of another organisation, and nobody signed in.
SUBJECTS = [*ROLES, "other_exporter", "anonymous"]
SIGNED_IN = frozenset(SUBJECTS) - {"anonymous"}
EVERYONE = frozenset(SUBJECTS)
CASE_READERS = AUTHORITY | {"exporter"}  # the case belongs to "exporter", not "other_exporter"
APPLICANTS = frozenset({"exporter", "other_exporter"})
DENIAL_WRITERS = AUTHORITY - {"technical_expert"}
CASE_OPENERS = APPLICANTS  # only an exporter opens a case, for its own organisation
# The meeting's invitations and notes are released to partners and guests, not to exporters.
MEETING_READERS = SIGNED_IN - APPLICANTS - {"administrator"}
NOBODY: frozenset[str] = frozenset()
EXPORTER_ADMIN = frozenset({"exporter"})  # marked as its organisation's administrator
DELEGATE = frozenset({"delegate"})  # drafts proposals and answers the feedback on them
PARTNER_DELEGATE = frozenset({"partner_delegate"})  # comments on a proposal previewed to it
ORGANISERS = frozenset({"delegate", "point_of_contact"})
LIBRARY_AUTHORS = frozenset(
    {"delegate", "partner_delegate", "point_of_contact", "licensing_officer", "technical_expert"}
)
TAXONOMY_EDITORS = frozenset({"delegate", "technical_expert"})
RATERS = frozenset({"technical_expert", "administrator"})  # rate the items of a case
LIST_IMPORTERS = frozenset({"licensing_officer", "partner_liaison", "administrator"})
LIST_VERSION_IMPORTERS = frozenset(
    {"licensing_officer", "senior_officer", "technical_expert", "administrator"}
)


@dataclass(frozen=True)
class Rule:
    """``get``: who gets ``ok`` from a GET (None: the route answers no GET). ``post``: who may
    act (None: the route takes no POST, so a POST must write nothing, whoever sends it).
    Everyone else is refused: 403 or 404, or 302 to the login page (401 from the API) when
    not signed in."""

    get: frozenset[str] | None = SIGNED_IN
    post: frozenset[str] | None = None
    ok: int = 200


POST_ONLY = Rule(get=None, post=SIGNED_IN)
# An action request whose talking points are NOFORN: its post and host office (its header)
# reach no one outside the sponsoring delegation, in any response.
NOFORN_HEADER = ("Embassy Quietvale", "Directorate of Hushed Affairs")
NOFORN_OUTSIDERS = frozenset({"partner_delegate", "point_of_contact", "outreach_guest", "exporter"})

# --------------------------------------------------------------------------------- the table
TABLE: dict[str, Rule] = {
    # pages, by URL name
    "home": Rule(get=EVERYONE),
    "health": Rule(get=EVERYONE),
    "login": Rule(get=EVERYONE, post=EVERYONE),
    "logout": Rule(get=None, post=EVERYONE),
    "classify": Rule(get=EVERYONE, post=EVERYONE),
    "controls": Rule(get=EVERYONE),
    "control-entry": Rule(get=EVERYONE),
    "screen": Rule(post=SIGNED_IN),  # the form is a GET; screening a name is a POST
    "screen-batch": Rule(post=SIGNED_IN),  # an upload of parties (422 here: no file)
    "lists": Rule(get=AUTHORITY, post=AUTHORITY),
    "list-detail": Rule(get=AUTHORITY),
    # replacing a list with a reviewed file (a job's): refused to others, 404 without one
    "list-replace": Rule(get=None, post=LIST_IMPORTERS),
    "assess": Rule(post=SIGNED_IN),
    "dashboard": Rule(get=AUTHORITY | APPLICANTS),
    "cases": Rule(get=AUTHORITY | APPLICANTS),
    "case-new": Rule(get=CASE_OPENERS, post=CASE_OPENERS),
    # applying page by page: the draft belongs to "exporter"'s organisation
    "apply": Rule(get=CASE_OPENERS, post=CASE_OPENERS),
    "apply-template": Rule(get=EVERYONE),
    "apply-schema": Rule(get=EVERYONE),
    "apply-done": Rule(get=frozenset({"exporter"})),
    "apply-tasks": Rule(get=frozenset({"exporter"})),
    "apply-items": Rule(get=frozenset({"exporter"})),
    "apply-item": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "apply-check": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "apply-page": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "case": Rule(get=CASE_READERS),
    # amending page by page: the amend action's rule (the applicant's exporter, the case open
    # to amendment); the world's case has an amendment sent and another one started
    "case-amend": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "case-amend-tasks": Rule(get=frozenset({"exporter"})),
    "case-amend-done": Rule(get=frozenset({"exporter"})),
    "case-amend-items": Rule(get=frozenset({"exporter"})),
    "case-amend-item": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "case-amend-check": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    "case-amend-page": Rule(get=frozenset({"exporter"}), post=frozenset({"exporter"})),
    # each action's own page (GET) and the action (POST): action "add_note", open to every reader
    "case-action": Rule(get=CASE_READERS, post=CASE_READERS),
    # the technical expert's rating page: the authority reads it, the raters act (rate_item)
    "case-rate": Rule(get=AUTHORITY, post=RATERS),
    "case-document": Rule(get=CASE_READERS),
    "case-summary": Rule(get=AUTHORITY),
    "case-upload": Rule(get=None, post=CASE_READERS),
    "case-upload-get": Rule(get=CASE_READERS),
    "audit": Rule(get=frozenset({"administrator"})),  # the audit log and the chain's check
    "notification-preferences": Rule(post=SIGNED_IN),  # each person's own choices
    # API tokens: "exporter" is its organisation's administrator, "other_exporter" is not
    "tokens": Rule(get=EXPORTER_ADMIN, post=EXPORTER_ADMIN),
    "token-revoke": Rule(get=None, post=EXPORTER_ADMIN),
    "denials:list": Rule(get=AUTHORITY),
    "denials:import": Rule(get=DENIAL_WRITERS, post=DENIAL_WRITERS),
    "denials:export": Rule(get=AUTHORITY),
    "denials:detail": Rule(get=AUTHORITY),
    "denials:revoke": Rule(get=DENIAL_WRITERS, post=DENIAL_WRITERS),  # the confirmation page
    # the regime's pages: every signed-in user, each reading what is released to it
    "regime": Rule(),
    "regime-proposal-new": Rule(get=DELEGATE, post=DELEGATE),  # offered only to drafters
    "regime-proposal": Rule(),
    "regime-proposal-edit": Rule(get=DELEGATE, post=DELEGATE),
    "regime-redline": Rule(),
    "regime-proposal-export": Rule(),
    # a PDF (made by a job; its stored file at once in the tests' inline mode): the proposal's
    # readers, each reading what is released to it; the paper's likewise
    "regime-proposal-pdf": Rule(),
    "regime-answer": Rule(get=None, post=DELEGATE),
    "regime-post-report": Rule(get=None, post=DELEGATE),
    "regime-proposal-action": Rule(get=None, post=PARTNER_DELEGATE),  # action "feedback"
    "regime-versions": Rule(),
    "regime-diff": Rule(),
    "regime-briefing": Rule(),
    "regime-briefing-pdf": Rule(ok=422),  # no list versions given
    "regime-meetings": Rule(),
    "regime-meeting-new": Rule(post=ORGANISERS),
    "regime-meeting": Rule(get=MEETING_READERS),
    "regime-evaluation": Rule(get=MEETING_READERS),
    "regime-evaluation-pdf": Rule(get=MEETING_READERS),
    "regime-meeting-action": Rule(get=None, post=ORGANISERS),  # action "note"
    "library": Rule(),
    "library-export": Rule(),
    "library-new": Rule(post=LIBRARY_AUTHORS),
    "library-taxonomy": Rule(),
    "library-taxonomy-kind": Rule(post=TAXONOMY_EDITORS),
    "library-document": Rule(),
    "library-document-edit": Rule(get=DELEGATE, post=DELEGATE),  # its author's delegation
    "library-export-document": Rule(),
    "library-document-pdf": Rule(),
    # a background job and its file: the exporter's own, and the authority's to oversee
    "job": Rule(get=AUTHORITY | {"exporter"}),
    "job-download": Rule(get=AUTHORITY | {"exporter"}),
    # API operations, by method and path
    "GET /api/": Rule(get=NOBODY),
    "GET /api/openapi.json": Rule(get=EVERYONE),
    "GET /api/docs": Rule(get=EVERYONE),
    "POST /api/classify": Rule(get=None, post=EVERYONE),
    "GET /api/controls": Rule(get=EVERYONE),
    "GET /api/controls/{entry_id}": Rule(get=EVERYONE),
    "GET /api/schemas/item": Rule(get=EVERYONE),
    "POST /api/screen": POST_ONLY,
    "POST /api/screen/batch": POST_ONLY,  # 422: no file
    "GET /api/lists": Rule(),
    "POST /api/lists/{name}/import": Rule(get=None, post=LIST_IMPORTERS),  # 422: no file
    "POST /api/assess": POST_ONLY,
    "GET /api/cases": Rule(),  # an empty list for those who may see no case
    "POST /api/cases": Rule(get=None, post=CASE_OPENERS),
    "GET /api/cases/{pk}": Rule(get=CASE_READERS),
    "POST /api/cases/{pk}/actions/{action}": Rule(get=None, post=CASE_READERS),
    "GET /api/denials": Rule(get=AUTHORITY),
    "GET /api/denials/export": Rule(get=AUTHORITY),
    "GET /api/denials/{int:denial_id}": Rule(get=AUTHORITY),
    "POST /api/denials/import": Rule(get=None, post=DENIAL_WRITERS),
    "POST /api/denials/{int:denial_id}/revoke": Rule(get=None, post=DENIAL_WRITERS),
    "GET /api/regime/proposals": Rule(),
    "POST /api/regime/proposals": Rule(get=None, post=DELEGATE),
    "GET /api/regime/proposals/{pk}": Rule(),
    "GET /api/regime/proposals/{pk}/redline": Rule(),
    "POST /api/regime/proposals/{pk}/actions/{action}": Rule(get=None, post=PARTNER_DELEGATE),
    "GET /api/regime/documents": Rule(),
    "POST /api/regime/documents": Rule(get=None, post=LIBRARY_AUTHORS),
    "GET /api/regime/documents/{pk}": Rule(),
    "GET /api/regime/search": Rule(),
    "GET /api/regime/reminders": Rule(),
    "GET /api/regime/briefing": Rule(ok=422),  # no list version given
    "GET /api/regime/taxonomy": Rule(),
    "POST /api/regime/taxonomy/{kind}": Rule(get=None, post=TAXONOMY_EDITORS),
    "GET /api/control-lists/diff": Rule(ok=422),  # no list version given
    "GET /api/control-lists/versions": Rule(),
    "POST /api/control-lists/versions": Rule(get=None, post=LIST_VERSION_IMPORTERS),
    # asking for a PDF: the letter's readers, the summary's (the authority), any reader of a
    # pack (422 here: no list versions given)
    "POST /api/cases/{pk}/documents/{doc_id}/pdf": Rule(get=None, post=CASE_READERS),
    "POST /api/cases/{pk}/summary/pdf": Rule(get=None, post=AUTHORITY),
    "POST /api/regime/briefing/pdf": Rule(get=None, post=SIGNED_IN),
    # a paper's and a proposal's, for their readers; a meeting's evaluation, its readers only
    "POST /api/regime/documents/{pk}/pdf": Rule(get=None, post=SIGNED_IN),
    "POST /api/regime/proposals/{pk}/pdf": Rule(get=None, post=SIGNED_IN),
    "POST /api/regime/meetings/{pk}/evaluation/pdf": Rule(get=None, post=MEETING_READERS),
    "GET /api/jobs/{int:job_id}": Rule(get=AUTHORITY | {"exporter"}),
    "GET /api/jobs/{int:job_id}/download/{fmt}": Rule(get=AUTHORITY | {"exporter"}),
}
QUERY = {"GET /api/regime/search": "?q=machine", "library": "?q=machine"}
# A POST is empty unless a valid form is needed to reach the role check (the meeting form
# reads its date before it asks who is acting: an empty form gets 422 from anyone), or the
# request is one that could reveal a denial: assessing or screening the denied parties.
FORMS = {
    "regime-meeting-new": {"title": "Outreach", "date": "2009-05-01", "place": "Vienna"},
    "assess": {"document": json.dumps(application())},
    "screen": {"name": WATCHED.replace("Aerodynamics", "Aerodynamic")},
}
BODIES = {
    "POST /api/assess": application(),
    # a spelling of the watched name, so that only a match can put the listed one in the answer
    "POST /api/screen": {"name": WATCHED.replace("Aerodynamics", "Aerodynamic")},
}


# --------------------------------------------------------------------------------- the routes
@dataclass(frozen=True)
class Route:
    key: str  # the TABLE key
    method: str  # GET or POST (or another verb the API declares)
    url: str
    api: bool


def _pages(resolver=None, prefix="", ns=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern) == "api/":
                continue  # the API's operations come from the API itself, with their methods
            inner = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _pages(p, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), ns + (p.name or "")


def _api_operations():
    from catchall.web.api.urls import api

    yield "GET", "/", "/api/"
    yield "GET", "/openapi.json", "/api/openapi.json"
    yield "GET", "/docs", "/api/docs"
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                for method in op.methods:
                    yield method, path, "/api" + (prefix.rstrip("/") + path)


# what fills a route's placeholders: the world's objects, chosen by the route's area
AREAS = (
    ("cases/", "case"),
    ("api/cases/", "case"),
    ("denials/", "denial"),
    ("api/denials/", "denial"),
    ("regime/proposals/", "proposal"),
    ("api/regime/proposals/", "proposal"),
    ("regime/meetings/", "meeting"),
    ("api/regime/meetings/", "meeting"),
    ("library/", "paper"),
    ("api/regime/documents/", "paper"),
)
ACTIONS = {"case": "add_note", "proposal": "feedback", "meeting": "note"}
# the letter's stored PDF is read; a job's attached file
FORMATS = {
    "case-document": "pdf",
    "case-summary": "html",
    "job-download": "file",
    "GET /api/jobs/{int:job_id}/download/{fmt}": "file",
}


def _fill(pattern: str, key: str, w: dict) -> str:
    bare = pattern.lstrip("/")
    area = next((obj for pre, obj in AREAS if bare.startswith(pre)), None)
    values = {
        **w["ids"],
        "pk": w[area].pk if area else "1",
        "action": ACTIONS.get(area, "x"),
        "fmt": FORMATS.get(key, "json"),
    }

    def sub(m):
        return str(values[m.group(1)])

    url = re.sub(r"<(?:\w+:)?(\w+)>", sub, pattern)
    return re.sub(r"\{(?:\w+:)?(\w+)\}", sub, url)


def routes(w: dict) -> list[Route]:
    out = []
    for pattern, name in _pages():
        for method in ("GET", "POST"):
            url = "/" + _fill(pattern, name, w) + QUERY.get(name, "")
            out.append(Route(name, method, url, api=False))
    for method, _, full in _api_operations():
        key = f"{method} {full}"
        out.append(Route(key, method, _fill(full, key, w) + QUERY.get(key, ""), api=True))
    return out


def route_keys() -> set[str]:
    keys = {name for _, name in _pages()}
    keys |= {f"{m} {full}" for m, _, full in _api_operations()}
    return keys


# ---------------------------------------------------------------------------------- the world
def _build(tmp_path) -> dict:
    from catchall.web.accounts.models import Organisation
    from catchall.web.regime.services import documents as docs
    from catchall.web.regime.services import exchanges as ex
    from catchall.web.regime.services import outreach
    from tests.web.regime import helpers
    from tests.web.regime.conftest import make_user

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    orgs = {
        "exporter": Organisation.objects.create(
            name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
        ),
        "delegate": Organisation.objects.create(
            name="Delegation", kind="partner_government", country="US"
        ),
        "partner_delegate": Organisation.objects.create(
            name="Partner delegation", kind="partner_government", country="BR"
        ),
        "point_of_contact": Organisation.objects.create(
            name="Point of Contact", kind="point_of_contact", country="FR"
        ),
        "outreach_guest": Organisation.objects.create(
            name="Guest government", kind="non_partner_government", country="KZ"
        ),
    }
    users = {r: ensure_user(f"u-{r}", r, orgs.get(r, authority)) for r in ROLES}
    other = Organisation.objects.create(name="Other AG", kind="exporter", country="DE")
    users["other_exporter"] = ensure_user("u-other", "exporter", other)
    users["exporter"].profile.org_admin = True
    users["exporter"].profile.save()
    from catchall.web.tokens.services import token_create

    api_token = token_create(actor=users["exporter"], name="ERP", scopes=["read"]).token

    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()  # the public list every installation screens against
    # the authority's confidential data, as the partner liaison imports it
    import_partner_denial(users["partner_liaison"])
    import_confidential_list(users["partner_liaison"], tmp_path)
    from catchall.web.denials.models import DenialNotification

    denial = DenialNotification.objects.get()

    # the exporter's case names the denied end user: the review opens a consultation
    case = case_create(actor=users["exporter"], data=with_unlisted(application()))
    case_act(case, "submit", actor=users["exporter"])
    case.refresh_from_db()
    from catchall.web.cases.apply.services import amend_start, amend_submit

    amend_submit(amend_start(case, actor=users["exporter"]), actor=users["exporter"], reason="x")
    case.refresh_from_db()
    case_act(case, "start_review", actor=users["licensing_officer"])
    case.refresh_from_db()
    case_act(case, "issue_inform_letter", actor=users["licensing_officer"], reason="Missile use.")
    case.refresh_from_db()
    assert case.consultations.exists() and case.auto_recommendation == "deny"
    letter = case.documents.get(kind="inform_letter")
    from catchall.web.cases.models import Upload

    upload = Upload.objects.create(
        case=case,
        kind="end_user_certificate",
        name="euc.txt",
        content_type="text/plain",
        size=4,
        sha256="0" * 64,
        content=b"text",
        uploaded_by=users["exporter"],
        uploaded_at=case.submitted_at,
    )

    # the regime's side: a proposal with feedback and an action request, a paper, a meeting
    people = {n: make_user(n) for n in ("us-delegate", "br-partner", "za-partner", "fr-poc")}
    proposal = helpers.answered(people)
    feedback = proposal.feedback.first()
    request = ex.action_request_create(
        actor=people["us-delegate"],
        proposal=proposal,
        post="Embassy Astana",
        host_country="KZ",
        host_office="MFA",
        reply_by=dt.date(2008, 10, 1),
        talking_points="(U) Talking points.",
        **helpers.DECL,
    )
    # talking points NOFORN: no one but the sponsoring US delegation learns of this request
    ex.action_request_create(
        actor=people["us-delegate"],
        proposal=proposal,
        post=NOFORN_HEADER[0],
        host_country="BR",
        host_office=NOFORN_HEADER[1],
        reply_by=dt.date(2008, 10, 1),
        talking_points="(C//NOFORN) Press the host government.",
        **helpers.DECL,
    )
    paper = docs.document_create(
        actor=people["us-delegate"],
        kind="best_practice",
        title="(U) Machine tools best practice",
        body="(U) Check the end use.",
        **helpers.DECL,
    )
    meeting = outreach.meeting_create(
        actor=people["fr-poc"], title="Outreach", date=dt.date(2009, 4, 16), place="Paris"
    )
    from catchall.web.cases.apply.services import draft_start

    draft = draft_start(actor=users["exporter"])
    amend_start(case, actor=users["exporter"])  # an amendment started, not yet sent
    from catchall.web.jobs.services import submit

    job = submit("jobs.check", {"parts": 1}, user=users["exporter"])
    job.attach("check.txt", "text/plain", b"answered")
    ids = {
        "job_id": job.pk,
        "entry_id": "2B009",
        "name": CONFIDENTIAL_LIST,
        "doc_id": letter.pk,
        "upload_id": upload.pk,
        "fid": feedback.pk,
        "aid": request.pk,
        "kind": "machine_tool.flow_forming",
        "fmt": "json",
        "denial_id": denial.pk,
        "draft_id": draft.pk,
        "case_id": case.pk,
        "n": 0,
        "part": "kind",
        "page": "destination",
        "token_id": api_token.pk,
    }
    return {
        "users": users,
        "case": case,
        "denial": denial,
        "proposal": proposal,
        "paper": paper,
        "meeting": meeting,
        "ids": ids,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = _build(tmp_path_factory.mktemp("world"))
            w["clients"] = {}
            for who in SUBJECTS:
                c = Client()
                if who != "anonymous":
                    c.force_login(w["users"][who])
                w["clients"][who] = c
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# ---------------------------------------------------------------------------------- the checks
def _refused(who: str, api: bool) -> set[int]:
    if who == "anonymous":
        return {401, 404} if api else {302, 404}
    return {403, 404}


def _written() -> tuple[int, ...]:
    """Rows of every table of ours (audit events included) and of the users, counted in SQL
    (some managers guard their rows)."""
    tables = sorted(
        m._meta.db_table
        for m in apps.get_models()
        if m.__module__.startswith("catchall.") or m._meta.label == "auth.User"
    )
    with connection.cursor() as cur:
        # each count labelled by its table: UNION ALL promises no row order (PostgreSQL may
        # append the parts in parallel), so unlabelled counts could be compared out of place
        cur.execute(" UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables))
        return tuple(n for _, n in sorted(cur.fetchall()))


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(response.content)).pages
        return " ".join(" ".join(p.extract_text().split()) for p in pages)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return without_country_pickers(response.content.decode("utf-8", "replace"))


def _client(world, who: str, key: str) -> Client:
    """The role's shared client; its own for the routes that change who is signed in."""
    if key not in ("login", "logout"):
        return world["clients"][who]
    c = Client()
    if who != "anonymous":
        c.force_login(world["users"][who])
    return c


def _secrets(world, who: str = "exporter") -> tuple[str, ...]:
    """What ``who`` must never read: the denial, the confidential list, the consultation, the
    case itself for those who may not read the case, and (for partners, guests and the Point
    of Contact) the header of the US delegation's NOFORN action request."""
    case = world["case"]
    own = (case.reference,) if who not in CASE_READERS else ()
    noforn = NOFORN_HEADER if who in NOFORN_OUTSIDERS else ()
    return (*SECRETS, case.consultations.get().reason, *own, *noforn)


def test_every_route_and_api_operation_has_an_entry_in_the_table():
    keys = route_keys()
    assert sorted(keys - TABLE.keys()) == [], "declare who may GET and POST these routes"
    assert sorted(TABLE.keys() - keys) == [], "these entries name no route any more"


def test_the_world_holds_the_confidential_data_the_content_checks_look_for(world):
    """The content checks below can fail: the authority's own reader sees every secret."""
    officer = world["clients"]["licensing_officer"]
    case, denial = world["case"], world["denial"]
    seen = " ".join(
        _text(officer.get(url))
        for url in (
            f"/cases/{case.pk}/",
            f"/denials/{denial.pk}/",
            f"/lists/{CONFIDENTIAL_LIST}/",
            f"/cases/{case.pk}/summary.html",
        )
    )
    missing = [s for s in _secrets(world, "licensing_officer") if s not in seen]
    assert missing == []
    for key in BODIES:  # and what an outsider must not get from these, the officer gets
        answer = officer.post(key.split()[1], BODIES[key], content_type="application/json")
        assert CONFIDENTIAL_LIST in answer.content.decode(), key
    assessed = officer.post("/api/assess", BODIES["POST /api/assess"], "application/json")
    assert world["denial"].reference in assessed.content.decode()
    sponsor = world["clients"]["delegate"]  # the US delegation reads its NOFORN request
    page = _text(sponsor.get(f"/regime/proposals/{world['proposal'].pk}/"))
    assert all(h in page for h in NOFORN_HEADER)


@pytest.mark.parametrize("who", SUBJECTS)
def test_get_status_and_content_for_every_route(world, who):
    outsider = who in OUTSIDERS or who in ("other_exporter", "anonymous")
    secrets = _secrets(world, who)
    problems = []
    for r in routes(world):
        if r.method != "GET":
            continue
        rule = TABLE[r.key]
        resp = _client(world, who, r.key).get(r.url)
        if rule.get is None:
            expected = {405} | ({302} if who == "anonymous" else set())
        elif who in rule.get:
            expected = {rule.ok}
        else:
            expected = _refused(who, r.api)
        if resp.status_code not in expected:
            problems.append(f"GET {r.url}: {resp.status_code}, expected {sorted(expected)}")
        if outsider:
            text = _text(resp)
            problems += [f"GET {r.url} shows {s!r}" for s in secrets if s in text]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", SUBJECTS)
def test_post_to_every_route_is_refused_or_taken_as_declared(world, who):
    secrets = _secrets(world, who)
    problems = []
    for r in routes(world):
        if r.method not in ("POST", "PUT", "PATCH", "DELETE"):
            continue
        rule = TABLE[r.key]
        client = _client(world, who, r.key)
        send = getattr(client, r.method.lower())
        if r.api:
            body = {"data": BODIES.get(r.key, {}), "content_type": "application/json"}
        else:
            body = {"data": FORMS.get(r.key, {})}
        if rule.post is not None and who in rule.post:
            with transaction.atomic():  # an allowed action may write: undo it
                resp = send(r.url, **body)
                transaction.set_rollback(True)
            if resp.status_code in (401, 403) or resp.status_code >= 500:
                problems.append(f"{r.method} {r.url}: {resp.status_code}, but {who} may act")
        else:
            before = _written()
            resp = send(r.url, **body)
            if _written() != before:
                problems.append(f"{r.method} {r.url} by {who} wrote to the database")
            allowed = set(range(200, 500)) if rule.post is None else _refused(who, r.api) | {405}
            if resp.status_code not in allowed:
                problems.append(f"{r.method} {r.url}: {resp.status_code}, expected a refusal")
        if who in OUTSIDERS or who == "other_exporter":
            text = _text(resp)
            problems += [f"{r.method} {r.url} shows {s!r}" for s in secrets if s in text]
    assert not problems, "\n".join(problems)


def test_the_exporter_reads_its_own_case_and_letter_but_nothing_of_the_denial(world):
    """The content check reaches the exporter's own case: its page, API and PDF letter."""
    client, case = world["clients"]["exporter"], world["case"]
    letter = case.documents.get(kind="inform_letter")
    page = _text(client.get(f"/cases/{case.pk}/"))
    pdf = _text(client.get(f"/cases/{case.pk}/documents/{letter.pk}.pdf"))
    api = client.get(f"/api/cases/{case.pk}").json()
    assert case.reference in page and "Missile use." in pdf and api["reference"] == case.reference
    assert "assessment" not in api and "automatic_recommendation" not in api
    assert "Automatic assessment" not in page
    for s in _secrets(world):
        assert s not in page and s not in pdf and s not in str(api), s
