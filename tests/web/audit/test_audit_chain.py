"""The audit log is append-only and any edit or deletion is detected by the hash chain."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from catchall.web.audit.models import AuditEvent
from catchall.web.audit.services import record_event, verify_chain

pytestmark = pytest.mark.django_db(transaction=True)


def _events(n=3):
    for i in range(n):
        record_event(
            "case.note_added",
            actor="tester",
            object_type="case",
            object_id=i,
            after={"note": f"n{i}"},
        )


def _drop_triggers():
    """Simulate an attacker with database rights, who can get around the triggers."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cur.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")


def test_an_intact_chain_verifies():
    _events()
    report = verify_chain()
    assert report.ok and report.checked == 3


def test_the_database_refuses_to_update_or_delete_an_event():
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()


def test_an_edited_event_is_detected():
    _events()
    _drop_triggers()
    AuditEvent.objects.filter(seq=2).update(after={"note": "forged"})
    report = verify_chain()
    assert not report.ok
    assert any("event 2" in p and "edited" in p for p in report.problems)


def test_a_deleted_event_in_the_middle_is_detected():
    _events()
    _drop_triggers()
    AuditEvent.objects.filter(seq=2).delete()
    report = verify_chain()
    assert any("missing" in p for p in report.problems)


def test_a_deleted_last_event_is_detected():
    _events()
    _drop_triggers()
    AuditEvent.objects.filter(seq=3).delete()
    assert any("deleted" in p for p in verify_chain().problems)


def test_events_keep_actor_before_and_after():
    ev = record_event(
        "list.replaced",
        actor="cli",
        object_type="screening_list",
        object_id="x",
        before={"n": 1},
        after={"n": 2},
    )
    assert (ev.actor_label, ev.before, ev.after) == ("cli", {"n": 1}, {"n": 2})
