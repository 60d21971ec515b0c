"""Operators: create, PIN login with slow-down after wrong tries, permissions, PIN reset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.access import (
    FREE_TRIES,
    MIN_PIN_LENGTH,
    Permission,
    Role,
    allowed,
    check_pin,
    hash_pin,
    lockout_after,
)
from app.core.db import Database
from app.core.errors import AppError
from app.core.models import Operator, utcnow
from app.core.services.audit import log_event

if TYPE_CHECKING:
    from app.core.workspace import Office

HEAD_ROLES = (Role.KEPALA_DESA, Role.KEPALA_P4MI)


@dataclass(frozen=True)
class SignedIn:
    """Who is using the program now; passed to the GUI and written into the audit log."""

    id: int
    name: str
    role: str

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise AppError("auth.not_allowed", name=self.name, role=self.role)


def _check_pin_text(pin: str) -> None:
    if len(pin) < MIN_PIN_LENGTH:
        raise AppError("auth.pin_too_short", minimum=MIN_PIN_LENGTH)


def add_operator(session: Session, name: str, role: str, pin: str = "") -> Operator:
    """Add an operator. An empty PIN means no PIN (allowed only while no head has one)."""
    name = " ".join(name.split())
    if not name:
        raise AppError("required", label="Nama operator")
    try:
        Role(role)
    except ValueError as exc:
        raise AppError("auth.role_invalid", value=role) from exc
    if session.scalar(select(Operator).where(func.lower(Operator.name) == name.lower())):
        raise AppError("auth.duplicate_name", name=name)
    if pin:
        _check_pin_text(pin)
    op = Operator(name=name, role=role, pin_hash=hash_pin(pin) if pin else "", active=True,
                  failed_tries=0)
    session.add(op)
    session.flush()
    log_event(session, "operator_added", entity="operator", entity_id=str(op.id), name=name,
              role=role)
    return op


def active_operators(session: Session) -> list[Operator]:
    return list(session.scalars(select(Operator).where(Operator.active.is_(True))
                                .order_by(Operator.name)))


def operators_exist(session: Session) -> bool:
    """Whether the folder has any operator at all (active or not)."""
    return bool(session.scalar(select(func.count()).select_from(Operator)))


def operator_named(db: Database, name: str) -> SignedIn | None:
    """The active operator called ``name`` (e.g. the one the first-start wizard made)."""
    with db.session() as s:
        for op in active_operators(s):
            if op.name == name:
                return SignedIn(op.id, op.name, op.role)
    return None


def default_operator(db: Database, office: Office) -> SignedIn:
    """Who works when no PIN is set: the first active head, else the office's operator.

    A folder made with ``init --operator NAME`` has the name but no operator yet: NAME is
    added as the office's head (without a PIN), so the operator list is not empty.
    """
    heads = (Role.KEPALA_P4MI, Role.KEPALA_DESA)
    with db.session() as s:
        ops = active_operators(s)
        anyone = operators_exist(s)
    if not anyone and office.operator:
        role = Role.KEPALA_P4MI if office.is_p4mi else Role.KEPALA_DESA
        with db.unit_of_work(office.operator) as s:
            add_operator(s, office.operator, role)
        with db.session() as s:
            ops = active_operators(s)
    for op in sorted(ops, key=lambda o: (o.role not in heads, o.id)):
        return SignedIn(op.id, op.name, op.role)
    role = Role.KEPALA_P4MI if office.is_p4mi else Role.KEPALA_DESA
    return SignedIn(0, office.operator or "Operator", role)


def pins_required(session: Session) -> bool:
    """True once any active operator has a PIN: then everyone signs in with one."""
    return bool(session.scalar(select(func.count()).select_from(Operator).where(
        Operator.active.is_(True), Operator.pin_hash != "")))


def sign_in(db: Database, name: str, pin: str, now: datetime | None = None) -> SignedIn:
    """Check the PIN; wrong tries slow further tries down. Both outcomes are audited.

    Runs its own transaction, so a wrong try is committed (and counted) although the call
    raises.
    """
    with db.unit_of_work(name) as session:
        outcome = _attempt(session, name, pin, now or utcnow())
    if isinstance(outcome, AppError):
        raise outcome
    return outcome


def _attempt(session: Session, name: str, pin: str, now: datetime) -> SignedIn | AppError:
    op = session.scalar(select(Operator).where(Operator.name == name,
                                               Operator.active.is_(True)))
    if op is None:
        return AppError("auth.unknown_operator", name=name)
    if op.locked_until is not None and op.locked_until > now:
        seconds = int((op.locked_until - now).total_seconds()) + 1
        return AppError("auth.locked", seconds=seconds)
    if op.pin_hash and not check_pin(op.pin_hash, pin):
        op.failed_tries += 1
        op.locked_until = lockout_after(op.failed_tries, now)
        log_event(session, "login_failed", operator=name, entity="operator",
                  entity_id=str(op.id), tries=op.failed_tries)
        session.flush()
        return AppError("auth.wrong_pin", free=FREE_TRIES)
    op.failed_tries = 0
    op.locked_until = None
    op.last_login = now
    log_event(session, "login", operator=name, entity="operator", entity_id=str(op.id))
    session.flush()
    return SignedIn(op.id, op.name, op.role)


def change_pin(session: Session, operator_id: int, new_pin: str, *, by: SignedIn) -> None:
    """An operator changes their own PIN; a head may set anyone's (e.g. a forgotten PIN)."""
    if by.id != operator_id:
        by.require(Permission.MANAGE_OPERATORS)
    _check_pin_text(new_pin)
    op = session.get(Operator, operator_id)
    if op is None:
        raise AppError("auth.unknown_operator", name=str(operator_id))
    op.pin_hash = hash_pin(new_pin)
    op.failed_tries = 0
    op.locked_until = None
    log_event(session, "pin_changed", operator=by.name, entity="operator",
              entity_id=str(op.id))
    session.flush()


def deactivate(session: Session, operator_id: int, *, by: SignedIn) -> None:
    by.require(Permission.MANAGE_OPERATORS)
    op = session.get(Operator, operator_id)
    if op is None:
        raise AppError("auth.unknown_operator", name=str(operator_id))
    remaining_heads = session.scalar(select(func.count()).select_from(Operator).where(
        Operator.active.is_(True), Operator.role.in_([str(r) for r in HEAD_ROLES]),
        Operator.id != operator_id))
    if op.role in HEAD_ROLES and not remaining_heads:
        raise AppError("auth.last_head")
    op.active = False
    log_event(session, "operator_deactivated", operator=by.name, entity="operator",
              entity_id=str(op.id))
    session.flush()


def emergency_reset_pin(session: Session, name: str, new_pin: str) -> None:
    """Set a forgotten PIN from the command line (``python -m app reset-pin``).

    Whoever can run commands on the laptop's operating-system account can already read the
    database file, so this adds no new way in; it is audited, and it keeps every record.
    """
    _check_pin_text(new_pin)
    op = session.scalar(select(Operator).where(Operator.name == name))
    if op is None:
        raise AppError("auth.unknown_operator", name=name)
    op.pin_hash = hash_pin(new_pin)
    op.failed_tries = 0
    op.locked_until = None
    op.active = True
    log_event(session, "pin_reset", operator="baris-perintah", entity="operator",
              entity_id=str(op.id), name=name)
    session.flush()
