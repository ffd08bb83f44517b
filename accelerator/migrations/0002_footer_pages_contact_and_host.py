"""The footer's legal pages name the program's contact address and the host.

Their first text sent people to "the address given in the calls", which no call showed,
and left the host as a sentence to complete. Both become placeholders that the page
template fills from settings (CONTACT_EMAIL, HOSTING_PROVIDER_*). Only the original
sentences are rewritten: a page staff already changed keeps their text.
"""

from django.db import migrations

REWRITES = {
    "/mentions-legales/": [
        (
            "<p>Le site est hébergé en France, par le prestataire retenu par la {operator}. "
            "Son nom, son\nadresse et son téléphone sont indiqués ici à la mise en service.</p>",
            "<p>Le site est hébergé en France, par [[hosting_provider]].</p>",
        ),
        (
            "écrivez à l’équipe du programme à\nl’adresse indiquée dans les appels à projets.",
            "écrivez à l’équipe du programme à\nl’adresse [[contact_email]].",
        ),
    ],
    "/donnees-personnelles/": [
        (
            "en écrivant à l’équipe du programme. Si vous",
            "en écrivant à l’équipe du programme à l’adresse [[contact_email]]. Si vous",
        ),
    ],
    "/accessibilite/": [
        (
            "contactez l’équipe du\nprogramme pour être orienté",
            "contactez l’équipe du\nprogramme à l’adresse [[contact_email]] pour être orienté",
        ),
    ],
}


def rewrite(apps, forward):
    from django.conf import settings

    FlatPage = apps.get_model("flatpages", "FlatPage")
    for url, pairs in REWRITES.items():
        for page in FlatPage.objects.filter(url=url):
            for old, new in pairs:
                old = old.format(operator=settings.OPERATOR_NAME)
                before, after = (old, new) if forward else (new, old)
                page.content = page.content.replace(before, after)
            page.save(update_fields=["content"])


def forwards(apps, schema_editor):
    rewrite(apps, forward=True)


def backwards(apps, schema_editor):
    rewrite(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("accelerator", "0001_footer_pages")]

    operations = [migrations.RunPython(forwards, backwards)]
