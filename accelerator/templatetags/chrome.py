"""`{% chrome "includes/header.html" %}`: the page's header or footer, kept rendered by the
process (`accelerator.chrome`)."""

from django import template

from accelerator.chrome import render_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context, name):
    return render_chrome(context, context.template.engine.get_template(name))
