"""The record of one resident, one module per tab (see :mod:`.dialog`)."""

from app.ui.dialogs.resident.dialog import ResidentDialog
from app.ui.dialogs.resident.family import FamilyTab
from app.ui.dialogs.resident.migration import MigrationTab
from app.ui.dialogs.resident.personal import (
    CHECK_DELAY_MS,
    CODE_FIELDS,
    DATE_FIELDS,
    TEXT_FIELDS,
    PersonalTab,
)

__all__ = ["CHECK_DELAY_MS", "CODE_FIELDS", "DATE_FIELDS", "TEXT_FIELDS", "FamilyTab",
           "MigrationTab", "PersonalTab", "ResidentDialog"]
