from django.db import migrations

# The five criteria of the AIC's season 2, for the calls that exist before rubrics did.
CRITERIA = [
    ("Intérêt général et ressource commune", "Une finalité d’intérêt général, un travail sur une ressource d’intérêt commun."),
    ("Impact", "Publics touchés, action sur la cause du problème, capacité à grandir et à essaimer."),
    ("Maturité et structuration", "Preuve de terrain, équipe solide, gouvernance stable."),
    ("Porteur juridique", "Porté par une association ou une administration publique."),
    ("Gouvernance partagée", "Des décisions partagées avec les contributeurs et les usagers."),
]


def forwards(apps, schema_editor):
    from seasons.outbox import DEFAULT_DECISION_EMAILS as DEFAULTS

    Call = apps.get_model("seasons", "Call")
    Criterion = apps.get_model("seasons", "Criterion")
    Template = apps.get_model("seasons", "DecisionEmailTemplate")
    for call in Call.objects.all():
        if not Criterion.objects.filter(call=call).exists():
            for position, (title, description) in enumerate(CRITERIA, start=1):
                Criterion.objects.create(
                    call=call, position=position, title=title, description=description
                )
    for (status, language), (subject, body) in DEFAULTS.items():
        Template.objects.get_or_create(
            status=status, language=language, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("seasons", "0003_review_and_decisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
