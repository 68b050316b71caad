"""Key the audit chain with HMAC (the key lives outside the database, see audit/keys.py).

A log written before this migration was a plain SHA-256 chain. It is re-signed with the key
only when it verifies intact under the old scheme; a log that is already broken is left as it
is, so that ``catchall audit verify`` keeps reporting it.
"""

import hashlib
import json

from django.db import migrations, models

from catchall.web.audit import keys, triggers

GENESIS = "0" * 64


def _canonical(ev) -> str:
    fields = {
        "seq": ev.seq,
        "at": ev.at.isoformat(),
        "actor_id": ev.actor_id,
        "actor_label": ev.actor_label,
        "action": ev.action,
        "object_type": ev.object_type,
        "object_id": str(ev.object_id),
        "before": ev.before,
        "after": ev.after,
        "details": ev.details,
    }
    return json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def rekey(apps, schema_editor):
    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    events = list(Event.objects.order_by("seq"))
    if not events:
        return
    prev, seq = GENESIS, 1
    for ev in events:
        plain = hashlib.sha256((prev + _canonical(ev)).encode("utf-8")).hexdigest()
        if ev.seq != seq or ev.prev_hash != prev or ev.hash != plain:
            return  # already broken (or already keyed): leave it for `audit verify` to report
        prev, seq = ev.hash, seq + 1
    head = Head.objects.filter(id=1).first()
    if head is None or head.seq != seq - 1 or head.hash != prev:
        return
    key = keys.audit_key()
    connection = schema_editor.connection
    with triggers.lifted(connection):
        prev = GENESIS
        for ev in events:
            digest = keys.sign(key, prev + _canonical(ev))
            Event.objects.filter(pk=ev.pk).update(prev_hash=prev, hash=digest)
            prev = digest
    head.hash, head.key_id = prev, keys.fingerprint(key)
    head.save(update_fields=["hash", "key_id"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [
        migrations.AddField(
            model_name="auditchainhead",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
