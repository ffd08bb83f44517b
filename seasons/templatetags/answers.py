from django import template

from seasons.applying.answers import summarize

register = template.Library()


@register.filter
def answer_summary(submission):
    return summarize(submission)
