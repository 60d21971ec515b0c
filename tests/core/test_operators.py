"""Operators: Argon2id PINs, slow-down after wrong tries, permissions, audited reset."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.access import Permission, Role, lockout_after
from app.core.errors import AppError
from app.core.models import AuditEntry, Operator, utcnow
from app.core.services import operators


def test_pin_is_hashed_with_argon2id_and_sign_in_is_audited(village) -> None:
    with village.db.unit_of_work("setup") as s:
        operators.add_operator(s, "Pak Kades", Role.KEPALA_DESA, "482913")
    with village.db.session() as s:
        op = s.scalars(select(Operator)).one()
        assert op.pin_hash.startswith("$argon2id$") and "482913" not in op.pin_hash
    who = operators.sign_in(village.db, "Pak Kades", "482913")
    assert who.may(Permission.RESTORE) and who.may(Permission.SEE_SENSITIVE)
    with village.db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry))]
    assert "login" in actions and "operator_added" in actions


def test_wrong_pins_slow_down_further_tries(village) -> None:
    with village.db.unit_of_work("setup") as s:
        operators.add_operator(s, "Bu Sekdes", Role.OPERATOR_DESA, "1111")
    now = utcnow()
    for _ in range(3):
        with pytest.raises(AppError) as err:
            operators.sign_in(village.db, "Bu Sekdes", "0000", now=now)
    # each wrong try committed its count even though sign-in failed
    assert err.value.code == "auth.wrong_pin"
    with village.db.session() as s:
        assert s.scalars(select(Operator)).one().failed_tries == 3
    with pytest.raises(AppError) as err:
        operators.sign_in(village.db, "Bu Sekdes", "1111", now=now + timedelta(seconds=5))
    assert err.value.code == "auth.locked" and err.value.params["seconds"] > 20
    assert operators.sign_in(village.db, "Bu Sekdes", "1111", now=now + timedelta(seconds=31))
    assert lockout_after(10, now) - now == timedelta(minutes=30)  # capped


def test_operator_permissions_and_last_head(village) -> None:
    with village.db.unit_of_work("setup") as s:
        head = operators.add_operator(s, "Kades", Role.KEPALA_DESA, "9999")
        clerk = operators.add_operator(s, "Operator", Role.OPERATOR_DESA, "8888")
        head_id, clerk_id = head.id, clerk.id
    clerk_who = operators.SignedIn(clerk_id, "Operator", Role.OPERATOR_DESA)
    head_who = operators.SignedIn(head_id, "Kades", Role.KEPALA_DESA)
    assert not clerk_who.may(Permission.DELETE) and not clerk_who.may(Permission.SEE_SENSITIVE)
    with pytest.raises(AppError) as err, village.db.unit_of_work("x") as s:
        operators.change_pin(s, head_id, "1234", by=clerk_who)
    assert err.value.code == "auth.not_allowed"
    with pytest.raises(AppError) as err, village.db.unit_of_work("x") as s:
        operators.deactivate(s, head_id, by=head_who)
    assert err.value.code == "auth.last_head"
    with village.db.unit_of_work("x") as s:
        operators.change_pin(s, clerk_id, "5555", by=head_who)  # forgotten PIN, head helps
    assert operators.sign_in(village.db, "Operator", "5555").role == Role.OPERATOR_DESA


def test_bad_operator_input(village) -> None:
    with village.db.unit_of_work("setup") as s:
        operators.add_operator(s, "Kades", Role.KEPALA_DESA, "9999")
    for args, code in ((("kades", Role.OPERATOR_DESA, "1234"), "auth.duplicate_name"),
                       (("Baru", "raja", "1234"), "auth.role_invalid"),
                       (("Baru", Role.OPERATOR_DESA, "12"), "auth.pin_too_short")):
        with pytest.raises(AppError) as err, village.db.unit_of_work("x") as s:
            operators.add_operator(s, *args)
        assert err.value.code == code


def test_cli_reset_pin_keeps_data(village) -> None:
    from tests.core.test_cli import run_app

    with village.db.unit_of_work("setup") as s:
        operators.add_operator(s, "Kades", Role.KEPALA_DESA, "9999")
    folder = village.data_dir.root
    village.close()
    res = run_app("reset-pin", "--data-dir", str(folder), "--operator", "Kades",
                  env={"BUKU_MIGRAN_PIN_BARU": "2468"})
    assert res.returncode == 0, res.stderr
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    ws = open_workspace(DataDir(folder))
    assert operators.sign_in(ws.db, "Kades", "2468").name == "Kades"
    ws.close()
    res = run_app("reset-pin", "--data-dir", str(folder), "--operator", "Siapa",
                  env={"BUKU_MIGRAN_PIN_BARU": "2468"})
    assert res.returncode == 2 and "tidak ditemukan" in res.stderr
