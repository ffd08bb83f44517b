"""`{% chrome "includes/header.html" %}`: the page's header or footer, and
`{% dsfr_asset "dsfr_css" %}`: one of the design system's tags, kept rendered by the
process (`accelerator.chrome`)."""

from django import template

from accelerator.chrome import render_asset, render_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context, name):
    return render_chrome(context, context.template.engine.get_template(name))


@register.simple_tag
def dsfr_asset(name):
    return render_asset(name)
