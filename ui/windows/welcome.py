"""The first start: what softdiag does in three lines, and where to go from here.

Shown over the main window while no account is set up. "Enter my account" leads to the
account form; "Open a check profile" waits for check profiles (disabled, with a tooltip
saying so); "Try the demo lab" appears only where the lab's Debian packages are installed.
Below the choices, what this machine lacks (no network, no sound server, no keychain), so
the user learns it now rather than from a silent call later.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softdiag.environment import Missing

__all__ = ["WelcomeDialog", "lab_installed"]


def lab_installed() -> bool:
    """The demo lab's programs are on PATH (kamailio, dnsmasq, sipp: softdiag.lab)."""
    from softdiag.lab.lab import REQUIRED_PROGRAMS

    return all(shutil.which(program) for program in REQUIRED_PROGRAMS)


class WelcomeDialog(QDialog):
    account_chosen = Signal()
    demo_chosen = Signal()
    profile_chosen = Signal()

    def __init__(
        self,
        missing: Sequence[Missing] = (),
        *,
        demo_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to softdiag"))
        header = QHBoxLayout()
        icon = QApplication.windowIcon()  # the app's own icon (ui.app sets it at start)
        if not icon.isNull():
            picture = QLabel()
            picture.setPixmap(icon.pixmap(56, 56))
            header.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel("<h2>" + self.tr("Welcome to softdiag") + "</h2>")
        header.addWidget(title, 1)

        self.lines = [
            QLabel(
                self.tr(
                    "softdiag signs in to your SIP provider and shows every step: how the "
                    "domain resolves, how each server answers, where you are registered."
                )
            ),
            QLabel(
                self.tr(
                    "It shows what the servers see of your network (NAT) and places test "
                    "calls with level meters, and it checks your headset or handset."
                )
            ),
            QLabel(
                self.tr(
                    "When something is wrong it names the likely cause in plain words, and "
                    "keeps everything it saw for support."
                )
            ),
        ]
        for line in self.lines:
            line.setWordWrap(True)

        self.account_button = QPushButton(self.tr("Enter my account"))
        self.account_button.setDefault(True)
        self.account_button.clicked.connect(self._account)
        self.profile_button = QPushButton(self.tr("Open a check profile"))
        self.profile_button.setToolTip(
            self.tr("Run the guided check a support engineer sent you as a profile file")
        )
        self.profile_button.clicked.connect(self._profile)
        self.demo_button = QPushButton(self.tr("Try the demo lab"))
        self.demo_button.setToolTip(
            self.tr(
                "Start test servers on this computer (loopback only) and register a demo "
                "account against them"
            )
        )
        self.demo_button.setVisible(demo_available)
        self.demo_button.clicked.connect(self._demo)
        buttons = QVBoxLayout()
        for button in (self.account_button, self.profile_button, self.demo_button):
            button.setMinimumHeight(32)
            buttons.addWidget(button)

        self.missing_label = QLabel(self._missing_text(missing))
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.setVisible(bool(missing))

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        for line in self.lines:
            layout.addWidget(line)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(4)
        layout.addWidget(self.missing_label)
        # Wrapped labels ask for height by width: give the dialog a width, then the height
        # it needs (no gaps between the lines).
        self.setFixedWidth(540)
        self.setFixedHeight(layout.totalHeightForWidth(540))

    def missing_texts(self, missing: Sequence[Missing]) -> list[str]:
        texts = {
            "network": self.tr("No network connection: only the demo lab can be reached."),
            "sound_server": self.tr(
                "No sound server (PulseAudio or PipeWire): test calls and the device check "
                "will hear nothing."
            ),
            "keychain": self.tr(
                "No keychain: your password is kept for this session only, never written to disk."
            ),
        }
        return [texts[m.id] for m in missing]

    def _missing_text(self, missing: Sequence[Missing]) -> str:
        if not missing:
            return ""
        items = "".join(f"<li>{text}</li>" for text in self.missing_texts(missing))
        return "<b>" + self.tr("Missing on this computer:") + "</b><ul>" + items + "</ul>"

    def _account(self) -> None:
        self.account_chosen.emit()
        self.accept()

    def _profile(self) -> None:
        self.profile_chosen.emit()
        self.accept()

    def _demo(self) -> None:
        self.demo_chosen.emit()
        self.accept()
