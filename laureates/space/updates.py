"""Updates on the steps of a laureate's roadmap: the one owner of their changes.

The team posts (`post_update`); staff confirm (`confirm_update`: marks the step done
through `followup.change_status` when asked, records the measurement) or send back with
a comment (`send_back`); the team or staff publish a confirmed update (`set_published`).
Each change saves the row, so simple-history keeps every state and who made it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accelerator.dates import format_date
from accelerator.page_cache import invalidate_public_pages

from .. import followup
from ..models import Measurement, MilestoneStatus, TeamUpdate, UpdateFile, UpdateStatus


class UpdateRefused(Exception):
    """The change cannot be made; the message says why, for a person."""


def done_request_refusal(milestone, today):
    """Why the team may no longer ask for the step to be marked done, or None while it
    may: the step is still planned or in progress (`followup.ALLOWED_CHANGES` leads
    those two only to done) and its laureate's support runs (not closed, not past its
    end date). Reads `milestone.laureate`."""
    if milestone.status == MilestoneStatus.DONE:
        return _("This step is already marked done.")
    if milestone.status not in (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS):
        return _("This step’s status is “%(status)s”: it cannot be marked done.") % {
            "status": MilestoneStatus(milestone.status).label
        }
    closed, ends = milestone.laureate.support_closed_on, milestone.laureate.support_ends_on
    if closed is None and today <= ends:
        return None
    return _(
        "Your laureate's support ended on %(day)s: the program no longer marks its steps done."
    ) % {"day": format_date(closed or ends)}


def post_update(member, milestone, *, text, asks_done=False, measurement=None, files=()):
    """A member's update on a step of their laureate; returns it, awaiting confirmation.

    `measurement`: (indicator, measured_on, value) or None, the indicator one of the
    laureate's. `files`: (uploaded file, `uploads.FileType`) pairs already checked by
    content (`forms.UpdateForm`); each is written to the private storage under a
    generated name, the sender's name kept for display only. Asking for the step to be
    marked done is refused once `done_request_refusal` says why.
    """
    if milestone.laureate_id != member.laureate_id:
        raise UpdateRefused(_("This step is not one of your laureate's."))
    refusal = asks_done and done_request_refusal(milestone, followup.today())
    if refusal:
        raise UpdateRefused(refusal)
    indicator, measured_on, value = measurement or (None, None, None)
    if indicator is not None and indicator.laureate_id != member.laureate_id:
        raise UpdateRefused(_("This indicator is not one of your laureate's."))
    with transaction.atomic():
        update = TeamUpdate.objects.create(
            laureate_id=member.laureate_id,
            milestone=milestone,
            author=member,
            text=text,
            asks_done=asks_done,
            indicator=indicator,
            measured_on=measured_on,
            value=value,
        )
        for uploaded, file_type in files:
            UpdateFile.objects.create(
                update=update,
                file=uploaded,
                original_name=uploaded.name[:255],
                size=uploaded.size,
                content_type=file_type.content_type,
            )
    return update


def _locked(update):
    return TeamUpdate.objects.select_for_update().select_related("milestone").get(pk=update.pk)


def _locked_awaiting(update):
    """The update's row, locked; UpdateRefused when someone already reviewed it. Two
    staff confirming at once: the second waits for the lock, then reads the new status."""
    locked = _locked(update)
    if locked.status != UpdateStatus.SUBMITTED:
        raise UpdateRefused(
            _("This update was already reviewed (%(status)s).")
            % {"status": UpdateStatus(locked.status).label}
        )
    return locked


def confirm_update(update, user, *, comment="", now=None):
    """Staff confirm an update; returns it. In one transaction: marks its step done (if the
    team asked, through `followup.change_status`, which may refuse), records its
    measurement (replacing the indicator's value of that day), stores who confirmed and
    when. UpdateRefused if already reviewed or if the step cannot be marked done."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_awaiting(update)
        if locked.asks_done and locked.milestone.status != MilestoneStatus.DONE:
            try:
                followup.change_status(locked.milestone, MilestoneStatus.DONE, on=now)
            except followup.StatusChangeRefused as refusal:
                raise UpdateRefused(str(refusal)) from refusal
        if locked.indicator_id is not None:
            locked.measurement, _created = Measurement.objects.update_or_create(
                indicator_id=locked.indicator_id,
                measured_on=locked.measured_on,
                defaults={"value": locked.value},
            )
        locked.status = UpdateStatus.CONFIRMED
        locked.staff_comment = comment
        locked.reviewed_by, locked.reviewed_at = user, now
        locked.save()
    return locked


def send_back(update, user, *, comment, now=None):
    """Staff send an update back to the team with a comment (required: the team must
    know what to change); the step and the indicator stay as they were."""
    if not comment.strip():
        raise UpdateRefused(_("Say to the team why the update is sent back."))
    with transaction.atomic():
        locked = _locked_awaiting(update)
        locked.status = UpdateStatus.SENT_BACK
        locked.staff_comment = comment.strip()
        locked.reviewed_by, locked.reviewed_at = user, now or timezone.now()
        locked.save()
    return locked


def set_published(update, published, *, now=None):
    """Show (or stop showing) a confirmed update on the public laureate page. Refused for
    an update not confirmed, or on a step the public page does not show. Returns True
    when it changed; the cached public pages are made stale."""
    with transaction.atomic():
        locked = (
            TeamUpdate.objects.select_for_update().select_related("milestone").get(pk=update.pk)
        )
        if locked.published == published:
            return False
        if published and locked.status != UpdateStatus.CONFIRMED:
            raise UpdateRefused(_("Only an update the program has confirmed can be published."))
        if published and not locked.milestone.is_public:
            raise UpdateRefused(_("This step is not shown on the public page."))
        locked.published = published
        locked.published_at = (now or timezone.now()) if published else None
        locked.save(update_fields=["published", "published_at"])
        invalidate_public_pages()
    update.published, update.published_at = locked.published, locked.published_at
    return True
