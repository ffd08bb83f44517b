"""The demo's teams: `load_demo` prints a sign-in link that opens uMap's space at once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from laureates.models import TeamMember, TeamUpdate

pytestmark = pytest.mark.django_db


def test_load_demo_prints_a_link_that_opens_umaps_space(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    settings.DEBUG = False
    members = TeamMember.objects.order_by("laureate__name", "name")
    assert [(m.laureate.name, m.name) for m in members] == [
        ("Pyronear", "Théo Maquette"),
        ("uMap", "Inès Spécimen"),
        ("uMap", "Yann Modèle"),
    ]
    assert sorted(TeamUpdate.objects.values_list("laureate__slug", "status")) == [
        ("pyronear", "confirmed"), ("pyronear", "submitted"),
        ("umap", "confirmed"), ("umap", "confirmed"), ("umap", "sent_back"),
    ]  # fmt: skip
    assert TeamUpdate.objects.public().count() == 3
    path = re.search(r"http://127\.0\.0\.1:\d+(/espace-laureat/connexion/\S+/) ", out.getvalue())
    client = Client()
    assert client.post(path.group(1))["Location"] == "/espace-laureat/"
    space = client.get("/espace-laureat/").content.decode()
    assert "Feuille de route de uMap" in space and "Cartes créées avec uMap" in space
    reports = client.get("/espace-laureat/rapports/").content.decode()
    assert "Revue à 6 mois" in reports and "Rapport final" in reports
    review = re.search(r'href="(/espace-laureat/rapports/\d+/)">Revue à 6 mois', reports)
    answers = client.get(review.group(1)).content.decode()
    assert (
        "Plus d&#x27;un million de cartes créées" in answers
        and '<p class="fr-mb-1w">Oui</p>' in answers
    )
    public = client.get("/laureats/umap/").content.decode()
    assert "Plus d'un million de cartes créées" in public or "Plus d&#x27;un million" in public
