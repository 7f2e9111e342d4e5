"""Small drawing helpers shared by the panels: state colours, dots, severity icons.

Icons are painted rather than loaded so they stay crisp at any scale, need no image plugin
and look the same on every platform and theme.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QLabel

__all__ = [
    "ERROR_COLOR",
    "OK_COLOR",
    "STATE_COLORS",
    "dot_pixmap",
    "monospace_font",
    "mute",
    "set_text_color",
    "severity_icon",
]

# Registration state → dot colour: grey idle, amber in progress, green good, red bad.
STATE_COLORS: dict[str, str] = {
    "unregistered": "#9aa0a6",
    "unregistering": "#e8a317",
    "registering": "#e8a317",
    "registered": "#2e9d4f",
    "failed": "#d93025",
}
ERROR_COLOR = "#c5221f"
OK_COLOR = "#1e7e34"
SEVERITY_COLORS: dict[str, str] = {"info": "#1a73e8", "warning": "#e8a317", "error": "#d93025"}


def dot_pixmap(color: str, diameter: int, ratio: float = 1.0) -> QPixmap:
    size = round(diameter * ratio)
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color).darker(115), 1))
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(0.5, 0.5, diameter - 1.0, diameter - 1.0))
    painter.end()
    return pixmap


def severity_icon(severity: str) -> QIcon:
    """A round badge: "i" for info, "!" for warning and error (error is red)."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(SEVERITY_COLORS.get(severity, SEVERITY_COLORS["info"]))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        if severity == "warning":
            path = QPainterPath()
            path.moveTo(QPointF(size / 2, 0.5))
            path.lineTo(QPointF(size - 0.5, size - 1.0))
            path.lineTo(QPointF(0.5, size - 1.0))
            path.closeSubpath()
            painter.drawPath(path)
            text_rect = QRectF(0, size * 0.22, size, size * 0.75)
        else:
            painter.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0))
            text_rect = QRectF(0, 0, size, size)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, round(size * 0.62)))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignCenter, "i" if severity == "info" else "!"
        )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def mute(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, so it follows light/dark themes."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def set_text_color(label: QLabel, color: str | None) -> None:
    """Colour a label's text, or give it back the theme's colour with ``None``."""
    label.setStyleSheet(f"color: {color};" if color else "")


def monospace_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font
