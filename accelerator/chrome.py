"""The site's header and footer (`includes/header.html`, `includes/footer.html`), rendered
once per process for each set of what they show, then reused by every page.

They are the same for every page of a language, but for three things: the menu item of
the section the page belongs to (`aria-current`), the address the language links come
back to (`?next=` the page's own address), and the application form's language buttons.
So each is rendered with a stand-in address (`FULL_PATH`) and kept under a key made of
every other thing it reads: the template, the language, the languages offered, the site's
settings (`accelerator.context_processors.site`) and the menu section; the page's own
address is then put in place of the stand-in. Nothing here comes from the database, so
nothing has to invalidate it: a change of settings (`override_settings`) makes another
key. On the application form's pages (`language_switch_form`), or without a request
(error pages), the template is rendered as an include would.

The design system's stylesheet, icon and script tags (`{% dsfr_css %}`, `{% dsfr_favicon %}`,
`{% dsfr_js %}` of django-dsfr) are the same on every page: each is rendered once per
process too (`render_asset`). Both kinds are forgotten when a setting changes (tests).

Rendering all of them was about 2 ms of CPU of every public page on a miss.
`accelerator/tests/test_chrome.py` compares the result with the plain include and tags on
pages of every section.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.template import engines
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

# What `request.get_full_path` gives while the fragment is rendered: only unreserved
# characters, which `urlencode` and the HTML escaping both leave as they are.
FULL_PATH = "chrome-full-path-7d1e4b"
SITE_VALUES = (
    "PROGRAM_NAME",
    "PROGRAM_TAGLINE",
    "STATE_BRANDING",
    "STATE_BRAND_LINES",
    "OPERATOR_NAME",
    "ACCESSIBILITY_LABEL",
)
# A handful of keys per language; the bound only guards against a surprise.
MAX_KEPT = 256
_kept = {}


class StandInRequest:
    """What the header and footer read of the request: its path (the menu), and its full
    address (the language links), replaced by the stand-in."""

    def __init__(self, path):
        self.path = path

    def get_full_path(self):
        return FULL_PATH


def section(path):
    """Which menu item `includes/header.html` marks as the current page, by its own
    tests: the home page, the seasons' pages, the laureates' pages, or none."""
    if path == "/":
        return "home"
    if path[:9] == reverse("seasons:season_list"):
        return "seasons"
    if path[:10] == reverse("laureates:laureate_list"):
        return "laureates"
    return ""


def render_chrome(context, template):
    """`template` (an includes/ template of the page's frame) as `{% include %}` would
    render it in `context`, from the process's copy when there is one."""
    request = context.get("request")
    if request is None or context.get("language_switch_form") or "PROGRAM_NAME" not in context:
        with context.push():
            return template.render(context)
    site = tuple(str(context.get(name)) for name in SITE_VALUES)
    key = (
        template.origin.name,
        translation.get_language(),
        tuple(settings.LANGUAGES),
        site,
        section(request.path),
    )
    fragment = _kept.get(key)
    if fragment is None:
        values = {name: context.get(name) for name in SITE_VALUES}
        fragment = template.render(context.new({**values, "request": StandInRequest(request.path)}))
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = fragment
    # The fragment is the template engine's output; only the stand-in is replaced, by the
    # address as `|urlencode:''` writes it (no character that HTML escapes is left).
    return mark_safe(fragment.replace(FULL_PATH, quote(request.get_full_path(), safe="")))  # noqa: S308  # nosec B308 B703


ASSETS = {"dsfr_css", "dsfr_favicon", "dsfr_js"}
_assets = {}


def render_asset(name):
    """The output of django-dsfr's tag `name` (no argument: no nonce), rendered once."""
    if name not in ASSETS:
        raise ValueError(f"Not a design system asset tag: {name}")
    asset = _assets.get(name)
    if asset is None:
        code = "{% load dsfr_tags %}{% " + name + " %}"
        asset = _assets[name] = engines["django"].from_string(code).render({})
    return asset


def forget(**_signal_arguments):
    _kept.clear()
    _assets.clear()


setting_changed.connect(forget, dispatch_uid="accelerator.chrome")
