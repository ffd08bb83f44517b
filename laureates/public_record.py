"""A laureate's public record: its public page but for what depends on the day (the
support's progress), rendered once per language and kept until one of the rows it shows
changes (`accelerator.public_records`), with the few values the page needs around it
(its name and summary, for the title and the description; its support's dates, for the
progress).

After any change of public rows every page is a miss (the pages' version is one token),
and the page of a laureate whose rows did not change is then made of its kept record,
its public id found by slug (a page fragment), the progress and the frame: no query,
instead of six and the rendering of its milestones and charts.

Which changes make a record stale, from the signals connected by `connect_signals`: a
save or delete of the laureate, of one of its milestones, indicators, measurements or
updates, a change of its domains (its own record), and a season's or a domain's save or
delete (every record, since records show their names). Writes that skip signals call
`make_stale` themselves (`followup.apply_plan`).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from accelerator.public_records import invalidate_records, public_record
from seasons.models import Season

from .charts import indicator_chart
from .models import Domain, ImpactIndicator, Laureate, Measurement, Milestone, TeamUpdate
from .showcase import milestone_groups

TEMPLATE = "laureates/includes/laureate_record.html"
# Where the page puts the support's progress: a comment no laureate's text can make (the
# template engine escapes theirs).
PROGRESS = "<!-- support-progress -->"
PARTS = ("before_progress", "after_progress")


def owner(laureate_id):
    return f"laureate:{laureate_id}"


def record_of(laureate_id):
    """The record of a laureate the caller showed to be public: {"name", "summary",
    "support_starts_on", "support_ends_on", "support_closed_on", "before_progress",
    "after_progress" (HTML)}; None when the laureate is gone."""
    language = translation.get_language() or ""

    def build():
        laureate = Laureate.objects.select_related("season").filter(pk=laureate_id).first()
        return None if laureate is None else render_record(laureate)

    record = public_record(owner(laureate_id), f"page:{language}", build)
    if record is None:
        return None
    # The template engine's output, which escaped what it had to; the cache may hand
    # it back as plain strings.
    return {
        **record,
        **{part: mark_safe(record[part]) for part in PARTS},  # noqa: S308  # nosec B308 B703
    }


def render_record(laureate):
    prefetch_related_objects(
        [laureate],
        "domains",
        Prefetch(
            "milestones",
            queryset=Milestone.objects.filter(is_public=True).order_by("due_on", "pk"),
            to_attr="public_milestones",
        ),
        Prefetch(
            "indicators",
            queryset=ImpactIndicator.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
            ),
            to_attr="impact_indicators",
        ),
        # What the team or staff published of the updates (never files nor authors).
        Prefetch(
            "updates",
            queryset=TeamUpdate.objects.public()
            .select_related("milestone")
            .order_by("-published_at", "-pk"),
            to_attr="public_updates",
        ),
    )
    groups = milestone_groups(laureate.public_milestones)
    context = {
        "laureate": laureate,
        "milestone_groups": groups,
        "milestones_done": sum(group.done for group in groups),
        "milestones_counted": sum(group.counted for group in groups),
        "milestones_cancelled": sum(group.cancelled for group in groups),
        "milestones_carried_over": sum(group.carried_over for group in groups),
        "impact": [
            (indicator, measurements, indicator_chart(indicator, measurements))
            for indicator in laureate.impact_indicators
            for measurements in [list(indicator.measurements.all())]
        ],
    }
    page = render_to_string(TEMPLATE, {**context, "PROGRESS": mark_safe(PROGRESS)})  # noqa: S308  # nosec B308 B703
    before, _marker, after = page.partition(PROGRESS)
    return {
        "name": laureate.name,
        "summary": laureate.summary,
        "support_starts_on": laureate.support_starts_on,
        "support_ends_on": laureate.support_ends_on,
        "support_closed_on": laureate.support_closed_on,
        "before_progress": before,
        "after_progress": after,
    }


def make_stale(laureate_id):
    invalidate_records(owner(laureate_id))


def laureate_changed(instance, **_signal_arguments):
    make_stale(instance.pk)


def owned_row_changed(instance, **_signal_arguments):
    make_stale(instance.laureate_id)


def measurement_changed(instance, **_signal_arguments):
    laureate_ids = ImpactIndicator.objects.filter(pk=instance.indicator_id)
    laureate_id = laureate_ids.values_list("laureate_id", flat=True).first()
    # An indicator already gone made its own laureate's record stale.
    if laureate_id is not None:
        make_stale(laureate_id)


def domains_changed(instance, action, reverse, **_signal_arguments):
    if not action.startswith("post_"):
        return
    # From a domain's side (`domain.laureates.add(…)`), the laureates are in `pk_set`,
    # absent for a clear: every record then.
    invalidate_records(None if reverse else owner(instance.pk))


def every_record_changed(**_signal_arguments):
    invalidate_records()


def connect_signals():
    handlers = [
        (Laureate, laureate_changed),
        (Milestone, owned_row_changed),
        (ImpactIndicator, owned_row_changed),
        (TeamUpdate, owned_row_changed),
        (Measurement, measurement_changed),
        (Domain, every_record_changed),
        (Season, every_record_changed),
    ]
    for model, handler in handlers:
        uid = f"laureate-record:{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(handler, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(
        domains_changed, sender=Laureate.domains.through, dispatch_uid="laureate-record:domains"
    )
