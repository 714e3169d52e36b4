#!/usr/bin/env bash
# Experiment, not part of the build: seeds and pre-training length on one GPU, 8 runs side by side (the shipped model
# is trained on the CPU by build.sh; numbers from a GPU differ in the last digits, so compare runs within the sweep).
#   PACK=DIR OUT=DIR [PY=python3] [SWEEP_LIMIT=540] training/gpu_sweep.sh
# PACK holds small.tar.xz (a build's WORK_DIR/model and WORK_DIR/data), ft.vectors.npy (train.save_vectors of the
# same build) and unlabeled.tar.xz (../shared/data/unlabeled). Each run logs to OUT/NAME.log; the model card quotes them.
set -uo pipefail
cd "$(dirname "$0")"
PY="${PY:-python3}"
G=/tmp/gpu_sweep
mkdir -p "$G/data" "$G/pack"
tar xJf "$PACK/unlabeled.tar.xz" -C "$G/data"
tar xJf "$PACK/small.tar.xz" -C "$G/pack"
export PHI_DATA="$G/data" PHI_DEVICE="${PHI_DEVICE:-cuda}" PHI_FT_VECTORS="$PACK/ft.vectors.npy" PYTHONHASHSEED=0 OMP_NUM_THREADS=1 \
  OPENBLAS_NUM_THREADS=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
"$PY" -c "import torch, numpy; print('torch', torch.__version__, 'numpy', numpy.__version__, 'cuda', torch.cuda.is_available())"

left() { local l=$(( deadline - $(date +%s) )); echo $(( l > 1 ? l : 1 )); }  # seconds to the deadline (timeout 0 = none)
run() {  # NAME MLM_STEPS SEED: masked-word pre-training (0 = none), then build.sh's 12 tagging epochs
  local w="$G/$1"
  mkdir -p "$w"
  ln -s "$G/pack/model" "$w/model"
  ln -s "$G/pack/data" "$w/data"
  (
    init=()
    if [ "$2" -gt 0 ]; then
      timeout "$(left)" "$PY" pretrain_mlm.py "$w" --steps "$2" --layers 4 --seed "$3" &&
        init=(--init "$w/mlm/mlm.pt")
    fi
    timeout "$(left)" "$PY" train.py "$w" --layers 4 --crf --epochs 12 --lr 1e-3 --batch-tokens 1200 --seed "$3" --eval-from 9 "${init[@]}"
  ) > "$OUT/$1.log" 2>&1 &
}
t0=$(date +%s)
deadline=$(( t0 + ${SWEEP_LIMIT:-540} ))  # stop by ourselves inside the device call's limit: the epochs scored by then are in the logs
for s in 1 2 3; do run "scratch_s$s" 0 "$s"; run "mlm1500_s$s" 1500 "$s"; done
run mlm5000_s1 5000 1
run mlm10000_s1 10000 1
wait
echo "sweep done in $(( $(date +%s) - t0 ))s"
for f in "$OUT"/*.log; do echo "== $f"; grep -E "^epoch (9|1[0-2]) |^done|Error|error" "$f" | cut -c1-220; done
