"""What the public list shows: its page holds laureate ids (cut from the public order)."""

from laureates.models import Laureate


def listed_names(response):
    """The names of the laureates of the list's page `response`, in their order."""
    ids = list(response.context["page_obj"])
    names = dict(Laureate.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids]
