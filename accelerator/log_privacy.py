"""Private keys never reach a log: the applicant's link is as good as a password.

Whoever holds `/candidatures/<key>/` reads and changes an application. That path shows up
in the request log (gunicorn's access log, its Referer too), in django.request's "Not
Found: …" lines, in tracebacks and in the error e-mails sent to ADMINS. Each of those
outputs masks the key with `mask_private_keys`: gunicorn through `MaskingGunicornLogger`
(gunicorn.conf.py), Django's loggers through the `MaskPrivateKeys` filter and
`MaskingAdminEmailHandler` (settings.LOGGING).
"""

import logging
import re

from django.conf import settings
from django.utils.log import AdminEmailHandler
from gunicorn.glogging import Logger as GunicornLogger

MASK = "[private-key]"
# Every segment after /candidatures/ is a key, except the one page that is not.
PRIVATE_KEY_IN_PATH = re.compile(r"(/candidatures/)(?!lien-perdu\b)[A-Za-z0-9_-]+")


def mask_private_keys(text):
    return PRIVATE_KEY_IN_PATH.sub(rf"\g<1>{MASK}", text)


class MaskPrivateKeys(logging.Filter):
    """Masks the keys of a record's message and traceback (for every handler after it)."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask_private_keys(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_private_keys(record.exc_text)
        return True


class MaskingAdminEmailHandler(AdminEmailHandler):
    """Django's error e-mails to ADMINS, whose report (path, headers, traceback) is masked."""

    def emit(self, record):
        # Django builds no report when nobody would receive it, but only while send_mail is
        # its own: overriding it turned that shortcut off, and the report pretty-prints
        # every local variable (1.5 s for a 3 MB body refused as too big).
        if settings.ADMINS:
            super().emit(record)

    def send_mail(self, subject, message, *args, **kwargs):
        if kwargs.get("html_message"):
            kwargs["html_message"] = mask_private_keys(kwargs["html_message"])
        super().send_mail(mask_private_keys(subject), mask_private_keys(message), *args, **kwargs)


class MaskingGunicornLogger(GunicornLogger):
    """gunicorn's logger, whose access-log fields (request line, path, query, Referer and
    every other header) are masked."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_private_keys(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }
