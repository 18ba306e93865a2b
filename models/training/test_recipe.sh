#!/bin/sh
# Proves the recipe runs end to end, quickly, without any dataset: synthetic windows in the
# export format, every architecture for 2 epochs, the final export, and a check that the exported
# file carries a contract the Java reader accepts (same keys, see MODEL_CONTRACT.md).
# usage: models/training/test_recipe.sh [WORK_DIR]   (default: a fresh temp directory)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-/usr/bin/python3}
WORK=${1:-$(mktemp -d)}
"$PY" "$HERE/make_synthetic_windows.py" "$WORK/windows" --subjects 3 --per-class 30
EPOCHS=2 NAME=synthetic "$HERE/run_recipe.sh" "$WORK/windows" "$WORK/out" 2>&1 | grep -v -i warning
"$PY" - "$WORK/out/synthetic.onnx" <<'PY'
import sys
import onnx
meta = {p.key: p.value for p in onnx.load(sys.argv[1]).metadata_props}
required = ["imu.contract_version", "imu.model_version", "imu.classes", "imu.sample_rate_hz",
            "imu.window", "imu.hop", "imu.channels", "imu.norm_mean", "imu.norm_std",
            "imu.training_data"]
missing = [k for k in required if k not in meta]
assert not missing, f"contract keys missing: {missing}"
assert len(meta["imu.norm_std"].split(",")) == len(meta["imu.channels"].split(","))
print("recipe OK:", sys.argv[1], meta["imu.model_version"])
PY
# The repetition-phase target: fold models whose contract says what they are.
"$PY" "$HERE/train.py" loso --windows "$WORK/windows" --out "$WORK/phase" --epochs 1 \
  --target phase --label-lag 3 --fold-models "$WORK/phase/folds" --hold-out 1 2>&1 | grep -v -i warning
"$PY" - "$WORK/phase/folds/fold-1.onnx" <<'PY'
import sys
import onnx
meta = {p.key: p.value for p in onnx.load(sys.argv[1]).metadata_props}
assert meta["imu.task"] == "repetition_phase", meta.get("imu.task")
assert meta["imu.classes"] == "none,firstHalf,secondHalf,pause", meta["imu.classes"]
assert abs(float(meta["imu.label_delay_s"]) - 0.3) < 1e-9, meta["imu.label_delay_s"]
assert "imu.rest_class" not in meta
print("phase target OK:", sys.argv[1], meta["imu.model_version"])
PY
# Virtual-athlete windows: one export per fold in loso (named with {held_out}), refused without.
"$PY" "$HERE/make_synthetic_windows.py" "$WORK/virtual-1" --subjects 2 --per-class 10 --seed 7
if "$PY" "$HERE/train.py" loso --windows "$WORK/windows" --out "$WORK/phase-v" --epochs 1 \
    --target phase --synthetic-train-windows "$WORK/virtual-1" --hold-out 1 \
    > "$WORK/refused.txt" 2>&1; then
  echo "loso took one virtual-athlete export for every fold"; exit 1
fi
grep -q "held_out" "$WORK/refused.txt"
"$PY" "$HERE/train.py" loso --windows "$WORK/windows" --out "$WORK/phase-v" --epochs 1 \
  --target phase --label-lag 3 --synthetic-train-windows "$WORK/virtual-{held_out}" \
  --fold-models "$WORK/phase-v/folds" --hold-out 1 2>&1 | grep -v -i warning
"$PY" - "$WORK/phase-v/folds/fold-1.onnx" <<'PY'
import sys
import onnx
meta = {p.key: p.value for p in onnx.load(sys.argv[1]).metadata_props}
assert "virtual-athlete windows" in meta["imu.training_data"], meta["imu.training_data"]
print("virtual-athlete windows OK:", sys.argv[1])
PY
