"""The public application form under generated input (Hypothesis).

Whatever is posted — random values for every field, huge strings, control characters,
invalid UTF-8, wrong types, missing and extra fields, random files with lying names and
types, broken bodies — the server never answers 500, every refusal says why (next to
the field, or at the top), everything typed is shown again, and a draft that is saved
holds exactly what was typed.
"""

import os
from urllib.parse import quote, quote_from_bytes

import pytest
from django import forms
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from seasons.applying import antispam
from seasons.applying.forms import ApplicationForm, ReferentForm
from seasons.models import AttachmentKind, Submission, SubmissionStatus
from seasons.models.submission import new_access_key
from seasons.tests.factories import CallFactory, SeasonFactory, SubmissionFactory

from .application_helpers import (
    PDF_BYTES,
    PNG_BYTES,
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    opendocument,
)
from .fuzzing import ANY_CHARACTER, EXAMPLES, hostile_text, huge_text, rolled_back

pytestmark = pytest.mark.django_db

REFERENT_FIELDS = [f"referent{p}-{name}" for p in (1, 2) for name in ReferentForm._meta.fields]
ANSWER_FIELDS = [*ApplicationForm._meta.fields, *REFERENT_FIELDS]
FILE_FIELDS = [kind.value for kind in AttachmentKind]
# What an applicant must not set, posted anyway.
FORBIDDEN = ["status", "reference", "call", "access_key", "submitted_at", "score", "language"]
# Stored as typed once stripped (the URL gets a scheme; numbers and choices are coerced).
STORED_AS_TYPED = {
    name
    for name, field in ApplicationForm.base_fields.items()
    if type(field).__name__ in ("CharField", "EmailField")
}
VALID = {**complete_answers(), "referent2-first_name": "Lou", "referent2-email": "lou@ex.org"}

REFUSED_BODY = "Ce que votre navigateur a envoyé n’a pas pu être lu"


def is_typed(field):
    widget = field.widget
    text_inputs = ("text", "email", "url", "number", "tel")
    return isinstance(widget, forms.Textarea) or getattr(widget, "input_type", "") in text_inputs


TEXT_FIELDS = {name for name, field in ApplicationForm.base_fields.items() if is_typed(field)} | {
    f"referent{position}-{name}"
    for position in (1, 2)
    for name, field in ReferentForm.base_fields.items()
    if is_typed(field)
}


def odt_bytes():
    return opendocument().read()


file_content = st.one_of(
    st.binary(max_size=2_000),
    st.just(b""),
    st.sampled_from([PDF_BYTES, PNG_BYTES, odt_bytes(), b"\xff\xd8\xff\xe0JFIF"]),
    st.tuples(
        st.sampled_from(
            [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"MZ"]
        ),
        st.binary(max_size=300),
    ).map(b"".join),
)
file_name = st.one_of(
    st.text(ANY_CHARACTER, max_size=30),
    st.sampled_from(
        [
            "statuts.pdf",
            "logo.png",
            "virus.exe",
            "../../etc/passwd",
            "x" * 300 + ".pdf",
            ".pdf",
            "a.PDF.exe",
            "nul\x00.pdf",
            "espace .docx",
            "é漢.odt",
        ]
    ),
)
declared_type = st.sampled_from(
    ["application/pdf", "image/png", "text/html", "application/octet-stream", "x/y", ""]
)


def sendable_name(name):
    """The test client cannot post a file named "", "." or ".." (Django's server-side
    parser cleans such names from raw bodies itself)."""
    return name if os.path.basename(name) not in ("", ".", "..") else "f"


uploaded_file = st.builds(
    lambda name, content, kind: SimpleUploadedFile(sendable_name(name), content, kind),
    file_name,
    file_content,
    declared_type,
)


def answer(name):
    valid = [VALID[name]] if name in VALID else []
    return st.one_of(
        st.sampled_from(valid) if valid else st.nothing(),
        hostile_text,
        st.lists(hostile_text, min_size=2, max_size=3),  # the same field posted twice
    )


@st.composite
def posts(draw):
    """(encoding, fields, files, raw bytes, stamp kind): one POST as a browser, a script
    or a robot sends it."""
    fields = draw(
        st.dictionaries(
            st.one_of(st.sampled_from(FORBIDDEN), st.text(ANY_CHARACTER, min_size=1, max_size=15)),
            hostile_text,
            max_size=3,
        )
    )
    fields |= draw(
        st.fixed_dictionaries({}, optional={name: answer(name) for name in ANSWER_FIELDS})
    )
    fields["action"] = draw(st.one_of(st.sampled_from(["draft", "send", "save"]), hostile_text))
    if draw(st.integers(0, 9)) == 0:
        fields[antispam.HONEYPOT_FIELD] = draw(hostile_text)
    if draw(st.integers(0, 39)) == 0:
        fields["organisation_name"] = draw(huge_text)
    encoding = draw(st.sampled_from(["multipart"] * 6 + ["urlencoded", "raw"]))
    files = {}
    if encoding == "multipart":
        files = draw(st.fixed_dictionaries({}, optional=dict.fromkeys(FILE_FIELDS, uploaded_file)))
        if draw(st.integers(0, 9)) == 0:  # a file where text is expected
            files[draw(st.sampled_from(ANSWER_FIELDS))] = draw(uploaded_file)
    raw = draw(st.lists(st.binary(max_size=40), max_size=4))  # invalid UTF-8 and more
    stamp_kind = draw(st.sampled_from(["own"] * 6 + ["missing", "garbage", "altered", "other"]))
    return encoding, fields, files, raw, stamp_kind


def urlencoded(fields, raw):
    pairs = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{quote(name)}={quote(item)}")
    pairs += [f"{quote_from_bytes(b)}={quote_from_bytes(b[::-1])}" for b in raw]
    return "&".join(pairs).encode()


def send(client, url, post, stamps, django_capture_on_commit_callbacks):
    """Post one generated request; return (response, what the server could read of it)."""
    encoding, fields, files, raw, stamp_kind = post
    stamp = stamps[stamp_kind]
    if stamp is not None:
        fields = {**fields, "stamp": stamp}
    with django_capture_on_commit_callbacks(execute=True):
        if encoding == "multipart":
            typed = {name: value for name, value in fields.items() if name not in files}
            return client.post(url, {**fields, **files}), typed
        if encoding == "urlencoded":
            body = urlencoded(fields, raw)
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
            return response, QueryDict(body)
        body = b"--b\r\nContent-Disposition: form-data; " + b"".join(raw)
        return client.post(url, body, content_type="multipart/form-data; boundary=b"), {}


def single(read, name):
    """The one value posted under `name`, or None when absent or posted several times."""
    if isinstance(read, QueryDict):
        values = read.getlist(name)
        return values[0] if len(values) == 1 else None
    value = read.get(name)
    return value if isinstance(value, str) else None


def messages_area(html, field_id):
    marker = f'id="{field_id}-messages"'
    assert marker in html, f"no messages area for {field_id}"
    return html.split(marker, 1)[1].split("</div>", 1)[0]


def assert_explained(response, read):
    """A refused form says why, next to each field, and shows again everything typed."""
    html = response.content.decode()
    context = response.context
    assert context["refusal"] or context["errors"], "a refusal that says nothing"
    if context["refusal"]:
        assert escape(context["refusal"]) in html
    forms = [context["answers"], *context["referents"], context["attachments"]]
    every_error = [
        message for form in forms for errors in form.errors.values() for message in errors
    ]
    assert sorted(every_error) == sorted(message for _a, _l, message in context["errors"])
    for anchor, label, message in context["errors"]:
        assert f'<a href="#{anchor}">{escape(label)} : {escape(message)}</a>' in html
        if anchor != "section-pieces-jointes":  # files together: said in the summary
            assert escape(message) in messages_area(html, anchor)
    for name in TEXT_FIELDS:
        value = single(read, name)
        if value:
            assert escape(value) in html, f"{name} was not shown again"


def assert_saved_as_typed(submission, read):
    for name in STORED_AS_TYPED:
        value = single(read, name)
        if value is not None:
            assert getattr(submission, name) == value.strip(), name
    for position in (1, 2):
        referent = submission.referents.filter(position=position).first()
        for name in ["first_name", "last_name", "email", "phone", "role"]:
            value = single(read, f"referent{position}-{name}")
            if value is not None and referent is not None:
                assert getattr(referent, name) == value.strip(), (position, name)


def check(response, read, submission_key, call):
    """What the server may answer to one generated POST, and nothing else."""
    status = response.status_code
    assert status < 500
    if status == 302:
        submission = Submission.objects.get(access_key=submission_key)
        assert submission.call == call
        if submission.status == SubmissionStatus.DRAFT:
            assert response["Location"] == reverse("applications:edit", args=[submission_key])
            assert (submission.reference, submission.submitted_at) == ("", None)
            assert_saved_as_typed(submission, read)
        else:
            assert submission.status == SubmissionStatus.SUBMITTED
            assert submission.reference.startswith("AIC-")
            assert response["Location"] in (
                reverse("applications:sent", args=[submission_key]),
                reverse("applications:status", args=[submission_key]),
            )
        return "saved"
    if response.context and "refusal" in response.context:
        assert status in (400, 429), status  # the call is open: never 409 here
        assert_explained(response, read)
        return f"form {status}"
    assert status == 400, status
    assert REFUSED_BODY in response.content.decode()
    return "body refused"


def stamps_for(own_key, other_key):
    good = antispam.form_stamp(own_key)
    return {
        "own": good,
        "missing": None,
        "garbage": "pas-un-tampon",
        "altered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "other": antispam.form_stamp(other_key),
    }


def fuzz(client, url, call, own_key, other_key, capture):
    """Run EXAMPLES generated POSTs to `url`; return how many of each outcome."""
    outcomes = {}
    stamps = stamps_for(own_key, other_key)

    @settings(max_examples=EXAMPLES)
    @given(posts())
    def one_post(post):
        cache.clear()  # rate limits count per address: each example starts from zero
        with rolled_back():
            response, read = send(client, url, post, stamps, capture)
            outcome = check(response, read, own_key, call)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    one_post()
    return outcomes


def test_new_application_form_answers_any_post_without_error(
    client, django_capture_on_commit_callbacks
):
    call = open_call(season__year=2023)
    # A form of another call's application, posted to this call.
    other = SubmissionFactory(call=CallFactory(season=SeasonFactory()))
    outcomes = fuzz(
        client,
        apply_url(call),
        call,
        new_access_key(),
        other.access_key,
        django_capture_on_commit_callbacks,
    )
    assert sum(outcomes.values()) >= EXAMPLES
    # The generated posts reach every outcome, not only the easy refusals.
    assert set(outcomes) == {"saved", "form 400", "body refused"}, outcomes


def test_draft_saved_through_its_private_link_answers_any_post_without_error(
    client, post, django_capture_on_commit_callbacks
):
    call = open_call(season__year=2023)
    stamp = antispam.form_stamp(new_access_key())
    post(apply_url(call), stamp, "draft", complete_answers(), complete_files())
    draft = Submission.objects.get()
    outcomes = fuzz(
        client,
        reverse("applications:edit", args=[draft.access_key]),
        call,
        draft.access_key,
        new_access_key(),
        django_capture_on_commit_callbacks,
    )
    assert sum(outcomes.values()) >= EXAMPLES
    assert set(outcomes) == {"saved", "form 400", "body refused"}, outcomes
    # Every example was undone: the draft is as it was, with its three files.
    draft.refresh_from_db()
    assert (draft.status, draft.organisation_name) == (
        SubmissionStatus.DRAFT,
        VALID["organisation_name"],
    )
    assert draft.attachments.count() == 3


def test_draft_number_past_the_database_range_is_explained_and_keeps_the_stored_one(client, post):
    """Found by the fuzzing above: the form's validation had left the refused number on
    the draft, which was then saved: a 500 (OverflowError on SQLite past 64 bits,
    "integer out of range" on PostgreSQL past 32)."""
    largest = connection.ops.integer_field_range("PositiveIntegerField")[1]
    call = open_call()
    post(apply_url(call), antispam.form_stamp(new_access_key()), "draft", complete_answers())
    draft = Submission.objects.get()
    answers = complete_answers(organisation_name="Nouveau nom", budget_last_year=str(largest + 1))
    edit_url = reverse("applications:edit", args=[draft.access_key])
    response = post(edit_url, antispam.form_stamp(draft.access_key), "draft", answers)
    draft.refresh_from_db()
    assert response.status_code == 400
    assert f"Assurez-vous que cette valeur est inférieure ou égale à {largest}." in (
        messages_area(response.content.decode(), "id_budget_last_year")
    )
    assert (draft.organisation_name, draft.budget_last_year) == ("Nouveau nom", 120000)
