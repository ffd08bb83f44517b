from django.contrib import admin
from django.db import models

from .models import Domain, Laureate, Milestone


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = [
        "kind",
        "title",
        "due_on",
        "status",
        "completed_on",
        "owner",
        "is_public",
        "amount_granted",
        "amount_paid",
    ]
    show_change_link = True


@admin.register(Laureate)
class LaureateAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "carrier",
        "season",
        "track",
        "support_starts_on",
        "support_ends_on",
        "published",
    ]
    list_filter = ["season", "track", "published", "domains"]
    list_select_related = ["season"]
    search_fields = ["name", "carrier", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["domains"]
    raw_id_fields = ["submission"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "laureate", "kind", "due_on", "status", "completed_on", "owner"]
    list_filter = ["kind", "status", "laureate__season", "is_public"]
    list_select_related = ["laureate", "owner"]
    search_fields = ["title", "laureate__name"]
    autocomplete_fields = ["laureate"]
    date_hierarchy = "due_on"
