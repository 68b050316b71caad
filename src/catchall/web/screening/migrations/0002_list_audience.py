"""Lists carry their audience: who may screen against them (see accounts.confidentiality).

Lists already imported become authority-only, since nobody said they were public; the
packaged starter list takes the audience its file declares (public designations)."""

from django.db import migrations, models


def starter_audience(apps, schema_editor):
    from catchall.core.screening.starter import LIST_NAME, starter_list_info

    ScreeningList = apps.get_model("screening", "ScreeningList")
    ScreeningList.objects.filter(name=LIST_NAME, source__startswith="packaged starter list").update(
        audience=starter_list_info().audience
    )


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="screeninglist",
            name="audience",
            field=models.CharField(
                choices=[
                    ("public", "Public: anyone signed in may screen against it"),
                    ("authority", "Licensing authority only (confidential)"),
                ],
                default="authority",
                max_length=20,
            ),
        ),
        migrations.RunPython(starter_audience, migrations.RunPython.noop),
    ]
