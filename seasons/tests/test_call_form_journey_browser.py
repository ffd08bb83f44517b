"""Issue 15's "done when", in a real browser on the demo data: a manager builds a new
call's form from the season-2 one (a conditional question and a file question added),
previews it and opens the call; an applicant drafts, comes back by the private link,
uploads, answers and sends; the assigned reviewer reads the new answers and the
manager's CSV export carries them."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.browser import violations_of
from seasons.models import Call, CallForm, Season, Submission, SubmissionStatus
from seasons.selection import reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.application_helpers import apply_url, complete_files, pdf
from seasons.tests.own_form_helpers import own_form_answers
from seasons.tests.test_review import member_of
from seasons.tests.test_review_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEASON_2_CALL = "communs-numeriques-1re-releve"


def admin_url(name, *args):
    return reverse(f"admin:seasons_{name}", args=args)


def set_date(page, field, moment):
    local = timezone.localtime(moment)
    page.fill(f"#id_{field}_0", local.strftime("%d/%m/%Y"))
    page.fill(f"#id_{field}_1", local.strftime("%H:%M:%S"))


FIELD_TAGS = ["input", "select", "textarea"]
ERRORS = "[...document.querySelectorAll('.errorlist')].map(e => e.parentNode.innerText)"


def add_question(page, key, kind, section, label):
    """A new row of the builder's questions, at the end of `section`."""
    page.locator("#questions-group .add-row a").click()
    n = int(page.input_value("#id_questions-TOTAL_FORMS")) - 1
    row = f"questions-{n}"
    page.select_option(f"#id_{row}-section", str(section))
    page.fill(f"#id_{row}-position", str(90 + n % 10))
    page.fill(f"#id_{row}-key", key)
    page.select_option(f"#id_{row}-type", kind)
    page.check(f"#id_{row}-required")
    page.fill(f"#id_{row}-label_fr", label)
    return row


def create_call(page):
    page.goto(admin_url("call_add"))
    page.fill("#id_title", "Appel parcours")
    page.select_option("#id_season", str(Season.objects.get(number=2).pk))
    page.fill("#id_operator", "DINUM")
    page.check("input[name=eligible_organisation_types][value=association]")
    later = timezone.now() + timedelta(days=7)
    set_date(page, "opens_at", later)
    set_date(page, "closes_at", later + timedelta(days=30))
    with page.expect_navigation():
        page.click("input[name=_continue]")
    return Call.objects.get(title="Appel parcours")


def test_a_new_call_s_form_from_building_to_the_export(page, live_server, login_staff, demo):
    manager = member_of(PROGRAM_MANAGER, "responsable-parcours")
    sign_in(page, live_server, login_staff, manager)
    call = create_call(page)
    page.goto(admin_url("callform_copy", call.pk))
    page.select_option("#id_source", str(CallForm.objects.get(call__slug=SEASON_2_CALL).pk))
    with page.expect_navigation():
        page.click("input[type=submit]")
    form = call.application_form
    paid = form.questions.get(key="has_paid_activity")
    row = add_question(page, "paid_prices", "short_text", paid.section_id, "Vos tarifs")
    page.select_option(f"#id_{row}-condition_question", str(paid.pk))
    page.fill(f"#id_{row}-condition_values", "True")
    page.fill(f"#id_{row}-max_length", "100")
    row = add_question(page, "budget_file", "file", paid.section_id, "Budget prévisionnel")
    page.check(f"input[name={row}-file_kinds][value=documents]")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator("ul.messagelist").count() == 1, page.evaluate(ERRORS)
    assert sorted(form.questions.filter(position__gte=90).values_list("key", flat=True)) == [
        "budget_file",
        "paid_prices",
    ]

    page.goto(admin_url("callform_preview", form.pk))
    prices = page.locator("#id_paid_prices")
    assert prices.is_hidden()
    page.click("label[for=id_has_paid_activity_0]")
    assert prices.is_visible()
    assert page.locator("label[for=id_budget_file]").inner_text().startswith("Budget prévisionnel")

    page.goto(admin_url("call_change", call.pk))
    set_date(page, "opens_at", timezone.now() - timedelta(hours=1))
    with page.expect_navigation():
        page.click("input[name=_continue]")
    call.refresh_from_db()
    assert call.is_open

    submission = apply(page, call)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.answers["paid_prices"] == "10 € la carte."
    assert sorted(submission.attachments.values_list("kind", "original_name")) == [
        ("accounts", "comptes.pdf"),
        ("budget_file", "budget.pdf"),
        ("presentation", "presentation.odp"),
        ("statutes", "statuts.pdf"),
    ]

    reviewer = member_of(REVIEWER, "relectrice-parcours")
    reviewing.assign([submission], [reviewer])
    sign_in(page, live_server, login_staff, reviewer)
    review = submission.reviews.get()
    page.goto(admin_url("review_change", review.pk))
    text = page.locator("#content").inner_text()
    assert "Vos tarifs\n10 € la carte." in text
    assert "budget.pdf" in text

    sign_in(page, live_server, login_staff, manager)
    export = page.request.get(live_server.url + admin_url("submission_export", "csv"))
    rows = list(csv.reader(io.StringIO(export.text().lstrip("\ufeff")), delimiter=";"))
    header, mine = rows[0], next(row for row in rows if "Appel parcours" in row)
    assert mine[header.index("Vos tarifs")] == "10 € la carte."
    assert mine[header.index("Budget prévisionnel")] == "budget.pdf"


def apply(page, call):
    """An applicant drafts, comes back by the private link, uploads, answers, sends."""
    page.context.clear_cookies()
    page.goto(f"{apply_url(call)}?organisation_type=association")  # past the step
    assert violations_of(page) == []
    page.fill("#id_organisation_name", "Association Cartes Libres")
    page.fill("#id_contact_email", "contact@asso-exemple.org")
    with page.expect_navigation():
        page.click("button[name=action][value=draft]")
    submission = Submission.objects.get(call=call)
    page.context.clear_cookies()
    page.goto(reverse("applications:edit", args=[submission.access_key]))
    assert page.input_value("#id_organisation_name") == "Association Cartes Libres"
    assert violations_of(page) == []
    for name, value in own_form_answers(has_paid_activity="True").items():
        field = page.locator(
            f"input[name='{name}'], select[name='{name}'], textarea[name='{name}']"
        ).first
        kind = field.evaluate("f => f.type")
        if kind == "checkbox":
            field.check(force=True)
        elif kind == "radio":
            page.check(f"[name='{name}'][value='{value}']", force=True)
        elif kind.startswith("select"):
            page.select_option(f"[name='{name}']", value)
        else:
            field.fill(value)
    page.fill("#id_paid_activity_details", "Des formations payantes.")
    page.fill("#id_paid_prices", "10 € la carte.")
    for key, upload in {**complete_files(), "budget_file": pdf("budget.pdf")}.items():
        page.set_input_files(
            f"[name='{key}']",
            {"name": upload.name, "mimeType": upload.content_type, "buffer": upload.read()},
        )
    with page.expect_navigation():
        page.click("button[name=action][value=send]")
    assert violations_of(page) == []
    return Submission.objects.get(pk=submission.pk)
