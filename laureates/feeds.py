"""The Atom feed of new laureates."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Laureate

FEED_LENGTH = 30


class NewLaureatesFeed(Feed):
    feed_type = Atom1Feed
    subtitle = _("The laureates of the program, newest first.")

    def __call__(self, request, *args, **kwargs):
        # Links come from the request's host, not from the sites framework's one row
        # (installed for the footer pages): right on every host the site answers to.
        # A copy per request, since the instance in the URLconf is shared by threads.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def link(self):
        return self.request.build_absolute_uri(reverse("laureates:laureate_list"))

    def feed_url(self):
        return self.request.build_absolute_uri()

    def item_link(self, laureate):
        return self.request.build_absolute_uri(laureate.get_absolute_url())

    def title(self):
        return _("%(program)s — new laureates") % {"program": settings.PROGRAM_NAME}

    def items(self):
        return (
            Laureate.objects.published()
            .with_public_since()
            .select_related("season")
            .order_by("-public_since", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, laureate):
        return laureate.name

    def item_description(self, laureate):
        return laureate.summary

    def item_pubdate(self, laureate):
        """When the public could first see it (publication or its call's announcement),
        not when the row was written: a database loaded today dates nothing today."""
        return laureate.public_since

    def item_updateddate(self, laureate):
        """The publication date: `updated_at` moves with every save, loads and imports
        included, and with changes the public never sees (so does the feed's <updated>,
        the latest of its entries')."""
        return laureate.public_since

    def item_author_name(self, laureate):
        return laureate.carrier

    def item_categories(self, laureate):
        return [laureate.season.title]
