#!/usr/bin/env bash
# Measures the answer path without an LLM on the shared law corpus:
#   1. dev set (../shared/eval/legal_qa_dev.jsonl): share judged covered;
#   2. dev set: share whose extractive answer cites a gold article;
#   3. off-topic set (knowledge/testdata/answer_offtopic.txt): share answered
#      without any law citation.
# Usage: scripts/eval-answers.sh [SHARED_DIR]   (default: ../shared beside the repo)
# Needs go and python3. Loads corpus/laws into a temporary data directory.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$repo/../shared}"
dev="$shared/eval/legal_qa_dev.jsonl"
laws="$shared/corpus/laws"
off="$repo/knowledge/testdata/answer_offtopic.txt"
[ -f "$dev" ] && [ -d "$laws" ] || { echo "missing $dev or $laws" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$repo" && go build -o "$tmp/pufabot" ./cmd/pufabot)
export PUFABOT_CONFIG=""   # embedded defaults: no [llm], extractive answers
"$tmp/pufabot" kb add --data-dir "$tmp/data" "$laws" >/dev/null 2>"$tmp/kb.log" || { cat "$tmp/kb.log" >&2; exit 1; }

python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.strip()
    if l: print(json.loads(l)["question"].replace("\n", " "))' "$dev" > "$tmp/dev.txt"
grep -v '^#' "$off" | grep -v '^[[:space:]]*$' > "$tmp/off.txt"

"$tmp/pufabot" ask --json --data-dir "$tmp/data" < "$tmp/dev.txt" > "$tmp/dev.out" 2>"$tmp/ask.log"
"$tmp/pufabot" kb search --json -k 6 --data-dir "$tmp/data" < "$tmp/dev.txt" > "$tmp/dev.search" 2>/dev/null
"$tmp/pufabot" kb search --json -k 6 --data-dir "$tmp/data" < "$tmp/off.txt" > "$tmp/off.search" 2>/dev/null
"$tmp/pufabot" ask --json --data-dir "$tmp/data" < "$tmp/off.txt" > "$tmp/off.out" 2>>"$tmp/ask.log"

python3 - "$dev" "$tmp/dev.out" "$tmp/off.out" "${EVAL_DETAIL:-}" "$tmp/dev.search" "$tmp/off.search" <<'PY'
import json, sys
devf, devout, offout, detail, devsearch, offsearch = sys.argv[1:7]
gold = [json.loads(l) for l in open(devf, encoding="utf-8") if l.strip()]
got = [json.loads(l) for l in open(devout, encoding="utf-8") if l.strip()]
off = [json.loads(l) for l in open(offout, encoding="utf-8") if l.strip()]
assert len(gold) == len(got), (len(gold), len(got))

def short(law):
    return law.strip().removeprefix("中华人民共和国")

covered = hit = 0
modes = {}
lat = []
for g, a in zip(gold, got):
    modes[a["mode"]] = modes.get(a["mode"], 0) + 1
    lat.append(a["latency_ms"])
    if a["covered"]:
        covered += 1
    cites = {(short(c["law"]), c["article"]) for c in a["citations"]}
    ok = any((short(x["law"]), x["article"]) in cites for x in g["gold"])
    hit += ok
    if detail and not ok:
        print("MISS", g["id"], a["mode"], g["question"][:40], [x["law"][-8:] + x["article"] for x in g["gold"]], sorted(cites)[:2])
nocite = sum(1 for a in off if not a["citations"])
if detail:
    for a in off:
        if a["citations"]:
            print("OFF-CITED", a["question"], a["mode"], a["citations"][:1])
lat.sort()
n = len(gold)
print(f"dev questions: {n}; modes: {modes}")
print(f"covered: {covered}/{n} = {covered/n:.1%}")
print(f"gold article among extractive citations: {hit}/{n} = {hit/n:.1%}")
print(f"off-topic without any law citation: {nocite}/{len(off)} = {nocite/len(off):.1%}")
print(f"ask latency (ms, answer path without the CLI's start-up): p50 {lat[n//2]} p99 {lat[min(n-1, int(n*0.99))]}")

# Top law score per question, for re-tuning [answer] covered_threshold when
# retrieval's scoring changes.
def tops(path):
    out = []
    for l in open(path, encoding="utf-8"):
        rs = [r for r in json.loads(l)["results"] if r["kind"] != "faq"]
        out.append(rs[0]["score"] if rs else 0.0)
    return sorted(out)
d, o = tops(devsearch), tops(offsearch)
q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
print("top law score, dev: p3 %.3f p10 %.3f p50 %.3f; off-topic: p50 %.3f p90 %.3f max %.3f"
      % (q(d, 0.03), q(d, 0.10), q(d, 0.5), q(o, 0.5), q(o, 0.9), o[-1]))
print("suggested covered_threshold (dev p3): %.2f" % q(d, 0.03))
PY
