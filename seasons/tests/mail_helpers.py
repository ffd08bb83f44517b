"""What an e-mail's addressee reads, for the tests that follow a link from it."""

from django.core import mail

from seasons import outbox
from seasons.models import EmailStatus


def delivered_body(row):
    """The body the addressee of `row` (an OutboundEmail) reads: the message that left
    when it was sent (the row then keeps sign-in links masked), else what the sender
    would send from the row."""
    if row.status == EmailStatus.SENT:
        subject = outbox.resolve_links(row.subject, row.link_base)
        sent = [m for m in mail.outbox if m.to == [row.to] and m.subject == subject]
        return sent[-1].body
    return outbox.resolve_links(row.body, row.link_base)
