"""A file's type is read from its content, never from its name or declared type."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seasons.applying import uploads

from .application_helpers import PDF_BYTES, PNG_BYTES


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sniffed(content, name="fichier.bin"):
    file_type = uploads.sniff(SimpleUploadedFile(name, content))
    return file_type.content_type if file_type else None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "application/x-ole-storage"),
        (
            zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
            "application/vnd.oasis.opendocument.text",
        ),
        (
            zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (
            zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"}),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
    ids=["pdf", "png", "jpeg", "office-97", "odt", "docx", "pptx", "xlsx"],
)
def test_accepted_formats_are_recognised_by_content(content, expected):
    assert sniffed(content, name="sans-extension") == expected


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"MZ\x90\x00",
        b"#!/bin/sh\nrm -rf /\n",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
        zipped({"evil.exe": "MZ"}),
        zipped({"mimetype": "application/x-evil", "content.xml": "<x/>"}),
        b"PK\x03\x04truncated",
        b"GIF89a",
    ],
    ids=["empty", "exe", "script", "svg", "plain-zip", "foreign-mimetype", "broken-zip", "gif"],
)
def test_other_contents_are_not_recognised_whatever_their_name(content):
    assert sniffed(content, name="statuts.pdf") is None


def test_sniffing_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile(
        "a.odt", zipped({"mimetype": "application/vnd.oasis.opendocument.text"})
    )
    uploads.sniff(upload)
    assert upload.read(4) == b"PK\x03\x04"


def test_logo_accepts_only_images_documents_accept_scans():
    pdf_type, png_type = uploads.PDF, uploads.PNG
    assert uploads.accepts(uploads.IMAGES, png_type) is True
    assert uploads.accepts(uploads.IMAGES, pdf_type) is False
    assert uploads.accepts(uploads.DOCUMENTS, pdf_type) is True
    assert uploads.accepts(uploads.DOCUMENTS, png_type) is True
    assert uploads.accepts(uploads.DOCUMENTS, None) is False


def inflating_zip(mimetype, megabytes):
    """A small deflated archive whose `mimetype` member inflates to `megabytes` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            member.write(mimetype.encode())
            for _ in range(megabytes):
                member.write(b"\n" * uploads.MEGABYTE)
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_anything_is_inflated():
    bomb = inflating_zip("application/vnd.oasis.opendocument.text", 300)
    assert len(bomb) < 400 * 1024
    with pytest.raises(uploads.UnsafeArchive):
        uploads.sniff(SimpleUploadedFile("bombe.odt", bomb))


def test_archive_with_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_MEMBERS", 3)
    members = {"mimetype": "application/vnd.oasis.opendocument.text"}
    members.update({f"part{number}.xml": "<x/>" for number in range(3)})
    with pytest.raises(uploads.UnsafeArchive):
        uploads.sniff(SimpleUploadedFile("nombreux.odt", zipped(members)))


def test_archive_whose_directory_lies_about_its_count_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_MEMBERS", 3)
    members = {"mimetype": "application/vnd.oasis.opendocument.text"}
    members.update({f"part{number}.xml": "<x/>" for number in range(3)})
    content = bytearray(zipped(members))
    end = content.rfind(b"PK\x05\x06")
    content[end + 8 : end + 12] = b"\x01\x00\x01\x00"  # says one member
    with pytest.raises(uploads.UnsafeArchive):
        uploads.sniff(SimpleUploadedFile("menteur.odt", bytes(content)))
