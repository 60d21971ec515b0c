"""P4MI mode: "Siapkan paket pelatihan" (prepare the training package), and opening one.

``ProvisioningDialog.run(ctx, parent)`` lets the P4MI clerk or a trainer write the signed
``.bmdp`` file of this regency (:func:`sync.provisioning.create_provisioning`): the trainer's
name and phone, where to save it, and the P4MI key fingerprint to read out at the training
event. It returns the written :class:`~sync.provisioning.Provisioning`, or ``None``.

``open_provisioning_file(parent)`` is for the first-start wizard ("Pilih paket pelatihan"):
it asks for a ``.bmdp`` file, checks it and returns it, or says why it was refused.
``describe_provisioning(prov)`` is the short translated summary the wizard can show.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.ui.context import AppContext
from app.ui.i18n import Retranslating
from sync.provisioning import Provisioning


def _file_filter() -> str:
    return QCoreApplication.translate("ProvisioningDialog", "Training packages (*.bmdp)")


def describe_provisioning(prov: Provisioning) -> str:
    """A few translated lines about a checked provisioning file (for the wizard)."""
    lines = [
        QCoreApplication.translate("ProvisioningDialog", "Regency: {name} ({code})").format(
            name=prov.regency_name, code=prov.regency_code),
        QCoreApplication.translate("ProvisioningDialog", "Villages in the package: {count}"
                                   ).format(count=len(prov.villages)),
        QCoreApplication.translate("ProvisioningDialog", "P4MI key fingerprint: {fingerprint}"
                                   ).format(fingerprint=prov.fingerprint),
    ]
    if prov.trainer_name or prov.trainer_phone:
        lines.append(QCoreApplication.translate("ProvisioningDialog", "Trainer: {trainer}"
                                                ).format(trainer=" ".join(
                                                    x for x in (prov.trainer_name,
                                                                prov.trainer_phone) if x)))
    return "\n".join(lines)


def open_provisioning_file(parent: QWidget | None = None) -> Provisioning | None:
    """Ask for a ``.bmdp`` file and return it checked; ``None`` when cancelled or refused
    (the reason is shown)."""
    from sync.provisioning import read_provisioning

    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ProvisioningDialog", "Choose the training package"),
        "", _file_filter())
    if not name:
        return None
    try:
        return read_provisioning(Path(name))
    except AppError as exc:
        from app.ui.errors import error_text

        QMessageBox.warning(parent, QCoreApplication.translate(
            "ProvisioningDialog", "Training package refused"), error_text(exc))
        return None


class ProvisioningDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: Provisioning | None = None
        self.setObjectName("ProvisioningDialog")
        from app.core import reference
        from app.core.workspace import MODE_P4MI
        from sync.keys import load_or_create_keypair
        from sync.provisioning import provisioning_file_name

        office = ctx.office
        self.is_hub = office.mode == MODE_P4MI
        self.fingerprint = ""
        self.village_count = 0
        if self.is_hub:
            pair = load_or_create_keypair(ctx.workspace.data_dir, office_code=office.code,
                                          role="p4mi")
            self.fingerprint = pair.fingerprint
            self.village_count = len(reference.villages_of_regency(office.code))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.regency = QLabel()
        self.regency.setObjectName("regency")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setStyleSheet("font-family: monospace; font-weight: bold;")
        self.fingerprint_hint = QLabel()
        self.fingerprint_hint.setWordWrap(True)
        self.trainer = QLineEdit()
        self.trainer.setObjectName("trainer")
        self.trainer.setMaxLength(200)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(40)
        self.path = QLineEdit(str(ctx.workspace.data_dir.outbox / provisioning_file_name(
            office.code, today or date.today())) if self.is_hub else "")
        self.path.setObjectName("path")
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose")
        self.choose_button.clicked.connect(self.choose_path)
        self.trainer_label, self.phone_label, self.path_label = QLabel(), QLabel(), QLabel()
        self.trainer_label.setBuddy(self.trainer)
        self.phone_label.setBuddy(self.phone)
        self.path_label.setBuddy(self.path)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.trainer_label, self.trainer)
        form.addRow(self.phone_label, self.phone)
        form.addRow(self.path_label, where)
        self.errors = QLabel()
        self.errors.setObjectName("errors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        self.errors.hide()
        self.result_label = QLabel()
        self.result_label.setObjectName("result")
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet("color: #1b5e20;")
        self.result_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.regency)
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(self.fingerprint_hint)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        if not self.is_hub:
            self.show_error(AppError("sync.provision.not_hub"))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        from app.ui.widgets.forms import FormKeys

        self.keys = FormKeys(self, save=self.create, first=self.trainer,
                             save_button=self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(560, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Prepare training package"))
        self.intro.setText(self.tr(
            "The training package pre-loads this regency's settings (the P4MI key and the list "
            "of villages) at training events. Put it beside the program on the installer USB "
            "stick, or choose it at first start: the village head then only picks the "
            "village."))
        office = self.ctx.office
        self.regency.setText(self.tr("Regency: {name} ({code}), {count} villages").format(
            name=office.name, code=office.code, count=self.village_count))
        self.fingerprint_label.setText(self.tr("P4MI key fingerprint: {fingerprint}").format(
            fingerprint=self.fingerprint or "-"))
        self.fingerprint_hint.setText(self.tr(
            "Read this fingerprint out at the training: the program shows it when the package "
            "is loaded, so the village can check that it comes from this P4MI."))
        self.trainer_label.setText(self.tr("&Trainer's name"))
        self.phone_label.setText(self.tr("Trainer's &phone"))
        self.path_label.setText(self.tr("Save t&o"))
        self.choose_button.setText(self.tr("C&hoose..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("&Create package"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        if self.created is not None:
            self._show_result()

    def choose_path(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the training package"),
                                              self.path.text(), _file_filter())
        if not name:
            return False
        if not name.lower().endswith(".bmdp"):
            name += ".bmdp"
        self.path.setText(name)
        return True

    def show_error(self, exc: BaseException) -> None:
        from app.ui.errors import error_text

        self.errors.setText(error_text(exc))
        self.errors.show()

    def _show_result(self) -> None:
        assert self.created is not None
        self.result_label.setText(self.tr(
            "Training package saved: {path}\nRegency {name}, {count} villages, P4MI key "
            "fingerprint {fingerprint}.").format(
                path=str(self.created.path), name=self.created.regency_name,
                count=len(self.created.villages), fingerprint=self.created.fingerprint))
        self.result_label.show()

    def create(self) -> None:
        from sync.provisioning import create_provisioning

        self.errors.hide()
        if not self.path.text().strip() and not self.choose_path():
            return
        try:
            self.created = create_provisioning(
                self.ctx.workspace, Path(self.path.text().strip()),
                trainer=self.trainer.text(), phone=self.phone.text(),
                operator=self.ctx.operator)
        except AppError as exc:
            self.show_error(exc)
            return
        self.path.setText(str(self.created.path))
        self._show_result()

    @classmethod
    def run(cls, ctx: AppContext, parent: QWidget | None = None) -> Provisioning | None:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.created
