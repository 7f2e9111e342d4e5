"""The "Account" group: what the user types, and the one Register/Unregister button.

The form only presents and collects; the window decides what a click means and tells the
form which mode the button is in (:meth:`AccountForm.set_mode`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .widgets import ERROR_COLOR, mute, set_text_color

__all__ = ["AccountForm", "ButtonMode", "FormValues"]

ButtonMode = Literal["disabled", "register", "registering", "unregister", "unregistering"]
TRANSPORTS = (("UDP", "udp"), ("TCP", "tcp"), ("TLS", "tls"))
POLICIES = ("sticky", "priority", "first-ip")  # softdiag.failover.policy.POLICIES
PROBE_PROFILES = ("default", "fast")  # softdiag.failover.budget.PROFILES


@dataclass(frozen=True, slots=True)
class FormValues:
    domain: str
    user: str
    password: str
    dns: str
    transport: str
    policy: str
    ca_file: str = ""  # TLS: also trust this PEM file (the system store always)
    probe_profile: str = "default"  # health probes: quiet while healthy, or fast
    probe_interval: int = 30  # seconds between quiet probes of the current server


class AccountForm(QGroupBox):
    register_requested = Signal()
    unregister_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Account"), parent)
        self._mode: ButtonMode = "disabled"

        self.domain_edit = QLineEdit()
        self.domain_edit.setPlaceholderText(self.tr("voip.example.com"))
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("user name, without @domain"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = mute(QLabel())
        self.password_note.setWordWrap(True)
        small = self.password_note.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.password_note.setFont(small)
        self.dns_edit = QLineEdit()
        self.dns_edit.setPlaceholderText(self.tr("system resolver, or host[:port]"))
        self.transport_combo = QComboBox()
        for label, value in TRANSPORTS:
            self.transport_combo.addItem(label, value)
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("system store; or your provider's CA (PEM file)"))
        self.ca_edit.setToolTip(
            self.tr(
                "TLS: the server's certificate is always verified, against the system's "
                "authorities and this file"
            )
        )
        self.policy_combo = QComboBox()
        policy_texts = {
            "sticky": (
                self.tr("Sticky"),
                self.tr("Stay on the server that answers, whatever order DNS returns next"),
            ),
            "priority": (
                self.tr("Priority"),
                self.tr("Like sticky, but return to the preferred server once it is healthy"),
            ),
            "first-ip": (
                self.tr("First IP (MicroSIP)"),
                self.tr("Always the first address DNS returns, no failover: the baseline"),
            ),
        }
        for value in POLICIES:
            label, tip = policy_texts[value]
            self.policy_combo.addItem(label, value)
            self.policy_combo.setItemData(
                self.policy_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )

        self.probe_combo = QComboBox()
        probe_texts = {
            "default": (
                self.tr("Quiet"),
                self.tr("The current server at the interval, the others four times less "
                        "often; every second when something looks wrong"),
            ),
            "fast": (
                self.tr("Fast"),
                self.tr("Four times a second: the quickest failover, at a load providers "
                        "may rate-limit"),
            ),
        }  # fmt: skip
        for value in PROBE_PROFILES:
            label, tip = probe_texts[value]
            self.probe_combo.addItem(label, value)
            self.probe_combo.setItemData(
                self.probe_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.probe_spin = QSpinBox()
        self.probe_spin.setRange(5, 3600)
        self.probe_spin.setValue(30)
        self.probe_spin.setSuffix(self.tr(" s"))
        self.probe_spin.setToolTip(
            self.tr("How often the current server is probed while all is well")
        )
        probes = QHBoxLayout()
        probes.addWidget(self.probe_combo, 1)
        probes.addWidget(self.probe_spin)

        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setMinimumWidth(140)
        self.register_button.clicked.connect(self._clicked)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_color(self.error_label, ERROR_COLOR)
        self.error_label.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Domain:"), self.domain_edit)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.password_note)
        form.addRow(self.tr("DNS server:"), self.dns_edit)
        form.addRow(self.tr("Transport:"), self.transport_combo)
        form.addRow(self.tr("TLS CA file:"), self.ca_edit)
        form.addRow(self.tr("Failover:"), self.policy_combo)
        form.addRow(self.tr("Health probes:"), probes)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

        for edit in (self.domain_edit, self.user_edit, self.password_edit, self.dns_edit):
            edit.returnPressed.connect(self._return_pressed)
            edit.textEdited.connect(self.clear_error)
        self.transport_combo.currentIndexChanged.connect(self.clear_error)
        self.transport_combo.currentIndexChanged.connect(self._transport_changed)
        self.ca_edit.textEdited.connect(self.clear_error)
        self._transport_changed()
        self.probe_combo.currentIndexChanged.connect(self._probes_changed)
        self._probes_changed()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_mode("disabled")

    # -- values ----------------------------------------------------------------------

    def values(self) -> FormValues:
        return FormValues(
            domain=self.domain_edit.text().strip(),
            user=self.user_edit.text().strip(),
            password=self.password_edit.text(),  # spaces may be part of a password
            dns=self.dns_edit.text().strip(),
            transport=str(self.transport_combo.currentData()),
            policy=str(self.policy_combo.currentData()),
            ca_file=self.ca_edit.text().strip(),
            probe_profile=str(self.probe_combo.currentData()),
            probe_interval=self.probe_spin.value(),
        )

    def _probes_changed(self) -> None:
        self.probe_spin.setEnabled(self.probe_combo.currentData() == "default")

    def _transport_changed(self) -> None:
        self.ca_edit.setEnabled(self.transport_combo.currentData() == "tls")

    def set_values(
        self, *, domain: str, user: str, dns: str, transport: str, policy: str = "sticky",
        probe_profile: str = "default", probe_interval: int = 30,
    ) -> None:  # fmt: skip
        self.domain_edit.setText(domain)
        self.user_edit.setText(user)
        self.dns_edit.setText(dns)
        for combo, value in ((self.transport_combo, transport), (self.policy_combo, policy),
                             (self.probe_combo, probe_profile)):  # fmt: skip
            combo.setCurrentIndex(max(combo.findData(value.lower()), 0))
        self.probe_spin.setValue(probe_interval)  # clamped to the spin box's range

    def set_keychain_note(self, *, persistent: bool) -> None:
        self.password_note.setText(
            self.tr("Saved in the system keychain")
            if persistent
            else self.tr("No system keychain: the password is kept for this run only")
        )

    # -- errors ----------------------------------------------------------------------

    def show_error(self, message: str, field: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if field is not None:
            field.setFocus()

    def clear_error(self) -> None:
        if self.error_label.isVisible():
            self.error_label.clear()
            self.error_label.hide()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    # -- the button ------------------------------------------------------------------

    @property
    def mode(self) -> ButtonMode:
        return self._mode

    def set_mode(self, mode: ButtonMode) -> None:
        self._mode = mode
        texts = {
            "disabled": self.tr("Register"),
            "register": self.tr("Register"),
            "registering": self.tr("Registering…"),
            "unregister": self.tr("Unregister"),
            "unregistering": self.tr("Unregistering…"),
        }
        tips = {
            "disabled": self.tr("Waiting for the SIP engine"),
            "register": self.tr("Resolve the domain and register this account"),
            "registering": self.tr("Registration in progress; click to cancel it"),
            "unregister": self.tr("Remove the registration from the server"),
            "unregistering": self.tr("Removing the registration"),
        }
        self.register_button.setText(texts[mode])
        self.register_button.setToolTip(tips[mode])
        self.register_button.setEnabled(mode not in ("disabled", "unregistering"))

    def _clicked(self) -> None:
        if self._mode == "register":
            self.register_requested.emit()
        elif self._mode in ("registering", "unregister"):
            self.unregister_requested.emit()

    def _return_pressed(self) -> None:
        if self._mode == "register":
            self.register_requested.emit()
