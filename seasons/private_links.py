"""Applicants' private links in e-mails: stored as placeholders, built only when sending.

A private link holds the application's secret key: whoever has it can change or withdraw
the application. Staff (the read-only observer included) read every stored e-mail in the
outbox, so an e-mail row never holds a key: it holds `[[private-link:status:42]]`, shown
as "[private link]" on staff screens, and the sender turns it into the real link with the
key read from the application at that moment (`seasons.outbox.resolve_links`). This
module only reads and writes text: the models use it, and it imports none of them.
"""

import re

from django.utils.translation import gettext

# The applicant's pages a private link may open (name of the URL, see applying/urls.py).
PAGES = {"status": "applications:status", "edit": "applications:edit"}
PLACEHOLDER = re.compile(r"\[\[private-link:(status|edit):(\d+)\]\]")
# A laureate team's sign-in link (laureates.space) cannot be a placeholder: only a hash
# of its token is stored, so the e-mail row holds the link itself for its 20 minutes of
# life. Staff screens mask it all the same (the path is `SIGN_IN_LINK_PATH`).
SIGN_IN_LINK_PATH = "/espace-laureat/connexion/"
# The outside jurors' links (seasons.jury) likewise: staff reading a juror's invitation
# in the outbox must not be able to sign in as that juror.
JUROR_SIGN_IN_LINK_PATH = "/jury/connexion/"
SIGN_IN_LINK = re.compile(
    r"\S*(?:"
    + re.escape(SIGN_IN_LINK_PATH)
    + "|"
    + re.escape(JUROR_SIGN_IN_LINK_PATH)
    + r")[A-Za-z0-9_-]+/?"
)


def without_sign_in_links(text):
    """`text` with its sign-in links masked: what an e-mail row keeps once the e-mail has
    left, so that no copy of the database (a backup, a replica) holds a usable link."""
    return SIGN_IN_LINK.sub(masked_label(), text)


def placeholder(page, submission):
    """What an e-mail row stores in place of the private link to `page` (of PAGES)."""
    return f"[[private-link:{page}:{submission.pk}]]"


def masked_label():
    return gettext("[private link]")


def mask(text):
    """`text` as staff see it: each private link shown as "[private link]"."""
    return without_sign_in_links(PLACEHOLDER.sub(masked_label(), text))


def unmask(text, submission, original=""):
    """Staff edited a masked draft: put back the placeholders they kept.

    The placeholders of `original` come back in their order; a masked label beyond them
    (staff may add the link once more) becomes the link to `submission`'s status page.
    """
    labels = {gettext("[private link]"), "[private link]"}
    kept = [match.group(0) for match in PLACEHOLDER.finditer(original)]
    if submission is not None:
        default = placeholder("status", submission)
    else:
        default = kept[-1] if kept else None
    if default is None:
        return text
    pattern = re.compile("|".join(re.escape(label) for label in sorted(labels, reverse=True)))
    return pattern.sub(lambda _match: kept.pop(0) if kept else default, text)
