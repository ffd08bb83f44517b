"""A committee session's outside jurors, for staff who manage sessions: who sits on it
with how far each has scored, inviting one (name and address), sending a new sign-in
link, taking one off. Routed by `CommitteeSessionAdmin.get_urls`; the changes are
`seasons.jury.invitations`'."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..jury import invitations
from ..models import SessionStatus
from ..selection import committee, permissions
from .committee_pages import page, session_or_404


class InviteForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("First and last names"), max_length=300)
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def jurors_with_progress(session):
    """The session's jurors with their reviews of its docket assigned, done and closed by
    a conflict of interest, which is never counted as done (one query)."""
    on_docket = Q(reviews__submission__docket_items__session=session)
    submitted = on_docket & Q(reviews__submitted_at__isnull=False)
    return (
        committee.jurors(session)
        .annotate(
            assigned=Count("reviews", filter=on_docket),
            done=Count("reviews", filter=submitted & Q(reviews__conflict_of_interest=False)),
            conflicts=Count("reviews", filter=submitted & Q(reviews__conflict_of_interest=True)),
        )
        .order_by("last_name", "first_name", "pk")
    )


def act(request, session, form):
    """The POST's action; returns the message's (level, text)."""
    action = request.POST.get("action")
    if action == "invite":
        if not form.is_valid():
            return None
        user, _created = invitations.invite_juror(
            session, **form.cleaned_data, absolute_url=request.build_absolute_uri
        )
        text = _("Invitation of %(email)s queued in the outbox.")
        return messages.SUCCESS, text % {"email": user.email}
    juror = committee.jurors(session).filter(pk=request.POST.get("juror") or 0).first()
    if juror is None:
        return messages.ERROR, _("This juror does not sit on this session.")
    if action == "resend":
        invitations.invite_juror(
            session,
            full_name=juror.get_full_name() or juror.email,
            email=juror.email,
            absolute_url=request.build_absolute_uri,
        )
        return messages.SUCCESS, _("A new link is in the outbox for %(email)s.") % {
            "email": juror.email
        }
    if action == "remove":
        deleted = invitations.remove_juror(session, juror)
        text = _("Taken off this session: %(email)s (%(count)d reviews not started removed).")
        return messages.SUCCESS, text % {"email": juror.email, "count": deleted}
    return messages.ERROR, _("Unknown action.")


def jurors_view(model_admin):
    def view(request, pk):
        session = session_or_404(model_admin, request, pk, permissions.can_manage_sessions)
        posted = request.method == "POST" and session.status != SessionStatus.CLOSED
        inviting = posted and request.POST.get("action") == "invite"
        form = InviteForm(request.POST if inviting else None)
        if posted:
            try:
                outcome = act(request, session, form)
            except committee.SessionRefused as refused:
                outcome = None
                for field, error in refused.errors.items():
                    form.add_error(field if field in form.fields else None, error)
            if outcome is not None:
                messages.add_message(request, *outcome)
                return redirect("admin:seasons_committeesession_jurors", session.pk)
        title = _("Jurors of %(session)s") % {"session": session}
        context = {
            "form": form,
            "jurors": jurors_with_progress(session),
            "closed": session.status == SessionStatus.CLOSED,
        }
        return page(model_admin, request, session, "jurors", title, **context)

    return view
