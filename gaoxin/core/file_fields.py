"""A file input with a size limit, checked from the upload's size before anything reads the file.

Django streams a large upload to a temporary file, so the limit costs no memory; the message states the limit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MB = 1024 * 1024


class BoundedFileField(forms.FileField):
    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean(self, data: Any, initial: Any = None) -> UploadedFile | None:
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile) and (upload.size or 0) > self.max_bytes:
            raise forms.ValidationError(
                _("The file is %(size)s MB; at most %(limit)s MB can be uploaded here.")
                % {"size": f"{(upload.size or 0) / MB:,.1f}", "limit": f"{self.max_bytes / MB:,.0f}"},
                code="too_large",
            )
        return upload
