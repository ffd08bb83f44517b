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


def admin_inclusion_tag(name, func, template_name):
    """`{% name cl %}`: `func(cl)` rendered with the admin's template `template_name`, looked
    up per app and model as Django's own list tags are."""

    def tag(parser, token):
        return InclusionAdminNode(
            parser, token, func=func, template_name=template_name, takes_context=False
        )

    register.tag(name, tag)


admin_inclusion_tag("quick_date_hierarchy", quick_date_hierarchy, "date_hierarchy.html")
admin_inclusion_tag("quick_result_list", quick_result_list, "change_list_results.html")
