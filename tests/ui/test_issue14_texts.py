"""Small texts a new user tripped over (issue 14): one spelling of the role names, the
wizard's search as a form row like the lists below it."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("language", ["id", "en"])
def test_role_names_are_spelled_one_way(qapp: Any, language: str) -> None:
    from app.core.workspace import MODE_P4MI, MODE_VILLAGE
    from app.ui.i18n import set_language
    from app.ui.permissions import ROLE_LABELS, role_label
    from app.ui.wizard import OperatorPage

    set_language(language)
    names = {role: role_label(role) for role in ROLE_LABELS}
    assert all(name[:1].isupper() for name in names.values()), names
    if language == "id":
        assert names["kepala_desa"] == "Kepala desa"
    page = OperatorPage()
    for mode in (MODE_VILLAGE, MODE_P4MI):
        page.set_mode(mode)
        offered = {page.role.itemData(i): page.role.itemText(i)
                   for i in range(page.role.count())}
        assert offered and all(names[role] == text for role, text in offered.items())


def test_wizard_search_is_a_form_row(qtbot: Any) -> None:
    from app.ui.wizard import VillagePage

    page = VillagePage()
    qtbot.addWidget(page)
    assert page.form.labelForField(page.search) is page.search_label
    assert page.search_label.text() == "&Cari"
