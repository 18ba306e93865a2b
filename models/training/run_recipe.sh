#!/bin/sh
# The whole training recipe in one command:
#   1. export windows with the Java streaming pipeline (the same code the app runs live),
#   2. leave-one-subject-out evaluation of every architecture (ablation table),
#   3. train the final model on all subjects and export it as ONNX with its contract.
#
# usage: models/training/run_recipe.sh DATASET_DIR OUT_DIR [FORMAT]
#   DATASET_DIR  recordings (e.g. ../shared/datasets/exermote), or an already exported windows
#                directory (one holding windows.npz + meta.json), which skips step 1
#   OUT_DIR      where windows/, loso/, ablation.md and the model go
#   FORMAT       dataset format for the export: exermote (default) or mpu9250-wristband
# environment: EPOCHS (30), ARCHS ("rf cnn lstm gru cnn-gru cnn-lstm"), FINAL_ARCH (cnn-lstm),
#   NAME (model), THREADS (1), JAR (app/target/imu-companion.jar), PYTHON (/usr/bin/python3),
#   EXPORT (jar | models: how to run the Java export; default jar when JAR exists, else models,
#   which runs the models module's WindowExporter through a test-scope main and needs
#   `mvn -pl models test-compile` done and Maven to print the class path)
set -eu

if [ $# -lt 2 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
DATASET=$1
OUT=$2
FORMAT=${3:-exermote}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-30}
ARCHS=${ARCHS:-"rf cnn lstm gru cnn-gru cnn-lstm"}
FINAL_ARCH=${FINAL_ARCH:-cnn-lstm}
NAME=${NAME:-model}
THREADS=${THREADS:-1}
JAR=${JAR:-$REPO/app/target/imu-companion.jar}
mkdir -p "$OUT"

if [ -f "$DATASET/windows.npz" ]; then
  WINDOWS=$DATASET
  echo "== 1. using exported windows in $WINDOWS"
else
  WINDOWS=$OUT/windows
  if [ -f "$JAR" ]; then EXPORT=${EXPORT:-jar}; else EXPORT=${EXPORT:-models}; fi
  echo "== 1. exporting windows from $DATASET ($FORMAT) with the Java pipeline ($EXPORT)"
  if [ "$EXPORT" = jar ]; then
    java -jar "$JAR" train-data --dataset "$DATASET" --format "$FORMAT" --output "$WINDOWS"
  else
    MODELS=$REPO/models
    if [ ! -f "$MODELS/target/test-classes/org/imucompanion/models/classifier/TrainingWindowsExport.class" ]; then
      echo "build the models module first: (cd $REPO && mvn -B -pl models test-compile)" >&2
      exit 2
    fi
    CP_FILE=$OUT/models.classpath
    (cd "$REPO" && mvn -B -q -o -pl models dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test)
    mkdir -p "$OUT/tmp"
    java -Djava.io.tmpdir="$OUT/tmp" \
      -cp "$MODELS/target/classes:$MODELS/target/test-classes:$(cat "$CP_FILE")" \
      org.imucompanion.models.classifier.TrainingWindowsExport "$FORMAT" "$DATASET" "$WINDOWS"
  fi
fi

echo "== 2. leave-one-subject-out: $ARCHS"
for ARCH in $ARCHS; do
  "$PY" "$HERE/train.py" loso --windows "$WINDOWS" --out "$OUT/loso" --arch "$ARCH" \
    --epochs "$EPOCHS" --threads "$THREADS"
done
"$PY" "$HERE/ablation_table.py" "$OUT/loso" > "$OUT/ablation.md"
cat "$OUT/ablation.md"

echo "== 3. final $FINAL_ARCH model on every subject"
"$PY" "$HERE/train.py" final --windows "$WINDOWS" --out "$OUT" --arch "$FINAL_ARCH" \
  --epochs "$EPOCHS" --threads "$THREADS" --name "$NAME"
