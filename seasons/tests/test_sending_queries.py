"""One sending of the season-2 form, as the bench and production make it (the e-mail
stored for the mail process, the year's counter already there), costs an exact number of
queries, each listed with what it is for in docs/performance.md (issue 18)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seasons.models import (
    Attachment,
    OutboundEmail,
    ReferenceCounter,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)

from .answers import complete_answers
from .application_helpers import apply_url, open_call, pdf, start

pytestmark = pytest.mark.django_db


def table_of(sql):
    """The table a statement reads or writes ("_check" for a constraint's check)."""
    if "_check" in sql:
        return "_check"
    words = sql.replace('"', " ").split()
    after = {"SELECT": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE"}[words[0]]
    return words[words.index(after) + 1]


def send(client, post, call, **values):
    stamp = start(client, call)
    data = complete_answers(organisation_type="public_administration", **values)
    with CaptureQueriesContext(connection) as queries:
        response = post(apply_url(call), stamp, "send", data, {"presentation": pdf("projet.pdf")})
    return response, [query["sql"] for query in queries.captured_queries]


def test_a_sending_costs_fifteen_statements_and_writes_each_row_once(client, post, settings):
    settings.EMAIL_SEND_AT_ONCE = False
    call = open_call()
    ReferenceCounter.objects.create(prefix="AIC", year=call.season.year, last_number=41)
    response, queries = send(client, post, call)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/candidatures/{submission.access_key}/envoyee/"
    assert (submission.status, submission.reference) == (
        SubmissionStatus.SUBMITTED,
        f"AIC-{call.season.year}-0042",
    )
    # Inside the test's transaction each atomic block is a savepoint; in production the
    # outer one is BEGIN/COMMIT (not counted) and the constraint check runs outside it.
    tables = [table_of(sql) for sql in queries if "SAVEPOINT" not in sql]
    assert tables == [
        "seasons_call",  # the call and its season
        "seasons_submission",  # a draft made earlier with the same form stamp, if any
        "seasons_callform",  # the call's own form, if any (none: the season-2 form)
        "_check",  # the description's length constraint, from the model form
        "seasons_submission",  # INSERT the application with its answers
        "seasons_historicalsubmission",  # its first version in the history
        "seasons_referent",  # INSERT the referent
        "seasons_attachment",  # INSERT the file's row
        "seasons_referencecounter",  # UPDATE … RETURNING: the next reference, at once
        "seasons_submissiontransition",  # who sent it, when
        "seasons_submission",  # UPDATE status, reference, sending time
        "seasons_historicalsubmission",  # that version in the history
        "seasons_outboundemail",  # the confirmation, stored for the mail process
    ]
    assert len(queries) == 19  # with the 6 savepoint statements of the test's transaction
    assert submission.history.count() == 2
    assert SubmissionTransition.objects.filter(submission=submission).count() == 1
    assert Attachment.objects.get().original_name == "projet.pdf"
    email = OutboundEmail.objects.get()
    assert "AIC-" in email.subject and "projet.pdf" in email.body and "Durand" in email.body


def test_a_second_sending_costs_the_same(client, post, settings):
    settings.EMAIL_SEND_AT_ONCE = False
    call = open_call()
    ReferenceCounter.objects.create(prefix="AIC", year=call.season.year, last_number=0)
    first = send(client, post, call)[1]
    client.cookies.clear()
    second = send(client, post, call, contact_email="autre@example.org")[1]
    assert (len(first), len(second)) == (19, 19)
    assert sorted(Submission.objects.values_list("reference", flat=True)) == [
        f"AIC-{call.season.year}-0001",
        f"AIC-{call.season.year}-0002",
    ]
