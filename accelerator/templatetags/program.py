"""The program's contact and host, from settings, for pages and e-mails.

The footer's legal pages are database content that staff edit: they name the contact and
the host through placeholders (``[[contact_email]]``, ``[[hosting_provider]]``) that
``fill_placeholders`` replaces when the page is shown, so that changing the settings
changes every page without editing them.
"""

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def contact_link():
    return format_html('<a href="mailto:{0}">{0}</a>', settings.CONTACT_EMAIL)


def hosting_provider():
    """ "Name, address (telephone: …)", or a sentence saying it is still to be given."""
    if not settings.HOSTING_PROVIDER_NAME:
        return gettext("a provider whose name, address and telephone are still to be given")
    parts = [settings.HOSTING_PROVIDER_NAME, settings.HOSTING_PROVIDER_ADDRESS]
    text = ", ".join(part for part in parts if part)
    if settings.HOSTING_PROVIDER_PHONE:
        text += " (" + gettext("telephone: %s") % settings.HOSTING_PROVIDER_PHONE + ")"
    return escape(text)


PLACEHOLDERS = {"[[contact_email]]": contact_link, "[[hosting_provider]]": hosting_provider}


@register.filter
def fill_placeholders(content):
    """Staff's trusted HTML with the placeholders replaced by the escaped settings."""
    for placeholder, value in PLACEHOLDERS.items():
        if placeholder in content:
            content = content.replace(placeholder, value())
    # Flat pages are HTML that staff write (Django shows them unescaped too); only the
    # values put in are escaped.
    return mark_safe(content)  # noqa: S308  # nosec B308 B703


@register.simple_tag
def contact_email():
    """The program's contact address, as plain text (for e-mails)."""
    return settings.CONTACT_EMAIL
