"""StoredPdf.last_used_at: when a stored PDF was last served, so that pruning deletes the ones
nobody asked for in a while. A PDF stored before this counts as used when it was made."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def from_created_at(apps, schema_editor):
    apps.get_model("jobs", "StoredPdf").objects.update(last_used_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_stored_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name="storedpdf",
            name="last_used_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.RunPython(from_created_at, migrations.RunPython.noop),
    ]
