"""The program's contact address (CONTACT_EMAIL) on every call page and in every e-mail."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from seasons.models import DecisionEmailTemplate, OutboundEmail, Submission, SubmissionStatus
from seasons.selection import decisions
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db

FOOTER = "Ce message est automatique. Pour toute question, écrivez à aic@numerique.gouv.fr."


@pytest.fixture(autouse=True)
def contact(settings):
    settings.CONTACT_EMAIL = "aic@numerique.gouv.fr"


def test_call_page_gives_the_contact_address(client):
    call = open_call()
    html = client.get(call.get_absolute_url()).content.decode()
    assert (
        '<dt class="fr-text--bold">Questions sur l’appel</dt>\n'
        '    <dd><a href="mailto:aic@numerique.gouv.fr">aic@numerique.gouv.fr</a></dd>'
    ) in html


def test_every_email_to_the_applicant_ends_with_the_contact_address(client, post):
    other_call, call = open_call(), open_call()
    post(apply_url(other_call), start(client, other_call), "draft", {"contact_email": "a@b.org"})
    post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
    submission = Submission.objects.get(call=call)
    post(reverse("applications:withdraw", args=[submission.access_key]), "", "")
    post(reverse("applications:lost_link"), "", "", {"email": "contact@asso-exemple.org"})
    kinds = list(OutboundEmail.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["draft_link", "confirmation", "withdrawal", "links"]
    assert [message.body.rstrip().rsplit("\n", 1)[-1] for message in mail.outbox] == [FOOTER] * 4


def test_decision_email_ends_with_the_contact_address():
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED)
    manager = User.objects.create(username="responsable", is_staff=True)
    manager.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    decisions.decide([submission], SubmissionStatus.SELECTED, user=manager)
    body = OutboundEmail.objects.get().body
    assert body.endswith("\nPour toute question, écrivez à aic@numerique.gouv.fr.\n")


def test_contact_migration_adds_the_line_to_unedited_decision_templates_only():
    migration = import_module("seasons.migrations.0011_decision_emails_contact_address")
    migration.backwards(apps, None)
    edited = DecisionEmailTemplate.objects.get(status="rejected", language="fr")
    edited.body = "Texte revu par l’équipe"
    edited.save()
    migration.forwards(apps, None)
    bodies = dict(DecisionEmailTemplate.objects.values_list("status", "body").filter(language="fr"))
    assert bodies["rejected"] == "Texte revu par l’équipe"
    assert bodies["shortlisted"].endswith(
        "Suivre votre candidature : $status_url\nPour toute question, écrivez à $contact_email.\n"
    )
