from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from dsfr.models import DsfrConfig

from . import errors, health, language, views

# django-dsfr's own site configuration (a database row) is not used: the header and
# footer come from settings. Its admin screen would accept edits that change nothing.
admin.site.unregister(DsfrConfig)

admin.site.site_header = settings.PROGRAM_NAME
admin.site.site_title = _("Staff area")
admin.site.index_title = _("Run the program")

# An unreachable database gets the 503 page, whatever part of the request met it.
handler500 = "accelerator.unavailable.server_error"
# A body that cannot be read (a form in UTF-16, too large) still gets its error page.
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("saisons/", include("seasons.calls.urls")),
    path("candidatures/", include("seasons.applying.urls")),
    path("laureats/", include("laureates.urls")),
    # Must match seasons.private_links.SIGN_IN_LINK_PATH (staff screens mask the links).
    path("espace-laureat/", include("laureates.space.urls")),
    # Must match seasons.private_links.JUROR_SIGN_IN_LINK_PATH.
    path("jury/", include("seasons.jury.urls")),
    path("donnees-ouvertes/", include("laureates.open_data.urls")),
    path("langue/<str:code>/", language.switch_language, name="switch_language"),
    # The footer's legal pages: flat pages that staff edit in the admin.
    path("mentions-legales/", flatpage, {"url": "/mentions-legales/"}, name="legal_notice"),
    path(
        "donnees-personnelles/",
        flatpage,
        {"url": "/donnees-personnelles/"},
        name="personal_data",
    ),
    path("accessibilite/", flatpage, {"url": "/accessibilite/"}, name="accessibility"),
    path("admin/", admin.site.urls),
]

if settings.BENCH:
    # The benchmark's trivial view, the floor every page is compared with.
    urlpatterns.append(path("bench/", include("bench.urls")))

if settings.SERVE_MEDIA:
    # Public uploads only (laureate logos); applicants' files are in another folder.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
