"""A laureate page prints its summary and description once each, never the same text twice."""

import pytest

from laureates.onboarding import summary_of
from laureates.tests.factories import LaureateFactory

pytestmark = pytest.mark.django_db


def lead_and_prose(client, laureate):
    html = client.get(laureate.get_absolute_url()).content.decode()
    html = html.split("</head>")[1]  # the meta description is the summary, for robots
    return html.count('class="fr-text--lead"'), html.count('class="prose"'), html


def test_laureate_page_same_summary_and_description_printed_once(client):
    text = "Des cartes personnalisées,\n\npour tous."
    laureate = LaureateFactory(summary=summary_of(text), description=text)
    leads, proses, html = lead_and_prose(client, laureate)
    assert (leads, proses) == (1, 0)
    assert '<p class="fr-text--lead">Des cartes personnalisées, pour tous.</p>' in html
    assert html.count("Des cartes personnalisées") == 1


def test_laureate_page_summary_cut_from_the_description_is_not_repeated(client):
    text = "Une phrase du projet. " * 20  # 440 characters: the summary is its first 300
    laureate = LaureateFactory(summary=summary_of(text), description=text)
    leads, proses, html = lead_and_prose(client, laureate)
    assert (leads, proses) == (0, 1)
    assert html.count("Une phrase du projet.") == 20


def test_laureate_page_different_summary_and_description_both_printed(client):
    laureate = LaureateFactory(summary="Un résumé.", description="Une description plus longue.")
    leads, proses, html = lead_and_prose(client, laureate)
    assert (leads, proses) == (1, 1)
    assert '<p class="fr-text--lead">Un résumé.</p>' in html
    assert '<p class="prose">Une description plus longue.</p>' in html


def test_laureate_page_without_description_prints_the_summary(client):
    laureate = LaureateFactory(summary="Un résumé.", description="")
    assert lead_and_prose(client, laureate)[:2] == (1, 0)
