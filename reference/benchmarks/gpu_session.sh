#!/usr/bin/env bash
# Every GPU measurement of the reference package in one call, each part under its own time
# limit (10 minutes at most in all). From the repository root: gpu_session.sh OUT_DIR [PART...]
#   main        run_all.py as documented: matmul peak, every training run at micro-batch 16,
#               attention
#   batch64     the compiled full-logits runs, float32 and bf16 residual, at micro-batch 64
#   batch128    the compiled bf16-residual run at micro-batch 128
#   cudagraphs  the same at micro-batch 32, compiled with mode="reduce-overhead" (CUDA graphs)
# Without PART names every part runs, in that order. Each part writes OUT_DIR/PART/results.json
# (main also its two plots); session.log holds the GPU, driver, torch and every part's log.
set -u
out=${1:?usage: gpu_session.sh OUT_DIR [PART...]}
shift
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(main batch64 batch128 cudagraphs)
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
    # Only main's plots show a full run; the other parts' would repeat one bar.
    [ "$name" = main ] || rm -f "$out/$name/attention.png" "$out/$name/training.png"
}

for name in "${parts[@]}"; do
    case $name in
    main) part 240 main ;;
    batch64) part 150 batch64 --sections training --train-batch 64 \
        --train-runs compiled_full_logits,compiled_bf16_residual --budget-s 400 ;;
    batch128) part 90 batch128 --sections training --train-batch 128 \
        --train-runs compiled_bf16_residual --budget-s 400 ;;
    cudagraphs) part 120 cudagraphs --sections training --train-batch 32 \
        --train-runs compiled_bf16_residual --compile-mode reduce-overhead --budget-s 500 ;;
    *) echo "unknown part: $name" | tee -a "$log" ;;
    esac
done
grep -h "target \|training \|matmul" "$log"
