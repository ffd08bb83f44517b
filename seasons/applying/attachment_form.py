"""The application form's attachments: which formats each kind takes, and whether
sending needs it (a draft accepts any subset)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import AttachmentKind, OrganisationType
from . import uploads

# Each kind of attachment: which formats it takes, and whether sending needs it.
ATTACHMENT_RULES = {
    AttachmentKind.STATUTES: (uploads.DOCUMENTS, "association"),
    AttachmentKind.ACCOUNTS: (uploads.DOCUMENTS, "association"),
    AttachmentKind.PRESENTATION: (uploads.DOCUMENTS, "always"),
    AttachmentKind.LOGO: (uploads.IMAGES, "never"),
}
ATTACHMENT_HINTS = {
    AttachmentKind.STATUTES: _("Required for associations."),
    AttachmentKind.ACCOUNTS: _("Required for associations."),
    AttachmentKind.PRESENTATION: _("Required: your project in a few pages."),
    AttachmentKind.LOGO: _("Shown on your public page if you are selected."),
}
ASSOCIATION_TYPES = {
    OrganisationType.ASSOCIATION,
    OrganisationType.ASSOCIATION_AND_ADMINISTRATION,
}


def attachment_help(kind):
    family, _rule = ATTACHMENT_RULES[kind]
    return _("%(hint)s %(formats)s, %(size)s at most.") % {
        "hint": ATTACHMENT_HINTS[kind],
        "formats": uploads.ACCEPTED_LABELS[family],
        "size": uploads.file_size(uploads.MAX_FILE_SIZE),
    }


class AttachmentsForm(forms.Form):
    """New files for the application. Files already attached stay unless replaced, or
    removed by ticking the box `<kind>-remove` shown beside them."""

    def __init__(self, *args, existing, organisation_type, complete, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = existing  # {kind: Attachment}
        self.organisation_type = organisation_type
        self.complete = complete
        self.file_types = {}
        self.file_max = uploads.file_size(uploads.MAX_FILE_SIZE)
        self.total_max = uploads.file_size(uploads.MAX_SUBMISSION_SIZE)
        for kind in AttachmentKind:
            family, _rule = ATTACHMENT_RULES[kind]
            field = forms.FileField(
                label=capfirst(kind.label),
                required=False,
                help_text=attachment_help(kind),
                widget=forms.ClearableFileInput(attrs={"accept": uploads.HTML_ACCEPT[family]}),
            )
            # Marked "optional" only when no applicant needs it: the hint says who does.
            field.needed = ATTACHMENT_RULES[kind][1] != "never"
            field.existing = existing.get(kind)
            self.fields[kind.value] = field

    def show_stored(self, existing):
        """Show the files stored now, after a save, beside the answers shown again."""
        self.existing = existing
        for kind in AttachmentKind:
            self.fields[kind.value].existing = existing.get(kind)

    def removed(self):
        """The kinds whose stored file the applicant asked to remove, and did not replace."""
        return {
            kind
            for kind in self.existing
            if self.data.get(f"{kind}-remove") and not self.files.get(kind)
        }

    def needs(self, kind):
        rule = ATTACHMENT_RULES[kind][1]
        if rule == "association":
            return self.organisation_type in ASSOCIATION_TYPES
        return rule == "always"

    def clean(self):
        cleaned = super().clean()
        total = 0
        removed = self.removed()
        for kind in AttachmentKind:
            uploaded = cleaned.get(kind.value)
            if uploaded:
                error = self.check_file(kind, uploaded)
                if error:
                    self.add_error(kind.value, error)
                    cleaned[kind.value] = None
                    continue
                total += uploaded.size
            elif kind in self.existing and kind not in removed:
                total += self.existing[kind].size
            elif self.complete and self.needs(kind) and kind.value not in self.errors:
                self.add_error(kind.value, _("Attach this file to send your application."))
        uploads.check_total(
            total, _("Your files weigh %(total)s together; an application may hold %(max)s.")
        )
        return cleaned

    def check_file(self, kind, uploaded):
        problem, file_type = check_upload(uploaded, ATTACHMENT_RULES[kind][0])
        if problem is None:
            self.file_types[kind] = file_type
        return problem

    def received_files(self):
        """[(label, file name)] of the files received that passed their checks: after a
        refused POST the browser forgets them, so the page names each one to choose again."""
        if not self.is_bound:
            return []
        self.full_clean()
        return [
            (self.fields[kind].label, file.name) for kind, (file, _t) in self.valid_files().items()
        ]

    def valid_files(self):
        """{kind: (uploaded, FileType)} of the files that passed every check."""
        return {
            kind: (self.cleaned_data[kind.value], self.file_types[kind])
            for kind in AttachmentKind
            if kind in self.file_types and self.cleaned_data.get(kind.value)
        }


def check_upload(uploaded, family):
    """(problem, file type) of an uploaded file of `family` (`uploads.DOCUMENTS`…): the
    problem is a sentence for the sender, or None when the file passes every check. Used
    by every form that takes files (applications, laureate teams' updates)."""
    if uploaded.size == 0:
        return _("This file is empty."), None
    if uploaded.size > uploads.MAX_FILE_SIZE:
        return _("This file weighs %(size)s; a file may weigh %(max)s at most.") % {
            "size": uploads.file_size(uploaded.size),
            "max": uploads.file_size(uploads.MAX_FILE_SIZE),
        }, None
    try:
        file_type = uploads.sniff(uploaded)
    except uploads.UnsafeArchive:
        return _(
            "This file unpacks to more than %(size)s or holds more than %(members)s "
            "files: it cannot be accepted. Save it again from your office software, "
            "or send it as a PDF."
        ) % {
            "size": uploads.file_size(uploads.MAX_ARCHIVE_INFLATED_SIZE),
            "members": uploads.MAX_ARCHIVE_MEMBERS,
        }, None
    if not uploads.accepts(family, file_type):
        return _(
            "The content of this file is not an accepted format (%(formats)s), "
            "whatever its name says."
        ) % {"formats": uploads.ACCEPTED_LABELS[family]}, None
    return None, file_type
