"""First start: village or P4MI, the place, who operates, optionally a PIN.

A folder made by ``python -m app init`` already knows its office and never shows this. The
first page says what the program keeps and why (the privacy notice, UU 27/2022) and asks
whether this laptop serves a village or the regency post (P4MI). The place comes from the
shipped Kemendagri list: type a name or a code in the search box, or walk province > regency >
district > village. The operator becomes the first operator (a head), with an Argon2id PIN.

A P4MI chooses what it serves: a regency or city (the regency post), a province (a BP3MI
province hub) or the whole country (the national hub), as ``init --p4mi 18.07`` / ``18`` /
``nasional`` do. It also chooses where its database lives: the SQLite file in the data
folder (one clerk) or a PostgreSQL server (several clerks, issue 16). The server page only renders
:mod:`app.core.server`: "Uji koneksi" runs ``check_connection`` on the background pool and
shows its coded errors; Finish runs ``set_up_on_server`` (the use case of ``init --database``)
in the background too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.access import MIN_PIN_LENGTH as MIN_PIN
from app.core.access import Role
from app.core.workspace import (
    HUB_NATIONAL,
    HUB_PROVINCE,
    HUB_REGENCY,
    MODE_P4MI,
    MODE_VILLAGE,
    NATIONAL_CODE,
    Office,
    Workspace,
    hub_office_name,
)


def privacy_notice_markdown() -> str:
    """The privacy notice shipped in resources/privacy (Indonesian)."""
    from app.core.reference import resources_dir

    path = resources_dir() / "privacy" / "pemberitahuan_privasi.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class WelcomePage(QWizardPage):
    """What the program keeps (privacy notice) and which office this laptop serves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Buku Migran Desa"))
        # two lines at most: Qt's wizard header does not grow for a third
        self.setSubTitle(self.tr("This register holds personal data. Read how it is "
                                 "protected, then choose who uses this laptop."))
        layout = QVBoxLayout(self)
        self.notice = QTextBrowser()
        self.notice.setObjectName("privacy_notice")
        self.notice.setMarkdown(privacy_notice_markdown())
        layout.addWidget(self.notice, 1)
        self.village_mode = QRadioButton(self.tr("&Village government (kantor desa/kelurahan)"))
        self.village_mode.setObjectName("mode_village")
        self.p4mi_mode = QRadioButton(self.tr("P4MI &hub: a regency post, a province or the "
                                              "national hub (receives bundles)"))
        self.p4mi_mode.setObjectName("mode_p4mi")
        self.village_mode.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.village_mode)
        group.addButton(self.p4mi_mode)
        layout.addWidget(self.village_mode)
        layout.addWidget(self.p4mi_mode)
        self.provisioning_label = QLabel()
        self.provisioning_label.setObjectName("provisioning_label")
        self.provisioning_label.setWordWrap(True)
        self.provisioning_button = QPushButton(self.tr("Open a &training package (.bmdp)..."))
        self.provisioning_button.setObjectName("provisioning_button")
        layout.addWidget(self.provisioning_label)
        layout.addWidget(self.provisioning_button)

    def mode(self) -> str:
        return MODE_P4MI if self.p4mi_mode.isChecked() else MODE_VILLAGE


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
        form = self.form = QFormLayout()
        self.hub_level = QComboBox()
        self.hub_level.setObjectName("hub_level")
        self.province = QComboBox()
        self.regency = QComboBox()
        self.district = QComboBox()
        self.village = QComboBox()
        for combo, name in ((self.province, "province"), (self.regency, "regency"),
                            (self.district, "district"), (self.village, "village")):
            combo.setObjectName(name)
            combo.setMinimumContentsLength(30)
        self.search_label = QLabel(self.tr("&Search"))
        self.search_label.setBuddy(self.search)
        # a form row like the four below (the label stood alone above its box, issue 14)
        form.addRow(self.search_label, self.search)
        form.addRow("", self.hits)
        self.hub_level_label = QLabel(self.tr("&Hub serves"))
        self.hub_level_label.setBuddy(self.hub_level)
        form.addRow(self.hub_level_label, self.hub_level)
        for level, text in ((HUB_REGENCY, self.tr("One regency or city (P4MI)")),
                            (HUB_PROVINCE, self.tr("A whole province (BP3MI province hub)")),
                            (HUB_NATIONAL, self.tr("The whole country (national hub)"))):
            self.hub_level.addItem(text, level)
        form.addRow(self.tr("&Province"), self.province)
        form.addRow(self.tr("&Regency / city"), self.regency)
        form.addRow(self.tr("&District"), self.district)
        form.addRow(self.tr("&Village"), self.village)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setObjectName("chosen_village")
        layout.addLayout(form)
        layout.addWidget(self.chosen)
        layout.addStretch(1)  # the rows stay together at the top

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.hits.currentItemChanged.connect(self._hit_chosen)
        self.province.currentIndexChanged.connect(lambda _i: self._fill(self.regency,
                                                                        self.province))
        self.regency.currentIndexChanged.connect(lambda _i: self._regency_changed())
        self.district.currentIndexChanged.connect(lambda _i: self._fill(self.village,
                                                                        self.district))
        self.village.currentIndexChanged.connect(lambda _i: self._update_chosen())
        self.hub_level.currentIndexChanged.connect(lambda _i: self._level_changed())
        self._loading = False
        from app.core.reference import children

        self._set_items(self.province, children(None))

    def _level_changed(self) -> None:
        """A province hub chooses its province only, the national hub nothing more."""
        if getattr(self, "mode", MODE_VILLAGE) != MODE_P4MI:
            return
        level = self.hub_level.currentData()
        for combo, used in ((self.province, level != HUB_NATIONAL),
                            (self.regency, level == HUB_REGENCY)):
            combo.setEnabled(used)
            self.form.labelForField(combo).setEnabled(used)
        subtitles = {HUB_REGENCY: self.tr("Choose the province, then the regency or city."),
                     HUB_PROVINCE: self.tr("Choose the province whose villages and regencies "
                                           "send their bundles to this hub."),
                     HUB_NATIONAL: self.tr("The national hub receives the bundles of every "
                                           "province; nothing more to choose.")}
        self.setSubTitle(subtitles[level])
        self._update_chosen()

    def _regency_changed(self) -> None:
        self._fill(self.district, self.regency)
        self._update_chosen()

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
        only = getattr(self, "regency_only", "")
        hits = search_villages(self.search.text(), limit=200 if only else 30)
        for hit in [h for h in hits if h.code.startswith(only + ".")][:30] if only else hits:
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

    def restrict_to_regency(self, regency_code: str) -> None:
        """A training package names the regency: only its villages are offered."""
        self.regency_only = regency_code
        province = regency_code.split(".")[0]
        self.province.setCurrentIndex(self.province.findData(province))
        self.regency.setCurrentIndex(self.regency.findData(regency_code))
        self.province.setEnabled(False)
        self.regency.setEnabled(False)

    def set_mode(self, mode: str) -> None:
        """P4MI chooses a regency; a village chooses down to the village."""
        self.mode = mode
        p4mi = mode == MODE_P4MI
        for combo in (self.district, self.village):
            combo.setEnabled(not p4mi)
            self.form.labelForField(combo).setEnabled(not p4mi)
        for widget in (self.search_label, self.search, self.hits):
            widget.setVisible(not p4mi)  # a regency is chosen from the lists only
        for widget in (self.hub_level_label, self.hub_level):
            widget.setVisible(p4mi)
        if p4mi:
            self.setTitle(self.tr("Which area does this P4MI hub serve?"))
            self._level_changed()
        else:
            self.setTitle(self.tr("Which village is this register for?"))
            for combo in (self.province, self.regency):
                combo.setEnabled(not getattr(self, "regency_only", ""))
                self.form.labelForField(combo).setEnabled(True)
        self._update_chosen()

    def village_code(self) -> str | None:
        """The chosen office code: a village code; in P4MI mode a regency code, a province
        code or the national code, by the hub's level."""
        if getattr(self, "mode", MODE_VILLAGE) == MODE_P4MI:
            level = self.hub_level.currentData()
            if level == HUB_NATIONAL:
                return NATIONAL_CODE
            return (self.province if level == HUB_PROVINCE else self.regency).currentData()
        return self.village.currentData()

    def _update_chosen(self) -> None:
        from app.core.reference import village

        code = self.village_code()
        if getattr(self, "mode", MODE_VILLAGE) == MODE_P4MI:
            label = hub_office_name(code) if code else None
        else:
            hit = village(code) if code else None
            label = hit.label if hit else None
        self.chosen.setText(self.tr("Chosen: {label} ({code})").format(label=label, code=code)
                            if label else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.village_code())


class ServerPage(QWizardPage):
    """P4MI only: the database in the data folder, or on a PostgreSQL server (tested first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Where is this P4MI's database kept?"))
        self.setSubTitle(self.tr("One clerk: a file on this laptop. Several clerks: a "
                                 "PostgreSQL server that every workstation connects to."))
        layout = QVBoxLayout(self)
        self.local = QRadioButton(self.tr("File on this &laptop (SQLite, one clerk)"))
        self.local.setObjectName("database_local")
        self.server = QRadioButton(self.tr("Database on a Postgre&SQL server (several clerks)"))
        self.server.setObjectName("database_server")
        self.local.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        self.host = QLineEdit("localhost")
        self.host.setObjectName("server_host")
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.database.setObjectName("server_database")
        self.database.setPlaceholderText(self.tr("e.g. bmd_p4mi"))
        self.user = QLineEdit()
        self.user.setObjectName("server_user")
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.addRow(self.tr("Server &address"), self.host)
        form.addRow(self.tr("P&ort"), self.port)
        form.addRow(self.tr("&Database name"), self.database)
        form.addRow(self.tr("User na&me"), self.user)
        form.addRow(self.tr("Pass&word"), self.password)
        self.test_button = QPushButton(self.tr("&Uji koneksi (test the connection)"))
        self.test_button.setObjectName("server_test")
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        form.addRow("", row)
        layout.addWidget(self.fields)
        self.status = QLabel()
        self.status.setObjectName("server_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.code = ""  # the regency chosen on the page before (whose database it must be)
        self.tested: object = None  # the ServerConfig the last successful test was made with
        self.joins = False
        self.runner = None  # app.ui.tasks.TaskRunner, made on the first test
        self.op = None
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._changed)
        self.port.valueChanged.connect(self._changed)
        self.server.toggled.connect(self._changed)
        self.test_button.clicked.connect(self.test_connection)
        self._changed()

    def uses_server(self) -> bool:
        return self.server.isChecked()

    def config(self):  # noqa: ANN201 - app.core.server.ServerConfig, or None when incomplete
        """The server settings typed so far (the password kept apart from the URL)."""
        from urllib.parse import quote

        from app.core.server import ServerConfig

        host, name, user = (w.text().strip() for w in (self.host, self.database, self.user))
        if not (host and name and user):
            return None
        host_part = f"[{host}]" if ":" in host else host
        url = (f"postgresql://{quote(user, safe='')}@{host_part}:{self.port.value()}/"
               f"{quote(name, safe='')}")
        return ServerConfig(url, self.password.text() or None)

    def _changed(self) -> None:
        server = self.uses_server()
        self.fields.setEnabled(server)
        if self.tested is not None and self.tested != self.config():
            self.tested = None
            self.status.clear()
        self.test_button.setEnabled(server and self.config() is not None and self.op is None)
        self.completeChanged.emit()

    def test_connection(self) -> None:
        """Run the connection test on the background pool; the answer comes back here."""
        from app.core.server import check_connection
        from app.core.workspace import MODE_P4MI
        from app.ui.tasks import Op, TaskRunner

        cfg = self.config()
        if cfg is None or self.op is not None:
            return
        if self.runner is None:
            self.runner = TaskRunner(self)
        code = self.code
        self.tested = None
        self._set_status(self.tr("Connecting to {server}...").format(server=cfg.shown), "")

        def work(_progress, _cancel) -> str:  # noqa: ANN001
            return check_connection(cfg, mode=MODE_P4MI, office_code=code)

        self.op = Op(self.runner, work, parent=self).without_db() \
            .on_success(lambda found: self._tested(cfg, found)) \
            .on_failure(self._failed)
        self.test_button.setEnabled(False)
        self.op.start()

    def _tested(self, cfg: object, found: str) -> None:
        self.op = None
        if cfg != self.config():  # changed while the test ran: test again
            self._changed()
            return
        self.tested = cfg
        self.joins = bool(found)
        if found:
            text = self.tr("Connection works. This database already belongs to this office: "
                           "this computer joins it as another clerk's workstation.")
        else:
            text = self.tr("Connection works. The database is empty: it will be set up for "
                           "this office when you finish.")
        self._set_status(text, "color: #1b5e20")
        self._changed()

    def _failed(self, exc: BaseException) -> None:
        from app.ui.errors import error_text

        self.op = None
        self.tested = None
        self._set_status(error_text(exc), "color: #b00020")
        self._changed()

    def _set_status(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def isComplete(self) -> bool:  # noqa: N802
        if not self.uses_server():
            return True
        return self.tested is not None and self.tested == self.config()

    def validatePage(self) -> bool:  # noqa: N802 - Next, by key or by code, needs the test too
        return self.isComplete()


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
        self.role = QComboBox()
        self.role.setObjectName("operator_role")
        form.addRow(self.tr("Operator &name"), self.name)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("&PIN (optional)"), self.pin)
        form.addRow(self.tr("PIN &again"), self.pin2)
        form.addRow(self.problem)
        for edit in (self.name, self.pin, self.pin2):
            edit.textChanged.connect(self._check)
        self._check()

    def set_mode(self, mode: str) -> None:
        self.role.clear()
        from app.ui.permissions import role_label

        roles = ((Role.KEPALA_P4MI, Role.PETUGAS_P4MI) if mode == MODE_P4MI
                 else (Role.KEPALA_DESA, Role.OPERATOR_DESA))
        for role in roles:
            self.role.addItem(role_label(str(role)), str(role))  # the Operators list's names

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
        self.welcome_page = WelcomePage()
        self.village_page = VillagePage()
        self.operator_page = OperatorPage()
        self.server_page = ServerPage()
        self.addPage(self.welcome_page)
        self.addPage(self.village_page)
        self.addPage(self.operator_page)
        self.server_page_id = self.addPage(self.server_page)
        self.village_page.set_mode(MODE_VILLAGE)
        self.operator_page.set_mode(MODE_VILLAGE)
        self.welcome_page.village_mode.toggled.connect(self._mode_changed)
        self.provisioning = None
        self.welcome_page.provisioning_button.clicked.connect(self.choose_provisioning)
        self._load_provisioning_beside_program()
        for which, text in ((QWizard.WizardButton.BackButton, self.tr("< &Back")),
                            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
                            (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
                            (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.setButtonText(which, text)
        self.result_office: Office | None = None
        self.setup_op = None  # the server set-up running after Finish

    def nextId(self) -> int:  # noqa: N802
        """A P4MI chooses where its database lives after the regency (welcome, regency,
        database, operator); a village never sees that page."""
        current = self.currentId()
        p4mi = self.welcome_page.mode() == MODE_P4MI
        if current == 1:
            return self.server_page_id if p4mi else 2
        if current == self.server_page_id:
            return 2
        if current == 2:
            return -1
        return super().nextId()

    def initializePage(self, page_id: int) -> None:  # noqa: N802
        if page_id == self.server_page_id:
            self.server_page.code = self.village_page.village_code() or ""
        super().initializePage(page_id)

    def _load_provisioning_beside_program(self) -> None:
        from app.core.errors import AppError
        from sync.provisioning import find_provisioning_beside_program, read_provisioning

        path = find_provisioning_beside_program()
        if path is None:
            return
        try:
            self.use_provisioning(read_provisioning(path))
        except AppError as exc:
            from app.ui.errors import error_text

            self.welcome_page.provisioning_label.setText(error_text(exc))

    def choose_provisioning(self) -> None:
        from app.ui.dialogs.provisioning import open_provisioning_file

        prov = open_provisioning_file(self)
        if prov is not None:
            self.use_provisioning(prov)

    def use_provisioning(self, prov) -> None:  # noqa: ANN001 - sync.provisioning.Provisioning
        """Pre-fill from a training package: a village of its regency, its P4MI key."""
        from app.ui.dialogs.provisioning import describe_provisioning

        self.provisioning = prov
        self.welcome_page.village_mode.setChecked(True)
        self.welcome_page.p4mi_mode.setEnabled(False)
        self.welcome_page.provisioning_label.setText(
            self.tr("Training package loaded:") + "\n" + describe_provisioning(prov))
        self.village_page.restrict_to_regency(prov.regency_code)

    def _mode_changed(self) -> None:
        mode = self.welcome_page.mode()
        self.village_page.set_mode(mode)
        self.operator_page.set_mode(mode)

    def accept(self) -> None:
        from app.core.reference import region_name
        from app.core.services.operators import add_operator
        from app.core.workspace import initialise_office

        code = self.village_page.village_code()
        if not code:
            return
        mode = self.welcome_page.mode()
        operator = " ".join(self.operator_page.name.text().split())
        if mode == MODE_P4MI and self.server_page.uses_server():
            self._set_up_on_server(code, operator)
            return
        office = initialise_office(self.workspace, mode=mode, code=code,
                                   name=hub_office_name(code) if mode == MODE_P4MI else
                                   region_name(code) or code, operator=operator)
        with self.workspace.db.unit_of_work(operator) as s:
            add_operator(s, operator, self.operator_page.role.currentData(),
                         self.operator_page.pin.text())
        if self.provisioning is not None:
            from sync.provisioning import apply_provisioning

            apply_provisioning(self.workspace, self.provisioning, operator=operator)
        self.result_office = office
        super().accept()

    def _set_up_on_server(self, code: str, operator: str) -> None:
        """Finish for a hub on the server: the database is checked, set up (or joined) and the
        operator added in the background; the wizard closes when that is done."""
        from app.core.server import set_up_on_server
        from app.core.services.operators import add_operator
        from app.ui.tasks import Op, TaskRunner

        page = self.server_page
        cfg = page.config()
        if cfg is None or self.setup_op is not None:
            return
        role = self.operator_page.role.currentData()
        pin = self.operator_page.pin.text()
        data_dir = self.workspace.data_dir

        def add(ws) -> None:  # noqa: ANN001 - the workspace on the server
            with ws.db.unit_of_work(operator) as s:
                add_operator(s, operator, role, pin)

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            office, _joined = set_up_on_server(data_dir, cfg, code=code,
                                               name=hub_office_name(code),
                                               operator=operator, exclusive=False, then=add)
            return office

        if page.runner is None:
            page.runner = TaskRunner(page)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.setup_op = Op(page.runner, work, parent=self) \
            .with_progress(self.tr("Setting up the database on the server...")) \
            .not_cancellable().without_db().on_success(self._server_ready) \
            .on_failure(self._server_failed)
        self.setup_op.start()

    def _server_ready(self, office: Office) -> None:
        self.setup_op = None
        self.result_office = office
        super().accept()

    def _server_failed(self, exc: BaseException) -> None:
        from app.ui.errors import show_error

        self.setup_op = None
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_error(self, exc)

    def uses_server(self) -> bool:
        """True when the wizard set this folder up on a PostgreSQL server."""
        return (self.result_office is not None and self.welcome_page.mode() == MODE_P4MI
                and self.server_page.uses_server())

    @classmethod
    def run(cls, workspace: Workspace) -> tuple[Office, str] | None:
        wizard = cls(workspace)
        try:
            if wizard.exec() and wizard.result_office is not None:
                return wizard.result_office, wizard.result_office.operator
            return None
        finally:
            if wizard.server_page.runner is not None:  # a test still waiting is not waited for
                wizard.server_page.runner.shutdown(wait=False)
