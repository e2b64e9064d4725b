#!/usr/bin/env bash
# Every GPU measurement of the reference package in one call, each part under its own time
# limit (at most about 8 minutes in all). From the repository root: gpu_session.sh OUT_DIR
#   main/      run_all.py as documented: matmul peak, training at micro-batch 16, attention
#   batch64/   the compiled full-logits run at micro-batch 64
#   autotune/  the same at micro-batch 32, compiled with max-autotune-no-cudagraphs
set -u
out=${1:?usage: gpu_session.sh OUT_DIR}
mkdir -p "$out"
export PYTHONPATH=reference
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >"$out/nvidia-smi.csv"
python -c "import torch; print(torch.__version__, torch.version.cuda)" >"$out/torch.txt"

part() {
    local limit=$1 name=$2
    shift 2
    timeout "$limit" python reference/benchmarks/run_all.py --out "$out/$name" "$@" \
        >"$out/$name.log" 2>&1
    echo "$name: exit $?"
    tail -n 12 "$out/$name.log"
}

part 240 main
part 90 batch64 --sections training --train-batch 64 --train-runs compiled_full_logits \
    --budget-s 170
part 190 autotune --sections training --train-batch 32 --train-runs compiled_full_logits \
    --compile-mode max-autotune-no-cudagraphs --budget-s 400
