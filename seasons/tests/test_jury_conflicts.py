"""A juror's conflict of interest: counted as a conflict, never as a review done, on the
session's jurors page and docket; the juror is recorded as not voting on that item; the
application is offered to another juror of the session when one is free, to a staff
reviewer otherwise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accelerator.tests.staff import login_staff
from seasons.models import EmailKind, OutboundEmail, Review, ReviewState
from seasons.selection import committee, reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.committee_helpers import S, make_session
from seasons.tests.jury_helpers import invite, juror_session
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def declare_conflict(juror, submission):
    review = Review.objects.get(reviewer=juror, submission=submission)
    return reviewing.save_review(
        review, conflict_of_interest=True, conflict_details="Ancienne salariée", submit=True
    )


@pytest.fixture
def conflict():
    """(session, juror, item): the juror declared a conflict on the docket's first item."""
    session, juror = juror_session()
    item = session.items.get(position=1)
    declare_conflict(juror, item.submission)
    return session, juror, item


def manager_client(client):
    return login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))


def test_the_jurors_page_counts_the_conflict_apart_from_the_reviews_done(client, conflict):
    session, _juror, _item = conflict
    html = manager_client(client).get(f"/admin/seasons/committeesession/{session.pk}/jurors/")
    row = html.content.decode().split("<td>Hélène Martin</td>")[1].split("</tr>")[0]
    assert "<td>0/3</td>" in row
    assert '<td class="conflicts">1</td>' in row


def test_the_docket_shows_the_jurors_conflict_and_counts_it_apart(client, conflict):
    session, _juror, item = conflict
    html = manager_client(client).get(f"/admin/seasons/committeesession/{session.pk}/change/")
    row = html.content.decode().split(f'<th scope="row">{item.submission}</th>')[1]
    row = row.split("</tr>")[0]
    assert "<td>1/1 · 1 conflit d’intérêts</td>" in row
    assert "<td>Hélène Martin : Ancienne salariée</td>" in row


def test_a_juror_with_a_conflict_is_recorded_as_not_voting(conflict):
    session, juror, item = conflict
    manager = member_of(PROGRAM_MANAGER, "responsable")
    votes = {"votes_for": 3, "votes_against": 1, "abstentions": 0}  # four members, one out
    with pytest.raises(committee.SessionRefused, match="4 voix pour 3 membres votants"):
        committee.record_outcome(
            item, decision=S.SELECTED, by_consensus=False, votes=votes, reasons="",
            not_voting=[], user=manager,
        )  # fmt: skip
    votes["votes_against"] = 0
    recorded = committee.record_outcome(
        item, decision=S.SELECTED, by_consensus=False, votes=votes, reasons="", not_voting=[],
        user=manager,
    )  # fmt: skip
    assert (recorded.voters, list(recorded.not_voting.all())) == (3, [juror])
    assert committee.declared_conflicts(session) == {item.submission_id: {juror.pk}}


def test_the_outcomes_page_ticks_and_names_the_member_with_a_conflict(client, conflict):
    session, juror, item = conflict
    html = manager_client(client).get(f"/admin/seasons/committeesession/{session.pk}/outcomes/")
    page = html.content.decode()
    ticked = f'name="item{item.pk}-not_voting" value="{juror.pk}"'
    box = page.split(ticked)[1].split(">")[0]
    assert "checked" in box
    assert "Hélène Martin (conflit d’intérêts déclaré)" in page
    other = session.items.get(position=2)
    assert (
        "checked"
        not in page.split(f'name="item{other.pk}-not_voting" value="{juror.pk}"')[1].split(">")[0]
    )


def test_a_jurors_conflict_goes_to_a_free_juror_of_the_session_first(conflict):
    session, juror, item = conflict
    staff_reviewer = member_of(REVIEWER, "anne")
    other_session = make_session(title="Autre")
    free = invite(other_session, name="Paul Durand", email="paul@example.org")
    session.members.add(free)  # a member of this session, not given its docket yet
    review = Review.objects.get(reviewer=juror, submission=item.submission)
    assert reviewing.propose_replacement(review) == free
    replacement = reviewing.reassign(review, "https://aic.example.org")
    assert (replacement.reviewer, replacement.state) == (free, ReviewState.OPEN)
    digest = OutboundEmail.objects.filter(to=free.email, kind=EmailKind.REVIEW_ASSIGNMENT).get()
    assert "https://aic.example.org/jury/connexion/" in digest.body
    # Every juror of the session assigned: a staff reviewer takes the next conflict.
    declare_conflict(free, item.submission)
    assert reviewing.propose_replacement(replacement) == staff_reviewer


def test_a_staff_reviewers_conflict_is_never_offered_to_a_juror(conflict):
    session, _juror, item = conflict
    free = invite(make_session(title="Autre"), name="Paul Durand", email="paul@example.org")
    session.members.add(free)
    anne, bruno = member_of(REVIEWER, "anne"), member_of(REVIEWER, "bruno")
    review = reviewing.save_review(
        Review.objects.create(submission=item.submission, reviewer=anne),
        conflict_of_interest=True, submit=True,
    )  # fmt: skip
    assert reviewing.propose_replacement(review) == bruno


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_jurors_page_costs_the_same_queries_with_one_juror_and_many(client):
    session, juror = juror_session()
    declare_conflict(juror, session.items.get(position=1).submission)
    manager_client(client)
    url = f"/admin/seasons/committeesession/{session.pk}/jurors/"
    client.get(url)  # per-process caches filled
    one = queries(client, url)
    for n in range(4):
        other = invite(session, name=f"Juré {n}", email=f"jure{n}@example.org")
        declare_conflict(other, session.items.get(position=2).submission)
    assert queries(client, url) == one
