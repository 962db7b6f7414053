#!/usr/bin/env bash
# SockScope's benchmarks, each against its reference peer in the same run:
# builds what they need (Release) in build-bench-suite/, runs them and prints
# one table. Not part of ctest or CI. See docs/performance.md.
#
#   bash bench/run.sh                 # everything, 7 runs each (~7 minutes)
#   bash bench/run.sh --runs 1        # a quick look
#   bash bench/run.sh --only capture,accept --bytes 256M   # no volume suite
#   bash bench/run.sh --only tls-echo,tls-handshakes
#   SOCKSCOPE_VOLUME_ARGS="--runs 1" bash bench/run.sh --runs 1
#
# Options after the script name go to bench/bench.py (--help lists them).
# SOCKSCOPE_BENCH_BUILD overrides the build directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${SOCKSCOPE_BENCH_BUILD:-$root/build-bench-suite}

for tool in cmake ninja python3 socat openssl; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench: $tool is missing; run: bash packaging/install-deps.sh" >&2
        exit 1
    fi
done
# The TLS handshake figure's peer, for the bench only (not in install-deps.sh).
if ! PATH=$PATH:/usr/sbin:/sbin command -v nginx >/dev/null; then
    echo "bench: nginx is missing; the TLS handshake figure's peer will be 'not measured'" \
        "(apt-get install nginx-light)" >&2
fi

# Release as shipped, plus -g so that perf and callgrind can name functions
# (debug info does not change the generated code).
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g \
    -DCMAKE_C_FLAGS=-g >/dev/null
cmake --build "$build" -j2 --target blast epoll_server relay pingpong tlsblast engine_server \
    sockscope
if ! cmake --build "$build" -j2 --target gui_probe; then
    echo "bench: the window does not build; GUI figures will be 'not measured'" >&2
    rm -f "$build/gui_probe"
fi

# 10,000 connections need 10,000 descriptors on each side.
ulimit -n "$(ulimit -Hn)"

mkdir -p "$build/results"
stamp=$(date +%Y%m%d-%H%M%S)
python3 "$here/bench.py" --build "$build" --json "$build/results/$stamp.json" "$@" |
    tee "$build/results/$stamp.md"
echo "raw numbers: $build/results/$stamp.json" >&2

# The capture at volume: disk capture, floods beside chatty connections,
# --record and --import (SOCKSCOPE_VOLUME_ARGS, e.g. "--runs 1 --only capture").
# With --only and no SOCKSCOPE_VOLUME_ARGS, only the figures named run.
for arg in "$@"; do
    if [[ $arg == --only || $arg == --only=* ]] && [[ -z ${SOCKSCOPE_VOLUME_ARGS+set} ]]; then
        echo "bench: --only given: the volume suite is skipped (SOCKSCOPE_VOLUME_ARGS runs it)" >&2
        exit 0
    fi
done
# shellcheck disable=SC2086
gui_probe=()
[ -x "$build/gui_probe" ] && gui_probe=(--gui-probe "$build/gui_probe")
python3 "$here/volume.py" --sockscope "$build/sockscope/app/sockscope" \
    --epoll "$build/epoll_server" "${gui_probe[@]}" ${SOCKSCOPE_VOLUME_ARGS:-} | tee -a "$build/results/$stamp.md"
