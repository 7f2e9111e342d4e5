"""Refresh the engine's gettext catalogues from the texts the code registers.

Every engine text is registered once with ``softdiag.i18n.texts`` (message context = the
text id, msgid = the English template). This writes them into
``resources/locale/<lang>/LC_MESSAGES/softdiag.po`` with Babel: new texts arrive
untranslated, a text whose English changed keeps its old translation marked fuzzy (not used
until a translator checks it and removes the flag), texts that left the code leave the file.
Run by update_translations.sh; translate with any PO editor (Poedit, Lokalize) or by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from softdiag import i18n  # noqa: E402


def main() -> int:
    template = Catalog(project="softdiag", domain=i18n.DOMAIN, charset="utf-8")
    for text_id, english in i18n.catalogue().items():
        template.add(english, context=text_id)
    for lang in i18n.LANGUAGES:
        if lang == "en":
            continue
        path = ROOT / "resources" / "locale" / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        if path.is_file():
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang, domain=i18n.DOMAIN)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=i18n.DOMAIN, project="softdiag", charset="utf-8")
        created = catalog.creation_date
        catalog.update(template, update_header_comment=False)
        catalog.creation_date = created  # no churn: the file changes when a text does
        catalog.obsolete.clear()
        with path.open("wb") as f:
            write_po(f, catalog, width=100, sort_output=False, ignore_obsolete=True)
        todo = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        print(f"{path.relative_to(ROOT)}: {len(catalog)} texts, {todo} to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
