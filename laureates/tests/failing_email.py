"""An e-mail backend whose server is down, to test what happens when sending fails."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionError("the mail server does not answer")
