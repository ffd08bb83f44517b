"""The applicant's private links under generated keys (Hypothesis).

Any key but the real one — random text, control characters, the real key altered by one
character, cut or lengthened, path tricks — answers the 404 page on the status, edit,
sent and withdrawal addresses (GET and POST), never 500, and changes nothing; the real
key still opens every page afterwards.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from seasons.applying import antispam
from seasons.models import Submission, SubmissionStatus, SubmissionTransition
from seasons.models.submission import new_access_key

from .application_helpers import apply_url, complete_answers, complete_files, open_call
from .fuzzing import ANY_CHARACTER, CONTROL_CHARACTERS, EXAMPLES, hostile_text

pytestmark = pytest.mark.django_db

PAGES = ["", "modifier/", "envoyee/", "retirer/"]
NOT_FOUND = "Page non trouvée"


@pytest.fixture
def sent_application(client, post):
    call = open_call(season__year=2023)
    stamp = antispam.form_stamp(new_access_key())
    post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    return Submission.objects.get()


def altered(key):
    """The real key, changed the way a mistyped, cut or forged link changes it."""
    position = st.integers(0, len(key) - 1)
    return st.one_of(
        st.tuples(position, st.text(ANY_CHARACTER, min_size=1, max_size=1)).map(
            lambda change: key[: change[0]] + change[1] + key[change[0] + 1 :]
        ),
        position.map(lambda end: key[:end]),
        st.text(ANY_CHARACTER, min_size=1, max_size=3).map(lambda extra: key + extra),
        st.just(key.swapcase()),
        st.just(key + "/"),
        st.just(key + "%00"),
        st.just(" " + key),
    )


def keys(real):
    return st.one_of(
        altered(real),
        hostile_text,
        st.text(CONTROL_CHARACTERS, min_size=1, max_size=5),
        st.sampled_from(["..", ".", "fichiers", "fichiers/1", "%2e%2e", "null", "0", "-" * 43]),
        st.builds(lambda _: new_access_key(), st.integers(0, 0)),  # well-formed, unknown
    )


def test_private_links_with_any_other_key_answer_404_and_change_nothing(client, sent_application):
    real = sent_application.access_key
    transitions = SubmissionTransition.objects.count()
    seen = []

    @settings(max_examples=EXAMPLES)
    @given(keys(real), st.sampled_from(PAGES), st.sampled_from(["get", "post"]))
    def one_link(key, page, method):
        assume(key not in (real, real + "/"))
        url = f"/candidatures/{quote(key, safe='/%')}/{page}"
        response = getattr(client, method)(url)
        seen.append(response.status_code)
        assert response.status_code == 404, (url, response.status_code)
        assert NOT_FOUND in response.content.decode()

    one_link()
    assert len(seen) >= EXAMPLES
    # Nothing was withdrawn nor changed; the real key opens every page.
    sent_application.refresh_from_db()
    assert sent_application.status == SubmissionStatus.SUBMITTED
    assert SubmissionTransition.objects.count() == transitions
    status = client.get(reverse("applications:status", args=[real]))
    assert (status.status_code, status.context["submission"].pk) == (200, sent_application.pk)
    assert sent_application.reference in status.content.decode()
    assert client.get(reverse("applications:sent", args=[real])).status_code == 200
    assert client.get(reverse("applications:edit", args=[real])).status_code == 200
    withdraw = client.get(reverse("applications:withdraw", args=[real]))
    assert withdraw.status_code == 200
    assert "Retirer" in withdraw.content.decode()
