#!/usr/bin/env bash
# Where SockScope's engine spends its time, for the analysis in
# docs/performance.md. Needs the programs bench/run.sh built, and perf
# (apt-get install linux-perf) or valgrind for "callgrind".
#
#   bash bench/profile.sh flood        # 2 GiB into a discard listener
#   bash bench/profile.sh echo         # 1 GiB round trip through an echo listener
#   bash bench/profile.sh accept       # 10,000 sequential connect/close
#   bash bench/profile.sh idle-flood   # 1 GiB while 10,000 idle connections are open
#                                      # (only the flood is recorded)
#   bash bench/profile.sh hold         # opening 10,000 connections and keeping them
#   bash bench/profile.sh gui-burst    # the window's GUI thread during a 10,000-connection burst
#   bash bench/profile.sh callgrind    # 256 MiB flood under callgrind (instruction counts)
#   bash bench/profile.sh tls-echo     # 1 GiB round trip through a headless TLS echo listener
#   bash bench/profile.sh tls-handshakes  # 2,000 sequential TLS 1.3 handshakes, TLS discard
#                                      # (both: the whole sockscope process is recorded)
#
# Prints the hottest symbols (self time) of the recorded threads; the
# perf.data file stays in build-bench-suite/profile/ for perf report.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${SOCKSCOPE_BENCH_BUILD:-$(dirname "$here")/build-bench-suite}
scenario=${1:?usage: profile.sh flood|echo|accept|idle-flood|hold|gui-burst|callgrind|tls-echo|tls-handshakes}
out="$build/profile"
mkdir -p "$out"
ulimit -n "$(ulimit -Hn)"
data="$out/$scenario.data"
record=(perf record -e cpu-clock -F 2000 -g -o "$data")

# Starts "$@" as a server whose stdout gives "listening ADDR:PORT"; sets
# SERVER (its pid: bash unsets SERVER_PID when it ends), SERVER_IN (its
# stdin), SERVER_OUT and PORT.
start_server() {
    coproc SERVER { exec "$@" 2>/dev/null; }
    SERVER_PID_SAVED=$SERVER_PID
    SERVER_OUT=${SERVER[0]}
    SERVER_IN=${SERVER[1]}
    local line
    while read -r -t 30 line <&"$SERVER_OUT"; do
        if [[ $line == listening* ]]; then
            PORT=${line##*:}
            return
        fi
    done
    echo "profile: the server did not start" >&2
    exit 1
}

finish_server() {
    exec {SERVER_IN}>&-
    local line
    while read -r -t 60 line <&"$SERVER_OUT"; do
        [[ $line == stats* ]] && echo "$line"
    done
    wait "$SERVER_PID_SAVED" || true
}

hold_open() { # N connections kept open; sets HOLD_PID, HOLD_IN
    coproc HOLD { exec "$build/blast" hold 127.0.0.1 "$PORT" "$1" --timeout 300; }
    HOLD_PID_SAVED=$HOLD_PID
    HOLD_IN=${HOLD[1]}
    local line
    while read -r -t 300 line <&"${HOLD[0]}"; do
        echo "$line"
        [[ $line == held* ]] && return
    done
}

release() {
    exec {HOLD_IN}>&-
    wait "$HOLD_PID_SAVED" || true
}

report() {
    perf report -i "$data" --no-children --percentage relative --sort dso,symbol -g none \
        "$@" 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30 | cut -c1-120
}

engine=("$build/engine_server" --budget 64M --respond)
case $scenario in
flood | echo | accept | hold)
    respond=discard
    [[ $scenario == echo ]] && respond=echo
    start_server "${record[@]}" "${engine[@]}" "$respond"
    case $scenario in
    flood) "$build/blast" send 127.0.0.1 "$PORT" $((2 << 30)) ;;
    echo) "$build/blast" echo 127.0.0.1 "$PORT" $((1 << 30)) ;;
    accept) "$build/blast" connects 127.0.0.1 "$PORT" 10000 ;;
    hold) hold_open 10000 && release ;;
    esac
    finish_server
    report --comm sockscope-engin
    ;;
idle-flood)
    start_server "${engine[@]}" discard
    hold_open 10000
    sleep 0.5
    "${record[@]}" -p "$SERVER_PID_SAVED" 2>/dev/null &
    perf_pid=$!
    sleep 0.3
    "$build/blast" send 127.0.0.1 "$PORT" $((1 << 30))
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
    release
    finish_server
    report --comm sockscope-engin
    ;;
gui-burst)
    export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$out/config"
    start_server "$build/gui_probe" --budget 64M
    sleep 0.3
    "${record[@]}" -p "$SERVER_PID_SAVED" 2>/dev/null &
    perf_pid=$!
    sleep 0.3
    hold_open 10000
    release
    exec {SERVER_IN}>&-
    while read -r -t 60 line <&"$SERVER_OUT"; do
        [[ $line == gap* || $line == stats* ]] && echo "$line"
    done
    wait "$SERVER_PID_SAVED" || true
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
    echo "GUI thread:"
    report --comm gui_probe
    ;;
callgrind)
    start_server valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
        "${engine[@]}" discard
    "$build/blast" send 127.0.0.1 "$PORT" $((256 << 20)) --timeout 300
    finish_server
    callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null | sed -n '1,60p' |
        cut -c1-160
    ;;
tls-echo | tls-handshakes)
    # The headless TLS listener as bench.py runs it (stdout to /dev/null,
    # 64 MiB budget), on a fresh P-256 certificate; tlsblast is the client.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 2 -keyout "$out/tls-key.pem" \
        -out "$out/tls-cert.pem" 2>/dev/null
    respond=echo
    [[ $scenario == tls-handshakes ]] && respond=discard
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    XDG_CONFIG_HOME="$out/config" QT_LOGGING_RULES="*.debug=false" \
        "$build/sockscope/app/sockscope" --headless --listen-tls "127.0.0.1:$port" \
        --respond "$respond" --cert "$out/tls-cert.pem" --key "$out/tls-key.pem" \
        --capture-budget 64M >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        ss -Hltn "sport = :$port" | grep -q . && break
        sleep 0.1
    done
    "${record[@]}" -p "$server_pid" 2>/dev/null &
    perf_pid=$!
    sleep 0.3
    if [[ $scenario == tls-echo ]]; then
        timeout 300 "$build/tlsblast" echo 127.0.0.1 "$port" $((1 << 30)) --timeout 290
    else
        timeout 300 "$build/tlsblast" handshakes 127.0.0.1 "$port" 2000 --timeout 290
    fi
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
    kill -TERM "$server_pid"
    wait "$server_pid" || true
    echo "by thread:"
    perf report -i "$data" --no-children --sort comm -g none 2>/dev/null | grep -v '^#' | grep -v '^$' |
        head -5
    echo "engine thread:"
    report --comm sockscope-engin
    ;;
*)
    echo "profile: unknown scenario $scenario" >&2
    exit 2
    ;;
esac
