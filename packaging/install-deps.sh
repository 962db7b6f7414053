#!/usr/bin/env bash
# Installs what SockScope needs to build, test and run on Debian 12 (bookworm).
# Idempotent: packages already present are skipped, so it is cheap to call
# before every build. Works as root; otherwise uses sudo when it exists.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ clang-format
    # fuzzing and sanitizers (CI): clang with its libFuzzer runtime
    clang libclang-rt-14-dev
    qt6-base-dev qt6-base-dev-tools libgl-dev qt6-tools-dev qt6-l10n-tools
    # TLS: OpenSSL 3 (the key log and every handshake field need it directly)
    libssl-dev
    # run: SVG icons and the xcb platform plugin
    qt6-image-formats-plugins libqt6svg6 qt6-qpa-plugins
    # tests: real peers and a real X server for the smoke test
    python3 netcat-openbsd socat curl xvfb xauth x11-utils imagemagick openssl
    # packaging checks; cpack's DEB generator calls dpkg-shlibdeps (dpkg-dev)
    # and file, and the man page check uses man-db
    desktop-file-utils appstream lintian dpkg-dev file man-db
)
if [[ "${SOCKSCOPE_WITH_TSHARK:-1}" == 1 ]]; then
    packages+=(tshark)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "install-deps: missing packages (${missing[*]}) and not root, no sudo" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
