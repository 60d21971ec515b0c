"""Who may do what: roles, permissions, and PIN hashing with Argon2id.

The app PIN controls who uses the shared village laptop; it is not encryption of the data
file (see README, "Data di laptop yang hilang"). Wrong PINs slow further tries down
exponentially, so guessing a 4-digit PIN at the keyboard takes days, not minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher


class Role(StrEnum):
    KEPALA_DESA = "kepala_desa"
    OPERATOR_DESA = "operator_desa"  # sekretaris desa or operator
    KEPALA_P4MI = "kepala_p4mi"
    PETUGAS_P4MI = "petugas_p4mi"


class Permission(StrEnum):
    EDIT = "edit"  # add and change records
    DELETE = "delete"  # delete a person or a record
    EXPORT = "export"  # write bundles, recaps, registers, per-person sheets
    IMPORT = "import"  # import bundles (P4MI)
    RESTORE = "restore"  # restore a backup
    SEE_SENSITIVE = "see_sensitive"  # case details, health, children's data
    MANAGE_OPERATORS = "manage_operators"
    MANAGE_KEYS = "manage_keys"  # replace a village key, back up the P4MI key


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.KEPALA_DESA: frozenset(Permission) - {Permission.IMPORT},
    Role.OPERATOR_DESA: frozenset({Permission.EDIT, Permission.EXPORT}),
    Role.KEPALA_P4MI: frozenset(Permission),
    Role.PETUGAS_P4MI: frozenset({Permission.EDIT, Permission.EXPORT, Permission.IMPORT}),
}

VILLAGE_ROLES = (Role.KEPALA_DESA, Role.OPERATOR_DESA)
P4MI_ROLES = (Role.KEPALA_P4MI, Role.PETUGAS_P4MI)

MIN_PIN_LENGTH = 4
FREE_TRIES = 3
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=30)


def allowed(role: str, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def require(actor: object, permission: Permission) -> None:
    """Refuse (``auth.not_allowed``) unless ``actor`` may do ``permission``.

    ``actor`` is who acts (:class:`app.core.services.operators.SignedIn` or anything with
    ``name`` and ``role``); ``None`` means no one signed in (a folder without operators, the
    command line run by the machine's owner), where everything is allowed, as in the GUI.
    Services call this first, so a hidden button is not the only guard.
    """
    if actor is None:
        return
    role = str(getattr(actor, "role", ""))
    if not allowed(role, permission):
        from app.core.errors import AppError

        raise AppError("auth.not_allowed", name=str(getattr(actor, "name", "") or "?"),
                       role=role)


def lockout_after(failures: int, now: datetime) -> datetime | None:
    """When the next try is allowed after ``failures`` consecutive wrong PINs (None: now)."""
    if failures < FREE_TRIES:
        return None
    delay: timedelta = BASE_DELAY * (2 ** (failures - FREE_TRIES))
    return now + min(delay, MAX_DELAY)


def _hasher() -> PasswordHasher:  # argon2 is imported lazily to keep start-up fast
    from argon2 import PasswordHasher

    # RFC 9106 second recommended option, lighter memory for 4 GB village laptops.
    return PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


def hash_pin(pin: str) -> str:
    return str(_hasher().hash(pin))


def check_pin(pin_hash: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(pin_hash, pin))
    except (VerificationError, InvalidHashError):
        return False


MESSAGES: dict[str, tuple[str, str]] = {
    "auth.wrong_pin": (
        "PIN salah. Coba lagi dengan hati-hati; setelah {free} kali salah, percobaan berikutnya "
        "harus menunggu.",
        "Wrong PIN. Try again carefully; after {free} wrong tries, further tries must wait.",
    ),
    "auth.locked": (
        "Terlalu banyak PIN salah. Coba lagi setelah {seconds} detik.",
        "Too many wrong PINs. Try again in {seconds} seconds.",
    ),
    "auth.pin_too_short": (
        "PIN minimal {minimum} karakter.",
        "A PIN needs at least {minimum} characters.",
    ),
    "auth.not_allowed": (
        "{name} ({role}) tidak berwenang untuk tindakan ini. Minta kepala desa atau petugas "
        "yang berwenang.",
        "{name} ({role}) may not do this. Ask the village head or an authorised officer.",
    ),
    "auth.unknown_operator": (
        "Operator '{name}' tidak ditemukan atau sudah dinonaktifkan.",
        "Operator '{name}' was not found or has been deactivated.",
    ),
    "auth.role_invalid": (
        "Peran '{value}' tidak dikenal untuk mode ini.",
        "Role '{value}' is not known for this mode.",
    ),
    "auth.last_head": (
        "Harus tetap ada minimal satu kepala yang aktif dengan PIN.",
        "At least one active head with a PIN must remain.",
    ),
    "auth.pin_mismatch": (
        "Kedua PIN tidak sama. Tidak ada yang diubah.",
        "The two PINs differ. Nothing was changed.",
    ),
    "auth.duplicate_name": (
        "Sudah ada operator bernama '{name}'.",
        "An operator named '{name}' already exists.",
    ),
}
