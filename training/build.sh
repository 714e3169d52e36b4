#!/usr/bin/env bash
# Rebuild models/phi-ner-small from ../shared/data (the one command; see README.md).
#   [PHI_MODEL_VERSION=x.y.z] [PHI_WORK=work] [PHI_MODEL_OUT=DIR] [PHI_MAX_SEQ=128] [PHI_WINDOW=N] [PHI_TRAIN_FLAGS=...]
#   [PHI_MLM_STEPS=1500] [PHI_EPOCHS=10, or 12 without pre-training] [PHI_GENERATED_NAMES=0.4] [PHI_AVERAGE_LAST=3]
#   [PHI_FEATURIZER=phi-word-v2] [PHI_MLM_FEATURIZER=phi-word-v1] [PHI_DOC_FLAG_DROPOUT=0.5] [PHI_TAG_SEED=13] [PHI_MLM_SEED=13] [PHI_CORPUS=0.4.2] [PHI_SYNTH=DIR]
#   [PHI_FROM=WORK_DIR] training/build.sh [--no-conll]
# PHI_MODEL_OUT packages the model somewhere else than models/phi-ner-small (the parity fixture then goes there too).
# PHI_MAX_SEQ: tokens per training sequence (sentences of a document packed together). PHI_WINDOW: tokens per window
# the gateway feeds the model (config.json max_length); default 7/8 of PHI_MAX_SEQ, since packing whole sentences
# leaves most sequences shorter and the last positions are seldom trained (128: 7 % of sequences reach position 112).
# PHI_TRAIN_FLAGS: extra train.py options for an experiment (e.g. --shift-positions).
# PHI_MLM_STEPS: masked-word pre-training steps before tagging (default 1500, ~21 min: the shipped 0.4.0, 87 min in
# all; 0 = none, the recipe of 0.3.x, 65 min). PHI_EPOCHS: tagging epochs (default 10 after pre-training, else 12).
# PHI_CORPUS: which name lists the synthetic corpus draws from (synth.py --lists). 0.4.2 (default): the corpus the
# shipped model was trained on, drawn again byte for byte (each hand list's first 40-50 names, held out by string);
# names: the longer lists held out by name key (124-152 names per origin and part; model card, "Longer name lists").
# PHI_GENERATED_NAMES: share of generated names in the synthetic training split (synth.py --generated-names; default
# 0.4, as in the shipped 0.4.2; 0 rebuilds 0.4.0's data — see the model card).
# PHI_AVERAGE_LAST: the model is the mean of the weights at the end of the last N epochs (train.py --average-from;
# default 3, as in 0.4.2); 0 keeps the best single epoch by CoNLL dev F1 instead (0.4.0, 0.4.1).
# PHI_FEATURIZER: phi-word-v2 (default since 0.5.0: phi-word-v1 plus two document flags per token, see phi_features.py)
# or phi-word-v1 (0.4.x's). PHI_MLM_FEATURIZER: the featurizer masked-word pre-training reads, phi-word-v1 (default) or
# PHI_FEATURIZER: pre-training without the document flags (their input weights then start at zero in tagging) removed
# v2's false "Subject" organisations on the clinical notes (ship_rules/flags-tagging-only.txt).
# PHI_DOC_FLAG_DROPOUT (phi-word-v2 only; default 0.5): train.py --doc-flag-dropout, the share of training sequences
# whose document flags are zeroed, so the tagger also learns to work without them; with it, flags in tagging only were
# level with v1 through the gateway (ship_rules/flags-tagging-only.txt). The three defaults are 0.5.0's recipe
# (ship_rules/v2id-build.txt, v2id-select.txt); PHI_FEATURIZER=phi-word-v1 is 0.4.3's.
# PHI_TAG_SEED: the tagging stage's seed (default 13; 0.5.0 is seed 13, the draw ship_rules/v2id-select.txt picked of
# five on a selection set; fastText, the synthetic corpus and pre-training keep 13).
# PHI_MLM_SEED: the pre-training stage's seed (default 13). Tagging seeds of one pre-trained encoder share its draw, so
# a recipe's spread between runs needs runs of several pre-training draws too (ship_rules/pretrain-draws.txt).
# PHI_SYNTH: a folder of synth.py output (synth_train/synth_heldout/bias.jsonl, manifest.json) to train on instead of
# generating the corpus, e.g. an earlier synth.py's (`git show REV:training/synth.py`, with that revision's names.py;
# 0.4.2's corpus is PHI_CORPUS=0.4.2's, the default).
# PHI_FROM: an earlier run's work folder whose stages this run takes over (hard links) instead of redoing them: the
# synthetic corpus and the fastText vectors always (same --no-conll required), the prepared data, vocabularies and
# pre-trained encoder too when that run had the same PHI_FEATURIZER, PHI_MAX_SEQ, PHI_MLM_STEPS and PHI_MLM_SEED (else
# they are redone here). Another tagging seed of a recipe (PHI_TAG_SEED) then costs only the tagging stage (~22 of 36 min).
# What each stage was built from is recorded in WORK/stages.txt, which PHI_FROM reads.
# Needs (Debian): python3-torch python3-onnx python3-numpy libopenblas0-pthread fasttext, plus node 20 with
# onnxruntime-node installed in the repository (npm ci) for evaluation and throughput.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3            # Debian's python3 with torch (a python3 earlier on PATH may lack it)
WORK="${PHI_WORK:-work}"     # PHI_WORK=work_x keeps another run's outputs apart (git-ignored: training/work*)
FLAG="${1:-}"
MAX_SEQ="${PHI_MAX_SEQ:-128}"
MLM_STEPS="${PHI_MLM_STEPS:-1500}"
MLM_SEED="${PHI_MLM_SEED:-13}"
EPOCHS="${PHI_EPOCHS:-$([ "$MLM_STEPS" -gt 0 ] && echo 10 || echo 12)}"  # pre-training buys back 2 tagging epochs
WINDOW="${PHI_WINDOW:-$(( MAX_SEQ * 7 / 8 ))}"
AVERAGE_LAST="${PHI_AVERAGE_LAST:-3}"
AVERAGE=()
[ "$AVERAGE_LAST" -gt 0 ] && AVERAGE=(--average-from $(( EPOCHS - AVERAGE_LAST + 1 )))
export OPENBLAS_NUM_THREADS=2  # torch itself runs single-threaded (torch.set_num_threads(1) in train.py)
# glibc gives large blocks (gradients, optimizer buffers) back to the kernel and maps them again at every step; half
# the CPU time went to the kernel zeroing those pages. Keeping them in the heap: tagging 0.31 -> 0.25 s per step,
# masked-word pre-training 0.38 -> 0.30 (2.6 -> 0.58 with a 96k-word vocabulary), the same losses to the last digit
# (measured 2026-12-07, AMD EPYC, 2 cores). Costs a few hundred MB of resident memory at most.
export MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=536870912
export PYTHONHASHSEED=0
# Settings first (instant), then the tools.
FEATURIZER="${PHI_FEATURIZER:-phi-word-v2}"
MLM_FEATURIZER="${PHI_MLM_FEATURIZER:-phi-word-v1}"
die() { echo "build.sh: $*" >&2; exit 1; }
case "$FEATURIZER" in phi-word-v1 | phi-word-v2) ;; *) die "PHI_FEATURIZER is phi-word-v2 (the default) or phi-word-v1" ;; esac
DOC_FLAGS=()
if [ "$FEATURIZER" = phi-word-v2 ]; then
  DOC_FLAG_DROPOUT="${PHI_DOC_FLAG_DROPOUT:-0.5}"
  [[ "$DOC_FLAG_DROPOUT" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "PHI_DOC_FLAG_DROPOUT is a share between 0 and 1"
  DOC_FLAGS=(--doc-flag-dropout "$DOC_FLAG_DROPOUT")
elif [ -n "${PHI_DOC_FLAG_DROPOUT:-}" ]; then
  die "PHI_DOC_FLAG_DROPOUT needs PHI_FEATURIZER=phi-word-v2 (phi-word-v1 has no document flags)"
fi
[ "$MLM_FEATURIZER" = "$FEATURIZER" ] || [ "$MLM_FEATURIZER" = phi-word-v1 ] \
  || die "PHI_MLM_FEATURIZER is PHI_FEATURIZER ($FEATURIZER) or phi-word-v1 (pre-training without the document flags)"
case "${PHI_CORPUS:-0.4.2}" in 0.4.2 | names) ;; *) die "PHI_CORPUS is 0.4.2 (the shipped model's corpus) or names" ;; esac
# WORK/stages.txt: key=value lines written as stages finish (corpus, flag: after fastText; featurizer, max_seq, mlm_steps,
# mlm_seed, mlm_featurizer after pre-training); PHI_FROM reuses a stage only when its keys are there and match this run's.
# stage_of DIR KEY [DEFAULT]: the key's last value in DIR/stages.txt, or DEFAULT when it has none
stage_of() {
  local v=""
  [ -f "$1/stages.txt" ] && v=$(sed -n "s/^$2=//p" "$1/stages.txt" | tail -n 1)
  echo "${v:-${3:-}}"
}
FROM="${PHI_FROM:-}"
if [ -n "$FROM" ]; then
  [ -d "$FROM" ] || die "PHI_FROM=$FROM is not a folder (a work folder of an earlier build.sh run)"
  [ "$(cd "$FROM" && pwd)" != "$(mkdir -p "$WORK" && cd "$WORK" && pwd)" ] || die "PHI_FROM is this run's own PHI_WORK"
  [ -z "${PHI_SYNTH:-}${PHI_GENERATED_NAMES:-}${PHI_CORPUS:-}" ] \
    || die "PHI_FROM takes the synthetic corpus from $FROM: leave PHI_SYNTH, PHI_GENERATED_NAMES and PHI_CORPUS unset"
  grep -q '^flag=' "$FROM/stages.txt" 2> /dev/null || die "PHI_FROM=$FROM has no stages.txt with finished corpus and fastText stages"
  [ "$(stage_of "$FROM" flag)" = "$FLAG" ] || die "PHI_FROM=$FROM was built with flag '$(stage_of "$FROM" flag)', this run with '$FLAG'"
fi
# Then the tools: a fresh machine otherwise fails a minute in, at "fasttext: command not found".
APT="apt-get install python3-torch python3-onnx python3-numpy libopenblas0-pthread fasttext"
command -v fasttext > /dev/null || die "fasttext is not installed (Debian: $APT)"
$PY -c 'import torch, onnx, numpy' 2> /dev/null || die "$PY cannot import torch, onnx and numpy (Debian: $APT)"
[ -d ../node_modules/onnxruntime-node ] || die "run npm ci in the repository first (evaluation uses onnxruntime-node)"
mkdir -p "$WORK"
: > "$WORK/stages.txt"
record() { echo "$1=$2" >> "$WORK/stages.txt"; }
t0=$(date +%s)
step() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

if [ -n "$FROM" ]; then
  step "synthetic PHI corpus and fastText vectors: hard links to $FROM's (PHI_FROM)"
  mkdir -p "$WORK/synth" && ln -f "$FROM"/synth/* "$WORK/synth/"
  ln -f "$FROM/ft_corpus.txt" "$FROM/ft.bin" "$FROM/ft.vec" "$WORK/"
  record corpus "$(stage_of "$FROM" corpus) (via $FROM)"
elif [ -n "${PHI_SYNTH:-}" ]; then
  step "synthetic PHI corpus: copied from $PHI_SYNTH (PHI_SYNTH)"
  SYNTH_FILES=(synth_train.jsonl synth_heldout.jsonl bias.jsonl manifest.json)
  for f in "${SYNTH_FILES[@]}"; do
    [ -f "$PHI_SYNTH/$f" ] || die "PHI_SYNTH=$PHI_SYNTH has no $f (synth.py's output folder)"
  done
  mkdir -p "$WORK/synth" && for f in "${SYNTH_FILES[@]}"; do cp "$PHI_SYNTH/$f" "$WORK/synth/"; done
  record corpus "PHI_SYNTH=$(cd "$PHI_SYNTH" && pwd)"
else
  step "synthetic PHI corpus"
  $PY synth.py "$WORK/synth" --seed 13 --generated-names "${PHI_GENERATED_NAMES:-0.4}" --lists "${PHI_CORPUS:-0.4.2}"
  record corpus "synth.py --seed 13 --generated-names ${PHI_GENERATED_NAMES:-0.4} --lists ${PHI_CORPUS:-0.4.2} at $(git rev-parse --short HEAD 2> /dev/null || echo '?')"
fi
if [ -z "$FROM" ]; then
  step "fastText corpus + skip-gram vectors (dim 100, 3 epochs)"
  $PY fasttext_corpus.py "$WORK/ft_corpus.txt" $FLAG
  fasttext skipgram -input "$WORK/ft_corpus.txt" -output "$WORK/ft" -dim 100 -epoch 3 -thread 2 -minCount 3 -seed 13 \
    > "$WORK/fasttext.log" 2>&1
fi
record flag "$FLAG"
INIT=()
[ "$MLM_STEPS" -gt 0 ] && INIT=(--init "$WORK/mlm/mlm.pt")
# PHI_FROM's prepared data and vocabularies are reused when it had this featurizer and length; its pre-trained encoder
# when it was pre-trained under this run's PHI_MLM_FEATURIZER with the same length, steps and seed (before mlm_seed and
# mlm_featurizer were recorded, pre-training used seed 13 and the run's own featurizer).
SAME_DATA=0; SAME_MLM=0
if [ -n "$FROM" ] && [ "$(stage_of "$FROM" max_seq)" = "$MAX_SEQ" ]; then
  [ "$(stage_of "$FROM" featurizer)" = "$FEATURIZER" ] && SAME_DATA=1
  [ "$(stage_of "$FROM" mlm_featurizer "$(stage_of "$FROM" featurizer)")" = "$MLM_FEATURIZER" ] \
    && [ "$(stage_of "$FROM" mlm_steps)" = "$MLM_STEPS" ] && [ "$(stage_of "$FROM" mlm_seed 13)" = "$MLM_SEED" ] && SAME_MLM=1
fi
if [ "$SAME_DATA" = 1 ]; then
  step "prepared data, vocabularies and gazetteers: hard links to $FROM's (same featurizer and length)"
  for d in data model; do mkdir -p "$WORK/$d" && ln -f "$FROM/$d"/* "$WORK/$d/"; done
else
  step "prepare data (documents packed into sequences of <= $MAX_SEQ tokens), vocabularies, gazetteers"
  $PY prepare_data.py "$WORK" --max-seq "$MAX_SEQ" --featurizer "$FEATURIZER" $FLAG
fi
if [ "$MLM_STEPS" -gt 0 ] && [ "$SAME_MLM" = 1 ] && [ -f "$FROM/mlm/mlm.pt" ]; then
  step "pre-trained encoder: hard link to $FROM's (same pre-training featurizer, length, steps, seed)"
  mkdir -p "$WORK/mlm" && ln -f "$FROM"/mlm/* "$WORK/mlm/"
  if [ -f "$FROM/mlm.log" ]; then ln -f "$FROM/mlm.log" "$WORK/"; fi
  # the vocabularies an encoder was pre-trained on must be this run's (they are, when both came from one corpus)
  cmp -s "$FROM/model/vocab.txt" "$WORK/model/vocab.txt" && cmp -s "$FROM/model/chars.json" "$WORK/model/chars.json" \
    || die "PHI_FROM=$FROM's vocabularies differ from this run's: its pre-trained encoder does not fit"
elif [ "$MLM_STEPS" -gt 0 ]; then
  step "pre-train the encoder ($MLM_FEATURIZER): masked words on the unlabeled pool, $MLM_STEPS steps of 1,200 tokens"
  $PY pretrain_mlm.py "$WORK" --steps "$MLM_STEPS" --layers 4 --seed "$MLM_SEED" --featurizer "$MLM_FEATURIZER" $FLAG \
    2>&1 | tee "$WORK/mlm.log"
fi
record featurizer "$FEATURIZER"; record max_seq "$MAX_SEQ"; record mlm_steps "$MLM_STEPS"; record mlm_seed "$MLM_SEED"
record mlm_featurizer "$MLM_FEATURIZER"
step "train: 4-layer encoder + CRF (from the pre-trained encoder if any), $EPOCHS epochs (warm-up + cosine from lr 1e-3), dev sets scored from epoch 6; kept: the mean of the last $AVERAGE_LAST epochs' weights (0: the best epoch by CoNLL dev F1; --no-conll: by the mean of the other dev sets)"
$PY train.py "$WORK" --layers 4 --crf --epochs "$EPOCHS" --lr 1e-3 --batch-tokens 1200 --seed "${PHI_TAG_SEED:-13}" --eval-from 6 \
  "${INIT[@]}" "${AVERAGE[@]}" "${DOC_FLAGS[@]}" ${PHI_TRAIN_FLAGS:-} $FLAG 2>&1 | tee "$WORK/train.log"
if [ -n "${DOC_FLAG_DROPOUT:-}" ]; then record doc_flag_dropout "$DOC_FLAG_DROPOUT"; fi  # read by write_card.py
BEST="$WORK/ckpt/best.pt"
cp "$BEST" "$WORK/best.pt"
step "export ONNX (opset 17) from $BEST, quantize to int8, fold the char CNN into table lookups"
$PY export_onnx.py "$WORK/best.pt" "$WORK/model.fp32.onnx" "$WORK/decoder.json"
$PY quantize.py "$WORK/model.fp32.onnx" "$WORK/model.int8.onnx"
# the char CNN's lookup + convolution as three table lookups: same weights, 1.2x (fp32) to 1.4x (int8) faster
$PY fold_char_conv.py "$WORK/model.fp32.onnx" "$WORK/model.fp32.onnx"
$PY fold_char_conv.py "$WORK/model.int8.onnx" "$WORK/model.int8.onnx"
step "decoding ablation (argmax / Viterbi with BIO constraints / Viterbi with the CRF) in torch"
$PY ablate_decoding.py "$WORK" "$WORK/decoding.json" shipped="$WORK/best.pt"
step "evaluate fp32 and int8 with onnxruntime-node (decoded by the gateway's own Viterbi: needs npm run build)"
(cd .. && npm run build --silent)
$PY evaluate.py "$WORK" "$WORK/metrics.json" fp32="$WORK/model.fp32.onnx" int8="$WORK/model.int8.onnx"
# int8 or fp32: ship_precision.py (int8 when it costs <= 0.5 F1 points and is faster, or fp32 is over the 25 MB budget)
SHIP=$($PY ship_precision.py "$WORK/metrics.json" "$WORK/model.fp32.onnx")
OUT="${PHI_MODEL_OUT:-../models/phi-ner-small}"
FIXTURE=()
[ -n "${PHI_MODEL_OUT:-}" ] && FIXTURE=(--fixture "$OUT/phi-ner-small-parity.json")
step "package $OUT ($SHIP), model card and the parity fixture"
$PY package_model.py "$WORK" "$WORK/model.$SHIP.onnx" "$OUT" --version "${PHI_MODEL_VERSION:-$(date -u +%Y.%m.%d)}" \
  --window "$WINDOW" "${FIXTURE[@]}"
cp "$WORK/metrics.json" "$OUT/metrics.json"
$PY write_card.py "$WORK" "$OUT" "$SHIP"
step "done"
