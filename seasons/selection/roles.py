"""The staff roles and what each may do, kept in sync with the database after `migrate`.

The roles span two apps (seasons and laureates) whose migrations are independent, so the
groups are written by a post_migrate handler rather than by one app's data migration:
every `migrate` creates missing groups and gives each exactly the permissions listed.
"""

from django.db.models import Q

# Stored names, in the program's language (groups are data, like the demo's).
PROGRAM_MANAGER = "Responsable de programme"
REVIEWER = "Évaluateur"
OBSERVER = "Observateur"
# Outside jurors (citizens, experts): not staff, no permission of the admin's; they read
# and score on their own screens (`seasons.jury`) what their sessions' dockets hold.
JUROR = "Juré"

APPS = ["seasons", "laureates"]


def role_permissions(Permission):
    """{group name: queryset of its permissions}."""
    ours = Permission.objects.filter(content_type__app_label__in=APPS)
    return {
        # Everything on seasons and laureates, the workflow's own rights included.
        PROGRAM_MANAGER: ours,
        # Sees, scores and exports only the applications assigned to them (the admin's
        # querysets filter them), without the scores of others.
        REVIEWER: ours.filter(
            Q(codename__in=["view_submission", "view_review", "change_review"])
            | Q(codename="export_submissions")
            | Q(codename__in=["view_criterion", "view_referent", "view_attachment"])
        ),
        # Reads everything, changes nothing.
        OBSERVER: ours.filter(codename__startswith="view_")
        | ours.filter(codename="view_all_submissions"),
        # Their rights are the predicates of `selection.permissions`, not Django's.
        JUROR: ours.none(),
    }


def sync_roles(sender=None, apps=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    for name, permissions in role_permissions(Permission).items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
