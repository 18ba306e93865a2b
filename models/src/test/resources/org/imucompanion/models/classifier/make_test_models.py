#!/usr/bin/python3
"""Generates the tiny ONNX models and reference outputs used by the classifier tests.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx 1.12), from anywhere:

    /usr/bin/python3 models/src/test/resources/org/imucompanion/models/classifier/make_test_models.py

It builds the networks and writes the contract with the training recipe's own code
(models/training/networks.py and onnx_contract.py), so the tests exercise exactly what
the recipe ships. The outputs are committed next to this script:

  tiny_good.onnx            CNN-LSTM, window 20 x 6 channels -> 4 classes, valid contract
  tiny_good.onnx.sha256     its SHA-256, in sha256sum format
  tiny_good_reference.txt   unnormalized input windows and PyTorch's probabilities for them
  tiny_wrong_channels.onnx  network takes 9 channels, contract lists 6
  tiny_wrong_window.onnx    network takes 30 steps, contract says 20
  tiny_wrong_classes.onnx   network returns 5 classes, contract lists 4
  tiny_no_metadata.onnx     valid network, no contract at all
  tiny_bad_metadata.onnx    contract with 5 norm_std values for 6 channels
  tiny_label_delay.onnx     valid contract of a look-ahead model (imu.label_delay_s 0.5)
  tiny_phase.onnx           repetition-phase model (imu.task repetition_phase, classes none,
                            firstHalf, secondHalf, pause; hop 1; look-ahead 0.3 s), random
                            weights, on the shipped Exermote model's channels, window and
                            pipeline (read from its contract), so it can run beside it;
                            it names Exermote subjects 1-4 as its training subjects (it learnt
                            nothing), so evaluate --phase-loso accepts it for other subjects;
                            copied to the app's test resources for EvaluateCommandIT
  corrupt.onnx              the first half of tiny_good.onnx

The models a load must refuse (out-of-bounds contract values, NaN outputs, external data) are
derived from tiny_good.onnx by make_refused_models.py, which needs python3-onnx only.
"""

import hashlib
import os
import shutil
import sys

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "..", "..", "training"))
sys.path.insert(0, TRAINING)
SHIPPED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "..", "main",
                                        "resources", "org", "imucompanion", "models", "default",
                                        "exermote-cnn-lstm.onnx"))

from networks import ProbabilityHead, build_network  # noqa: E402
from onnx_contract import contract_metadata, export_onnx  # noqa: E402

CLASSES = ["Burpee", "Squat", "Situp", "Rest"]
PHASES = ["none", "firstHalf", "secondHalf", "pause"]
CHANNELS = ["gravity_x", "gravity_y", "gravity_z", "gyro_x", "gyro_y", "gyro_z"]
WINDOW = 20
HOP = 5
MEAN = [0.1, -0.7, 0.2, 0.01, -0.02, 0.03]
STD = [0.3, 0.25, 0.4, 1.2, 0.9, 1.5]
# The streaming pipeline's own settings (PipelineSettings.toMetadata), which a load checks:
# 10 Hz, window 20, hop 5, a 3 Hz low-pass. make_refused_models.py writes the same.
PIPELINE = {
    "format_version": "1", "input_rate_hz": "10.0", "target_rate_hz": "10.0",
    "low_pass_hz": "3.0", "low_pass_order": "4", "emg_band_low_hz": "20.0",
    "emg_band_high_hz": "90.0", "emg_band_order": "2", "emg_envelope_hz": "5.0",
    "orientation_gain": "0.1", "gap_limit_s": "0.5", "window": str(WINDOW), "hop": str(HOP),
    "channels": ",".join(CHANNELS),
}


def tiny(channels, classes, seed):
    torch.manual_seed(seed)
    net = build_network("cnn-lstm", channels, classes, width=8, hidden=8)
    # Non-trivial batch-norm statistics, so a wrong constant folding would show.
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm1d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
    return ProbabilityHead(net).eval()


def metadata(**overrides):
    args = dict(classes=CLASSES, channels=CHANNELS, sample_rate_hz=10.0, window=WINDOW, hop=HOP,
                mean=MEAN, std=STD, model_version="tiny-test-1",
                training_data="none: random weights for tests",
                pipeline_settings=PIPELINE,
                rest_class="Rest")
    args.update(overrides)
    return contract_metadata(**args)


def path(name):
    return os.path.join(HERE, name)


# The app module's tests see only their own resources.
APP_CLI_RESOURCES = os.path.join(HERE, *[".."] * 8, "app", "src", "test", "resources", "org",
                                 "imucompanion", "app", "cli")


def main():
    torch.set_num_threads(1)
    good = tiny(len(CHANNELS), len(CLASSES), seed=7)
    export_onnx(good, path("tiny_good.onnx"), WINDOW, len(CHANNELS), metadata())

    rng = np.random.default_rng(11)
    n = 5
    raw = (rng.normal(size=(n, WINDOW, len(CHANNELS))) * np.array(STD) * 1.5
           + np.array(MEAN)).astype(np.float32)
    normalized = ((raw.astype(np.float64) - np.array(MEAN)) / np.array(STD)).astype(np.float32)
    with torch.no_grad():
        probs = good(torch.from_numpy(normalized)).numpy()
    with open(path("tiny_good_reference.txt"), "w") as f:
        f.write("# Generated by make_test_models.py: unnormalized windows (time-major rows of\n")
        f.write("# channels, flattened) and tiny_good.onnx's PyTorch probabilities for them.\n")
        f.write(f"shape {n} {WINDOW} {len(CHANNELS)} {len(CLASSES)}\n")
        for i in range(n):
            f.write("in " + " ".join(repr(float(v)) for v in raw[i].reshape(-1)) + "\n")
            f.write("out " + " ".join(repr(float(v)) for v in probs[i]) + "\n")

    export_onnx(tiny(9, len(CLASSES), seed=8), path("tiny_wrong_channels.onnx"), WINDOW, 9, metadata())
    export_onnx(tiny(len(CHANNELS), len(CLASSES), seed=9), path("tiny_wrong_window.onnx"), 30,
                len(CHANNELS), metadata())
    export_onnx(tiny(len(CHANNELS), 5, seed=10), path("tiny_wrong_classes.onnx"), WINDOW,
                len(CHANNELS), metadata())
    export_onnx(good, path("tiny_no_metadata.onnx"), WINDOW, len(CHANNELS), None)
    bad = metadata()
    bad["imu.norm_std"] = ",".join(repr(s) for s in STD[:5])
    export_onnx(good, path("tiny_bad_metadata.onnx"), WINDOW, len(CHANNELS), bad)
    export_onnx(good, path("tiny_label_delay.onnx"), WINDOW, len(CHANNELS),
                metadata(label_delay_s=0.5))

    shipped = {p.key: p.value for p in onnx.load(SHIPPED).metadata_props}
    channels = shipped["imu.channels"].split(",")
    window = int(shipped["imu.window"])
    pipeline = {k[len("imu.pipeline."):]: v for k, v in shipped.items()
                if k.startswith("imu.pipeline.")}
    pipeline["hop"] = "1"
    export_onnx(tiny(len(channels), len(PHASES), seed=12), path("tiny_phase.onnx"), window,
                len(channels),
                metadata(classes=PHASES, channels=channels, window=window, hop=1,
                         mean=[float(v) for v in shipped["imu.norm_mean"].split(",")],
                         std=[float(v) for v in shipped["imu.norm_std"].split(",")],
                         pipeline_settings=pipeline, rest_class=None, label_delay_s=0.3,
                         task="repetition_phase", model_version="tiny-phase-1",
                         training_subjects=["1", "2", "3", "4"]))
    os.makedirs(APP_CLI_RESOURCES, exist_ok=True)
    shutil.copyfile(path("tiny_phase.onnx"), os.path.join(APP_CLI_RESOURCES, "tiny_phase.onnx"))

    with open(path("tiny_good.onnx"), "rb") as f:
        data = f.read()
    with open(path("tiny_good.onnx.sha256"), "w") as f:
        f.write(hashlib.sha256(data).hexdigest() + "  tiny_good.onnx\n")
    with open(path("corrupt.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
