"""Findings keep their reasoning as a message code and parameters, to read it in English and Chinese.

The findings of earlier scans keep their Vietnamese text (the message cannot be recovered from it): the pages show
that text until the next `tiendo scan`, which stores the message with every finding."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_scan_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="finding",
            name="message",
            field=models.JSONField(blank=True, default=dict, verbose_name="reasoning (message)"),
        ),
    ]
