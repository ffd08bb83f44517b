"""`Submission.answers`, every answer keyed by its question (issue 15), and file answers
keyed by their question (`Attachment.kind`, up to a question key's 60 characters).

SQLite adds a non-null column by rebuilding the table, which a trigger naming
`seasons_submission` (0013, no review of a draft) forbids: it is dropped for the rebuild
and created again after it, on both vendors alike.
"""

import importlib

from django.db import migrations, models

trigger = importlib.import_module("seasons.migrations.0013_review_never_on_draft")


class Migration(migrations.Migration):
    dependencies = [
        ("seasons", "0020_email_kind_sign_in_link"),
    ]

    operations = [
        migrations.RunPython(trigger.drop_trigger, trigger.create_trigger, elidable=False),
        migrations.AddField(
            model_name="historicalsubmission",
            name="answers",
            field=models.JSONField(blank=True, default=dict, verbose_name="answers"),
        ),
        migrations.AddField(
            model_name="submission",
            name="answers",
            field=models.JSONField(blank=True, default=dict, verbose_name="answers"),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="kind",
            field=models.CharField(
                choices=[
                    ("statutes", "statutes"),
                    ("accounts", "last certified accounts"),
                    ("presentation", "presentation"),
                    ("logo", "logo"),
                ],
                max_length=60,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(trigger.create_trigger, trigger.drop_trigger, elidable=False),
    ]
