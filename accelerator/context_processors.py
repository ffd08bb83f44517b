"""Values every public template needs, taken from settings (no database query)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ACCESSIBILITY_LABELS = {
    "none": _("Accessibility: not compliant"),
    "partial": _("Accessibility: partially compliant"),
    "full": _("Accessibility: fully compliant"),
}


def site(request):
    return {
        "PROGRAM_NAME": settings.PROGRAM_NAME,
        "PROGRAM_TAGLINE": settings.PROGRAM_TAGLINE,
        "STATE_BRANDING": settings.STATE_BRANDING,
        "STATE_BRAND_LINES": settings.STATE_BRAND_LINES,
        "OPERATOR_NAME": settings.OPERATOR_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "ACCESSIBILITY_LABEL": ACCESSIBILITY_LABELS[settings.ACCESSIBILITY_COMPLIANCE],
    }
