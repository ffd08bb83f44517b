"""The default decision e-mails end with the program's contact address ($contact_email).

Templates staff already edited keep their text: only a body that still ends with the
original "follow your application" line gets the contact line after it.
"""

from django.db import migrations

ENDINGS = {
    "fr": ("Suivre votre candidature : $status_url\n", "Pour toute question, écrivez à $contact_email.\n"),
    "en": ("Follow your application: $status_url\n", "For any question, write to $contact_email.\n"),
}


def forwards(apps, schema_editor):
    Template = apps.get_model("seasons", "DecisionEmailTemplate")
    for template in Template.objects.filter(language__in=ENDINGS):
        ending, contact = ENDINGS[template.language]
        if template.body.endswith(ending):
            template.body += contact
            template.save(update_fields=["body"])


def backwards(apps, schema_editor):
    Template = apps.get_model("seasons", "DecisionEmailTemplate")
    for template in Template.objects.filter(language__in=ENDINGS):
        ending, contact = ENDINGS[template.language]
        if template.body.endswith(ending + contact):
            template.body = template.body.removesuffix(contact)
            template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("seasons", "0010_submission_year_index")]

    operations = [migrations.RunPython(forwards, backwards)]
