"""The attachment check's messages (Chinese, naming the file, stating the limit) and the download response."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.core import attachments
from gaoxin.testing import sample_files as f


def test_a_good_file_passes_and_is_left_readable_from_its_start():
    upload = SimpleUploadedFile("完税证明.pdf", f.PDF)
    assert attachments.problem(upload) is None
    assert upload.read() == f.PDF


def test_a_renamed_program_is_refused_by_name():
    message = attachments.problem(SimpleUploadedFile("完税证明.pdf", f.EXE))
    assert message == "“完税证明.pdf”的扩展名表明是PDF 文档，但内容是可执行程序，不能作为附件上传。"


def test_a_web_page_named_as_text_is_refused():
    message = attachments.problem(SimpleUploadedFile("说明.txt", f.HTML)) or ""
    assert "“说明.txt”" in message
    assert "网页或脚本" in message


def test_a_damaged_file_is_refused():
    message = attachments.problem(SimpleUploadedFile("报表.xlsx", b"PK\x03\x04 broken")) or ""
    assert message.startswith("“报表.xlsx”不是有效的Excel 工作簿")


def test_an_unknown_extension_is_refused_with_the_list_of_kinds():
    message = attachments.problem(SimpleUploadedFile("页面.html", f.HTML)) or ""
    assert message.startswith("“页面.html”无法上传：仅支持 pdf, png")


def test_the_size_limit_is_stated():
    too_large = f.PDF + b" " * (attachments.MAX_BYTES - len(f.PDF) + 1)
    assert attachments.problem(SimpleUploadedFile("完税证明.pdf", too_large)) == "“完税证明.pdf”超过 20 MB。"
    assert attachments.problem(SimpleUploadedFile("完税证明.pdf", too_large[:-1])) is None


@pytest.mark.django_db
def test_downloads_are_attachments_that_the_browser_does_not_sniff(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.storage import default_storage

    stored = default_storage.save("x/说明.txt", ContentFile(f.TEXT_UTF8))

    class Stored:
        def open(self, mode: str):
            return default_storage.open(stored, mode)

    response = attachments.response(Stored(), "说明.txt")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/plain"
    response.close()
