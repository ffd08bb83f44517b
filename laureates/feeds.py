"""The Atom feed of new laureates."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Laureate

FEED_LENGTH = 30


class NewLaureatesFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("laureates:laureate_list")
    subtitle = _("The laureates of the program, newest first.")

    def title(self):
        return _("%(program)s — new laureates") % {"program": settings.PROGRAM_NAME}

    def items(self):
        return (
            Laureate.objects.published()
            .select_related("season")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, laureate):
        return laureate.name

    def item_description(self, laureate):
        return laureate.summary

    def item_pubdate(self, laureate):
        return laureate.created_at

    def item_updateddate(self, laureate):
        return laureate.updated_at

    def item_author_name(self, laureate):
        return laureate.carrier

    def item_categories(self, laureate):
        return [laureate.season.title]
