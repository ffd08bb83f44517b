"""The team's private space: its roadmap, its updates, their files.

Every page reads the signed-in member (`sign_in.current_member`) and looks objects up
within the member's laureate only: another laureate's step, update or file is the same
404 as a missing one. Anonymous visitors are sent to the sign-in page.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accelerator.change_and_say import change_and_say
from seasons.applying.private_pages import FORM_PAGE, private_page
from seasons.private_files import private_file_response

from .. import followup
from ..models import (
    ImpactIndicator,
    Measurement,
    Milestone,
    Report,
    ReportStatus,
    TeamUpdate,
    UpdateFile,
)
from ..showcase import milestone_groups
from . import permissions, sign_in, updates
from .forms import UpdateForm


def member_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        member = sign_in.current_member(request)
        if member is None:
            return redirect("space:sign_in")
        request.member = member
        return view(request, *args, **kwargs)

    return private_page(FORM_PAGE)(wrapped)


def steps_of(laureate):
    return (
        Milestone.objects.filter(laureate=laureate)
        .select_related("owner")
        .annotate(update_count=Count("updates"))
        .order_by("due_on", "pk")
    )


@member_required
def home(request):
    laureate = request.member.laureate
    steps = list(steps_of(laureate))
    indicators = ImpactIndicator.objects.filter(laureate=laureate).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
    )
    today = followup.today()
    upcoming = [step for step in steps if step.is_open]
    context = {
        "laureate": laureate,
        "member": request.member,
        "groups": milestone_groups(steps),
        "next_steps": upcoming[:3],
        "today": today,
        "indicators": indicators,
        "awaiting": TeamUpdate.objects.filter(laureate=laureate).awaiting().count(),
        # The reports still to write or to correct, and those the program reviews.
        "open_reports": Report.objects.filter(laureate=laureate)
        .exclude(status=ReportStatus.ACCEPTED)
        .order_by("due_on", "pk"),
    }
    return render(request, "laureates/space/home.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def step_detail(request, pk):
    laureate = request.member.laureate
    step = get_object_or_404(steps_of(laureate).select_related("laureate"), pk=pk)
    form = UpdateForm(request.POST or None, request.FILES or None, laureate=laureate)
    if request.method == "POST" and form.is_valid():
        try:
            update = updates.post_update(
                request.member,
                step,
                text=form.cleaned_data["text"],
                asks_done=form.cleaned_data["asks_done"],
                measurement=form.measurement(),
                files=form.files_with_types(),
            )
        except updates.UpdateRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your update is sent: the program will confirm it."))
            return redirect("space:update_detail", update.pk)
    context = {
        "laureate": laureate,
        "step": step,
        "form": form,
        "updates": updates_of(laureate).filter(milestone=step),
        "today": followup.today(),
        "done_refusal": updates.done_request_refusal(step, followup.today()),
    }
    return render(request, "laureates/space/step.html", context, status=400 if form.errors else 200)


def updates_of(laureate):
    return (
        TeamUpdate.objects.filter(laureate=laureate)
        .select_related("milestone", "author", "indicator")
        .annotate(file_count=Count("files"))
    )


@member_required
def update_list(request):
    laureate = request.member.laureate
    context = {"laureate": laureate, "updates": updates_of(laureate)}
    return render(request, "laureates/space/update_list.html", context)


@member_required
def update_detail(request, pk):
    laureate = request.member.laureate
    update = get_object_or_404(updates_of(laureate).prefetch_related("files"), pk=pk)
    context = {"laureate": laureate, "update": update}
    return render(request, "laureates/space/update_detail.html", context)


@member_required
@require_POST
def update_publish(request, pk):
    update = get_object_or_404(TeamUpdate, laureate=request.member.laureate, pk=pk)
    publish = request.POST.get("published") == "1"
    done = (
        _("The update is shown on the public page.")
        if publish
        else _("The update is no longer shown on the public page.")
    )
    change_and_say(request, updates.UpdateRefused, done, updates.set_published, update, publish)
    return redirect("space:update_detail", update.pk)


@private_page()
def file_download(request, pk):
    """For the laureate's members and the staff who may view updates; 404 to anyone else
    (never 403, which would confirm that the file exists)."""
    update_file = UpdateFile.objects.select_related("update").filter(pk=pk).first()
    member = sign_in.current_member(request)
    if update_file is None or not permissions.may_download_update_file(
        member, request.user, update_file
    ):
        raise Http404
    return private_file_response(
        update_file.file, update_file.original_name, update_file.content_type
    )
