"""First start: choose the village, say who operates, optionally set a PIN.

A folder made by ``python -m app init`` already knows its village and never shows this. The
village comes from the shipped Kemendagri list: type a name or a code in the search box, or
walk province > regency > district > village in the four lists.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.workspace import MODE_VILLAGE, Office, Workspace

PIN_SETTING = "pin_hash"
MIN_PIN = 4
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_pin(pin: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex). A later issue moves PINs to Argon2id; the prefix says
    which scheme a stored hash uses, so old hashes can still be checked and upgraded."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + salt.hex() + "$" + digest.hex()


def check_pin(stored: str, pin: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=int(r),
                         p=int(p))
    return hmac.compare_digest(got.hex(), digest)


class VillagePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Which village is this register for?"))
        self.setSubTitle(self.tr("Type the village name (or its Kemendagri code, e.g. "
                                 "18.07.01.2001), or choose province, regency, district and "
                                 "village below."))
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("village_search")
        self.search.setPlaceholderText(self.tr("Village name or code, e.g. Sukadana"))
        self.search.setClearButtonEnabled(True)
        self.hits = QListWidget()
        self.hits.setObjectName("village_hits")
        self.hits.setMaximumHeight(150)
        form = QFormLayout()
        self.province = QComboBox()
        self.regency = QComboBox()
        self.district = QComboBox()
        self.village = QComboBox()
        for combo, name in ((self.province, "province"), (self.regency, "regency"),
                            (self.district, "district"), (self.village, "village")):
            combo.setObjectName(name)
            combo.setMinimumContentsLength(30)
        form.addRow(self.tr("&Province"), self.province)
        form.addRow(self.tr("&Regency / city"), self.regency)
        form.addRow(self.tr("&District"), self.district)
        form.addRow(self.tr("&Village"), self.village)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setObjectName("chosen_village")
        search_label = QLabel(self.tr("&Search"))
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.hits)
        layout.addLayout(form)
        layout.addWidget(self.chosen)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.hits.currentItemChanged.connect(self._hit_chosen)
        self.province.currentIndexChanged.connect(lambda _i: self._fill(self.regency,
                                                                        self.province))
        self.regency.currentIndexChanged.connect(lambda _i: self._fill(self.district,
                                                                       self.regency))
        self.district.currentIndexChanged.connect(lambda _i: self._fill(self.village,
                                                                        self.district))
        self.village.currentIndexChanged.connect(lambda _i: self._update_chosen())
        self._loading = False
        from app.core.reference import children

        self._set_items(self.province, children(None))

    def _set_items(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", None)
        for code, name in items:
            combo.addItem(f"{name} ({code})", code)
        combo.blockSignals(False)
        combo.setCurrentIndex(0)
        combo.currentIndexChanged.emit(0)

    def _fill(self, child: QComboBox, parent_combo: QComboBox) -> None:
        if self._loading:
            return
        from app.core.reference import children

        code = parent_combo.currentData()
        self._set_items(child, children(code) if code else [])

    def _run_search(self) -> None:
        from app.core.reference import search_villages

        self.hits.clear()
        for hit in search_villages(self.search.text(), limit=30):
            item = QListWidgetItem(f"{hit.label} — {hit.code}")
            item.setData(Qt.ItemDataRole.UserRole, hit.code)
            self.hits.addItem(item)
        if self.hits.count() == 1:
            self.hits.setCurrentRow(0)

    def _hit_chosen(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is not None:
            self.select_code(item.data(Qt.ItemDataRole.UserRole))

    def select_code(self, code: str) -> None:
        """Set the four lists to the village ``code`` (PP.KK.CC.DDDD)."""
        parts = code.split(".")
        chain = [".".join(parts[: i + 1]) for i in range(4)]
        for combo, part in zip((self.province, self.regency, self.district, self.village),
                               chain, strict=True):
            index = combo.findData(part)
            if index < 0:
                return
            combo.setCurrentIndex(index)  # fills the next list through the signal

    def village_code(self) -> str | None:
        return self.village.currentData()

    def _update_chosen(self) -> None:
        from app.core.reference import village

        code = self.village_code()
        hit = village(code) if code else None
        self.chosen.setText(self.tr("Chosen: {label} ({code})").format(label=hit.label,
                                                                        code=hit.code)
                            if hit else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.village_code())


class OperatorPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Who uses this register?"))
        self.setSubTitle(self.tr("Your name is written beside every change. A PIN is "
                                 "optional: it stops others using this laptop from opening "
                                 "the register."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("operator_name")
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2 = QLineEdit()
        self.pin2.setObjectName("pin2")
        self.pin2.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("pin_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form.addRow(self.tr("Operator &name"), self.name)
        form.addRow(self.tr("&PIN (optional)"), self.pin)
        form.addRow(self.tr("PIN &again"), self.pin2)
        form.addRow(self.problem)
        for edit in (self.name, self.pin, self.pin2):
            edit.textChanged.connect(self._check)
        self._check()

    def pin_problem(self) -> str:
        pin, again = self.pin.text(), self.pin2.text()
        if not pin and not again:
            return ""
        if len(pin) < MIN_PIN:
            return self.tr("A PIN needs at least {n} characters.").format(n=MIN_PIN)
        if pin != again:
            return self.tr("The two PINs are not the same.")
        return ""

    def _check(self) -> None:
        self.problem.setText(self.pin_problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.name.text().strip()) and not self.pin_problem()


class SetupWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Buku Migran Desa: first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 560)
        self.village_page = VillagePage()
        self.operator_page = OperatorPage()
        self.addPage(self.village_page)
        self.addPage(self.operator_page)
        for which, text in ((QWizard.WizardButton.BackButton, self.tr("< &Back")),
                            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
                            (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
                            (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.setButtonText(which, text)
        self.result_office: Office | None = None

    def accept(self) -> None:
        from app.core.db import set_setting
        from app.core.reference import region_name
        from app.core.workspace import initialise_office

        code = self.village_page.village_code()
        if not code:
            return
        operator = self.operator_page.name.text().strip()
        office = initialise_office(self.workspace, mode=MODE_VILLAGE, code=code,
                                   name=region_name(code) or code, operator=operator)
        pin = self.operator_page.pin.text()
        if pin:
            with self.workspace.db.sessions.begin() as s:
                set_setting(s, PIN_SETTING, hash_pin(pin))
        self.result_office = office
        super().accept()

    @classmethod
    def run(cls, workspace: Workspace) -> tuple[Office, str] | None:
        wizard = cls(workspace)
        if wizard.exec() and wizard.result_office is not None:
            return wizard.result_office, wizard.result_office.operator
        return None
