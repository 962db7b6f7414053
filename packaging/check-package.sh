#!/usr/bin/env bash
# Builds the Debian package from a configured build directory, validates it
# the way a distribution would, installs it and runs the installed binary.
#
#   bash packaging/check-package.sh BUILD_DIR
#
# Needs root (or sudo) for the install step, and the tools from
# packaging/install-deps.sh. Exits non-zero, with a message, on any failure.
# The package is purged again at the end unless SOCKSCOPE_KEEP_INSTALLED=1.
#
# Lintian: errors fail the check, and so do its hardening tags and
# binary-has-unneeded-section (infos, so --display-info shows them); other
# warnings and infos are printed. The build directory must be configured with
# -DSOCKSCOPE_DEB_BUILDFLAGS=ON (dpkg-buildflags' hardening, as a Debian
# package is built), and the install strips .comment as dh_strip does. With
# that, lintian 2.116 (Debian 12) reports no errors, warnings or infos.
set -euo pipefail

fail() {
    echo "check-package: FAILED: $*" >&2
    exit 1
}
step() { echo "== check-package: $*"; }

[[ $# -eq 1 ]] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
[[ -f "$1/CMakeCache.txt" ]] || fail "'$1' is not a configured CMake build directory"
build_dir=$(cd "$1" && pwd)
grep -q '^SOCKSCOPE_DEB_BUILDFLAGS:BOOL=ON$' "$build_dir/CMakeCache.txt" ||
    fail "'$1' is not configured with -DSOCKSCOPE_DEB_BUILDFLAGS=ON: the package would lack Debian's hardening flags"

for tool in cmake cpack dpkg-deb dpkg-shlibdeps file readelf desktop-file-validate appstreamcli \
            lintian man python3 xvfb-run; do
    command -v "$tool" >/dev/null ||
        fail "'$tool' is missing: run bash packaging/install-deps.sh"
done

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || fail "installing the package needs root or sudo"
    as_root=(sudo)
fi

work=$(mktemp -d)
installed=0
cleanup() {
    if [[ $installed == 1 && "${SOCKSCOPE_KEEP_INSTALLED:-0}" != 1 ]]; then
        "${as_root[@]}" dpkg --purge sockscope >/dev/null || echo "check-package: could not purge sockscope" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- build the package -------------------------------------------------------
step "building the package in $build_dir"
# cpack installs what is already built and builds nothing, so bring the build
# up to date first (a no-op after CI's build); this also makes the gzip'd man
# page and changelog.
cmake --build "$build_dir" >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "build"; }
rm -f "$build_dir"/sockscope_*.deb
(cd "$build_dir" && cpack -G DEB) >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
debs=("$build_dir"/sockscope_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "cpack made no single sockscope_*.deb"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
echo "$deb (version $version)"
dpkg-deb -I "$deb" | sed -n '/Depends:/p'

# Validate the files as shipped, not as they are in the source tree.
root="$work/root"
dpkg-deb -x "$deb" "$root"
app_id=io.github.sockscope.SockScope
for f in usr/bin/sockscope \
         usr/share/applications/$app_id.desktop \
         usr/share/metainfo/$app_id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$app_id.svg \
         usr/share/man/man1/sockscope.1.gz \
         usr/share/doc/sockscope/copyright \
         usr/share/doc/sockscope/changelog.gz; do
    [[ -f "$root/$f" ]] || fail "the package lacks /$f"
done

# Lintian checks these too, but only warns about some of them.
readelf -d "$root/usr/bin/sockscope" | grep -qE '\((RPATH|RUNPATH)\)' &&
    fail "/usr/bin/sockscope has an RPATH/RUNPATH: $(readelf -d "$root/usr/bin/sockscope" | grep -E 'R(UN)?PATH')"
file "$root/usr/bin/sockscope" | grep -q ', stripped' || fail "/usr/bin/sockscope is not stripped"

# --- desktop entry and AppStream -----------------------------------------------
step "desktop-file-validate"
# It exits 0 on hints; any output at all is worth fixing, so it fails too.
if ! out=$(desktop-file-validate "$root/usr/share/applications/$app_id.desktop" 2>&1) ||
    [[ -n "$out" ]]; then
    echo "$out" >&2
    fail "desktop-file-validate"
fi
echo "ok"

step "appstreamcli validate --no-net"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "appstreamcli validate"
# The tree check also matches the metainfo with the desktop file and icon.
appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree"

# --- man page --------------------------------------------------------------------
step "man page"
# The same check lintian runs (groff-message): no troff warnings.
man_err=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
          man --warnings -E UTF-8 -l "$root/usr/share/man/man1/sockscope.1.gz" 2>&1 >/dev/null) || true
[[ -z "$man_err" ]] || { echo "$man_err" >&2; fail "troff warnings in sockscope.1"; }
# Every long option the program knows must be documented.
man_src=$(zcat "$root/usr/share/man/man1/sockscope.1.gz")
missing=()
while read -r option; do
    grep -qF -- "${option//-/\\-}" <<<"$man_src" || missing+=("$option")
done < <(QT_QPA_PLATFORM=offscreen "$build_dir/app/sockscope" --help |
         grep -oE '^ +(-[a-zA-Z?], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+')
[[ ${#missing[@]} -eq 0 ]] || fail "packaging/sockscope.1 does not document: ${missing[*]}"
echo "ok: every option in --help is documented"

# --- versions agree ----------------------------------------------------------------
step "versions"
program_version=$(QT_QPA_PLATFORM=offscreen "$build_dir/app/sockscope" --version)
changelog_version=$(zcat "$root/usr/share/doc/sockscope/changelog.gz" | sed -n '1s/^sockscope (\([^)]*\)).*/\1/p')
[[ "$program_version" == "sockscope $version" ]] ||
    fail "sockscope --version says '$program_version', the package is $version"
[[ "$changelog_version" == "$version" ]] ||
    fail "packaging/changelog's last entry is $changelog_version, the package is $version"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release> for $version"
grep -q "^\.TH SOCKSCOPE 1 .*\"SockScope $version\"" <<<"$man_src" ||
    fail "the man page's .TH line does not name SockScope $version"
echo "ok: $version everywhere"

# --- lintian ----------------------------------------------------------------------
step "lintian"
# As root, lintian adds a "not recommended" line on stderr; that line is noise.
lintian --fail-on error --display-info "$deb" 2> >(grep -v 'root privileges' >&2) | tee "$work/lintian.log" ||
    fail "lintian reported errors (see above)"
if grep -E ' (hardening-[a-z-]+|binary-has-unneeded-section) ' "$work/lintian.log"; then
    fail "lintian: the binary is not built or stripped as a Debian package is (see above)"
fi
echo "ok: no lintian errors, no hardening tags"

# --- install and run -------------------------------------------------------------
step "installing $deb"
export DEBIAN_FRONTEND=noninteractive
# apt-get resolves the dependencies; --reinstall replaces a package of the
# same version left by an earlier run.
"${as_root[@]}" apt-get install -y -qq --reinstall --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install"; }
installed=1
[[ $(dpkg-query -W -f='${Version}' sockscope) == "$version" ]] || fail "dpkg does not list sockscope $version"

step "/usr/bin/sockscope --version"
got=$(/usr/bin/sockscope --version) || fail "/usr/bin/sockscope --version exited $?"
echo "$got"
[[ "$got" == "sockscope $version" ]] || fail "expected 'sockscope $version'"

step "headless echo smoke test"
# No display at all: headless must not need one.
out="$work/headless.out"
env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/sockscope --headless --listen 127.0.0.1:0 \
    --respond echo --duration 5 >"$out" 2>"$work/headless.err" &
pid=$!
port=
for _ in $(seq 50); do
    port=$(sed -n 's/^listening 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$out")
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[[ -n "$port" ]] || { cat "$out" "$work/headless.err" >&2; kill "$pid" 2>/dev/null; fail "no 'listening 127.0.0.1:PORT' line"; }
echo "listening on port $port"
# Send, half-close, read the echo to EOF; print our ephemeral port so the
# accept line can be checked against it.
client_port=$(python3 - "$port" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
message = b"hello sockscope\n"
s.sendall(message)
s.shutdown(socket.SHUT_WR)
echoed = b""
while chunk := s.recv(4096):
    echoed += chunk
if echoed != message:
    sys.exit(f"echo mismatch: sent {message!r}, got {echoed!r}")
print(s.getsockname()[1])
EOF
) || { kill "$pid" 2>/dev/null; fail "echo through the installed sockscope"; }
echo "echo ok from client port $client_port"
status=0
wait "$pid" || status=$?
cat "$out"
[[ $status -eq 0 ]] || { cat "$work/headless.err" >&2; fail "sockscope exited $status, expected 0"; }
grep -qE "^accept .*peer=127\.0\.0\.1:$client_port( |$)" "$out" ||
    fail "no accept line with the client's ephemeral port $client_port"
grep -qE '^data .*dir=in .*size=16 ' "$out" || fail "no data line for the 16 bytes received"

step "window start under Xvfb"
# Proves the xcb platform plugin and the SVG icon engine come with the
# dependencies: the window must still be up after 3 seconds.
status=0
HOME="$work" XDG_CONFIG_HOME="$work/config" timeout 3 xvfb-run -a /usr/bin/sockscope \
    >"$work/window.log" 2>&1 || status=$?
[[ $status -eq 124 ]] || { cat "$work/window.log" >&2; fail "the window exited with $status within 3 seconds"; }
echo "ok: still running after 3 s"

step "all package checks passed"
