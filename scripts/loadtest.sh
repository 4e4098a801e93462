#!/usr/bin/env bash
# Load test of the running server on loopback: builds pufabot and loadgen,
# loads ../shared/corpus/laws into a fresh data dir, starts `pufabot serve`
# with a safe-mode (AES) [wechat] section, and sends encrypted text messages
# from 1,000 distinct users: a mix (scripts/loadtest/mix.txt) of 帮助, legal
# questions answered in local mode (no LLM) and an activity report sent by
# the 100 users listed as [admin] users (with 1,000 users and a 10-line mix,
# user u always sends line u%10; line 10 is the report). It prints loadgen's
# throughput and latency, the server's peak RSS and a /metrics summary.
#
#   scripts/loadtest.sh                 # 60,000 messages, 64 connections
#   N=20000 C=32 scripts/loadtest.sh
#   SOAK=10m RATE_C=4 scripts/loadtest.sh   # soak: sample RSS/goroutines every 30 s
#
# The per-user rate limit is off here (rate_limit = 0): 1,000 users sending
# 1,000 messages a second would each exceed 20 a minute. Everything else is
# the default config.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
N=${N:-60000}
C=${C:-64}
USERS=${USERS:-1000}
PORT=${PORT:-18080}
SOAK=${SOAK:-}
WORK=${WORK:-$(mktemp -d /tmp/pufabot-load.XXXXXX)}
TOKEN=loadtesttoken
AESKEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
APPID=wxLOADTEST0000001
ADMIN_TOKEN=loadtest-admin-token-0123456789
PREFIX=oLoadUser

[ -d "$SHARED/corpus/laws" ] || { echo "no $SHARED/corpus/laws" >&2; exit 1; }
export CGO_ENABLED=0
go build -o "$WORK/pufabot" ./cmd/pufabot
go build -o "$WORK/loadgen" ./cmd/loadgen

admins=$(for ((u = 9; u < USERS; u += 10)); do printf '"%s%06d",' "$PREFIX" "$u"; done)
cat >"$WORK/config.toml" <<TOML
[server]
listen = "127.0.0.1:$PORT"
[storage]
data_dir = "$WORK/data"
[log]
level = "warn"
[admin]
token = "$ADMIN_TOKEN"
users = [${admins%,}]
[wechat]
token = "$TOKEN"
app_id = "$APPID"
encoding_aes_key = "$AESKEY"
mode = "safe"
rate_limit = 0
TOML

if [ ! -s "$WORK/data/pufabot.db" ] && [ ! -e "$WORK/.kb-loaded" ]; then
	echo "loading $SHARED/corpus/laws ..."
	"$WORK/pufabot" kb add --config "$WORK/config.toml" "$SHARED/corpus/laws" >"$WORK/kb-add.log" 2>&1
	touch "$WORK/.kb-loaded"
fi

"$WORK/pufabot" serve --config "$WORK/config.toml" 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
	curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

peak=0
sample() { # rss_kB goroutines heap_bytes
	local rss g h
	rss=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
	local m
	m=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$PORT/metrics")
	g=$(awk '$1=="go_goroutines" {print $2}' <<<"$m")
	h=$(awk '$1=="go_memstats_heap_alloc_bytes" {printf "%d", $2}' <<<"$m")
	echo "$rss $g $h"
}

LG=("$WORK/loadgen" -url "http://127.0.0.1:$PORT/wechat" -token "$TOKEN" -aeskey "$AESKEY" -appid "$APPID"
	-users "$USERS" -user-prefix "$PREFIX" -texts "$ROOT/scripts/loadtest/mix.txt")

echo "warm-up ..."
"${LG[@]}" -n 2000 -c 8 >/dev/null
echo "after warm-up: rss_kB goroutines heap_bytes = $(sample)"

if [ -n "$SOAK" ]; then
	RATE_C=${RATE_C:-4}
	"${LG[@]}" -n 1000000 -c "$RATE_C" -duration "$SOAK" >"$WORK/soak-loadgen.txt" 2>&1 &
	LPID=$!
	echo "t_s rss_kB goroutines heap_bytes"
	t=0
	while kill -0 $LPID 2>/dev/null; do
		echo "$t $(sample)"
		sleep 30
		t=$((t + 30))
	done
	wait $LPID || true
	cat "$WORK/soak-loadgen.txt"
	sleep 35 # in-memory retention of handled messages is 30 s
	echo "after idle: rss_kB goroutines heap_bytes = $(sample)"
else
	(while kill -0 $PID 2>/dev/null; do awk '/VmHWM/ {print $2}' /proc/$PID/status >"$WORK/hwm"; sleep 1; done) &
	cpu0=$(awk '{print $14 + $15}' /proc/$PID/stat)
	"${LG[@]}" -n "$N" -c "$C" -duration 5m
	cpu1=$(awk '{print $14 + $15}' /proc/$PID/stat)
	# Server CPU time per message (clock ticks → ms): loadgen and anything
	# else on the machine share the cores, so this bounds what the server
	# alone would do on 2 dedicated cores.
	awk -v a="$cpu0" -v b="$cpu1" -v n="$N" -v hz="$(getconf CLK_TCK)" 'BEGIN {
		ms = (b - a) * 1000 / hz / n
		printf "server CPU per message: %.3f ms (%.1f s in all); 2 cores ≈ %.0f msg/s\n", ms, (b - a) / hz, 2000 / ms }'
	sleep 1.5
	echo "server peak RSS (VmHWM): $(awk '/VmHWM/ {print $2}' /proc/$PID/status) kB"
	echo "after run: rss_kB goroutines heap_bytes = $(sample)"
fi
echo "--- /metrics (messages, answers) ---"
curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$PORT/metrics" |
	grep -E '^pufabot_(messages_total|answers_total)' | sort -t' ' -k2 -nr | head -20
echo "work dir: $WORK"
