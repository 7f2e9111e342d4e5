"""The language the GUI renders engine texts in: the one the app's translators were
installed for (``QLocale.setDefault`` in ``ui.app.install_translators``)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from softdiag import i18n

__all__ = ["ui_language"]


def ui_language() -> str:
    """A language of the engine's catalogue (``softdiag.i18n``); ``en`` when it has none."""
    return i18n.resolve_language(QLocale().name())
