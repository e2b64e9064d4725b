#!/usr/bin/env bash
# Every GPU measurement of the reference package in one call, each part under its own time
# limit (under 9 minutes in all). From the repository root: gpu_session.sh OUT_DIR
#   main/      run_all.py as documented: matmul peak, training at micro-batch 16, attention
#   batch64/   the compiled full-logits run at micro-batch 64
#   autotune/  the same at micro-batch 32, compiled with max-autotune-no-cudagraphs
# Six files in all: main's results.json and two plots, the other parts' results.json, and
# session.log (GPU, driver, torch and every part's log).
set -u
out=${1:?usage: gpu_session.sh OUT_DIR}
mkdir -p "$out"
log=$out/session.log
export PYTHONPATH=reference
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >"$log"
python -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda)" >>"$log"

part() {
    local limit=$1 name=$2
    shift 2
    echo "== $name: run_all.py $*" >>"$log"
    timeout "$limit" python reference/benchmarks/run_all.py --out "$out/$name" "$@" >>"$log" 2>&1
    echo "== $name: exit $?" | tee -a "$log"
}

part 240 main
part 90 batch64 --sections training --train-batch 64 --train-runs compiled_full_logits \
    --budget-s 170
part 190 autotune --sections training --train-batch 32 --train-runs compiled_full_logits \
    --compile-mode max-autotune-no-cudagraphs --budget-s 400
rm -f "$out/batch64/training.png" "$out/autotune/training.png"
grep -h "target \|training \|matmul" "$log"
