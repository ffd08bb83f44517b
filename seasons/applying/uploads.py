"""What an uploaded file really is, read from its content.

The file name and the type the browser declares are chosen by the sender and prove
nothing: a file is accepted only when its first bytes (and, for the zip-based office
formats, its inner structure) match one of the formats a program accepts.
"""

import struct
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
MAX_FILE_SIZE = 10 * MEGABYTE
MAX_SUBMISSION_SIZE = 25 * MEGABYTE
# A zip-based document is refused beyond these, whatever it says it is: a few hundred
# kilobytes can inflate to gigabytes (a "zip bomb"), which would exhaust a worker that
# reads a member, or the staff's machine that opens the file. Real office documents of
# 10 MB hold at most a few thousand members and inflate to well under 200 MB.
MAX_ARCHIVE_MEMBERS = 5000
MAX_ARCHIVE_INFLATED_SIZE = 200 * MEGABYTE
# The central directory zipfile parses on opening, bounded before it is parsed.
MAX_ARCHIVE_DIRECTORY_SIZE = 2 * MEGABYTE
# What is ever read from one member (the OpenDocument "mimetype" is under 100 bytes).
MAX_MEMBER_READ = 1024


class UnsafeArchive(ValueError):
    """A zip-based file that holds too many members or inflates too much to be opened."""


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
    """The FileType of an uploaded file, or None when it is none of the accepted formats.

    Raises UnsafeArchive for a zip-based file over the archive limits above."""
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
        check_archive_directory(uploaded)
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise UnsafeArchive("too many members")
            if sum(member.file_size for member in members) > MAX_ARCHIVE_INFLATED_SIZE:
                raise UnsafeArchive("inflates too much")
            names = [member.filename for member in members]
            if "mimetype" in names:
                # Bounded read: a member inflates no further than its declared size
                # (zipfile stops there), but never read more than a mimetype needs.
                with archive.open("mimetype") as member:
                    declared = member.read(MAX_MEMBER_READ)
                declared = declared.decode("ascii", "replace").strip()
                if declared in OPENDOCUMENT_TYPES:
                    return FileType(declared, OPENDOCUMENT_TYPES[declared])
            if "[Content_Types].xml" in names:
                for folder, file_type in OFFICE_XML_TYPES.items():
                    if any(name.startswith(folder) for name in names):
                        return file_type
    except UnsafeArchive:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    finally:
        uploaded.seek(0)
    return None


END_OF_DIRECTORY = b"PK\x05\x06"
END_OF_DIRECTORY_SIZE = 22
MAX_ZIP_COMMENT = 0xFFFF


def check_archive_directory(uploaded):
    """Refuse, before zipfile parses it, a central directory too large or too full.

    zipfile builds an object per member on opening: a 10 MB file could list 200,000 of
    them. The end-of-directory record (in the last 64 KB) gives both figures; zip64 puts
    0xFFFF / 0xFFFFFFFF there, which is over the limits too."""
    uploaded.seek(0, 2)
    size = uploaded.tell()
    start = max(0, size - END_OF_DIRECTORY_SIZE - MAX_ZIP_COMMENT)
    uploaded.seek(start)
    tail = uploaded.read()
    position = tail.rfind(END_OF_DIRECTORY)
    if position < 0 or len(tail) - position < END_OF_DIRECTORY_SIZE:
        return  # not a zip file: zipfile says so
    record = tail[position : position + END_OF_DIRECTORY_SIZE]
    _signature, _disk, _start_disk, _here, entries, directory_size, _offset, _comment = (
        struct.unpack("<4s4H2LH", record)
    )
    if entries > MAX_ARCHIVE_MEMBERS or directory_size > MAX_ARCHIVE_DIRECTORY_SIZE:
        raise UnsafeArchive("too large a directory")


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


def check_total(total, message):
    """Refuse files weighing `total` bytes together when that is over what one
    application (or one update) may hold; `message` names the total and the maximum."""
    if total > MAX_SUBMISSION_SIZE:
        raise ValidationError(
            message % {"total": file_size(total), "max": file_size(MAX_SUBMISSION_SIZE)}
        )
