"""Values every public template needs, taken from settings (no database query)."""

from django.conf import settings


def site(request):
    return {
        "PROGRAM_NAME": settings.PROGRAM_NAME,
        "PROGRAM_TAGLINE": settings.PROGRAM_TAGLINE,
        "STATE_BRANDING": settings.STATE_BRANDING,
        "STATE_BRAND_LINES": settings.STATE_BRAND_LINES,
        "OPERATOR_NAME": settings.OPERATOR_NAME,
    }
