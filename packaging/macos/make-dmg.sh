#!/usr/bin/env bash
# Sign, package and notarise dist/softdiag.app as dist/softdiag-<version>-macos-arm64.dmg.
# macOS only (codesign, hdiutil, xcrun notarytool). Without SIGN_IDENTITY the .dmg is
# built unsigned (ad-hoc), for local testing: Gatekeeper will refuse it on other Macs.
#   SIGN_IDENTITY="Developer ID Application: Name (TEAMID)" NOTARY_PROFILE=softdiag \
#     bash packaging/macos/make-dmg.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
APP=dist/softdiag.app
DMG=dist/softdiag-$VERSION-macos-arm64.dmg
[ -d "$APP" ] || { echo "make-dmg: build $APP first (pyinstaller packaging/macos/softdiag.spec)" >&2; exit 2; }

IDENTITY=${SIGN_IDENTITY:--}
# Inside out: every Mach-O, then the bundle, with the hardened runtime and a timestamp.
find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 |
  xargs -0 codesign --force --options runtime --timestamp --sign "$IDENTITY"
codesign --force --options runtime --timestamp --sign "$IDENTITY" \
  --entitlements packaging/macos/entitlements.plist "$APP"
codesign --verify --deep --strict "$APP"

STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "softdiag $VERSION" -srcfolder "$STAGE" -fs APFS -format ULMO "$DMG"
rm -rf "$STAGE"

if [ "$IDENTITY" != "-" ]; then
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
  fi
fi
echo "make-dmg: $DMG"
