"""Attachments are checked by what they are, not by their names; long names keep their extension; a body
too large for the server gets the form's translated error, not a dropped connection."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from activities.models import Attachment, ContactLog
from activities.uploads import check_attachment, shortened_name

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _package(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>", "word/document.xml": b"<w:document/>"}


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "项目台账"
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [("纪要.pdf", PDF), ("方案.docx", _package(DOCX)), ("台账.xlsx", _xlsx()), ("照片.png", b"\x89PNG\r\n\x1a\n....")],
)
def test_real_files_are_accepted(name, data):
    assert check_attachment(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("方案.docx", _package(DOCX | {"setup.exe": b"MZ\x90\x00"})),  # an executable inside
        ("方案.docx", _package(DOCX | {"word/vbaProject.bin": b"macro"})),  # macros
        ("方案.docx", _package({"word/document.xml": b"<w:document/>"})),  # no [Content_Types].xml
        ("方案.docx", _package({"[Content_Types].xml": b"<Types/>", "payload.txt": b"x"})),  # not a Word document
        ("台账.xlsx", _package(DOCX)),  # a Word package named .xlsx
        ("方案.docx", b"PK\x03\x04 not a zip at all"),
        ("纪要.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"),  # HTML behind a PDF header
        ("纪要.pdf", b"%PDF-1.4\nno end of file marker"),
    ],
)
def test_disguised_files_are_refused(name, data):
    with pytest.raises(ValidationError) as error:
        check_attachment(SimpleUploadedFile(name, data))
    assert error.value.code == "attachment_content"


def test_a_zip_bomb_named_docx_is_refused_without_unpacking_it(monkeypatch):
    monkeypatch.setattr("activities.uploads.MAX_INFLATED_BYTES", 10 * 1024 * 1024)  # the real limit is 200 MB
    bomb = _package(DOCX | {"word/media/zeros.xml": b"\0" * (10 * 1024 * 1024 + 1)})
    assert len(bomb) < 100 * 1024  # small on disk
    with pytest.raises(ValidationError, match="MB"):
        check_attachment(SimpleUploadedFile("方案.docx", bomb))


def test_a_long_name_is_shortened_keeping_its_extension(client, people):
    long_name = "关于汽车用智能底盘和感应门把手项目的洽谈纪要" * 14 + ".pdf"
    assert len(long_name) > 300
    assert shortened_name(long_name).endswith(".pdf") and len(shortened_name(long_name)) == 200
    client.force_login(people["xulei"].user)
    data = {"project": people["chassis"].pk, "channel": "video", "summary": "视频洽谈", "mode": "inline"}
    response = client.post(
        reverse("activities:contact_log_create"), data | {"attachments": [SimpleUploadedFile(long_name, PDF)]}, **HTMX
    )
    assert response.status_code == 200
    attachment = Attachment.objects.get()
    assert attachment.original_name.endswith(".pdf") and attachment.file.name.endswith(".pdf")


def test_a_body_too_large_gets_the_form_error_and_saves_nothing(client, people, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client.force_login(people["xulei"].user)
    data = {"project": people["chassis"].pk, "channel": "video", "summary": "长" * (3 * 1024 * 1024), "mode": "inline"}
    response = client.post(reverse("activities:contact_log_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans", **HTMX)
    assert response.status_code == 200 and ContactLog.objects.count() == 0
    assert "太大" in response.content.decode()


def test_a_summary_longer_than_the_limit_is_refused_with_the_reason(client, people):
    client.force_login(people["xulei"].user)
    data = {"project": people["chassis"].pk, "channel": "video", "summary": "长" * 20_001, "mode": "inline"}
    response = client.post(reverse("activities:contact_log_create"), data, **HTMX)
    assert response.status_code == 200 and ContactLog.objects.count() == 0
    assert "20000" in response.content.decode() or "20,000" in response.content.decode()
