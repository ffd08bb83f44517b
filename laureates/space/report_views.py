"""The team's reports in its space: the list, each report's form (draft, send, correct
after staff's comments) and every version sent. Reports are looked up within the
signed-in member's laureate only: another laureate's report is the same 404 as a
missing one."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accelerator.change_and_say import change_and_say

from .. import reports
from ..models import Report, ReportComment, ReportStatus, ReportVersion
from .report_form import ReportForm
from .views import member_required


def reports_of(laureate):
    return Report.objects.filter(laureate=laureate).annotate(version_count=Count("versions"))


@member_required
def report_list(request):
    laureate = request.member.laureate
    context = {"laureate": laureate, "reports": reports_of(laureate).order_by("due_on", "pk")}
    return render(request, "laureates/space/report_list.html", context)


def versions_of(report):
    return list(
        report.versions.select_related("sent_by").prefetch_related(
            Prefetch("comments", queryset=ReportComment.objects.order_by("pk"))
        )
    )


@member_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    laureate = request.member.laureate
    report = get_object_or_404(reports_of(laureate).select_related("laureate"), pk=pk)
    questions = reports.questions_of(report)
    sending = "_send" in request.POST
    data = request.POST if request.method == "POST" else None
    form = ReportForm(questions, data, initial=report.answers, sending=sending)
    if data is not None and form.is_valid():
        # The domain judges whether the report may still change (sent meanwhile, say).
        if sending:
            done = _("Your report is sent: the program will review it.")
            change = (reports.send, report, request.member, form.answers(), questions)
        else:
            done = _("Your draft is saved.")
            change = (reports.save_draft, report, request.member, form.answers())
        change_and_say(request, reports.ReportRefused, done, *change)
        return redirect("space:report_detail", report.pk)
    versions = versions_of(report)
    comments = {}
    if versions and report.status == ReportStatus.CHANGES_REQUESTED:
        comments = {c.question_key: c.text for c in versions[0].comments.all()}
    context = {
        "laureate": laureate,
        "report": report,
        "form": form,
        "fields": [(form[q.key], comments.get(q.key, "")) for q in questions],
        "latest": reports.version_rows(versions[0]) if versions else [],
        "versions": versions,
    }
    status = 400 if form.errors else 200
    return render(request, "laureates/space/report_detail.html", context, status=status)


@member_required
def report_version(request, pk, number):
    laureate = request.member.laureate
    version = get_object_or_404(
        ReportVersion.objects.filter(report__laureate=laureate)
        .select_related("report", "sent_by")
        .prefetch_related("comments"),
        report_id=pk,
        number=number,
    )
    context = {"laureate": laureate, "version": version, "rows": reports.version_rows(version)}
    return render(request, "laureates/space/report_version.html", context)
