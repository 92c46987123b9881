"""A plan item keeps its explanation as messages (code + parameters) beside the Vietnamese text, to read it in
English and Chinese. Rows written before keep {} (a database default too, for the bulk INSERTs): the pages show
their Vietnamese text until the next run."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0003_budget_release_reserve'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalplanitem',
            name='explanation_message',
            field=models.JSONField(blank=True, db_default=models.Value({}, models.JSONField()), default=dict, verbose_name='explanation (message)'),
        ),
        migrations.AddField(
            model_name='planitem',
            name='explanation_message',
            field=models.JSONField(blank=True, db_default=models.Value({}, models.JSONField()), default=dict, verbose_name='explanation (message)'),
        ),
    ]
