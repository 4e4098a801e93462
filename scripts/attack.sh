#!/usr/bin/env bash
# The wxclient attack battery (../shared/tools/wxclient) against the running
# server: the Official Account in safe (AES) mode, then the WeCom callback.
# -count-cmd counts processed_messages with the sqlite3 CLI when it is
# installed (apt-get install sqlite3), so the battery can tell "rejected"
# from "processed". Prints each battery's summary; exits non-zero on a FAIL.
#
#   scripts/attack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
PORT=${PORT:-18090}
WORK=$(mktemp -d /tmp/pufabot-attack.XXXXXX)
TOKEN=attacktoken
AESKEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
WKEY=ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut
APPID=wxATTACK000000001
CORP=wwATTACK00000001
export CGO_ENABLED=0
go build -o "$WORK/pufabot" ./cmd/pufabot
(cd "$SHARED/tools/wxclient" && go build -o "$WORK/wxclient" .)
cat >"$WORK/config.toml" <<TOML
[server]
listen = "127.0.0.1:$PORT"
[storage]
data_dir = "$WORK/data"
[wechat]
token = "$TOKEN"
app_id = "$APPID"
encoding_aes_key = "$AESKEY"
mode = "safe"
[wecom]
corp_id = "$CORP"
agent_id = 1000002
token = "$TOKEN"
encoding_aes_key = "$WKEY"
TOML
"$WORK/pufabot" serve --config "$WORK/config.toml" 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
	curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
COUNT=()
if command -v sqlite3 >/dev/null; then
	COUNT=(-count-cmd "sqlite3 '$WORK/data/pufabot.db' 'select count(*) from processed_messages'")
else
	echo "sqlite3 not installed: running without -count-cmd" >&2
fi
rc=0
echo "== Official Account, safe mode"
"$WORK/wxclient" attack -url "http://127.0.0.1:$PORT/wechat" -token "$TOKEN" -aeskey "$AESKEY" -appid "$APPID" \
	"${COUNT[@]}" >"$WORK/attack-wechat.txt" 2>&1 || rc=1
tail -n 3 "$WORK/attack-wechat.txt"
echo "== WeCom"
"$WORK/wxclient" attack -wecom -url "http://127.0.0.1:$PORT/wecom" -token "$TOKEN" -aeskey "$WKEY" -corpid "$CORP" \
	-agentid 1000002 "${COUNT[@]}" >"$WORK/attack-wecom.txt" 2>&1 || rc=1
tail -n 3 "$WORK/attack-wecom.txt"
grep -h -E '^(FAIL|WARN)' "$WORK"/attack-*.txt || true
echo "full output: $WORK/attack-wechat.txt $WORK/attack-wecom.txt"
exit $rc
