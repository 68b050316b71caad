"""The queue's search column, filled for the cases that exist from their latest version."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from catchall.core.assessment.application import search_text

    Case = apps.get_model("cases", "Case")
    Version = apps.get_model("cases", "ApplicationVersion")
    batch = []
    for case in Case.objects.only("id").iterator(chunk_size=500):
        version = Version.objects.filter(case_id=case.pk).order_by("-number").first()
        if version is None:
            continue
        case.search_text = search_text(version.data)
        batch.append(case)
        if len(batch) >= 500:
            Case.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_applicationdraft")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
