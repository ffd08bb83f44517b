"""What an uploaded file really is, read from its content.

The file name and the type the browser declares are chosen by the sender and prove
nothing: a file is accepted only when its first bytes (and, for the zip-based office
formats, its inner structure) match one of the formats a program accepts.
"""

import zipfile
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
MAX_FILE_SIZE = 10 * MEGABYTE
MAX_SUBMISSION_SIZE = 25 * MEGABYTE


@dataclass(frozen=True)
class FileType:
    content_type: str
    label: str


PDF = FileType("application/pdf", "PDF")
PNG = FileType("image/png", "PNG")
JPEG = FileType("image/jpeg", "JPEG")
OLD_OFFICE = FileType("application/x-ole-storage", "Microsoft Office (97–2003)")

OPENDOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text": "OpenDocument (texte)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument (tableur)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument (présentation)",
}
# The folder every Office Open XML package of each kind has.
OFFICE_XML_TYPES = {
    "word/": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
    ),
    "xl/": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "ppt/": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"
    ),
}

DOCUMENTS = "documents"
IMAGES = "images"
# What each kind of attachment accepts, for the form and for the page listing the rules.
ACCEPTED_LABELS = {
    DOCUMENTS: _("PDF, OpenDocument or Microsoft Office document, or a PNG or JPEG scan"),
    IMAGES: _("PNG or JPEG image"),
}
HTML_ACCEPT = {
    DOCUMENTS: ".pdf,.odt,.ods,.odp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg",
    IMAGES: ".png,.jpg,.jpeg",
}


def sniff(uploaded):
    """The FileType of an uploaded file, or None when it is none of the accepted formats."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLD_OFFICE
    if head.startswith(b"PK\x03\x04"):
        return sniff_zip_document(uploaded)
    return None


def sniff_zip_document(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in OPENDOCUMENT_TYPES:
                    return FileType(declared, OPENDOCUMENT_TYPES[declared])
            if "[Content_Types].xml" in names:
                for folder, file_type in OFFICE_XML_TYPES.items():
                    if any(name.startswith(folder) for name in names):
                        return file_type
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    finally:
        uploaded.seek(0)
    return None


def accepts(family, file_type):
    """Documents may be any accepted format (a scan is an image); a logo is an image."""
    if file_type is None:
        return False
    return file_type in (PNG, JPEG) if family == IMAGES else True


def file_size(size):
    """A size as people write it: "10 Mo", "2,5 Mo", "300 ko", "12 octets". Django's own
    filter always shows a decimal ("10,0 Mio" in French)."""
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    unit, template = next(
        (unit, template)
        for unit, template in [(MEGABYTE * 1024, "%s GB"), (MEGABYTE, "%s MB"), (1024, "%s KB")]
        if size >= unit
    )
    value = round(size / unit, 1)
    return gettext(template) % number_format(int(value) if value.is_integer() else value)
