"""One answer for "not yours" and "does not exist" on every admin screen.

Django's admin answers an object it cannot find with a redirect and one it may not show
with 403, and lets a malformed id reach the database (a 500). Every model admin of the
staff site gets this mixin (`StaffAdminSite.register`): an object the reader may not see
is answered exactly as one that does not exist (404), on every change page (even where
the reader has no right on the model at all), malformed ids are 404 in URLs and
400 in a bulk action's selection, so no answer tells a reviewer which ids exist; a
malformed value posted in an autocomplete field is a form error, not a 500.
"""

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404


def parsed_pk(model, value):
    """The primary key `value` stands for, or None when it cannot be one."""
    value = unquote(str(value))
    return model._meta.pk.to_python(value) if parses(model._meta.pk, value) else None


class TolerantAutocomplete:
    """An autocomplete widget that shows a malformed value posted back as no choice:
    Django's own looks it up in the database to show its label, and fails (a 500)."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = remote.model._meta.get_field(remote.field_name)
        value = [v for v in value if v in ("", None) or parses(to_field, v)]
        return super().optgroups(name, value, attr)


class TolerantAutocompleteSelect(TolerantAutocomplete, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(TolerantAutocomplete, AutocompleteSelectMultiple):
    pass


def parses(field, value):
    try:
        field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class HiddenIsMissing:
    """Mixed into every model admin of the staff site (see the module's docstring)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Change, delete and history pages: missing or hidden, the same 404.
        raise Http404

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A change page, read or posted: an object the reader may not see is missing
        (404), whatever the screen, rather than Django's 403 where the reader has no
        right on the whole model, or may not change what they may not see either."""
        if object_id is not None:
            pk = parsed_pk(self.model, object_id)
            if (
                pk is None
                or not self.has_view_or_change_permission(request)
                or not self.get_queryset(request).filter(pk=pk).exists()
            ):
                raise Http404
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _visible_or_404(self, request, object_id):
        """404 unless the object is in the reader's queryset. Objects deleted since (the
        audit history keeps them) are left to the history view's own checks."""
        pk = parsed_pk(self.model, object_id)
        if pk is None:
            raise Http404
        if self.get_queryset(request).filter(pk=pk).exists():
            return
        if self.model._default_manager.filter(pk=pk).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        self._visible_or_404(request, object_id)
        try:
            return super().history_view(request, object_id, extra_context)
        except PermissionDenied:
            raise Http404 from None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's page of one past version.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        self._visible_or_404(request, object_id)
        if not str(version_id).isdigit():
            raise Http404
        # Posting this page saves the old version back (a revert): a change, which
        # django-simple-history allows to anyone who may read the history.
        if request.method == "POST" and not self.has_change_permission(
            request, self.get_object(request, object_id)
        ):
            raise PermissionDenied
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except PermissionDenied:
            raise Http404 from None

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(parsed_pk(self.model, value) is None for value in selected):
            raise BadRequest("malformed selection")
        return super().response_action(request, queryset)
