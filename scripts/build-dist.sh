#!/usr/bin/env bash
# Build the Linux desktop packages into dist/ from this checkout:
#   dist/softdiag_<version>_amd64.deb               the app under /usr/lib/softdiag
#   dist/softdiag-<version>-linux-x86_64.tar.gz     the same frozen app, portable
# A PyInstaller one-folder build (packaging/linux/softdiag.spec, whose shared parts come from
# packaging/freeze/common.py, as the Windows and macOS specs' do), then dpkg-deb.
# Needs .venv (scripts/setup.sh installs the `dist` extra) and dpkg-dev for dpkg-shlibdeps.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${VENV_BIN:-.venv/bin}/python
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
APP_ID=io.github.softdiag.softdiag
WORK=build/dist
OUT=${DIST_DIR:-dist}
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT"

echo "build-dist: freezing softdiag $VERSION"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$WORK/frozen" --workpath "$WORK/pyinstaller" packaging/linux/softdiag.spec
FROZEN=$WORK/frozen/softdiag
"$FROZEN/softdiag" --version | grep -q "^softdiag $VERSION " \
  || { echo "build-dist: the frozen app does not report version $VERSION" >&2; exit 1; }

# -- the .deb ------------------------------------------------------------------------------
PKG=$WORK/deb/softdiag_${VERSION}_amd64
DOC=$PKG/usr/share/doc/softdiag
mkdir -p "$PKG/usr/lib" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" \
  "$PKG/usr/share/man/man1" "$DOC" "$PKG/DEBIAN"
cp -a "$FROZEN" "$PKG/usr/lib/softdiag"
install -m 0755 packaging/linux/softdiag.sh "$PKG/usr/bin/softdiag"
install -m 0644 packaging/softdiag.desktop "$PKG/usr/share/applications/softdiag.desktop"
sed "s/@VERSION@/$VERSION/" packaging/linux/softdiag.metainfo.xml.in \
  > "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
"$PY" packaging/linux/render_icons.py "$PKG/usr/share/icons/hicolor"
gzip -9n -c packaging/linux/softdiag.1 > "$PKG/usr/share/man/man1/softdiag.1.gz"
sed "s/@VERSION@/$VERSION/" packaging/linux/changelog | gzip -9n > "$DOC/changelog.gz"
"$PY" packaging/linux/make_copyright.py "$DOC/copyright"
install -D -m 0644 packaging/linux/lintian-overrides "$PKG/usr/share/lintian/overrides/softdiag"
# Debian wants files 0644 and directories 0755 (PyInstaller keeps the wheels' modes).
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG/usr/lib/softdiag" -type f -name '*.so*' -exec chmod 0644 {} +
chmod 0755 "$PKG/usr/lib/softdiag/softdiag"

# Depends: what the frozen ELF files need from the system, computed by dpkg-shlibdeps
# (bundled libraries are found in the bundle and need nothing), plus what is loaded at run
# time without an ELF reference: PortAudio (ctypes), the xcb platform's libraries, fonts.
SHLIB=$WORK/shlibdeps
mkdir -p "$SHLIB/debian"
printf 'Source: softdiag\n\nPackage: softdiag\nArchitecture: amd64\n' > "$SHLIB/debian/control"
mapfile -t ELVES < <(find "$ROOT/$PKG/usr/lib/softdiag" -type f \( -name '*.so*' -o -name softdiag \) \
  -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
LIBDIRS=()
while IFS= read -r d; do LIBDIRS+=("-l$d"); done < <(printf '%s\n' "${ELVES[@]}" | xargs -n1 dirname | sort -u)
# A library that no installed package provides fails the build with its name (setup.sh
# installs what the bundled Qt plugins link against, Wayland's client libraries included).
SHLIBS_DEPENDS=$(cd "$SHLIB" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
  "${LIBDIRS[@]}" -e"${ELVES[@]}" 2>"$ROOT/$WORK/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') \
  || { echo "build-dist: dpkg-shlibdeps failed:" >&2
       grep -o 'cannot find library [^ ]*' "$ROOT/$WORK/shlibdeps.log" | sort -u >&2 \
         || tail -3 "$ROOT/$WORK/shlibdeps.log" >&2
       exit 1; }
[ -n "$SHLIBS_DEPENDS" ] || { echo "build-dist: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
RUNTIME_DEPENDS=(libportaudio2 libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxkbcommon-x11-0 fontconfig
  "fonts-dejavu-core | fonts-freefont-ttf")
DEPENDS=$SHLIBS_DEPENDS
for dep in "${RUNTIME_DEPENDS[@]}"; do  # only those dpkg-shlibdeps did not already name
  grep -qE "(^|, )${dep%% *}( |,|$)" <<<"$DEPENDS" || DEPENDS="$DEPENDS, $dep"
done
INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" \
  -e "s/@DEPENDS@/$DEPENDS/" packaging/linux/control.in > "$PKG/DEBIAN/control"
DEB=$OUT/softdiag_${VERSION}_amd64.deb
# xz at level 1: 69 MB instead of 61 MB at the default level, for a quarter of the CPU time.
dpkg-deb --root-owner-group -Zxz -z1 --build "$PKG" "$DEB" >/dev/null

# -- the portable archive --------------------------------------------------------------------
PORT=$WORK/portable/softdiag-$VERSION
mkdir -p "$PORT"
cp -a "$FROZEN/." "$PORT/"
install -m 0644 packaging/softdiag.desktop resources/icons/softdiag.svg "$PORT/"
install -m 0644 "$DOC/copyright" "$PORT/COPYRIGHT"
install -m 0644 packaging/linux/README-portable.txt "$PORT/README.txt"
TGZ=$OUT/softdiag-$VERSION-linux-x86_64.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$WORK/portable" -czf "$TGZ" "softdiag-$VERSION"

echo "build-dist: $(du -h "$DEB" | cut -f1) $DEB"
echo "build-dist: $(du -h "$TGZ" | cut -f1) $TGZ"
