#!/usr/bin/env bash
# Several load hosts for real, all inside this machine: network namespaces, each a host with its own
# address and network stack, joined by veth pairs to a bridge in the server's namespace. The server
# (`npm run serve`) runs in one; `npm run bench -- --target` runs in each of the others at the same
# time, as a team would run it from several machines; `npm run bench:merge` makes their runs one report.
#
#   sudo bash scripts/netns-hosts.sh [--hosts N] [--transport T] [--out DIR] [-- bench options...]
#
# Nothing is routed outside: the namespaces have no default route and no link but the bridge, and the
# only address load goes to is the server namespace's own (10.213.0.1). They are removed on exit, on
# Ctrl-C and on failure alike. Needs root (ip netns), as `ip netns add` does.
set -euo pipefail

HOSTS=2
TRANSPORT=ws
OUT=results/netns
PORT=8080
BENCH_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) HOSTS="${2:?--hosts needs a number}"; shift 2 ;;
    --transport) TRANSPORT="${2:?--transport needs a name}"; shift 2 ;;
    --out) OUT="${2:?--out needs a folder}"; shift 2 ;;
    --) shift; BENCH_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "netns-hosts: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$HOSTS" =~ ^[1-9][0-9]?$ ]] || [ "$HOSTS" -gt 20 ]; then echo "netns-hosts: --hosts must be 1 to 20, got '$HOSTS'" >&2; exit 2; fi
if [ "$(id -u)" != 0 ]; then echo "netns-hosts: needs root for ip netns (run it with sudo)" >&2; exit 2; fi
if ! command -v ip >/dev/null; then echo "netns-hosts: needs iproute2's ip" >&2; exit 2; fi
[ ${#BENCH_ARGS[@]} -gt 0 ] || BENCH_ARGS=(--scenarios echo,fanout,connect)

cd "$(dirname "$0")/.."
TAG="wb$$"
SERVER_NS="$TAG-srv"
SERVER_ADDR=10.213.0.1
NAMESPACES=()
SERVER_PID=""

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  for ns in "${NAMESPACES[@]}"; do
    # whatever still runs in a namespace goes with it: no process, socket or address is left behind
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  done
  sleep 0.5
  for ns in "${NAMESPACES[@]}"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the server's host: a bridge with the one address load goes to
ip netns add "$SERVER_NS"; NAMESPACES+=("$SERVER_NS")
ip -n "$SERVER_NS" link set lo up
ip -n "$SERVER_NS" link add br0 type bridge
ip -n "$SERVER_NS" addr add "$SERVER_ADDR/24" dev br0
ip -n "$SERVER_NS" link set br0 up

# each load host: a namespace with one veth to the bridge and an address of its own, 10.213.0.(N+1)
for n in $(seq 1 "$HOSTS"); do
  ns="$TAG-load$n"
  ip netns add "$ns"; NAMESPACES+=("$ns")
  ip link add "$TAG-s$n" type veth peer name "$TAG-l$n"
  ip link set "$TAG-s$n" netns "$SERVER_NS"
  ip link set "$TAG-l$n" netns "$ns"
  ip -n "$SERVER_NS" link set "$TAG-s$n" master br0 up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "10.213.0.$((n + 1))/24" dev "$TAG-l$n"
  ip -n "$ns" link set "$TAG-l$n" up
done

mkdir -p "$OUT"
echo "netns-hosts: server $TRANSPORT at $SERVER_ADDR:$PORT in $SERVER_NS; load from $HOSTS host(s), 10.213.0.2-$((HOSTS + 1))" >&2
ip netns exec "$SERVER_NS" npx wirebench serve "$TRANSPORT" --host "$SERVER_ADDR" --port "$PORT" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "$SERVER_ADDR:$PORT" "$OUT/server.log" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "netns-hosts: the server did not start:" >&2; cat "$OUT/server.log" >&2; exit 1; }
  sleep 0.2
done
grep -q "$SERVER_ADDR:$PORT" "$OUT/server.log" || { echo "netns-hosts: the server did not say it listens within 20 s" >&2; exit 1; }
ip netns exec "$TAG-load1" bash -c "exec 3<>/dev/tcp/$SERVER_ADDR/$PORT" || { echo "netns-hosts: load host 1 cannot reach $SERVER_ADDR:$PORT" >&2; exit 1; }

# every load host runs the same command at the same time; each keeps its own run
pids=()
for n in $(seq 1 "$HOSTS"); do
  ip netns exec "$TAG-load$n" npm run -s bench -- --target "$SERVER_ADDR:$PORT" --allow-remote-target --transports "$TRANSPORT" \
    --out "$OUT/host$n" --quiet "${BENCH_ARGS[@]}" > "$OUT/host$n.log" 2>&1 &
  pids+=($!)
done
failed=0
for n in $(seq 1 "$HOSTS"); do
  wait "${pids[$((n - 1))]}" || { failed=1; echo "netns-hosts: load host $n failed (exit $?); its log: $OUT/host$n.log" >&2; }
done

runs=()
for n in $(seq 1 "$HOSTS"); do [ -f "$OUT/host$n/run.json" ] && runs+=("$OUT/host$n/run.json"); done
if [ ${#runs[@]} -ge 2 ]; then
  npm run -s bench:merge -- "${runs[@]}" --out "$OUT/merged"
  echo "netns-hosts: merged report: $OUT/merged/report.md" >&2
elif [ ${#runs[@]} -eq 1 ]; then
  echo "netns-hosts: one host's run: ${runs[0]}" >&2
fi
exit "$failed"
