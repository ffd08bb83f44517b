"""Issue 17's journey in a real browser, one story on a fresh call: reviewers assigned in
the admin (their digest in the outbox), reviews with a conflict of interest (offered to
another reviewer), the calibration page, a committee session from the shortlist with
votes (the member with a conflict not voting), its minutes PDF, the closing with a release
date (the decision e-mails held until then, the laureate's quoting the deadline to
accept), a laureate who declines (the application withdrawn), the next on the waiting
list promoted and e-mailed, and the award accepted from the status page. Screenshots:
/tmp/award-*.png."""

import datetime as dt
import re
import tempfile
import zlib
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accelerator.dates import format_moment
from accelerator.tests.browser import tab_to, violations_of
from seasons.models import (
    AwardOffer,
    CommitteeSession,
    EmailKind,
    EmailStatus,
    OfferState,
    OutboundEmail,
    Review,
    ReviewState,
    Submission,
    SubmissionStatus,
)
from seasons.selection import decisions
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.award_helpers import decision_templates
from seasons.tests.factories import PARIS, CallFactory, SubmissionFactory
from seasons.tests.pdf_text import pdf_text
from seasons.tests.test_review import score_all
from seasons.tests.test_review_browser import declare_conflict, person, run_action, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # An earlier transactional test may have emptied the decision e-mails' templates.
    pytest.mark.usefixtures(decision_templates.__name__),
]
S = SubmissionStatus
NAMES = ["Grainothèque", "Repair café", "Tiers-lieu", "Fablab"]


def shot(page, name):
    page.screenshot(path=Path(tempfile.gettempdir()) / f"award-{name}.png", full_page=True)


def session_url(name, *args):
    return reverse(f"admin:seasons_committeesession_{name}", args=args)


def inflated(data):
    """The PDF with its compressed streams written out, for `pdf_text`."""

    def inflate(match):
        try:
            return b"stream\n" + zlib.decompress(match.group(1)) + b"\nendstream"
        except zlib.error:
            return match.group(0)

    return re.sub(rb"stream\r?\n(.*?)\r?\nendstream", inflate, data, flags=re.S)


def test_a_calls_selection_from_the_assignment_to_the_accepted_award(
    page, live_server, login_staff, monkeypatch
):
    call = CallFactory(
        title="Communs 2031", review_deadline=dt.datetime(2031, 10, 1, 18, tzinfo=PARIS)
    )
    apps = {name: SubmissionFactory(call=call, organisation_name=name) for name in NAMES}
    manager = person(PROGRAM_MANAGER, "responsable", "Rose")
    anne, _bruno, chloe = (person(REVIEWER, n, n.capitalize()) for n in ["anne", "bruno", "chloe"])

    # The manager assigns the four applications to Anne and Bruno: a digest each, in the
    # outbox.
    sign_in(page, live_server, login_staff, manager)
    page.goto(live_server.url + f"/admin/seasons/submission/?call__id__exact={call.pk}")
    run_action(page, "assign_reviewers", "Envoyer")
    page.get_by_label("Anne Test", exact=True).check()
    page.get_by_label("Bruno Test", exact=True).check()
    page.get_by_role("button", name="Attribuer").click()
    expect(page.locator(".messagelist")).to_contain_text("8 attribution(s) faite(s).")
    page.goto(live_server.url + "/admin/seasons/outboundemail/")
    expect(page.locator("#result_list")).to_contain_text(
        "4 candidatures vous sont attribuées pour évaluation"
    )
    shot(page, "1-digests")

    # Anne declares a conflict of interest on the Grainothèque; the other reviews are done.
    sign_in(page, live_server, login_staff, anne)
    review = Review.objects.get(reviewer=anne, submission=apps["Grainothèque"])
    declare_conflict(page, live_server.url + f"/admin/seasons/review/{review.pk}/change/")
    assert Review.objects.get(pk=review.pk).state == ReviewState.CONFLICT

    # The manager offers it to Chloé (a digest for her); every other review is done.
    sign_in(page, live_server, login_staff, manager)
    page.goto(live_server.url + "/admin/seasons/review/?state=conflict")
    run_action(page, "offer_to_another_reviewer", "Envoyer")
    expect(page.locator(".messagelist")).to_contain_text("proposée à Chloe Test.")
    assert OutboundEmail.objects.filter(to=chloe.email, kind=EmailKind.REVIEW_ASSIGNMENT).exists()
    scores = {"Grainothèque": 5, "Repair café": 4, "Tiers-lieu": 3, "Fablab": 2}
    for open_review in Review.objects.still_open():
        score_all(open_review, scores[open_review.submission.organisation_name])

    # The manager reads the calibration, then shortlists the four.
    page.goto(live_server.url + f"/admin/seasons/call/{call.pk}/summary/")
    page.get_by_role("link", name="Calibrage des évaluateurs").click()
    expect(page.get_by_role("heading", name="Calibrage de Communs 2031")).to_be_visible()
    shot(page, "2-calibration")
    listed = list(Submission.objects.filter(call=call).select_related("call__season"))
    decisions.decide(listed, S.IN_REVIEW, user=manager)
    decisions.decide(listed, S.SHORTLISTED, user=manager)

    # A committee session from the shortlist, its votes, its minutes.
    page.goto(live_server.url + session_url("add"))
    page.locator("#id_call").select_option(str(call.pk))
    page.locator("#id_title").fill("Jury de juin")
    page.locator("#id_held_on").fill("12/06/2031")
    page.locator("#id_members").select_option([str(manager.pk), str(anne.pk)])
    page.locator("#id_docket_status").select_option(S.SHORTLISTED)
    page.locator("input[name=_save]").click()
    session = CommitteeSession.objects.get(title="Jury de juin")
    items = {i.submission.organisation_name: i for i in session.items.all()}
    assert [i.position for i in items.values()] == [1, 2, 3, 4]
    assert list(items) == NAMES  # best weighted score first
    page.goto(live_server.url + session_url("outcomes", session.pk))
    # Anne declared a conflict on the Grainothèque: she does not vote on it.
    anne_box = page.locator(
        f"#id_item{items['Grainothèque'].pk}-not_voting input[value='{anne.pk}']"
    )
    expect(anne_box).to_be_checked()
    expect(page.get_by_text("Anne Test (conflit d’intérêts déclaré)")).to_have_count(1)
    outcomes = {
        "Grainothèque": (S.SELECTED, "1"),
        "Repair café": (S.WAITLISTED, "1"),
        "Tiers-lieu": (S.WAITLISTED, None),
        "Fablab": (S.REJECTED, None),
    }
    for name, (decision, votes) in outcomes.items():
        prefix = f"#id_item{items[name].pk}-"
        page.select_option(prefix + "decision", decision)
        if votes:
            page.fill(prefix + "votes_for", votes)
            page.fill(prefix + "votes_against", "0")
            page.fill(prefix + "abstentions", "0")
        else:
            page.check(prefix + "by_consensus")
    page.click("#outcomes input[type=submit]")
    expect(page.locator("ul.messagelist")).to_contain_text("Les décisions sont notées.")
    assert [m.pk for m in items["Grainothèque"].not_voting.all()] == [anne.pk]
    minutes = page.request.get(live_server.url + session_url("file", session.pk, "minutes"))
    assert minutes.headers["content-type"] == "application/pdf"
    assert minutes.body().startswith(b"%PDF-")
    written = "\n".join(pdf_text(inflated(minutes.body())))
    assert all(name in written for name in [*NAMES, "Anne Test"]), written[:2000]

    # Closed with a release date: the decision e-mails wait for it.
    release = (timezone.localtime() + dt.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    page.goto(live_server.url + session_url("close", session.pk))
    page.locator("#id_release_at").fill(release.strftime("%Y-%m-%dT%H:%M"))
    shot(page, "3-close")
    page.click("input[name=confirm]")
    expect(page.locator("ul.messagelist")).to_contain_text("Séance close : 4 candidatures")
    decided = OutboundEmail.objects.filter(kind=EmailKind.DECISION, send_after__isnull=False)
    call_command("send_queued_emails")
    assert (
        sorted(decided.values_list("status", "send_after")) == [(EmailStatus.QUEUED, release)] * 4
    )
    later = release + dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # the release day has come
    call_command("send_queued_emails")
    assert list(decided.values_list("status", flat=True)) == [EmailStatus.SENT] * 4
    # The laureate's e-mail quotes the deadline to accept, and the status page's link.
    deadline = AwardOffer.objects.get(submission=apps["Grainothèque"]).deadline
    assert deadline == release + dt.timedelta(days=14)
    [told] = [
        m for m in mail.outbox if apps["Grainothèque"].reference + " est retenue" in m.subject
    ]
    assert f"avant le {format_moment(deadline)} (heure de Paris)" in told.body
    status_page = f"/candidatures/{apps['Grainothèque'].access_key}/"
    assert f"Votre page de suivi : {live_server.url}{status_page}\n" in told.body

    # The Grainothèque declines: the Repair café, first on the waiting list, is offered
    # the place and e-mailed.
    page.context.clear_cookies()
    page.goto(told.body.split("Votre page de suivi : ")[1].split("\n")[0])  # the e-mail's link
    expect(page.locator("#award-offer")).to_contain_text("Votre candidature est retenue.")
    assert violations_of(page) == []
    shot(page, "4-offer")
    page.get_by_role("link", name="Décliner la place de lauréat").click()
    page.get_by_label("Pourquoi déclinez-vous ? (facultatif)").fill(
        "Nous rejoignons un autre programme."
    )
    assert violations_of(page) == []
    shot(page, "5-decline")
    page.get_by_role("button", name="Oui, je décline la place de lauréat").click()
    expect(page.locator("#award-offer")).to_contain_text("Vous avez décliné la place de lauréat")
    assert Submission.objects.get(pk=apps["Grainothèque"].pk).status == S.WITHDRAWN
    promoted = OutboundEmail.objects.filter(submission=apps["Repair café"]).latest("pk")
    assert promoted.status == EmailStatus.SENT
    assert promoted.subject == (
        f"Une place vous est proposée : candidature {apps['Repair café'].reference}"
    )
    assert Submission.objects.get(pk=apps["Tiers-lieu"].pk).status == S.WAITLISTED

    # The Repair café accepts from its status page, with the keyboard.
    page.goto(live_server.url + f"/candidatures/{apps['Repair café'].access_key}/")
    tab_to(page, "Accepter la place de lauréat", limit=80)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Accepter la place de lauréat")).to_be_visible()
    assert violations_of(page) == []
    shot(page, "6-accept")
    page.get_by_role("button", name="Oui, j’accepte la place de lauréat").click()
    expect(page.locator("#award-offer")).to_contain_text("Vous avez accepté la place de lauréat")
    assert violations_of(page) == []
    shot(page, "7-accepted")
    answers = dict(AwardOffer.objects.values_list("submission__organisation_name", "state"))
    assert answers == {"Grainothèque": OfferState.DECLINED, "Repair café": OfferState.ACCEPTED}
