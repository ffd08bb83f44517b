"""The staff's reading pages on a 375 px phone: the page never scrolls sideways; wide
tables scroll inside their own frame."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from seasons.models import Call, Submission
from seasons.tests.test_staff_browser import (
    rules_violated,
    screenshot,
    sign_in,
    sign_in_as_manager,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
# Elements of the content reaching past the phone's right edge, outside a scrolling frame.
WIDER_THAN_THEIR_FRAME = """() => [...document.querySelectorAll('#content *')]
    .filter((e) => e.getBoundingClientRect().right > 375)
    .filter((e) => !e.closest('.table-frame, .results, .tabular'))
    .map((e) => e.tagName + '#' + e.id + '.' + e.className)"""
CALL = "communs-numeriques-2e-releve"


def sign_in_as_reviewer(page, settings):
    """The demo's reviewer "evaluatrice", past both factors."""
    user = User.objects.get(username="evaluatrice")
    user.set_password("pw-eval-1")
    user.save()
    return sign_in(page, settings, user, "pw-eval-1")


def reviews_list(_call):
    return "/admin/seasons/review/"


def reviews_page(call):
    return f"/admin/seasons/call/{call.pk}/reviews/"


def calibration_page(call):
    return f"/admin/seasons/call/{call.pk}/calibration/"


def application_page(_call):
    submission = Submission.objects.get(project_name="Circuit court")
    return f"/admin/seasons/submission/{submission.pk}/change/"


# (role, page, its framed tables: the list scrolls in the admin's own frame)
PAGES = [
    ("reviewer", reviews_list, 0),
    ("reviewer", reviews_page, 1),
    ("reviewer", application_page, 1),
    ("manager", reviews_page, 1),
    ("manager", calibration_page, 2),
    ("manager", application_page, 1),
]


@pytest.mark.parametrize(("role", "address", "frames"), PAGES)
def test_a_staff_page_fits_a_375_px_phone(page, demo, settings, tmp_path, role, address, frames):
    if role == "reviewer":
        sign_in_as_reviewer(page, settings)
    else:
        sign_in_as_manager(page, settings)
    page.set_viewport_size(PHONE)
    page.goto(address(Call.objects.get(slug=CALL)))
    expect(page.locator("#content h1")).to_be_visible()
    screenshot(page, tmp_path, f"{role}-{address.__name__}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # What is wider than the phone scrolls in its own frame, reached by the keyboard.
    assert page.evaluate(WIDER_THAN_THEIR_FRAME) == []
    assert page.locator(".table-frame").count() == frames
    if frames:
        assert rules_violated(page, {"include": [".table-frame"]}) == set()
