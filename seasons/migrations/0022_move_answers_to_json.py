"""Every application's answers move into `Submission.answers` (issue 15).

The season-2 columns and the `Referent` rows are copied under their names
(`seasons.applying.stored_answers.from_columns`); the columns stay, still written by the
season-2 form, so the reverse rebuilds the columns and referents from `answers`
(`to_columns`) and loses nothing either way. Files are `Attachment` rows already keyed by
their question: they do not move.
"""

from django.db import migrations

from seasons.applying.stored_answers import (
    ANSWER_COLUMNS,
    REFERENT_FIELDS,
    from_columns,
    to_columns,
)

BATCH = 500


def move_answers(apps, schema_editor):
    Submission = apps.get_model("seasons", "Submission")
    submissions = Submission.objects.prefetch_related("referents").order_by("pk")
    for start in range(0, submissions.count(), BATCH):
        changed = []
        for submission in submissions[start : start + BATCH]:
            referents = [
                {name: getattr(r, name) for name in REFERENT_FIELDS}
                for r in sorted(submission.referents.all(), key=lambda r: r.position)
            ]
            submission.answers = from_columns(submission, referents)
            changed.append(submission)
        Submission.objects.bulk_update(changed, ["answers"])


def move_answers_back(apps, schema_editor):
    Submission = apps.get_model("seasons", "Submission")
    Referent = apps.get_model("seasons", "Referent")
    for submission in Submission.objects.order_by("pk").iterator(chunk_size=BATCH):
        referents = to_columns(submission, submission.answers)
        # An update, not save(): `updated_at` keeps the applicant's last change.
        Submission.objects.filter(pk=submission.pk).update(
            **{name: getattr(submission, name) for name in ANSWER_COLUMNS}
        )
        submission.referents.all().delete()
        Referent.objects.bulk_create(
            Referent(submission=submission, position=position, **values)
            for position, values in enumerate(referents, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("seasons", "0021_submission_answers")]

    operations = [migrations.RunPython(move_answers, move_answers_back)]
