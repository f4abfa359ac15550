"""Files attached to a request are checked by content, and served only as downloads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.testing import sample_files as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content"), [("用电申请.pdf", f.EXE), ("说明.txt", f.HTML), ("现场.png", f.SVG)]
)
def test_a_disguised_file_is_refused_with_its_name_and_nothing_is_stored(
    client_for, desk, tmp_path, settings, name, content
):
    settings.MEDIA_ROOT = tmp_path
    request = desk.submit()
    response = client_for("contact").post(
        reverse("servicedesk:attachment_upload", args=[request.public_id]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert f"“{name}”" in response.content.decode()
    assert not request.attachments.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_a_real_file_is_attached_and_downloaded_as_an_attachment_not_sniffed(
    client_for, desk, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    request = desk.submit()
    client = client_for("contact")
    client.post(
        reverse("servicedesk:attachment_upload", args=[request.public_id]),
        {"file": SimpleUploadedFile("现场.png", f.PNG)},
    )
    attachment = request.attachments.get()
    response = client.get(reverse("servicedesk:attachment_download", args=[request.public_id, attachment.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == f.PNG


def test_the_change_log_names_a_request_attachment_as_such(client_for, desk, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    request = desk.submit()
    client_for("contact").post(
        reverse("servicedesk:attachment_upload", args=[request.public_id]),
        {"file": SimpleUploadedFile("现场.png", f.PNG)},
    )
    log = client_for("administrator").get(
        reverse("core:changelog"), {"model": "servicedesk.requestattachment"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "诉求附件：现场.png" in log.content.decode()
