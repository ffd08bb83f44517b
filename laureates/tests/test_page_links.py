"""The laureate list's page links, made in Python, are the bytes the template loop made."""

import pytest
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from laureates.templatetags.laureates import page_links

# The loop the template had before `page_links`, word for word.
LOOP = Template(
    "{% load i18n %}{% for number in page_obj.paginator.page_range %}\n"
    '          <li><a class="fr-pagination__link" href="{% querystring page=number %}" '
    'title="{% blocktranslate %}Page {{ number }}{% endblocktranslate %}"'
    '{% if number == page_obj.number %} aria-current="page"{% endif %}>{{ number }}</a></li>\n'
    "        {% endfor %}"
)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("query", "pages", "current"),
    [
        ("", 3, 1),
        ("page=2", 3, 2),
        ("q=caf%C3%A9+%26+%3Cth%C3%A9%3E&page=7&saison=s1", 12, 7),
        ("domaine=sant%C3%A9&parcours=full_support", 1_250, 1_250),
    ],
)
def test_page_links_are_the_template_loop_s_bytes(language, query, pages, current):
    request = RequestFactory().get("/laureats/?" + query)
    page = Paginator(range(pages * 24), 24).page(current)
    with translation.override(language):
        expected = LOOP.render(RequestContext(request, {"page_obj": page}))
        made = page_links(RequestContext(request), page)
    assert made == expected
    assert made.count("<li>") == pages
    assert made.count('aria-current="page"') == 1
