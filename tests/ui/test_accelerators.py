"""Every dialog (and every page or tab of it) has unique Alt accelerators (issue 14).

Each dialog of the program is opened over a demo village, in Indonesian and in English; for
each tab of a tabbed dialog and each page of the wizard, the ``&`` letters of the visible
labels, buttons, check boxes, group boxes and tabs are collected, and a letter used twice
fails the test (Alt+S must save, not jump to "Paspor berlaku sampai").

The episode dialog is opened in every mode (register, verify, departure, late departure,
return, past return, end, documents, contact, placement, prevent, in process, home leave and
back, details), each over an episode in a state that mode is used for, and the red-flag
confirmation beside it. :data:`NOT_YET` lists dialogs not covered yet, with a reason (none).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
    QWizard,
)

NOT_YET: dict[str, str] = {}


def mnemonic(text: str) -> str | None:
    """The accelerator letter of ``text`` (``&&`` is a literal ampersand), lower case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def visible_accelerators(window: QWidget) -> list[tuple[str, str]]:
    """``(letter, text)`` of every visible widget of ``window`` that has an accelerator."""
    out: list[tuple[str, str]] = []
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisibleTo(window) and w is not window:
            continue
        texts: list[str] = []
        if isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                out.append((letter, text))
    return out


def duplicates(window: QWidget) -> list[str]:
    found = visible_accelerators(window)
    counts = Counter(letter for letter, _ in found)
    return sorted(f"Alt+{letter.upper()}: " + " / ".join(t for ltr, t in found if ltr == letter)
                  for letter in counts if counts[letter] > 1)


def states(window: QWidget) -> Iterator[str]:
    """Show each tab of the first-level tab widgets / each wizard page in turn."""
    if isinstance(window, QWizard):
        first = True
        for page_id in window.pageIds():
            if not first:
                window.next()
            first = False
            yield f"page {page_id}"
        return
    tabs = [t for t in window.findChildren(QTabWidget) if t.isVisibleTo(window)]
    if not tabs:
        yield "form"
        return
    for tab in tabs:
        for i in range(tab.count()):
            if tab.isTabEnabled(i):
                tab.setCurrentIndex(i)
                yield f"tab {tab.tabText(i)!r}"


def _ids(ws: Any) -> dict[str, str]:
    from sqlalchemy import select

    from app.core.models import Activity, Episode, FamilyLink, Resident
    from app.core.services.cases import CaseInput, open_case
    from app.core.services.episodes import Registration, register_cpmi

    with ws.db.session() as s:
        rid = s.scalar(select(FamilyLink.resident_id).join(
            Resident, Resident.id == FamilyLink.resident_id).where(
            FamilyLink.deleted.is_(False), Resident.deleted.is_(False)).limit(1))
        activity = s.scalar(select(Activity.id).where(Activity.deleted.is_(False)).limit(1))
        episodes = {}
        for key, wanted in (("abroad", ("berangkat",)), ("leave", ("cuti", "berangkat"))):
            ep = s.scalars(select(Episode).where(Episode.deleted.is_(False),
                                                 Episode.state.in_(wanted))
                           .order_by(Episode.state.desc(), Episode.id).limit(1)).first()
            assert ep is not None, f"the demo village has an episode in {wanted}"
            episodes[key] = ep.id
    with ws.db.unit_of_work("Operator Uji") as s:
        case = open_case(s, rid, CaseInput(case_type="hilang_kontak", reported_on=date.today()))
        case_id = case.id
        cpmi = Resident(name="Calon Uji Akselerator", sex="P", birth_date=date(1995, 3, 1))
        s.add(cpmi)
        s.flush()
        episodes["before"] = register_cpmi(s, cpmi.id, Registration(date.today())).id
    return {"resident": rid, "case": case_id, "activity": activity, **episodes}


def _episode_dialog(mode: str, key: str | None) -> Callable[[Any, dict[str, str]], QWidget]:
    """The episode dialog in ``mode``, over the episode ``ids[key]`` (or a new one)."""

    def make(ctx: Any, ids: dict[str, str]) -> QWidget:
        from app.core.models import Episode
        from app.ui.dialogs.episode import EpisodeDialog

        if key is None:
            return EpisodeDialog(ctx, mode, ids["resident"])
        with ctx.db.session() as s:
            ep = s.get(Episode, ids[key])
            s.expunge(ep)
        return EpisodeDialog(ctx, mode, ep.resident_id, ep)

    return make


def _dialogs() -> dict[str, Callable[[Any, dict[str, str]], QWidget]]:
    from app.core.progress import CancelToken
    from app.ui import data_menu, login, wizard
    from app.ui.dialogs import episode as ep
    from app.ui.dialogs.activity_form import ActivityDialog
    from app.ui.dialogs.activity_participants import ParticipantsDialog
    from app.ui.dialogs.case_follow_up import FollowUpDialog
    from app.ui.dialogs.case_form import CaseDialog
    from app.ui.dialogs.delete_resident import DeleteResidentDialog
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.history import HistoryDialog
    from app.ui.dialogs.provisioning import ProvisioningDialog
    from app.ui.dialogs.resident import ResidentDialog
    from app.ui.import_list.wizard import ImportListWizard
    from app.ui.p4mi.cases import DeskActionDialog
    from app.ui.printing.dialog import PrintDialog
    from app.ui.progress import ProgressDialog
    from app.ui.views.letters import LetterDialog, LetterSettingsDialog

    return {
        "ResidentDialog(new)": lambda ctx, ids: ResidentDialog(ctx, None),
        "ResidentDialog": lambda ctx, ids: ResidentDialog(ctx, ids["resident"]),
        "CaseDialog": lambda ctx, ids: CaseDialog(ctx, resident_id=ids["resident"]),
        "CaseDialog(pick)": lambda ctx, ids: CaseDialog(ctx),
        "FollowUpDialog": lambda ctx, ids: FollowUpDialog(ctx, ids["case"]),
        "FollowUpDialog(close)": lambda ctx, ids: FollowUpDialog(ctx, ids["case"],
                                                                 closing=True),
        "ActivityDialog": lambda ctx, ids: ActivityDialog(ctx),
        "ParticipantsDialog": lambda ctx, ids: ParticipantsDialog(ctx, ids["activity"]),
        "FamilyMemberDialog": lambda ctx, ids: FamilyMemberDialog(ctx, ids["resident"], []),
        "HistoryDialog": lambda ctx, ids: HistoryDialog(ctx, ids["resident"]),
        "DeleteResidentDialog": lambda ctx, ids: DeleteResidentDialog("Wati", "18070145"),
        "ProvisioningDialog": lambda ctx, ids: ProvisioningDialog(ctx),
        "PrintDialog(register)": lambda ctx, ids: PrintDialog(ctx, "register"),
        "PrintDialog(recap)": lambda ctx, ids: PrintDialog(ctx, "recap"),
        "PrintDialog(person)": lambda ctx, ids: PrintDialog(ctx, "person",
                                                            resident_id=ids["resident"]),
        "ProgressDialog": lambda ctx, ids: ProgressDialog("…", CancelToken()),
        "LoginDialog": lambda ctx, ids: login.LoginDialog(ctx.db, ctx.office),
        "PinDialog": lambda ctx, ids: data_menu.PinDialog("PIN", ("operator_desa",)),
        "OperatorsDialog": lambda ctx, ids: data_menu.OperatorsDialog(ctx),
        "AuditDialog": lambda ctx, ids: data_menu.AuditDialog(ctx),
        "RestoreDialog": lambda ctx, ids: data_menu.RestoreDialog(ctx),
        "PrivacyDialog": lambda ctx, ids: data_menu.PrivacyDialog(),
        "SetupWizard": lambda ctx, ids: wizard.SetupWizard(ctx.workspace),
        "ImportListWizard": lambda ctx, ids: ImportListWizard(ctx),
        "LetterDialog": lambda ctx, ids: LetterDialog(ctx, ids["resident"]),
        "LetterSettingsDialog": lambda ctx, ids: LetterSettingsDialog(ctx),
        "DeskActionDialog(rujuk)": lambda ctx, ids: DeskActionDialog(ctx, "rujuk", "Rujuk"),
        "DeskActionDialog(selesai)": lambda ctx, ids: DeskActionDialog(ctx, "selesai",
                                                                       "Selesai"),
        "FlagConfirmDialog": lambda ctx, ids: ep.FlagConfirmDialog(
            ["Usia di bawah 18 tahun.", "Belum ada perjanjian kerja."]),
        **{f"EpisodeDialog({mode})": _episode_dialog(mode, key) for mode, key in (
            (ep.REGISTER, None), (ep.LATE_DEPART, None), (ep.PAST_RETURN, None),
            (ep.VERIFY, "before"), (ep.DEPART, "before"), (ep.END, "before"),
            (ep.DOCUMENTS, "before"), (ep.PREVENT, "before"), (ep.PROCESS, "before"),
            (ep.RETURN, "abroad"), (ep.CONTACT, "abroad"), (ep.PLACEMENT, "abroad"),
            (ep.LEAVE, "abroad"), (ep.LEAVE_END, "leave"), (ep.DETAILS, "abroad"))},
    }


DIALOG_NAMES = sorted(_dialogs())


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_duplicate_accelerators_in_any_dialog(qtbot, ctx, demo_village, language) -> None:
    from app.ui.i18n import set_language

    set_language(language)
    ids = _ids(demo_village)
    problems = []
    for name, make in _dialogs().items():
        dialog = make(ctx, ids)
        qtbot.addWidget(dialog)
        dialog.show()
        for state in states(dialog):
            problems += [f"{name} {state}: {d}" for d in duplicates(dialog)]
        dialog.hide()
    assert problems == [], "\n".join(problems)


def test_the_checker_finds_a_duplicate(qtbot) -> None:
    """The rule itself: two '&S' in one dialog are found, '&&' is not an accelerator."""
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    lay = QVBoxLayout(dialog)
    edit = QLineEdit()
    lab = QLabel("Paspor berlaku &sampai")
    lab.setBuddy(edit)
    for w in (lab, edit, QPushButton("&Simpan"), QPushButton("A && B")):
        lay.addWidget(w)
    dialog.show()
    assert duplicates(dialog) == ["Alt+S: Paspor berlaku &sampai / &Simpan"]


def test_every_dialog_class_is_covered() -> None:
    """A new dialog class must be added to the list above (or, with a reason, to NOT_YET)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "ui"
    classes = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", "") in ("QDialog", "QWizard") for b in node.bases):
                classes.add(node.name)
    covered = {n.split("(")[0] for n in DIALOG_NAMES} | set(NOT_YET)
    assert classes - covered == set()
    assert date.today()  # the suite's clock is sane (demo data uses it)
