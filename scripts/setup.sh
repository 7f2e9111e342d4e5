#!/usr/bin/env bash
# Set up softdiag on a fresh Debian/Ubuntu machine: system packages (the lab's real servers,
# audio, Qt's X11 libraries) and a virtual environment in .venv with the app and its tools.
# Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  kamailio kamailio-extra-modules kamailio-tls-modules dnsmasq-base sip-tester coturn
  rtpengine-daemon
  pulseaudio pulseaudio-utils libportaudio2 libasound2-plugins tshark nftables conntrack iproute2
  libwayland-client0 libwayland-cursor0 libwayland-egl1
  xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-shape0 libxkbcommon-x11-0 libegl1 libgl1 libdbus-1-3 libfontconfig1
  fonts-noto-cjk
  sngrep lintian appstream desktop-file-utils dpkg-dev
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  # tshark asks whether non-root users may capture: answer it, don't prompt.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[gui,dev,dist]"
echo "setup: ready (.venv/bin/softdiag)"
