"""Permission checks live in the services: a hidden button is not the only guard."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.access import Permission, Role, require
from app.core.errors import AppError
from app.core.models import AuditEntry, Resident
from app.core.services import residents
from app.core.services.operators import SignedIn

OPERATOR = SignedIn(7, "Wati", str(Role.OPERATOR_DESA))
HEAD = SignedIn(1, "Pak Kades", str(Role.KEPALA_DESA))


def test_require_refuses_with_the_coded_error() -> None:
    with pytest.raises(AppError) as err:
        require(OPERATOR, Permission.DELETE)
    assert err.value.code == "auth.not_allowed"
    assert err.value.params == {"name": "Wati", "role": "operator_desa"}
    require(HEAD, Permission.DELETE)  # allowed: no error
    require(None, Permission.DELETE)  # no one signed in: the folder's owner


def test_delete_as_operator_without_the_right_is_refused_and_changes_nothing(village) -> None:
    with village.db.unit_of_work("Wati") as s:
        rid = residents.register_resident(
            s, residents.ResidentInput(name="Siti Aminah", sex="P")).id
    with village.db.session() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(AppError) as err, village.db.unit_of_work("Wati") as s:
        residents.delete_resident(s, rid, by=OPERATOR)
    assert err.value.code == "auth.not_allowed"
    with village.db.session() as s:
        person = s.get(Resident, rid)
        assert not person.deleted and person.name == "Siti Aminah"
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
    with village.db.unit_of_work("Pak Kades") as s:
        residents.delete_resident(s, rid, by=HEAD)
    with village.db.session() as s:
        assert s.get(Resident, rid).deleted
