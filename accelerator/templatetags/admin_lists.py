"""`{% quick_date_hierarchy cl %}`: Django's date drill-down with its years found cheaply
(`accelerator.admin_lists.YearProbingQuerySet`); the same template, the same links.
`{% kept_filters cl %}…{% endkept_filters %}`: the filter sidebar kept rendered
(`accelerator.admin_filters`). `{% kept_app_list available_apps %}…{% endkept_app_list %}`:
the side menu kept rendered (`accelerator.admin_nav`). `{% quick_result_list cl %}`: Django's
`result_list`, each row written in one pass (`accelerator.admin_rows`)."""

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.templatetags.base import InclusionAdminNode

from accelerator.admin_filters import kept_filters
from accelerator.admin_lists import YearProbingChangeList
from accelerator.admin_nav import kept_app_list
from accelerator.admin_rows import quick_result_list

register = template.Library()
register.tag("kept_filters", kept_filters)
register.tag("kept_app_list", kept_app_list)


def quick_date_hierarchy(cl):
    return date_hierarchy(YearProbingChangeList(cl))


@register.tag(name="quick_date_hierarchy")
def quick_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=quick_date_hierarchy,
        template_name="date_hierarchy.html",
        takes_context=False,
    )


@register.tag(name="quick_result_list")
def quick_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=quick_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
