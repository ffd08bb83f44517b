"""The pages the bench measures, found in the bench data set."""

import urllib.parse


def targets_of(args):
    """The pages measured: (label, path, needs the staff session, laureate/admin target)."""
    from django.urls import reverse

    from laureates.models import Domain, Laureate
    from seasons.models import Call, Season, Submission

    season = Season.objects.filter(slug__startswith="banc-saison-").order_by("-number").first()
    call = Call.objects.filter(season=season).order_by("pk").first()
    laureate = Laureate.objects.published().filter(slug__startswith="banc-laureat-").first()
    domain = Domain.objects.filter(slug__startswith="banc-").order_by("pk").first()
    searched = Submission.objects.exclude(reference="").order_by("pk")[5000]
    word = laureate.name.split()[0]
    admin_list = reverse("admin:seasons_submission_changelist")
    return [
        ("Trivial view (/bench/ping)", "/bench/ping", False),
        ("Home", "/", False),
        ("Laureate list", "/laureats/", False),
        (
            "Laureate list, filtered",
            f"/laureats/?saison={season.slug}&domaine={domain.slug}",
            False,
        ),
        ("Laureate list, searched", f"/laureats/?q={urllib.parse.quote(word)}", False),
        ("Laureate list, page 50", "/laureats/?page=50", False),
        ("Laureate page", laureate.get_absolute_url(), False),
        ("Call page", call.get_absolute_url(), False),
        ("Admin: applications (100k)", admin_list, True),
        (
            "Admin: search a name",
            admin_list + "?q=" + urllib.parse.quote(searched.project_name),
            True,
        ),
    ], call
