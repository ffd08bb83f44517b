"""A crash in the middle of sending an application leaves nothing half-saved.

The crash is an exception raised by one of the domain functions that write an application
(after the first insert: the draft row, then its referents, its files, its status change
and its e-mail), on a database that really commits (transaction=True): what the server
answers is its 500 page, and what is in the database afterwards is exactly what was
there before.
"""

import pytest
from django.core import mail
from django.urls import reverse

from seasons import outbox
from seasons.applying import antispam, services
from seasons.models import (
    Attachment,
    EmailKind,
    OutboundEmail,
    ReferenceCounter,
    Referent,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)
from seasons.models.submission import new_access_key
from seasons.selection import workflow

from .application_helpers import apply_url, complete_answers, complete_files, open_call

pytestmark = pytest.mark.django_db(transaction=True)

# Each writes after the application's first insert; the last two after its status changed.
CRASH_POINTS = [
    (services, "store_referent"),
    (services, "store_attachment"),
    (workflow, "next_reference"),
    (outbox, "queue_email"),
]


class Crash(Exception):
    """What a bug, a full disk or a killed worker looks like to the transaction."""


@pytest.fixture(params=CRASH_POINTS, ids=[name for _module, name in CRASH_POINTS])
def crash(request, monkeypatch):
    """`crash.on()`: the domain function writes, then fails, until `crash.off()`."""
    module, name = request.param
    real = getattr(module, name)
    switch = {"on": False}

    def crashing(*args, **kwargs):
        result = real(*args, **kwargs)
        if switch["on"]:
            raise Crash(f"crash after {name}")
        return result

    monkeypatch.setattr(module, name, crashing)

    class Switch:
        on = staticmethod(lambda: switch.update(on=True))
        off = staticmethod(lambda: switch.update(on=False))

    return Switch


def assert_server_error_page(response):
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Erreur inattendue</h1>" in html
    assert "Rien de ce que vous aviez déjà envoyé n’est perdu." in html


def stored_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Submission,
            Referent,
            Attachment,
            OutboundEmail,
            SubmissionTransition,
            ReferenceCounter,
        )
    }


def test_crash_while_sending_a_new_application_saves_none_of_it(client, post, crash, settings):
    call = open_call(season__year=2023)
    client.raise_request_exception = False
    answers = complete_answers(
        **{
            "referent2-first_name": "Lou",
            "referent2-last_name": "Roy",
            "referent2-email": "lou@example.org",
        }
    )
    crash.on()
    response = post(
        apply_url(call), antispam.form_stamp(new_access_key()), "send", answers, complete_files()
    )
    assert_server_error_page(response)
    assert table_counts() == {
        "Submission": 0,
        "Referent": 0,
        "Attachment": 0,
        "OutboundEmail": 0,
        "SubmissionTransition": 0,
        "ReferenceCounter": 0,
    }
    assert mail.outbox == []
    assert stored_files(settings) == []


def test_crash_while_sending_a_draft_keeps_the_draft_as_it_was(client, post, crash, settings):
    call = open_call(season__year=2023)
    client.raise_request_exception = False
    post(
        apply_url(call),
        antispam.form_stamp(new_access_key()),
        "draft",
        complete_answers(),
        complete_files(),
    )
    draft = Submission.objects.get()
    files = sorted(draft.attachments.values_list("pk", "file", "original_name"))
    before = table_counts()
    assert (before["Submission"], before["Attachment"], before["OutboundEmail"]) == (1, 3, 1)

    crash.on()
    edit_url = reverse("applications:edit", args=[draft.access_key])
    changed = complete_answers(organisation_name="Nouveau nom", **{"referent1-last_name": "Roy"})

    def new_files():
        return {"presentation": complete_files()["statutes"]}

    response = post(edit_url, antispam.form_stamp(draft.access_key), "send", changed, new_files())

    assert_server_error_page(response)
    draft.refresh_from_db()
    assert (draft.status, draft.reference, draft.submitted_at) == (SubmissionStatus.DRAFT, "", None)
    assert draft.organisation_name == "Association Cartes Libres"
    assert draft.referents.get(position=1).last_name == "Durand"
    assert sorted(draft.attachments.values_list("pk", "file", "original_name")) == files
    assert all(
        attachment.file.storage.exists(attachment.file.name)
        for attachment in draft.attachments.all()
    )
    assert stored_files(settings) == sorted(name for _pk, name, _original in files)
    assert table_counts() == before
    assert [email.kind for email in OutboundEmail.objects.all()] == [EmailKind.DRAFT_LINK]
    assert len(mail.outbox) == 1

    # Once the fault is gone, the same form sends the application.
    crash.off()
    client.raise_request_exception = True
    response = post(edit_url, antispam.form_stamp(draft.access_key), "send", changed, new_files())
    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.status, draft.reference) == (SubmissionStatus.SUBMITTED, "AIC-2023-0001")
    assert draft.organisation_name == "Nouveau nom"
