#!/usr/bin/env bash
# Render a bundle's report.html to a PNG with headless Chromium, to look at it as a reader
# would (Debian: apt-get install chromium). Usage: scripts/render_report.sh BUNDLE.zip OUT.png [HEIGHT]
set -euo pipefail
bundle=${1:?usage: render_report.sh BUNDLE.zip OUT.png [HEIGHT]}
out=${2:?usage: render_report.sh BUNDLE.zip OUT.png [HEIGHT]}
height=${3:-2400}
browser=$(command -v chromium || command -v chromium-browser || command -v chromium-headless-shell || true)
if [ -z "$browser" ]; then
  echo "render_report: no chromium found (apt-get install chromium)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q -o "$bundle" report.html -d "$work"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1000,"$height" --screenshot="$(realpath -m "$out")" "file://$work/report.html" 2>/dev/null
echo "$out"
