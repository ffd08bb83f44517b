"""Load the demonstration data, creating what is missing and fixing what differs.

Every row is found by its natural key (a season's number, a call's slug in its season, a
laureate's slug, an application's reference…) and only saved when a value differs, so a
second load changes nothing, not even an `updated_at`. The one expected change between
loads on different days is the demonstration call's dates, which follow the day so that
the call stays open.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from laureates.models import Domain, Laureate
from seasons.applying.stored_answers import from_columns
from seasons.call_forms import lock
from seasons.call_forms.copying import copy_form
from seasons.calls.rubric import add_default_rubric
from seasons.models import Call, Referent, Season, Submission

from . import facts, laureate_facts
from .applications import source_applications
from .committee import load_committee
from .fictitious import fictitious_applications
from .followup import load_impact, load_milestones, load_plan
from .reports import load_reports
from .reviews import REVIEW_TIME, load_reviewers, load_reviews
from .support import load_support
from .team import load_team_space

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"  # noqa: S105 -- the documented password of a DEBUG-only account


def sync(model, lookup, values, initial=None):
    """Find the row by `lookup`, create it if missing, else save only the fields that differ.

    `initial` holds values set when the row is created and never compared afterwards.
    Returns (obj, created, changed).
    """
    try:
        obj = model.objects.get(**lookup)
    except model.DoesNotExist:
        return model.objects.create(**lookup, **values, **(initial or {})), True, False
    changed = [name for name, value in values.items() if differs(obj, name, value)]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=changed + auto_now)
    return obj, False, bool(changed)


def differs(obj, name, value):
    """Compare by primary key for relations, so that no related row is fetched."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class Tally:
    """How many rows of each kind the load went through, created and changed."""

    def __init__(self):
        self.rows = Counter()
        self.created = 0
        self.changed = 0

    def sync(self, kind, model, lookup, values, initial=None):
        obj, created, changed = sync(model, lookup, values, initial)
        self.record(kind, created, changed)
        return obj

    def record(self, kind, created, changed):
        self.rows[kind] += 1
        self.created += created
        self.changed += changed

    def counts(self):
        return {**self.rows, "created": self.created, "changed": self.changed}


def load_seasons(tally):
    seasons = {}
    for fields in facts.SEASONS:
        values = {**fields, "published": True}
        number = values.pop("number")
        seasons[number] = tally.sync("seasons", Season, {"number": number}, values)
    return seasons


def demo_call_dates(today):
    """Open since a week, closing at noon in two months: always open on `today`."""
    opens_on = today - datetime.timedelta(days=facts.DEMO_CALL_OPENS_DAYS_BEFORE)
    closes_on = today + datetime.timedelta(days=facts.DEMO_CALL_CLOSES_DAYS_AFTER)
    return {
        "opens_at": datetime.datetime.combine(opens_on, datetime.time(0), tzinfo=facts.PARIS),
        "closes_at": datetime.datetime.combine(
            closes_on, facts.DEMO_CALL_CLOSING_TIME, tzinfo=facts.PARIS
        ),
    }


def load_calls(tally, seasons, today):
    calls = {}
    demo = {**facts.DEMO_CALL, **demo_call_dates(today)}
    for fields in [*facts.CALLS, demo]:
        values = {"is_demo": False, **fields, "season": seasons[fields["season"]]}
        lookup = {"season": values.pop("season"), "slug": values.pop("slug")}
        # The fictitious review schedule of the reviewed season (see .reviews), set once.
        reviewed = fields["season"] == 2 and not values["is_demo"]
        initial = {"review_deadline": values["closes_at"] + REVIEW_TIME} if reviewed else {}
        call, created, changed = sync(Call, lookup, values, initial)
        tally.record("calls", created, changed)
        if created:
            add_default_rubric(call)
        # The season-2 form as staff would copy it; before any application is loaded.
        needs_form = not hasattr(call, "application_form") and not lock.is_locked(call)
        if needs_form:
            copy_form(call)
        tally.record("forms", needs_form, False)
        calls[fields["slug"]] = call
    return calls


def load_domains(tally):
    return {
        name: tally.sync("domains", Domain, {"slug": slugify(name)}, {"name": name})
        for name in laureate_facts.DOMAINS
    }


def load_submission(tally, call, fields, referents, initial=None):
    """One application and its referents; a draft has no reference yet, so it is found
    by its call and applicant e-mail instead."""
    values = {**fields, "call": call}
    values["answers"] = from_columns(Submission(**values), referents)
    if values.get("reference"):
        lookup = {"reference": values.pop("reference")}
    else:
        lookup = {"call": values.pop("call"), "contact_email": values.pop("contact_email")}
    submission = tally.sync("submissions", Submission, lookup, values, initial)
    for position, referent in enumerate(referents, start=1):
        values = {key: value for key, value in referent.items() if key != "position"}
        lookup = {"submission": submission, "position": position}
        tally.sync("referents", Referent, lookup, values)
    return submission


def load_applications(tally, calls, today):
    """The four laureates' applications, then the fictitious ones; returns the former."""
    sources = {
        slug: load_submission(tally, calls["communs-numeriques-1re-releve"], fields, people)
        for slug, fields, people in source_applications()
    }
    periods = {slug: (call.opens_at, call.closes_at) for slug, call in calls.items()}
    for slug, fields, people, initial in fictitious_applications(periods, today):
        load_submission(tally, calls[slug], fields, people, initial)
    return sources


def load_laureate(tally, fields, seasons, domains, submission, lead):
    starts_on, ends_on = fields["support"]
    keep = ["name", "carrier", "summary", "description", "website", "track"]
    values = {key: fields[key] for key in keep}
    values.update(
        season=seasons[fields["season"]],
        submission=submission,
        support_starts_on=starts_on,
        support_ends_on=ends_on,
        # Every real support ended (season 1 in 2022, season 2 in 2024) and was closed
        # on its last day: the closing resolved its steps (see `plan.py`).
        support_closed_on=ends_on,
        published=True,
        published_at=facts.LAUREATES_ANNOUNCED[fields["season"]],
        followup_lead=lead,
    )
    laureate, created, changed = sync(Laureate, {"slug": slugify(fields["name"])}, values)
    wanted = {domains[name].pk for name in fields["domains"]}
    if set(laureate.domains.values_list("pk", flat=True)) != wanted:
        laureate.domains.set(wanted)
        changed = changed or not created
    tally.record("laureates", created, changed)
    return laureate


def load_laureates(tally, seasons, domains, sources, lead):
    """Every laureate is followed by the demo account (when there is one)."""
    return [
        load_laureate(tally, fields, seasons, domains, sources.get(slugify(fields["name"])), lead)
        for fields in laureate_facts.LAUREATES
    ]


def load_demo_account(tally):
    """A staff account to try the admin, only on a development machine.

    An existing password is left alone while it still is "demo", so that a load does not
    rewrite the row; it is set again if someone changed it.
    """
    values = {
        "is_staff": True,
        "is_superuser": True,
        "is_active": True,
        "first_name": "Camille",
        "last_name": "Démo",
        "email": "demo@example.org",
    }
    user, created, changed = sync(get_user_model(), {"username": DEMO_USERNAME}, values)
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        changed = not created
    tally.record("accounts", created, changed)
    return user


def summary(counts):
    """The one line the command prints."""
    return (
        "Données de démonstration : {seasons} saisons, {calls} appels, {laureates} lauréats, "
        "{milestones} jalons, {submissions} candidatures (créations : {created}, "
        "modifications : {changed}).".format(**counts)
    )


def load_demo(today=None, stdout=None):
    """Load everything in one transaction; returns the counts of rows, created, changed."""
    today = today or timezone.localdate()
    tally = Tally()
    with transaction.atomic():
        seasons = load_seasons(tally)
        calls = load_calls(tally, seasons, today)
        domains = load_domains(tally)
        sources = load_applications(tally, calls, today)
        account = load_demo_account(tally) if settings.DEBUG else None
        laureates = load_laureates(tally, seasons, domains, sources, account)
        plan = load_plan(tally, seasons)
        load_milestones(tally, laureates, account)
        load_impact(tally, laureates)
        load_team_space(tally, laureates, account)
        umap_review = load_reports(tally, laureates, plan, account)
        load_support(tally, laureates, plan, account, {"umap": umap_review})
        if settings.DEBUG:
            load_reviews(tally, load_reviewers(tally, sync))
            load_committee(tally, sync, today)
    counts = tally.counts()
    if stdout is not None:
        stdout.write(summary(counts))
    return counts
