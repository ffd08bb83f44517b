"""Who sees what in the admin: a walk through every registered screen, as every role.

Applications that are not assigned to a reviewer carry a recognisable word ("Zorglub")
in their answers, referents, files, e-mails, reviews and history; the walk opens every
admin URL as each role and looks for it. Reviewers must never meet it; the roles that
see every application must (which proves the search would find a leak).
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from accelerator.tests.staff import login_staff
from laureates.tests.factories import (
    DomainFactory,
    FollowUpPlanFactory,
    ImpactIndicatorFactory,
    MilestoneFactory,
    SupportLogFactory,
    TrancheFactory,
)
from seasons.models import Attachment, OutboundEmail, Referent, Review, Submission
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, application_in_full
from seasons.tests.test_review import member_of
from seasons.tests.test_review_drafts import review_of_a_draft

pytestmark = pytest.mark.django_db

MARKER = "zorglub"
# What a reviewer types to look for it: the page echoes it, so it is a part of the word.
SEARCH = "zorg"
MISSING = 999_999
MALFORMED = ["abc", "1x", "-", "%20"]
ROLES = ["superuser", PROGRAM_MANAGER, REVIEWER, OBSERVER]


def application(name, **fields):
    address = name.lower().replace(" ", ".")
    submission = application_in_full(
        organisation_name=name,
        contact_email=f"{address}@example.org",
        referent={
            "last_name": f"{name} référente",
            "email": f"ref.{address}@example.org",
            "phone": "+33 6 12 34 56 78",
        },
        attachment={"original_name": f"{name.lower()}-statuts.pdf"},
        email={"subject": f"{name} : candidature reçue"},
    )
    submission.project_name = f"Projet {name}"
    submission.save()  # a second version in the audit history
    return submission


@pytest.fixture
def world():
    users = {
        "superuser": get_user_model().objects.create_superuser("racine", "r@example.org", "pw"),
        PROGRAM_MANAGER: member_of(PROGRAM_MANAGER, "responsable"),
        REVIEWER: member_of(REVIEWER, "evaluatrice"),
        OBSERVER: member_of(OBSERVER, "observateur"),
    }
    other_reviewer = member_of(REVIEWER, "evaluateur")
    mine = application("Confiée")
    ReviewFactory(submission=mine, reviewer=users[REVIEWER])
    hidden = [application("Zorglub Un"), application("Zorglub Deux")]
    ReviewFactory(submission=hidden[1], reviewer=other_reviewer, comment="Avis Zorglub")
    # A draft assigned by the defect of bulk assignment: hidden from reviewers all the same.
    draft = review_of_a_draft(users[REVIEWER], organisation_name="Zorglub brouillon")
    hidden.append(draft.submission)
    CallFactory()
    # One object of every other screen, so that each change, history and delete is tried.
    ImpactIndicatorFactory(laureate=MilestoneFactory().laureate)
    SupportLogFactory()
    TrancheFactory()
    DomainFactory()
    FollowUpPlanFactory()
    return users, hidden


def hidden_objects(hidden):
    """{model: [pk, …]} of everything that belongs to the hidden applications."""
    ids = [s.pk for s in hidden]
    return {
        Submission: ids,
        Referent: list(Referent.objects.filter(submission__in=ids).values_list("pk", flat=True)),
        Attachment: list(
            Attachment.objects.filter(submission__in=ids).values_list("pk", flat=True)
        ),
        OutboundEmail: list(
            OutboundEmail.objects.filter(submission__in=ids).values_list("pk", flat=True)
        ),
        Review: list(Review.objects.filter(submission__in=ids).values_list("pk", flat=True)),
    }


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def every_admin_url(hidden):
    """Every screen of every registered model admin, on the hidden objects where they
    exist and on one object of every other model."""
    objects = hidden_objects(hidden)
    urls = [reverse("admin:index"), "/admin/seasons/", "/admin/laureates/"]
    for model, model_admin in admin.site._registry.items():
        urls += [admin_url(model, "changelist"), admin_url(model, "changelist") + f"?q={SEARCH}"]
        urls.append(admin_url(model, "add"))
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        pks = objects.get(model) or ([first] if first is not None else [])
        for pk in pks:
            urls += [admin_url(model, view, pk) for view in ["change", "history", "delete"]]
            if isinstance(model_admin, SimpleHistoryAdmin):
                for version in model.history.filter(id=pk).values_list("history_id", flat=True):
                    urls.append(admin_url(model, "simple_history", pk, version))
        # Django's autocomplete answers for any relation to a searchable registered model,
        # whether or not a screen uses it: every one is tried.
        relations = [
            f.name
            for f in model._meta.get_fields()
            if (f.many_to_one or f.one_to_one or f.many_to_many)
            and f.concrete
            and f.related_model in admin.site._registry
        ]
        for field_name in relations:
            for term in ["", SEARCH]:
                urls.append(
                    f"/admin/autocomplete/?app_label={model._meta.app_label}"
                    f"&model_name={model._meta.model_name}&field_name={field_name}&term={term}"
                )
    urls += [reverse("admin:seasons_submission_export", args=["csv"])]
    urls += [reverse("admin:seasons_call_summary", args=[s.call_id]) for s in hidden]
    urls += [reverse("admin:seasons_attachment_download", args=[pk]) for pk in objects[Attachment]]
    return urls


def client_of(user):
    return login_staff(Client(), user)


def body_of(response):
    content = b"".join(response) if response.streaming else response.content
    return content.decode("utf-8", errors="replace").lower()


def test_admin_walk_shows_reviewers_nothing_of_applications_not_assigned_to_them(world):
    users, hidden = world
    urls = every_admin_url(hidden)
    assert len(urls) > 100
    leaks, errors, seen = [], [], {}
    for role in ROLES:
        client = client_of(users[role])
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                errors.append((role, url, response.status_code))
            found = MARKER in body_of(response) or MARKER in response.get("Location", "")
            seen.setdefault(role, set()).update([url] if found else [])
            if role == REVIEWER and found:
                leaks.append((url, response.status_code))
    assert errors == []
    assert leaks == []
    # The search finds the word wherever those who see everything read it.
    for role in ["superuser", PROGRAM_MANAGER, OBSERVER]:
        for model in [Submission, Referent, Attachment, OutboundEmail]:
            assert admin_url(model, "changelist") in seen[role], (role, model)
    # And reviewers still see what is assigned to them.
    own = client_of(users[REVIEWER])
    assert "confiée référente" in body_of(own.get(admin_url(Referent, "changelist")))
    assert "confiée-statuts.pdf" in body_of(own.get(admin_url(Attachment, "changelist")))


def answers(client, model, object_id):
    return {
        view: client.get(
            f"/admin/{model._meta.app_label}/{model._meta.model_name}/{object_id}/{view}/"
        ).status_code
        for view in ["change", "history", "delete"]
    }


def test_hidden_missing_and_malformed_ids_get_the_same_answer_for_every_role(world):
    users, hidden = world
    objects = hidden_objects(hidden)
    # The URLconf unregisters a model when it is first loaded: load it before the walk.
    reverse("admin:index")
    for role in ROLES:
        client = client_of(users[role])
        # The first request may register more models.
        for number, model in enumerate(list(admin.site._registry)):
            missing = answers(client, model, MISSING)
            assert set(missing.values()) <= {403, 404}, (role, model, missing)
            # Every malformed id on every screen for reviewers, whom the rule protects
            # against; one per screen for the other roles, each id in turn, so that each
            # role still meets every malformed id (the check does not depend on the role:
            # `admin_access.parsed_pk`): 11 answers per screen instead of 20.
            malformed = MALFORMED if role == REVIEWER else [MALFORMED[number % len(MALFORMED)]]
            for object_id in malformed:
                assert answers(client, model, object_id) == missing, (role, model, object_id)
            if role == REVIEWER:
                for pk in objects.get(model, []):
                    assert answers(client, model, pk) == missing, (model, pk)


def test_reviewer_gets_404_for_the_history_of_an_application_not_theirs(world):
    users, hidden = world
    client = client_of(users[REVIEWER])
    for object_id in [hidden[0].pk, MISSING, "abc"]:
        response = client.get(f"/admin/seasons/submission/{object_id}/history/")
        assert response.status_code == 404, object_id
        assert MARKER not in body_of(response)


def test_malformed_selection_of_a_bulk_action_is_a_bad_request(world):
    users, _hidden = world
    request = RequestFactory().get("/admin/")
    for role in ROLES:
        client = client_of(users[role])
        request.user = users[role]
        for model, model_admin in admin.site._registry.items():
            # Those who may not open the list get its 403 before any action runs.
            expected = 400 if model_admin.has_view_or_change_permission(request) else 403
            for action in model_admin.get_actions(request):
                response = client.post(
                    admin_url(model, "changelist"),
                    {"action": action, "_selected_action": ["abc", "1"], "index": "0"},
                )
                assert response.status_code == expected, (role, model, action)


def test_observer_can_never_act(world):
    users, hidden = world
    observer = users[OBSERVER]
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=observer.pk)
    client = client_of(observer)
    objects = hidden_objects(hidden)
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        if model_admin.has_view_or_change_permission(request):
            assert model_admin.get_actions(request) == {}, model
        assert not model_admin.has_add_permission(request), model
        for candidate in [None, obj]:
            assert not model_admin.has_change_permission(request, candidate), model
            assert not model_admin.has_delete_permission(request, candidate), model
        assert client.post(admin_url(model, "add"), {}).status_code == 403, model
        # What they may read they may not change (403); a screen they may not read at
        # all has no object for them (404, accelerator.admin_access).
        refused = 403 if model_admin.has_view_or_change_permission(request) else 404
        for pk in objects.get(model) or ([obj.pk] if obj else []):
            response = client.post(admin_url(model, "change", pk), {"post": "yes"})
            assert response.status_code == refused, model
            response = client.post(admin_url(model, "delete", pk), {"post": "yes"})
            assert response.status_code == 403, model
            if isinstance(model_admin, SimpleHistoryAdmin):  # posting a past version reverts
                for version in model.history.filter(id=pk).values_list("history_id", flat=True):
                    response = client.post(admin_url(model, "simple_history", pk, version), {})
                    assert response.status_code == 403, (model, pk, version)
    listing = client.get(admin_url(Submission, "changelist")).content.decode()
    assert 'name="action"' not in listing


def test_reverting_a_past_version_needs_the_right_to_change(world):
    users, hidden = world
    submission = hidden[0]
    first = submission.history.earliest("history_date")
    data = {
        "call": submission.call_id,
        "language": "fr",
        "organisation_name": "Changé par un lecteur",
        "organisation_type": "association",
        "description": "x",
    }
    url = admin_url(Submission, "simple_history", submission.pk, first.history_id)
    assert client_of(users[OBSERVER]).post(url, data).status_code == 403
    assert client_of(users[REVIEWER]).post(url, data).status_code == 404  # not theirs
    # Nor on the application assigned to them, which they only read.
    mine = Submission.objects.get(organisation_name="Confiée")
    version = mine.history.earliest("history_date").history_id
    url = admin_url(Submission, "simple_history", mine.pk, version)
    assert client_of(users[REVIEWER]).post(url, data).status_code == 403
    submission.refresh_from_db()
    mine.refresh_from_db()
    assert (submission.organisation_name, mine.organisation_name) == ("Zorglub Un", "Confiée")


MALFORMED_QUERIES = [
    "/admin/seasons/referent/?submission__id__exact=abc",
    "/admin/seasons/submission/?call__id__exact=abc",
    "/admin/seasons/submission/?submitted_at__year=abc",
    "/admin/seasons/submission/?score=abc&reviews=abc&o=abc&p=abc",
    "/admin/seasons/review/?submission__call__id__exact=abc",
    "/admin/autocomplete/?app_label=seasons&model_name=referent&field_name=submission&page=abc",
    "/admin/laureates/laureate/board/?season=abc&as_of=abc",
    "/admin/laureates/milestone/?laureate__season__id__exact=abc",
    "/admin/seasons/submission/export/csv/?call__id__exact=abc",
]


def test_malformed_values_in_admin_queries_are_never_a_server_error(world):
    users, _hidden = world
    for role in ROLES:
        client = client_of(users[role])
        for url in MALFORMED_QUERIES:
            assert client.get(url).status_code < 500, (role, url)
    export = client_of(users[PROGRAM_MANAGER]).get(MALFORMED_QUERIES[-1])
    assert export.status_code == 400
    assert "<h1>Requête incomprise</h1>" in export.content.decode()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (
            "/admin/seasons/referent/add/",
            {"submission": "abc", "position": "1", "last_name": "X", "first_name": "Y"},
        ),
        ("/admin/laureates/milestone/add/", {"laureate": "abc", "title": "Étape"}),
    ],
)
def test_a_malformed_autocomplete_value_is_a_form_error(world, path, data):
    users, _hidden = world
    for role in ["superuser", PROGRAM_MANAGER]:
        response = client_of(users[role]).post(path, data)
        assert response.status_code == 200
        assert (
            "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
            in response.content.decode()
        )
    for role in [REVIEWER, OBSERVER]:  # who may not add gets the 403 first
        assert client_of(users[role]).post(path, data).status_code == 403


def form_pages(model, pk):
    """{(method, page): answer} of an object's change page and the model's add page."""
    return {
        ("GET", "change"): admin_url(model, "change", pk),
        ("POST", "change"): admin_url(model, "change", pk),
        ("GET", "add"): admin_url(model, "add"),
        ("POST", "add"): admin_url(model, "add"),
    }


def test_a_reviewers_form_pages_answer_404_for_every_object_they_may_not_see(world):
    """Hidden or missing, whatever the screen: 404 (never 403, which would tell that
    the object exists); the add pages, where nothing is hidden, the admin's 403."""
    users, hidden = world
    client = client_of(users[REVIEWER])
    own = {
        Submission: Submission.objects.get(organisation_name="Confiée").pk,
        Review: Review.objects.get(reviewer=users[REVIEWER], submission__status="submitted").pk,
    }
    objects = hidden_objects(hidden)
    answers, tried = {}, 0
    for model in list(admin.site._registry):
        if model._meta.app_label == "dsfr":  # registered, but not routed in the staff site
            continue
        existing = model._default_manager.exclude(pk__in=own.values())
        pks = [*objects.get(model, []), *existing.values_list("pk", flat=True)[:1], MISSING]
        for pk in dict.fromkeys(pks):
            for (method, page), url in form_pages(model, pk).items():
                send = client.get if method == "GET" else client.post
                answers[(model.__name__, method, page)] = answers.get(
                    (model.__name__, method, page), set()
                ) | {send(url).status_code}
                tried += 1
    assert tried > 150
    assert {key: codes for key, codes in answers.items() if key[2] == "change"} == {
        key: {404} for key in answers if key[2] == "change"
    }
    assert {key: codes for key, codes in answers.items() if key[2] == "add"} == {
        key: {403} for key in answers if key[2] == "add"
    }
    # What is theirs still opens: their application (read only) and their review.
    assert client.get(admin_url(Submission, "change", own[Submission])).status_code == 200
    assert client.get(admin_url(Review, "change", own[Review])).status_code == 200
