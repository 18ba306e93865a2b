#!/bin/sh
# The whole training recipe in one command:
#   1. export windows with the Java streaming pipeline (the same code the app runs live); for
#      Exermote also a second export fed only accel+gyro, so gravity and linear acceleration come
#      from the orientation filter as on a wristband,
#   2. leave-one-subject-out evaluation of every architecture (ablation table); the final
#      architecture is also trained on both exports and scored on each,
#   3. train the final model on all subjects and export it as ONNX with its contract.
#
# usage: models/training/run_recipe.sh DATASET_DIR OUT_DIR [FORMAT]
#   DATASET_DIR  recordings (e.g. ../shared/datasets/exermote), or an already exported windows
#                directory (one holding windows.npz + meta.json), which skips step 1
#   OUT_DIR      where windows/, loso/, ablation.md and the model go
#   FORMAT       dataset format for the export: exermote (default) or mpu9250-wristband
# environment: EPOCHS (15), ARCHS ("rf cnn lstm gru cnn-gru cnn-lstm"), FINAL_ARCH (cnn-lstm),
#   NAME (model), THREADS (1), JAR (app/target/imu-companion.jar), PYTHON (/usr/bin/python3),
#   FILTER_CHANNELS (device channels of the second export; default accel+gyro for exermote,
#   none otherwise; "none" turns it off), ROTATE_DEG (rotation augmentation; default 180 for
#   exermote, where people wore the phone differently, 0 otherwise: a wristband sits the same
#   way on every wrist and its orientation is what tells the wristband's exercises apart),
#   EXPORT (jar | models: how to run the Java export; default jar when JAR exists, else models,
#   which runs the models module's WindowExporter through a test-scope main and needs
#   `mvn -pl models test-compile` done; the second export always uses models),
#   CHANNELS (comma-separated subset of the exported channels to train on; default all. The
#   mpu9250-wristband model keeps the magnetometer: without it its CNN-LSTM drops from 0.974 to
#   0.923 LOSO, see RESULTS.md)
# The final architecture's leave-one-subject-out run also writes each fold's model, with its
# training subjects in the contract, as OUT_DIR/folds/fold-<subject>.onnx (for `evaluate --loso`).
set -eu

if [ $# -lt 2 ]; then
  sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
DATASET=$1
OUT=$2
FORMAT=${3:-exermote}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-15}
ARCHS=${ARCHS:-"rf cnn lstm gru cnn-gru cnn-lstm"}
FINAL_ARCH=${FINAL_ARCH:-cnn-lstm}
NAME=${NAME:-model}
THREADS=${THREADS:-1}
JAR=${JAR:-$REPO/app/target/imu-companion.jar}
if [ "$FORMAT" = exermote ]; then
  FILTER_CHANNELS=${FILTER_CHANNELS:-accel_x,accel_y,accel_z,gyro_x,gyro_y,gyro_z}
  ROTATE_DEG=${ROTATE_DEG:-180}
else
  FILTER_CHANNELS=${FILTER_CHANNELS:-none}
  ROTATE_DEG=${ROTATE_DEG:-0}
fi
CHANNEL_ARGS=
[ -n "${CHANNELS:-}" ] && CHANNEL_ARGS="--channels $CHANNELS"
mkdir -p "$OUT"

export_with_models() { # OUTPUT_DIR [DEVICE_CHANNELS]
  MODELS=$REPO/models
  if [ ! -f "$MODELS/target/test-classes/org/imucompanion/models/classifier/TrainingWindowsExport.class" ]; then
    echo "build the models module first: (cd $REPO && mvn -B -pl models test-compile)" >&2
    exit 2
  fi
  CP_FILE=$OUT/models.classpath
  [ -f "$CP_FILE" ] || (cd "$REPO" && mvn -B -q -o -pl models dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test)
  mkdir -p "$OUT/tmp"
  java -Djava.io.tmpdir="$OUT/tmp" \
    -cp "$MODELS/target/classes:$MODELS/target/test-classes:$(cat "$CP_FILE")" \
    org.imucompanion.models.classifier.TrainingWindowsExport "$FORMAT" "$DATASET" "$@"
}

FILTER_WINDOWS=
if [ -f "$DATASET/windows.npz" ]; then
  WINDOWS=$DATASET
  echo "== 1. using exported windows in $WINDOWS"
  [ -f "$DATASET/../windows-filter/windows.npz" ] && FILTER_WINDOWS=$(cd "$DATASET/../windows-filter" && pwd)
else
  WINDOWS=$OUT/windows
  CHOSEN=${EXPORT:-}
  if [ -z "$CHOSEN" ]; then
    if [ -f "$JAR" ]; then CHOSEN=jar; else CHOSEN=models; fi
  fi
  echo "== 1. exporting windows from $DATASET ($FORMAT) with the Java pipeline ($CHOSEN)"
  if [ "$CHOSEN" = jar ]; then
    if ! java -jar "$JAR" train-data --dataset "$DATASET" --format "$FORMAT" --output "$WINDOWS"; then
      if [ -n "${EXPORT:-}" ]; then exit 3; fi
      echo "   the app's train-data failed; exporting with the models module's exporter instead"
      export_with_models "$WINDOWS"
    fi
  else
    export_with_models "$WINDOWS"
  fi
  if [ "$FILTER_CHANNELS" != none ]; then
    FILTER_WINDOWS=$OUT/windows-filter
    echo "== 1b. exporting again from $FILTER_CHANNELS only (orientation-filter path)"
    export_with_models "$FILTER_WINDOWS" "$FILTER_CHANNELS"
  fi
fi

echo "== 2. leave-one-subject-out: $ARCHS"
for ARCH in $ARCHS; do
  FOLDS=
  if [ "$ARCH" = "$FINAL_ARCH" ] && [ -z "$FILTER_WINDOWS" ]; then FOLDS="--fold-models $OUT/folds"; fi
  "$PY" "$HERE/train.py" loso --windows "$WINDOWS" --out "$OUT/loso" --arch "$ARCH" \
    --epochs "$EPOCHS" --threads "$THREADS" --rotate-deg "$ROTATE_DEG" $CHANNEL_ARGS $FOLDS
done
BOTH=
if [ -n "$FILTER_WINDOWS" ]; then
  BOTH="--extra-train-windows $FILTER_WINDOWS"
  "$PY" "$HERE/train.py" loso --windows "$WINDOWS" --out "$OUT/loso" --arch "$FINAL_ARCH" \
    --epochs "$EPOCHS" --threads "$THREADS" --rotate-deg "$ROTATE_DEG" $BOTH \
    --test-windows "$FILTER_WINDOWS" --tag both $CHANNEL_ARGS --fold-models "$OUT/folds"
fi
"$PY" "$HERE/ablation_table.py" "$OUT/loso" > "$OUT/ablation.md"
cat "$OUT/ablation.md"

echo "== 3. final $FINAL_ARCH model on every subject"
"$PY" "$HERE/train.py" final --windows "$WINDOWS" --out "$OUT" --arch "$FINAL_ARCH" \
  --epochs "$EPOCHS" --threads "$THREADS" --rotate-deg "$ROTATE_DEG" --name "$NAME" $BOTH $CHANNEL_ARGS \
  --extra-train-windows-label "the orientation filter ($FILTER_CHANNELS only)"
