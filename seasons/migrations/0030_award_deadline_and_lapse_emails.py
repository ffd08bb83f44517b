"""The selected applicant's and the promoted one's e-mails quote the award's deadline
($deadline, filled in when the e-mail is released), and a new template tells an applicant
that their offer lapsed.

Templates staff already edited keep their text: only a body still equal to the shipped
one is replaced. The lapse's templates are added when missing.
"""

from django.db import migrations, models

# The shipped bodies before this migration (the subjects do not change).
OLD = {
    ('selected', 'fr'): 'Bonjour,\n\nNous avons le plaisir de vous annoncer que votre candidature $reference ($project) à « $call » est retenue. L’équipe du programme vous contactera très vite pour préparer l’accompagnement.\n\nSuivre votre candidature : $status_url\nPour toute question, écrivez à $contact_email.\n',
    ('selected', 'en'): 'Hello,\n\nWe are glad to tell you that your application $reference ($project) to “$call” is selected. The program team will contact you very soon to prepare the support.\n\nFollow your application: $status_url\nFor any question, write to $contact_email.\n',
    ('promoted', 'fr'): 'Bonjour,\n\nVotre candidature $reference ($project) à « $call » était sur liste d’attente. Une place vient de se libérer : nous avons le plaisir de vous la proposer.\n\nAcceptez-la (ou déclinez-la) sur votre page de suivi dans les $days jours : passé ce délai, elle sera proposée à la candidature suivante.\n\nVotre page de suivi : $status_url\nPour toute question, écrivez à $contact_email.\n',
    ('promoted', 'en'): 'Hello,\n\nYour application $reference ($project) to “$call” was on the waiting list. A place has just opened: we are glad to offer it to you.\n\nAccept it (or decline it) on your status page within $days days: after that, it will be offered to the next application.\n\nYour status page: $status_url\nFor any question, write to $contact_email.\n',
}


def forwards(apps, schema_editor):
    from seasons.outbox import DEFAULT_DECISION_EMAILS as DEFAULTS

    Template = apps.get_model("seasons", "DecisionEmailTemplate")
    for (status, language), body in OLD.items():
        Template.objects.filter(status=status, language=language, body=body).update(
            body=DEFAULTS[status, language][1]
        )
    for (status, language), (subject, body) in DEFAULTS.items():
        if status == "lapsed":
            Template.objects.get_or_create(
                status=status, language=language, defaults={"subject": subject, "body": body}
            )


def backwards(apps, schema_editor):
    from seasons.outbox import DEFAULT_DECISION_EMAILS as DEFAULTS

    Template = apps.get_model("seasons", "DecisionEmailTemplate")
    for (status, language), body in OLD.items():
        Template.objects.filter(
            status=status, language=language, body=DEFAULTS[status, language][1]
        ).update(body=body)
    Template.objects.filter(status="lapsed").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('seasons', '0029_decision_template_placeholders'),
    ]

    operations = [
        migrations.AlterField(
            model_name='decisionemailtemplate',
            name='body',
            field=models.TextField(help_text='Placeholders: $reference, $project, $call, $status_url, $contact_email, $days (the days to accept an award), $deadline (the date and time before which the award is to be accepted, written in when the e-mail is released) and ${feedback}: the feedback to a declined application, with its introduction (empty without feedback).', verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='decisionemailtemplate',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted'), ('in_review', 'under review'), ('shortlisted', 'shortlisted'), ('selected', 'selected'), ('waitlisted', 'waiting list'), ('rejected', 'not selected'), ('withdrawn', 'withdrawn'), ('promoted', 'place offered from the waiting list'), ('lapsed', 'award offer lapsed without an answer')], max_length=20, verbose_name='decision'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
