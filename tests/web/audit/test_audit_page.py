"""The audit page (/audit/): administrators only; events in words, filtered and paginated;
the chain's verification status, which turns to "broken" when an event is edited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from catchall.web.accounts.models import Organisation
from catchall.web.audit.models import AuditEvent
from catchall.web.audit.services import record_event
from catchall.web.audit.views import PAGE_SIZE
from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin():
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    ensure_user("lena", "licensing_officer", org, "Lena Licensing")
    return ensure_user("ada", "administrator", org, "Ada Admin")


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _events(n: int, action="list.imported", object_type="screening_list", actor="system"):
    for i in range(n):
        record_event(action, actor=actor, object_type=object_type, object_id=f"list-{i}")


def test_only_administrators_read_it_and_it_is_in_their_navigation(admin):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="lena")
    assert _client(officer).get("/audit/").status_code == 403
    assert 'href="/audit/"' not in _client(officer).get("/").content.decode()
    r = _client(admin).get("/audit/")
    assert r.status_code == 200
    assert 'href="/audit/" aria-current="page"' in r.content.decode()


def test_the_chain_verifies_up_to_the_last_event(admin):
    _events(3)
    html = _client(admin).get("/audit/").content.decode()
    assert "Chain verified" in html
    assert "All 3 events verify, up to event 3" in html


def test_an_edited_event_breaks_the_chain_at_that_event(admin):
    _events(5)
    from catchall.web.audit.triggers import lifted

    with lifted(connection):  # what someone with database rights could do, on either database
        AuditEvent.objects.filter(seq=3).update(actor_label="someone else")
    html = _client(admin).get("/audit/").content.decode()
    assert "Chain broken" in html
    assert "The chain is broken at event 3" in html
    assert "Chain verified" not in html


def test_another_key_is_named_as_such(admin, monkeypatch):
    _events(2)
    monkeypatch.setenv("CATCHALL_AUDIT_KEY", "another key entirely")
    html = _client(admin).get("/audit/").content.decode()
    assert "Chain written with another key" in html


def test_filters_by_who_action_object_and_date(admin):
    from django.contrib.auth import get_user_model

    lena = get_user_model().objects.get(username="lena")
    _events(2)
    record_event(
        "case.start_review",
        actor=lena,
        object_type="case",
        object_id=7,
        details={"reference": "CA-2026-00007"},
    )
    c = _client(admin)

    def rows(**query):
        r = c.get("/audit/", query)
        assert r.status_code == 200, r.content.decode()[:500]
        return r.content.decode().count('<td data-label="Event">')

    assert rows() == 3
    assert rows(who="Lena") == 1  # by name
    assert rows(who="lena") == 1  # by username
    assert rows(action="list.imported") == 2
    assert rows(object_type="case") == 1
    today = dt.date.today()
    assert rows(date_from=today.isoformat(), date_to=today.isoformat()) == 3
    assert rows(date_to=(today - dt.timedelta(days=1)).isoformat()) == 0
    html = c.get("/audit/", {"object_type": "case"}).content.decode()
    assert "<strong>Lena Licensing</strong> started the review." in html
    assert "case CA-2026-00007" in html
    assert '<option value="case.start_review">case: start review</option>' in html


def test_a_wrong_date_is_shown_by_its_field_and_filters_nothing_out(admin):
    _events(1)
    r = _client(admin).get("/audit/", {"date_from": "31/12/2026"})
    assert r.status_code == 422
    html = r.content.decode()
    assert "<title>Error:" in html
    assert 'href="#date_from"' in html  # the error summary links to the field
    assert 'aria-invalid="true" aria-describedby="date_from-error"' in html
    assert "From date must be a date, like 2026-12-31" in html


def test_a_decision_is_told_with_its_public_reason(admin):
    """The audit page mixes cases: each decision still finds its own reason."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from catchall.web.cases.models import Case, Decision, Recommendation

    lena = get_user_model().objects.get(username="lena")
    exporter_org = Organisation.objects.create(name="Acme", kind="exporter", country="DE")
    case = Case.objects.create(
        reference="CA-1",
        organisation=exporter_org,
        created_by=lena,
        created_at=timezone.now(),
        status_changed_at=timezone.now(),
    )
    rec = Recommendation.objects.create(
        case=case, by=lena, at=timezone.now(), outcome="deny", reasoning="r"
    )
    Decision.objects.create(
        case=case, by=admin, at=timezone.now(), outcome="deny", reason="Listed.", countersigns=rec
    )
    record_event(
        "case.decide",
        actor=admin,
        object_type="case",
        object_id=case.pk,
        details={"outcome": "deny"},
    )
    html = _client(admin).get("/audit/").content.decode()
    assert "<strong>Ada Admin</strong> refused the application: “Listed.”" in html


def test_pages_keep_the_filters(admin):
    _events(PAGE_SIZE + 5)
    record_event("case.submit", actor="system", object_type="case", object_id=1)
    c = _client(admin)
    first = c.get("/audit/", {"action": "list.imported"}).content.decode()
    assert first.count('<td data-label="Event">') == PAGE_SIZE
    assert "Page 1 of 2" in first
    assert 'href="?action=list.imported&amp;page=2"' in first
    second = c.get("/audit/", {"action": "list.imported", "page": 2}).content.decode()
    assert second.count('<td data-label="Event">') == 5
    assert "case: submit" not in second.split("<table")[1]
    # newest first: page 2 ends with event 1
    assert '<td data-label="Event">1</td>' in second


# --- verification from a checkpoint (audit/checkpoint.py) -----------------------------------


def _edit(seq: int) -> None:
    from catchall.web.audit.triggers import lifted

    with lifted(connection):  # what someone with database rights could do, on either database
        AuditEvent.objects.filter(seq=seq).update(actor_label="someone else")


def test_a_later_load_verifies_the_events_since_the_last_one_and_says_so(admin):
    _events(5)
    c = _client(admin)
    assert "All 5 events verify, up to event 5" in c.get("/audit/").content.decode()
    _events(2)
    html = c.get("/audit/").content.decode()
    assert "Chain verified" in html
    assert "Events 5 to 7 were verified now (3 events)" in html
    assert "the whole chain was last verified on" in html
    assert 'href="?verify=full"' in html


def test_an_edit_after_the_checkpoint_or_of_its_event_is_found_at_once(admin):
    _events(5)
    c = _client(admin)
    c.get("/audit/")  # checkpoint at event 5
    _events(3)
    _edit(7)
    html = c.get("/audit/").content.decode()
    assert "The chain is broken at event 7" in html
    _edit(5)  # the checkpoint's own event
    assert "The chain is broken at event 5" in c.get("/audit/").content.decode()


def test_an_edit_before_the_checkpoint_is_found_by_the_full_check(admin, settings):
    _events(5)
    c = _client(admin)
    c.get("/audit/")
    _edit(2)
    # Until the next full check the page verifies from event 5 on, and says since when.
    assert "Events 5 to 5 were verified now" in c.get("/audit/").content.decode()
    assert "The chain is broken at event 2" in c.get("/audit/?verify=full").content.decode()
    # ... and the full check comes by itself once the last one is older than the setting.
    settings.CATCHALL_AUDIT_FULL_VERIFY_MINUTES = 0
    assert "The chain is broken at event 2" in c.get("/audit/").content.decode()


def test_a_checkpoint_changed_without_the_key_is_ignored(admin):
    from django.utils import timezone

    from catchall.web.audit.checkpoint import verify_for_page
    from catchall.web.audit.models import AuditCheckpoint

    _events(5)
    assert verify_for_page().full
    _edit(2)
    later = timezone.now() + dt.timedelta(hours=2)  # the next full check is due by then
    # Someone pushes the last full check forward to put it off: the signature no longer fits.
    AuditCheckpoint.objects.filter(id=1).update(full_at=later)
    checked = verify_for_page(now=later)
    assert checked.full
    assert checked.report.first_bad == 2
