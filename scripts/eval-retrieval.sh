#!/usr/bin/env bash
# End-to-end retrieval evaluation through the real CLI:
#   build pufabot, load ../shared/corpus/laws into a fresh data directory,
#   ask every dev question with `pufabot kb search --json -k 10 --kind law`,
#   and score the answers with ../shared/eval/score_retrieval.py --by-source.
#
# usage: scripts/eval-retrieval.sh [GOLD.jsonl] [extra scorer flags, e.g. -v]
# env:   SHARED (default: ../shared beside the repo), KEEP=1 keeps the temp dir,
#        PUFABOT_CONFIG to evaluate another [embedding] setting.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$repo/../shared}
gold=${1:-$shared/eval/legal_qa_dev.jsonl}
shift || true
[ -f "$gold" ] || { echo "gold file $gold not found (set SHARED)" >&2; exit 2; }
[ -d "$shared/corpus/laws" ] || { echo "$shared/corpus/laws not found (set SHARED)" >&2; exit 2; }

tmp=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then echo "keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi

echo "building pufabot…" >&2
(cd "$repo" && go build -o "$tmp/pufabot" ./cmd/pufabot)

echo "loading $shared/corpus/laws…" >&2
"$tmp/pufabot" kb add --data-dir "$tmp/data" "$shared/corpus/laws" >&2

# One question per line, in gold order (newlines inside a question folded).
python3 - "$gold" > "$tmp/questions.txt" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        q = json.loads(line)["question"]
        print(" ".join(q.split()))
PY

echo "searching $(wc -l < "$tmp/questions.txt") questions…" >&2
start=$(date +%s.%N)
"$tmp/pufabot" kb search --data-dir "$tmp/data" --json -k 10 --kind law < "$tmp/questions.txt" > "$tmp/results.jsonl"
end=$(date +%s.%N)
echo "search took $(python3 -c "print(f'{$end-$start:.1f}')") s (including start-up)" >&2

# Pair the result lines with the gold ids, in order, into the scorer's PRED format.
python3 - "$gold" "$tmp/results.jsonl" > "$tmp/pred.jsonl" <<'PY'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
res = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
if len(ids) != len(res):
    sys.exit(f"{len(ids)} questions but {len(res)} result lines")
for i, r in zip(ids, res):
    print(json.dumps({"id": i, "retrieved": [{"law": x["law"], "article": x["article"]}
                                             for x in r["results"] if x["law"]]}, ensure_ascii=False))
PY

python3 "$shared/eval/score_retrieval.py" "$gold" "$tmp/pred.jsonl" --by-source "$@"
