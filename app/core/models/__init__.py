"""All models, importable from one place (and registered on ``Base.metadata``)."""

from app.core.models.access import Operator
from app.core.models.activity import Activity, ActivityParticipant
from app.core.models.base import Base, SyncMixin, new_uuid, utcnow
from app.core.models.case import Case, CaseFollowUp, CaseStatus
from app.core.models.desk import DeskAction, DeskStatus, P4miCaseAction
from app.core.models.episode import (
    ContactLog,
    Episode,
    EpisodeFlag,
    EpisodeState,
    FlagSeverity,
    Procedure,
    flag_id,
)
from app.core.models.letter import Letter
from app.core.models.resident import FamilyLink, LifeStatus, MigrantStatus, Resident
from app.core.models.sync_state import (
    BundleExport,
    BundleImport,
    NikFlag,
    SyncConflict,
    SyncKnowledge,
    SyncReceipt,
    VillageKey,
    VillageSyncState,
)
from app.core.models.system import AuditEntry, Installation, Setting
from app.core.models.undo import ImportRun, UndoEntry

SYNCED_MODELS: tuple[type[SyncMixin], ...] = (
    Resident,
    FamilyLink,
    Episode,
    ContactLog,
    Case,
    CaseFollowUp,
    Activity,
    ActivityParticipant,
    Letter,
    EpisodeFlag,
)
"""Synced models in dependency order (parents first), as bundles apply them."""

__all__ = [
    "VillageSyncState",
    "Activity",
    "ActivityParticipant",
    "AuditEntry",
    "Base",
    "BundleExport",
    "BundleImport",
    "Case",
    "CaseFollowUp",
    "CaseStatus",
    "ContactLog",
    "DeskAction",
    "DeskStatus",
    "Episode",
    "EpisodeFlag",
    "EpisodeState",
    "FlagSeverity",
    "FamilyLink",
    "ImportRun",
    "Installation",
    "Letter",
    "LifeStatus",
    "MigrantStatus",
    "NikFlag",
    "Operator",
    "P4miCaseAction",
    "Procedure",
    "Resident",
    "SYNCED_MODELS",
    "Setting",
    "SyncConflict",
    "SyncKnowledge",
    "SyncMixin",
    "SyncReceipt",
    "UndoEntry",
    "VillageKey",
    "flag_id",
    "new_uuid",
    "utcnow",
]
