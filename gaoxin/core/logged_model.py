"""The capability of a model to be in the change log (the mechanism that records it is ``core.changelog``)."""

from __future__ import annotations

from collections.abc import Collection
from copy import deepcopy
from typing import Any, ClassVar, Self

from django.db import models


class LoggedModel(models.Model):
    """The capability of being in the change log: every create, update and delete of such a model is recorded by
    the receivers in ``core.changelog`` (who and why from ``changelog.acting`` or the web request), so no service
    writes an audit row by hand.

    The log keeps the editable fields (``changelog.tracked_fields``); a model says which of them it leaves out
    (``change_log_exclude``), which non-editable ones it logs all the same (``change_log_include``), which are
    logged masked (``change_log_secret_fields``), and which hold codes shown by their labels
    (``change_log_codes``, read by ``core.change_display``). The values as loaded are kept, so that a save logs
    what it changed without reading the row again.
    """

    change_log_exclude: ClassVar[Collection[str]] = ()
    change_log_include: ClassVar[Collection[str]] = ()
    change_log_secret_fields: ClassVar[Collection[str]] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance = super().from_db(db, field_names, values)
        instance.keep_loaded_values()
        return instance

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self.keep_loaded_values()

    def keep_loaded_values(self) -> None:
        """Remember the values as they are in the database (copies of lists and dicts, which may be changed in
        place): the state the next save is compared with."""
        self._change_log_loaded = {
            name: deepcopy(value) if isinstance(value, list | dict) else value
            for name, value in self.__dict__.items()
            if not name.startswith("_")
        }
