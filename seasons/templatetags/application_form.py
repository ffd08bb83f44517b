"""Renders a form field the way the State design system (DSFR) writes it.

Each field gets its label with the hint inside it, its error messages tied to it by
aria-describedby, aria-invalid when it is wrong, and an autocomplete purpose when the
field asks for the person's own details (RGAA 11.13).
"""

from django import forms, template

register = template.Library()

AUTOCOMPLETE = {
    "contact_email": "email",
    "organisation_name": "organization",
    "website": "url",
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "role": "organization-title",
}


def kind_of(widget):
    # Django's CheckboxSelectMultiple is a kind of RadioSelect: asked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.inclusion_tag("seasons/includes/field.html")
def form_field(bound, needed=None, existing=None):
    """`needed`: whether sending needs the field (shown as "optional" otherwise)."""
    widget = bound.field.widget
    kind = kind_of(widget)
    # A group of radio buttons has no single input to label: its fieldset takes the id.
    field_id = bound.id_for_label or bound.auto_id
    messages_id = f"{field_id}-messages"
    attrs = {"aria-describedby": messages_id}
    if widget.attrs.get("data-counter"):
        attrs["aria-describedby"] += f" {field_id}-counter"
    css = {"input": "fr-input", "textarea": "fr-input", "select": "fr-select", "file": "fr-upload"}
    if kind in css:
        attrs["class"] = css[kind] + (f" {css[kind]}--error" if bound.errors else "")
    if bound.errors:
        attrs["aria-invalid"] = "true"
    name = bound.name
    if name in AUTOCOMPLETE:
        attrs["autocomplete"] = AUTOCOMPLETE[name]
    widget.attrs.update(attrs)
    return {
        "field": bound,
        "field_id": field_id,
        "kind": kind,
        "messages_id": messages_id,
        "optional": not (bound.field.required if needed is None else needed),
        "counter": widget.attrs.get("data-counter"),
        "existing": existing,
        "remove_checked": existing is not None
        and bool(bound.form.data.get(f"{bound.html_name}-remove")),
    }
