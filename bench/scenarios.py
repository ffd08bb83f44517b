"""The pages the bench measures, found in the bench data set of any scale."""

import math
import urllib.parse

TRIVIAL = "Trivial view (/bench/ping)"
PUBLIC = [
    "Home",
    "Laureate list",
    "Laureate list, filtered",
    "Laureate list, searched",
    "Laureate list, page 50",
    "Laureate page",
    "Call page",
]
ADMIN = ["Admin: applications", "Admin: search a name"]


def targets_of():
    """The pages measured, as (label, path, needs the staff session), and the call whose
    form receives the POSTs. "Page 50" is the last page when the list has fewer."""
    from django.urls import reverse

    from laureates.models import Domain, Laureate
    from laureates.views import LAUREATES_PER_PAGE
    from seasons.models import Call, Season, Submission

    season = Season.objects.filter(slug__startswith="banc-saison-").order_by("-number").first()
    call = Call.objects.filter(season=season).order_by("pk").first()
    published = Laureate.objects.published()
    laureate = published.filter(slug__startswith="banc-laureat-").first()
    domain = Domain.objects.filter(slug__startswith="banc-").order_by("pk").first()
    sent = Submission.objects.exclude(reference="").order_by("pk")
    searched = sent[sent.count() // 18]  # the 5,000th of 90,000 at scale 5,000
    deep_page = min(50, math.ceil(published.count() / LAUREATES_PER_PAGE))
    word = laureate.name.split()[0]
    admin_list = reverse("admin:seasons_submission_changelist")
    paths = [
        "/",
        "/laureats/",
        f"/laureats/?saison={season.slug}&domaine={domain.slug}",
        f"/laureats/?q={urllib.parse.quote(word)}",
        f"/laureats/?page={deep_page}",
        laureate.get_absolute_url(),
        call.get_absolute_url(),
    ]
    return [
        (TRIVIAL, "/bench/ping", False),
        *((label, path, False) for label, path in zip(PUBLIC, paths, strict=True)),
        (ADMIN[0], admin_list, True),
        (ADMIN[1], admin_list + "?q=" + urllib.parse.quote(searched.project_name), True),
    ], call
