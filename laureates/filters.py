"""The filters of the public laureate list; their state lives in the URL, to be shared."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accelerator.collation import FrenchOrderChoices, french_sorted
from accelerator.page_cache import public_fragment
from seasons.models import Season

from .models import Domain, Laureate, Milestone, SupportKind, Track
from .search import normalise

SEARCH_MAX_LENGTH = 200
NOT_OFFERED = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}


def capitalised(choices):
    """Choice labels as they start an option, in French order (evaluated at each
    rendering, in the language of the request): "Financier", "Méthodologique"."""
    return FrenchOrderChoices((value, capfirst(label)) for value, label in choices)


def public_domains():
    """The domains of laureates the public may see now."""
    return Domain.objects.filter(
        Exists(Laureate.objects.published().filter(domains=OuterRef("pk")))
    ).order_by("name")


CHOSEN = ("saison", "domaine")


def model_choices():
    """The seasons and domains the filters offer, as (slug, label) pairs, and their ids
    by slug (under "ids"): the same for every visitor and language, read once per change
    of the public rows (a page fragment, which also expires at the next announcement of
    laureates, see accelerator.page_cache)."""

    def build():
        seasons = list(Season.objects.published().order_by("-number"))
        domains = list(public_domains())
        return {
            "saison": [(season.slug, str(season)) for season in seasons],
            "domaine": french_sorted((domain.slug, str(domain)) for domain in domains),
            "ids": {
                "saison": {season.slug: season.pk for season in seasons},
                "domaine": {domain.slug: domain.pk for domain in domains},
            },
        }

    # ":2": an entry of the shape before the ids, stored by an older release, is not read.
    return public_fragment("laureate-filter-choices:2", build)


# Form classes by filter set and choices: a handful (the choices change when a season or
# a domain does); the bound only guards against a surprise.
MAX_FORM_CLASSES = 64
_form_classes = {}


def kept_form_class(filterset_class, choices):
    """`filterset_class`'s form class offering `choices` ({"saison": [(slug, label)],
    "domaine": […]}), made once per process for each value of `choices`: its key is the
    choices themselves, so a new, renamed or withdrawn season or domain (a new fragment)
    makes a new class at once, and nothing has to invalidate it. Making it per request
    (django-filter builds every field, then a class) was about a tenth of a list miss.

    Every label is lazy, translated when the page renders, so one class serves every
    language. A chosen season or domain is checked against the slugs offered, by the
    form, without a query: the domains are those of public laureates when the choices
    were read, which is what `public_domains()` gave at each request (the clock's
    announcements renew the fragment), and no moment is kept in the class.
    """
    key = (filterset_class, tuple((name, tuple(choices[name])) for name in CHOSEN))
    made = _form_classes.get(key)
    if made is None:
        filters = filterset_class().filters
        fields = {name: filter_.field for name, filter_ in filters.items()}
        for name in CHOSEN:
            fields[name].choices = choices[name]  # django-filter's field adds the empty one
        made = type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)
        if len(_form_classes) >= MAX_FORM_CLASSES:
            _form_classes.clear()
        _form_classes[key] = made
    return made


class LaureateFilter(django_filters.FilterSet):
    """Parameter names are French, like the site's paths: `?saison=saison-2&domaine=…`."""

    # Each word is a condition of the query: a limit keeps a pasted essay from making a
    # query the database refuses (SQLite: "Expression tree is too large").
    q = django_filters.CharFilter(
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        label=_("Search"),
        help_text=_("In the name, the carrier and the summary."),
    )
    # Chosen by slug among the choices offered (`kept_form_class`): the form checks the
    # value against them without a query (and says so as a choice of rows would), and
    # the filter asks for the id the choices' fragment gives (`chosen`): a condition on
    # the laureates' own columns rather than a join on the slug, which PostgreSQL would
    # start from the domain's laureates (6 ms at 5,000 laureates instead of 0.6).
    saison = django_filters.ChoiceFilter(
        method="chosen",
        field_name="season",
        label=_("Season"),
        empty_label=_("All seasons"),
        error_messages=NOT_OFFERED,
    )
    domaine = django_filters.ChoiceFilter(
        method="chosen",
        field_name="domains",
        label=_("Domain"),
        empty_label=_("All domains"),
        error_messages=NOT_OFFERED,
    )
    parcours = django_filters.ChoiceFilter(
        field_name="track",
        choices=capitalised(Track.choices),
        label=_("Track"),
        empty_label=_("All tracks"),
    )
    accompagnement = django_filters.ChoiceFilter(
        method="support_in_progress",
        choices=capitalised(SupportKind.choices),
        label=_("Support in progress"),
        empty_label=_("Any kind of support"),
        help_text=_("Laureates with a public step of this kind still planned or in progress."),
    )

    class Meta:
        model = Laureate
        fields = []

    def get_form_class(self):
        """The form class of the current seasons and domains (`model_choices`, read from the
        cache), built once per process for each set of them (`kept_form_class`)."""
        choices = model_choices()
        self.chosen_ids = choices["ids"]
        return kept_form_class(type(self), choices)

    def chosen(self, queryset, name, value):
        """The laureates of the season or domain chosen (`name`: "season" or "domains"),
        by the id the form's choices were read with."""
        ids = self.chosen_ids["saison" if name == "season" else "domaine"]
        return queryset.filter(**{name: ids[value]})

    def search(self, queryset, name, value):
        """Every word, without accents or capitals, in the name, carrier or summary."""
        for word in normalise(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def support_in_progress(self, queryset, name, value):
        """Only public milestones count: a private step must not show through a filter.
        A closed support is never "in progress", whatever its steps (the closing
        resolves them all; the page says "over" from the same closing date)."""
        open_steps = Milestone.objects.open().filter(
            laureate=OuterRef("pk"), kind=value, is_public=True
        )
        return queryset.support_not_closed().filter(Exists(open_steps))
