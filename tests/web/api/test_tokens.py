"""API tokens: created on the page by an exporter's administrator, shown once, stored hashed,
accepted as ``Authorization: Bearer``, limited to their scopes and to their user's role,
refused with 401 once expired or revoked, audited when created, used (once a minute) and revoked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from catchall.web.audit.models import AuditEvent
from catchall.web.demo import ensure_user
from catchall.web.tokens.models import ApiToken
from catchall.web.tokens.services import token_create, token_revoke
from tests.web.confidential import FLOW_FORMER, application

pytestmark = pytest.mark.django_db

APPLICATION = application(end_user="Aero Composites SA", reference="ERP-1")
ITEM = {k: v for k, v in FLOW_FORMER.items() if k != "quantity"}  # an item, not a line


@pytest.fixture
def admin(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    user = ensure_user("erp-admin", "exporter", org, "Erika Admin")
    user.profile.org_admin = True
    user.profile.save()
    return user


@pytest.fixture
def colleague(admin):
    return ensure_user("colleague", "exporter", admin.profile.organisation, "Carl Colleague")


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _token(admin, *scopes, days=90) -> str:
    return token_create(actor=admin, name="ERP", scopes=list(scopes), lifetime_days=days).secret


def _signed_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_page_creates_a_token_shown_once_and_stored_hashed(admin):
    c = _signed_in(admin)
    r = c.post(
        "/account/tokens/",
        {"name": "SAP production", "scopes": ["read", "apply"], "lifetime": "30"},
    )
    assert r.status_code == 200
    assert r["Cache-Control"] == "no-store"
    secret = re.search(
        r'<code class="secret">(ca_[0-9a-f]{8}_[\w-]{43})</code>', r.content.decode()
    ).group(1)
    token = ApiToken.objects.get()
    assert token.name == "SAP production" and token.scopes == ["read", "apply"]
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix + "_")
    assert (token.expires_at - token.created_at).days == 30
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    listing = c.get("/account/tokens/").content.decode()
    assert "SAP production" in listing and token.prefix in listing and secret not in listing
    event = AuditEvent.objects.get(action="token.create")
    assert event.actor_id == admin.pk and secret not in json.dumps(event.after)


def test_page_errors_follow_the_govuk_pattern_and_write_nothing(admin):
    r = _signed_in(admin).post("/account/tokens/", {"name": "", "lifetime": "7"})
    assert r.status_code == 422
    html = r.content.decode()
    assert "<title>Error:" in html and "govuk-error-summary" in html
    for field in ("name", "scopes", "lifetime"):
        assert f'href="#{field}"' in html and f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    assert (
        not ApiToken.objects.exists()
        and not AuditEvent.objects.filter(action="token.create").exists()
    )


@pytest.mark.parametrize(
    ("name", "lifetime", "field", "message"),
    [
        ("\u200b\u200e\u202e", "30", "name", "Enter a name for the token"),
        ("SAP\nproduction", "30", "name", "Name must be one line of text"),
        ("SAP", "99999999999999999999", "lifetime", "valid: 30, 90 or 365 days"),
    ],
)
def test_an_invisible_name_or_an_odd_lifetime_is_refused_in_words(
    admin, name, lifetime, field, message
):
    """A name of zero-width and direction marks only would list a blank token; the lifetimes
    are offered in words, not as a Python tuple."""
    r = _signed_in(admin).post(
        "/account/tokens/", {"name": name, "scopes": ["read"], "lifetime": lifetime}
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert f'href="#{field}"' in html and message in html and "(30, 90, 365)" not in html
    assert not ApiToken.objects.exists()


def test_an_exporter_who_is_not_its_administrator_is_refused(colleague):
    c = _signed_in(colleague)
    assert c.get("/account/tokens/").status_code == 403
    r = c.post("/account/tokens/", {"name": "x", "scopes": ["read"], "lifetime": "30"})
    assert r.status_code == 403 and not ApiToken.objects.exists()


def test_bearer_token_acts_as_its_user_within_its_scopes(admin):
    c = Client(enforce_csrf_checks=True)  # a token needs no CSRF token: no cookie to forge
    read_only = _token(admin, "read")
    assert c.get("/api/cases", **bearer(read_only)).status_code == 200
    r = c.post(
        "/api/screen",
        data={"name": "Aero Composites SA"},
        content_type="application/json",
        **bearer(read_only),
    )
    assert r.status_code == 403 and "screen" in r.json()["error"]
    screener = _token(admin, "screen")
    r = c.post(
        "/api/screen",
        data={"name": "Aero Composites SA"},
        content_type="application/json",
        **bearer(screener),
    )
    assert r.status_code == 200 and r.json()["decision"] in ("match", "possible", "clear")
    assert c.get("/api/cases", **bearer(screener)).status_code == 403  # no read scope
    applier = _token(admin, "apply")
    r = c.post("/api/cases", data=APPLICATION, content_type="application/json", **bearer(applier))
    assert r.status_code == 200, r.content
    from catchall.web.cases.models import Case

    assert Case.objects.get().created_by == admin  # the token acts as its user


def test_assess_needs_screen_and_classify(admin):
    c = Client()
    r = c.post(
        "/api/assess",
        data=APPLICATION,
        content_type="application/json",
        **bearer(_token(admin, "screen")),
    )
    assert r.status_code == 403 and "classify" in r.json()["error"]
    r = c.post(
        "/api/assess",
        data=APPLICATION,
        content_type="application/json",
        **bearer(_token(admin, "screen", "classify")),
    )
    assert r.status_code == 200, r.content


def test_classify_is_public_but_a_token_sent_must_be_good(admin):
    c = Client()
    item = ITEM
    assert c.post("/api/classify", data=item, content_type="application/json").status_code == 200
    r = c.post(
        "/api/classify", data=item, content_type="application/json", **bearer(_token(admin, "read"))
    )
    assert r.status_code == 403
    r = c.post(
        "/api/classify", data=item, content_type="application/json", **bearer("ca_00000000_nope")
    )
    assert r.status_code == 401


def test_a_token_never_does_more_than_its_users_role(admin):
    everything = _token(admin, "read", "screen", "classify", "apply")
    c = Client()
    assert c.get("/api/denials", **bearer(everything)).status_code == 403  # authority only
    # an unsafe endpoint that declares no scope refuses tokens altogether
    r = c.post("/api/lists/x/import", **bearer(everything))
    assert r.status_code == 403 and "tokens may not" in r.json()["error"]


def test_revoked_expired_and_unknown_tokens_get_401_json(admin):
    c = Client()
    secret = _token(admin, "read")
    token = ApiToken.objects.get()
    assert c.get("/api/cases", **bearer(secret)).status_code == 200
    token_revoke(actor=admin, token=token)
    r = c.get("/api/cases", **bearer(secret))
    assert r.status_code == 401 and r.json()["error"] and r["WWW-Authenticate"].startswith("Bearer")
    expired = _token(admin, "read")
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert c.get("/api/cases", **bearer(expired)).status_code == 401
    assert c.get("/api/cases", **bearer("ca_12345678_" + "x" * 43)).status_code == 401
    assert c.get("/api/cases", **bearer("garbage")).status_code == 401
    # a deactivated user's tokens stop too
    live = _token(admin, "read")
    admin.is_active = False
    admin.save()
    assert c.get("/api/cases", **bearer(live)).status_code == 401


def test_use_is_audited_once_per_token_per_minute(admin):
    c = Client()
    secret = _token(admin, "read")
    for _ in range(3):
        assert c.get("/api/cases", **bearer(secret)).status_code == 200
    assert AuditEvent.objects.filter(action="token.use").count() == 1
    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(seconds=61))
    assert c.get("/api/lists", **bearer(secret)).status_code == 200
    uses = AuditEvent.objects.filter(action="token.use").order_by("seq")
    assert uses.count() == 2 and uses.last().details["path"] == "/api/lists"


def test_revoking_on_the_page_is_audited_and_limited_to_the_organisation(admin):
    from catchall.web.accounts.models import Organisation

    secret = _token(admin, "read")
    token = ApiToken.objects.get()
    other_org = Organisation.objects.create(name="Other AG", kind="exporter", country="DE")
    other = ensure_user("other-admin", "exporter", other_org)
    other.profile.org_admin = True
    other.profile.save()
    assert _signed_in(other).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert Client().get("/api/cases", **bearer(secret)).status_code == 200
    r = _signed_in(admin).post(f"/account/tokens/{token.pk}/revoke/")
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == admin
    assert AuditEvent.objects.filter(action="token.revoke", object_id=str(token.pk)).count() == 1


def test_openapi_documents_bearer_auth(client):
    schema = client.get("/api/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["BearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert {"BearerAuth": []} in schema["paths"]["/api/screen"]["post"]["security"]
    assert {"BearerAuth": []} in schema["paths"]["/api/cases"]["get"]["security"]


def test_a_token_stops_when_its_user_changes_role_or_organisation(admin):
    """A token acts as its user only while that user is still an administrator of the token's
    organisation: a user who moves to the authority (or another exporter) must not carry an
    exporter's token into the new role's powers."""
    from catchall.web.accounts.models import Organisation

    c = Client()
    secret = _token(admin, "read")
    assert c.get("/api/cases", **bearer(secret)).status_code == 200
    profile = admin.profile
    profile.role = "licensing_officer"  # now authority staff: the token must not read denials
    profile.save()
    assert c.get("/api/denials", **bearer(secret)).status_code == 401
    profile.role = "exporter"
    profile.organisation = Organisation.objects.create(name="B GmbH", kind="exporter", country="DE")
    profile.save()
    assert c.get("/api/cases", **bearer(secret)).status_code == 401
    profile.organisation = ApiToken.objects.get().organisation
    profile.org_admin = False  # no longer its administrator: its tokens stop with the right
    profile.save()
    assert c.get("/api/cases", **bearer(secret)).status_code == 401
    deputy = ensure_user("deputy", "exporter", profile.organisation, "Dora Deputy")
    deputy.profile.org_admin = True
    deputy.profile.save()
    listing = _signed_in(deputy).get("/account/tokens/").content.decode()
    assert "Not working: Erika Admin is no longer this organisation" in listing
    assert f"/account/tokens/{ApiToken.objects.get().pk}/revoke/" in listing  # still revocable
    profile.org_admin = True
    profile.save()
    assert c.get("/api/cases", **bearer(secret)).status_code == 200


def test_a_token_of_one_organisation_never_reads_anothers_case(admin):
    from catchall.web.accounts.models import Organisation
    from catchall.web.cases.services import case_create

    other_org = Organisation.objects.create(name="Other AG", kind="exporter", country="DE")
    other = ensure_user("other-exp", "exporter", other_org)
    case = case_create(data=APPLICATION, actor=other)
    c = Client()
    secret = _token(admin, "read", "apply")
    assert c.get(f"/api/cases/{case.pk}", **bearer(secret)).status_code == 404
    listing = c.get("/api/cases", **bearer(secret)).json()
    assert case.reference not in json.dumps(listing)
    r = c.post(
        f"/api/cases/{case.pk}/actions/withdraw",
        data={"lock_version": case.lock_version, "reason": "x"},
        content_type="application/json",
        **bearer(secret),
    )
    assert r.status_code == 404


def test_token_pages_need_the_csrf_token(admin):
    c = Client(enforce_csrf_checks=True)
    c.force_login(admin)
    r = c.post("/account/tokens/", {"name": "x", "scopes": ["read"], "lifetime": "30"})
    assert r.status_code == 403 and not ApiToken.objects.exists()
    token = token_create(actor=admin, name="ERP", scopes=["read"], lifetime_days=30).token
    assert c.post(f"/account/tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_screens_against_the_lists_its_user_may_see(admin, tmp_path):
    """An exporter's screening token reaches public lists only: a name on an authority-only
    list or in a partner's denial is no hit, and neither list nor denial is named."""
    from catchall.web.accounts.models import Organisation
    from catchall.web.screening.index import reset_index
    from tests.web.confidential import (
        CONFIDENTIAL_LIST,
        DENIED_END_USER,
        SECRETS,
        WATCHED,
        import_confidential_list,
        import_partner_denial,
    )

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    liaison = ensure_user("liaison", "partner_liaison", authority)
    import_confidential_list(liaison, tmp_path)
    import_partner_denial(liaison)
    reset_index()
    c = Client()
    secret = _token(admin, "read", "screen")
    for name in (WATCHED, DENIED_END_USER):
        r = c.post(
            "/api/screen", data={"name": name}, content_type="application/json", **bearer(secret)
        )
        assert r.status_code == 200 and r.json()["decision"] == "clear", r.content
        assert all(s not in r.content.decode() for s in SECRETS if s != WATCHED)
    r = c.post(
        "/api/screen",
        data={"name": WATCHED, "lists": [CONFIDENTIAL_LIST]},
        content_type="application/json",
        **bearer(secret),
    )
    assert r.status_code in (403, 404, 422) and CONFIDENTIAL_LIST not in json.dumps(
        c.get("/api/lists", **bearer(secret)).json()
    )
    reset_index()


def test_a_revoked_token_still_in_use_is_audited_once_a_minute(admin):
    from django.core.cache import cache

    cache.clear()
    secret = _token(admin, "read")
    token = ApiToken.objects.get()
    token_revoke(actor=admin, token=token)
    c = Client()
    for _ in range(3):
        assert c.get("/api/cases", **bearer(secret)).status_code == 401
    [event] = AuditEvent.objects.filter(action="token.refused")
    assert event.details == {"prefix": token.prefix, "status": "revoked", "path": "/api/cases"}
    assert event.actor_id is None and secret not in json.dumps(event.details)
    # an unknown token names nothing to audit
    assert c.get("/api/cases", **bearer("ca_12345678_" + "y" * 43)).status_code == 401
    assert AuditEvent.objects.filter(action="token.refused").count() == 1
    cache.clear()


def test_batch_screening_takes_a_screen_token(admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def batch(token):
        csv = b"id,name,country,schema\n1,Aero Composites SA,FR,Company\n"
        return Client().post(
            "/api/screen/batch",
            {"file": SimpleUploadedFile("parties.csv", csv)},
            **bearer(token),
        )

    assert batch(_token(admin, "read")).status_code == 403
    r = batch(_token(admin, "screen"))
    assert r.status_code == 202, r.content
