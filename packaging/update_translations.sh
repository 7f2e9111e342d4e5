#!/usr/bin/env bash
# Refresh the translations after changing user-visible text. Two catalogues, one run:
#   1. the engine's texts (softdiag.i18n: findings, failover reasons, NAT causes, check and
#      report words, event summaries) -> resources/locale/<lang>/LC_MESSAGES/softdiag.po
#      (gettext, written with Babel; the app compiles it in memory when it starts);
#   2. the GUI's chrome (self.tr in ui/) -> resources/translations/softdiag_<lang>.ts, compiled
#      to the .qm Qt loads.
# New texts arrive untranslated ("unfinished" in the .ts, an empty msgstr in the .po).
# Translate with pyside6-linguist and any PO editor (or by hand), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
LANGUAGES=(zh_CN)

"$BIN/python" packaging/update_catalogue.py
for lang in "${LANGUAGES[@]}"; do
  ts="resources/translations/softdiag_${lang}.ts"
  # -no-obsolete: strings that left the code leave the file too.
  "$BIN/pyside6-lupdate" ui/*.py ui/*/*.py -no-obsolete -locations relative -ts "$ts"
  "$BIN/pyside6-lrelease" "$ts" -qm "resources/translations/softdiag_${lang}.qm"
done
