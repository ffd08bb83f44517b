from django import template

from laureates.charts import format_value

register = template.Library()


@register.filter
def indicator_value(value):
    """950000.00 as "950 000": indicators are mostly whole counts."""
    return "" if value is None else format_value(value)
