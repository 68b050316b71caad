"""The chain is keyed outside the database: a re-hashed rewrite and a truncation kept against an
anchor are caught (issue 9, finding 4)."""

import hashlib
import json
import os
import stat

import pytest
from django.db import connection

from catchall.core.errors import InputError
from catchall.web.audit import keys
from catchall.web.audit.anchor import GENESIS, parse_anchor
from catchall.web.audit.models import AuditChainHead, AuditEvent
from catchall.web.audit.services import chain_head, record_event, verify_chain

pytestmark = pytest.mark.django_db(transaction=True)


def _events(n=3):
    for i in range(n):
        record_event(
            "case.decided",
            actor="tester",
            object_type="case",
            object_id=i,
            after={"decided_by": "Senior Officer", "outcome": "refuse"},
        )


def _drop_triggers():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cur.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")


def _plain_rehash_from(seq: int) -> None:
    """What an attacker with database rights (but not the key) can do: recompute the chain."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS
    for ev in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        fields = {
            "seq": ev.seq,
            "at": ev.at.isoformat(),
            "actor_id": ev.actor_id,
            "actor_label": ev.actor_label,
            "action": ev.action,
            "object_type": ev.object_type,
            "object_id": ev.object_id,
            "before": ev.before,
            "after": ev.after,
            "details": ev.details,
        }
        canonical = json.dumps(
            fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
        )
        digest = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
        AuditEvent.objects.filter(pk=ev.pk).update(prev_hash=prev, hash=digest)
        prev = digest
    AuditChainHead.objects.filter(id=1).update(hash=prev)


def test_changing_who_decided_and_rehashing_is_detected():
    _events()
    _drop_triggers()
    AuditEvent.objects.filter(seq=2).update(
        actor_label="someone else", after={"decided_by": "Someone Else", "outcome": "approve"}
    )
    _plain_rehash_from(2)
    report = verify_chain()
    assert not report.ok
    assert any("event 2" in p and "re-hashed" in p for p in report.problems)


def test_deleting_the_newest_events_and_winding_the_head_back_is_caught_by_the_anchor():
    _events(4)
    anchor = chain_head()
    assert anchor.seq == 4
    _drop_triggers()
    AuditEvent.objects.filter(seq__gte=3).delete()
    last = AuditEvent.objects.get(seq=2)
    AuditChainHead.objects.filter(id=1).update(seq=2, hash=last.hash)
    # The log alone looks whole: only a head kept outside the database can tell.
    assert verify_chain().ok
    report = verify_chain(parse_anchor(str(anchor)))
    assert not report.ok
    assert any("kept outside the database" in p for p in report.problems)
    # The bare hash works as well as SEQ:HASH.
    assert not verify_chain(parse_anchor(anchor.hash)).ok


def test_an_anchor_that_the_log_still_reaches_verifies():
    _events(2)
    anchor = chain_head()
    _events(3)
    assert verify_chain(anchor).ok
    wrong_seq = parse_anchor(f"1:{anchor.hash}")
    assert not verify_chain(wrong_seq).ok


def test_an_anchor_of_the_empty_log_verifies():
    assert verify_chain(parse_anchor(f"0:{GENESIS}")).ok


@pytest.mark.parametrize("text", ["", "abc", "g" * 64, "x:" + "a" * 64, "a" * 63])
def test_a_malformed_anchor_names_the_option(text):
    with pytest.raises(InputError) as exc:
        parse_anchor(text)
    assert exc.value.problems[0].field == "--expect"


def test_another_key_is_told_apart_from_tampering(monkeypatch):
    _events(2)
    monkeypatch.setenv("CATCHALL_AUDIT_KEY", "a-different-key")
    report = verify_chain()
    assert not report.ok
    assert any("audit key" in p for p in report.problems)


def test_the_key_file_is_private_and_stable(tmp_path, settings, monkeypatch):
    monkeypatch.delenv("CATCHALL_AUDIT_KEY", raising=False)
    settings.CATCHALL_HOME = tmp_path
    first = keys.audit_key()
    assert keys.audit_key() == first
    mode = stat.S_IMODE(os.stat(tmp_path / keys.KEY_FILE_NAME).st_mode)
    assert mode == 0o600
    keys._load.cache_clear()
    assert keys.audit_key() == first  # read back from the file, not made anew
