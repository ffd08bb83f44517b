"""Seasons and calls in the admin, each call with its rubric."""

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..announcement import announcement_warnings
from ..calls import summary as call_summary
from ..calls.rubric import add_default_rubric
from ..models import Call, CallForm, CallState, Criterion, OrganisationType, Season
from .call_reviews import calibration_view, progress_view
from .list_filters import StateFilter


class CriterionInline(admin.TabularInline):
    """The call's rubric: the default season-2 criteria, which staff adapt."""

    model = Criterion
    extra = 0
    fields = ["position", "title", "description", "weight"]


class CallInline(admin.TabularInline):
    model = Call
    extra = 0
    fields = ["title", "slug", "operator", "track", "opens_at", "closes_at", "is_demo"]
    show_change_link = True


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "year", "theme", "published"]
    list_filter = ["published"]
    search_fields = ["title", "theme"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CallInline]

    def save_formset(self, request, form, formset, change):
        """Calls added under their season start with the default rubric, like any call."""
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            if isinstance(obj, Call):
                add_default_rubric(obj)


def application_form_links(call, may_copy):
    """Where staff build, preview and copy a call's form."""
    if call is None or call.pk is None:
        return _("Save the call first.")
    links = []
    form = CallForm.objects.filter(call=call).first()
    if form is not None:
        links.append((reverse("admin:seasons_callform_change", args=[form.pk]), _("Edit")))
        links.append((reverse("admin:seasons_callform_preview", args=[form.pk]), _("Preview")))
    if may_copy:
        links.append((reverse("admin:seasons_callform_copy", args=[call.pk]), _("Copy a form")))
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


class CallStateFilter(StateFilter):
    states = CallState

    def in_state(self, queryset, state):
        filters = {
            CallState.UPCOMING: queryset.upcoming,
            CallState.OPEN: queryset.open,
            CallState.CLOSED: queryset.closed,
        }
        return filters[state]()


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "season",
        "operator",
        "opens_at",
        "closes_at",
        "state",
        "is_demo",
        "figures",
    ]
    list_filter = [CallStateFilter, "season", "operator", "is_demo"]
    list_select_related = ["season"]
    search_fields = ["title", "operator", "track"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "closes_at"
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        """The call's form: links to edit and preview it, and to copy one for those who
        may (the copy page answers 404 to others)."""
        may_copy = all(
            request.user.has_perm(f"seasons.{action}_callform") for action in ("add", "change")
        )
        links = "form_links_with_copy" if may_copy else "form_links"
        return [*super().get_readonly_fields(request, obj), links]

    @admin.display(description=_("application form"))
    def form_links_with_copy(self, obj):
        return application_form_links(obj, may_copy=True)

    @admin.display(description=_("application form"))
    def form_links(self, obj):
        return application_form_links(obj, may_copy=False)

    def save_model(self, request, obj, form, change):
        """A new call starts with the default rubric, before its inline criteria."""
        super().save_model(request, obj, form, change)
        if not change:
            add_default_rubric(obj)

    @admin.display(description=_("figures"))
    def figures(self, obj):
        url = reverse("admin:seasons_call_summary", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Summary"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Warns, on opening a call, of laureates that would go public before their
        decision e-mail leaves (see seasons.announcement)."""
        if request.method == "GET":
            call = self.get_object(request, object_id)
            for warning in announcement_warnings(call) if call else []:
                messages.warning(request, warning)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        summary = self.admin_site.admin_view(self.summary_view)
        return [
            path("<int:pk>/summary/", summary, name="seasons_call_summary"),
            path(
                "<int:pk>/reviews/",
                self.admin_site.admin_view(progress_view(self)),
                name="seasons_call_reviews",
            ),
            path(
                "<int:pk>/calibration/",
                self.admin_site.admin_view(calibration_view(self)),
                name="seasons_call_calibration",
            ),
            *super().get_urls(),
        ]

    def summary_view(self, request, pk):
        call = self.get_object(request, pk)
        if call is None or not self.has_view_permission(request, call):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Summary of %(call)s") % {"call": call},
            "call": call,
            "counts": call_summary.counts_by_status(call),
            "funnel": call_summary.funnel(call),
        }
        return TemplateResponse(request, "admin/seasons/call/summary.html", context)

    @admin.display(description=_("state"))
    def state(self, obj):
        return CallState(obj.state_at(timezone.now())).label

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "eligible_organisation_types":
            # Ticked boxes rather than raw JSON: staff choose among the known types.
            return forms.TypedMultipleChoiceField(
                label=db_field.verbose_name,
                choices=OrganisationType.choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
