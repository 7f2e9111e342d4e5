#!/usr/bin/env bash
# Refresh the translations after changing user-visible text in ui/ or the findings
# catalogue: regenerate the finding literals, extract every string into the .ts files
# (new ones arrive as "unfinished"), then compile the .qm files the app loads.
# Translate with pyside6-linguist (or by editing the .ts), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
LANGUAGES=(zh_CN)

"$BIN/python" packaging/gen_finding_texts.py
"$BIN/ruff" format -q ui/texts/finding_catalog.py
"$BIN/python" packaging/gen_check_texts.py
"$BIN/ruff" format -q ui/texts/check_texts.py
for lang in "${LANGUAGES[@]}"; do
  ts="resources/translations/softdiag_${lang}.ts"
  # -no-obsolete: strings that left the code leave the file too.
  "$BIN/pyside6-lupdate" ui/*.py ui/*/*.py -no-obsolete -locations relative -ts "$ts"
  "$BIN/pyside6-lrelease" "$ts" -qm "resources/translations/softdiag_${lang}.qm"
done
