"""List entities keep what the list says beyond names: dates and places of birth,
nationalities, documents, regimes, in FollowTheMoney property names (issue 14)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0002_list_audience"),
    ]

    operations = [
        migrations.AddField(
            model_name="listentityrecord",
            name="properties",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
