"""*Help → About*: the one version, what runs underneath, every licence, and where the
diagnostic bundle comes from.

The list comes from :mod:`softdiag.about` (the same table the Debian ``copyright`` file is
checked against); only Qt's run-time version is added here, because the engine never
imports Qt.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softdiag.about import component_versions, pjsip_version, softdiag_version

__all__ = ["AboutDialog"]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icon = QApplication.windowIcon()  # the app's own icon (ui.app sets it at start)
        self.setWindowTitle(self.tr("About softdiag"))

        header = QHBoxLayout()
        if not icon.isNull():
            picture = QLabel()
            picture.setPixmap(icon.pixmap(64, 64))
            header.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(f"<h2>softdiag {softdiag_version()}</h2>")
        summary = QLabel(
            self.tr(
                "A softphone that explains itself: SIP registration, DNS failover, NAT "
                "mapping and audio checks, shown live and in plain words."
            )
        )
        summary.setWordWrap(True)
        self.versions_label = QLabel(
            self.tr("pjsip {pjsip} · Qt {qt} · Python {python}").format(
                pjsip=pjsip_version(), qt=qVersion(), python=_python_version()
            )
        )
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(summary)
        text.addWidget(self.versions_label)
        header.addLayout(text, 1)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        rows = component_versions()
        self.table.setRowCount(len(rows))
        for row, (component, version) in enumerate(rows):
            for column, value in enumerate((component.name, version, component.license)):
                item = QTableWidgetItem(value)
                tip = component.note or component.url
                if tip:
                    item.setToolTip(tip)
                self.table.setItem(row, column, item)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        licence = QLabel(
            self.tr(
                "softdiag is free software under the GNU GPL, version 2 or later. It comes "
                "with no warranty. pjsip is GPL-2.0-or-later; Qt and PySide6 are used under "
                "the LGPL v3. The full licence texts are installed with the app."
            )
        )
        licence.setWordWrap(True)
        self.bundle_label = QLabel(
            self.tr(
                "For support, export a diagnostic bundle: <code>softdiag bundle export</code> "
                "writes what softdiag saw (events, SIP messages, settings, logs) into one "
                "file, without passwords."
            )
        )
        self.bundle_label.setWordWrap(True)
        self.bundle_label.setTextFormat(Qt.TextFormat.RichText)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(licence)
        layout.addWidget(self.bundle_label)
        layout.addWidget(buttons)
        self.resize(620, 500)


def _python_version() -> str:
    import platform

    return platform.python_version()
