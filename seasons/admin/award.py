"""The staff's list of award offers: pending, accepted, declined, lapsed, and to whom a
place passed. Read only: only the applicant answers (`selection.award`), and the
`expire_award_offers` command lapses what nobody answered."""

from django.contrib import admin

from ..models import AwardOffer
from .applications import PartOfApplicationAdmin


@admin.register(AwardOffer)
class AwardOfferAdmin(PartOfApplicationAdmin):
    list_display = [
        "submission",
        "state",
        "from_waiting_list",
        "opens_at",
        "deadline",
        "answered_at",
        "passed_to",
    ]
    list_filter = ["state", "from_waiting_list", "submission__call"]
    list_select_related = ["submission", "passed_to"]
    search_fields = ["submission__reference", "submission__organisation_name"]
    date_hierarchy = None
    readonly_fields = [
        "submission",
        "state",
        "offered_at",
        "from_waiting_list",
        "opens_at",
        "deadline",
        "answered_at",
        "decline_reason",
        "passed_to",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
