"""The laureate list's page links, made in Python: each link is the bytes the template loop
made, for the pages the design system's truncated pagination shows."""

import pytest
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from laureates.templatetags.laureates import page_links

# The loop the template had before `page_links`, word for word, over the pages shown.
LOOP = Template(
    "{% load i18n %}{% for number in shown %}{% if number == '…' %}\n"
    '          <li><a class="fr-pagination__link">…</a></li>\n'
    "        {% else %}\n"
    '          <li><a class="fr-pagination__link" href="{% querystring page=number %}" '
    'title="{% blocktranslate %}Page {{ number }}{% endblocktranslate %}"'
    '{% if number == page_obj.number %} aria-current="page"{% endif %}>{{ number }}</a></li>\n'
    "        {% endif %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("query", "pages", "current", "shown"),
    [
        ("", 3, 1, [1, 2, 3]),
        ("page=2", 6, 2, [1, 2, 3, 4, 5, 6]),
        (
            "q=caf%C3%A9+%26+%3Cth%C3%A9%3E&page=7&saison=s1",
            12,
            7,
            [1, "…", 5, 6, 7, 8, 9, "…", 12],
        ),
        ("page=2", 209, 2, [1, 2, 3, 4, "…", 209]),
        ("page=50", 209, 50, [1, "…", 48, 49, 50, 51, 52, "…", 209]),
        ("domaine=sant%C3%A9&parcours=full_support", 2_084, 2_084, [1, "…", 2_082, 2_083, 2_084]),
    ],
)
def test_page_links_are_the_template_loop_s_bytes(language, query, pages, current, shown):
    request = RequestFactory().get("/laureats/?" + query)
    page = Paginator(range(pages * 24), 24).page(current)
    with translation.override(language):
        context = RequestContext(request, {"page_obj": page, "shown": shown})
        expected = LOOP.render(context)
        made = page_links(RequestContext(request), page)
    assert made == expected
    assert made.count("<li>") == len(shown)
    assert made.count('aria-current="page"') == 1


def test_the_links_stay_few_whatever_the_number_of_pages():
    request = RequestFactory().get("/laureats/")
    for pages in (7, 209, 2_084, 20_834):
        for current in (1, 4, pages // 2, pages - 3, pages):
            page = Paginator(range(pages * 24), 24).page(current)
            made = page_links(RequestContext(request), page)
            assert made.count("<li>") <= 9
            # The first and the last page are always there, each once.
            assert made.count('href="?page=1"') == made.count(f'href="?page={pages}"') == 1
