#!/usr/bin/python3
"""Derives, from tiny_good.onnx, the models a load must refuse (issue 20, points 6 to 8).

Needs only Debian's python3-onnx (1.12), not torch: every file is tiny_good.onnx with its
contract metadata or a few graph nodes changed. Run from anywhere, after make_test_models.py:

    /usr/bin/python3 models/src/test/resources/org/imucompanion/models/classifier/make_refused_models.py

It first rewrites the imu.pipeline.* settings of make_test_models.py's tiny models to the
streaming pipeline's own format (PipelineSettings.toMetadata: 10 Hz, window 20, hop 5, a 3 Hz
low-pass), which make_test_models.py now writes too, so that they pass the load-time check of
the pipeline settings; weights and graphs are untouched (tiny_good_reference.txt stays valid),
and tiny_good.onnx.sha256 is rewritten. Then it writes, next to this script and copied to the
app's test resources (org/imucompanion/app/cli) for the classify, evaluate and Models view tests:

  tiny_rate_1e9.onnx             imu.sample_rate_hz 1e9 (and the pipeline's target rate)
  tiny_unknown_channel.onnx      imu.channels names gyro_w, no channel the pipeline knows
  tiny_lowpass_nyquist.onnx      imu.pipeline.low_pass_hz 6.0 at 10 Hz: above Nyquist (5 Hz)
  tiny_huge_window.onnx          imu.window 2000000000 (and the pipeline's window)
  tiny_nan.onnx                  valid contract; every output multiplied by NaN
  tiny_nan_live.onnx             valid contract; outputs + 0 * sqrt(0.5 - max(normalized window)):
                                 finite on the all-mean reference window (max about 0), NaN on
                                 any window with a value half a std above its channel's mean,
                                 i.e. on almost every live window
  tiny_external_traversal.onnx   initializer net.head.bias's data in "../../../../etc/passwd"
  tiny_external_absolute.onnx    initializer net.head.bias's data in "/etc/services"
  tiny_external_in_constant.onnx a Constant node's tensor attribute with its data in "weights.bin"
                                 (the scan must look inside nodes, not only initializers)
"""

import hashlib
import math
import os
import shutil

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
APP_CLI_RESOURCES = os.path.join(HERE, *[".."] * 8, "app", "src", "test", "resources", "org",
                                 "imucompanion", "app", "cli")
APP_MODELS_RESOURCES = os.path.join(APP_CLI_RESOURCES, "..", "ui", "models")

CHANNELS = "gravity_x,gravity_y,gravity_z,gyro_x,gyro_y,gyro_z"
# As org.imucompanion.models.pipeline.PipelineSettings.toMetadata() writes them (Double.toString).
PIPELINE = {
    "format_version": "1", "input_rate_hz": "10.0", "target_rate_hz": "10.0",
    "low_pass_hz": "3.0", "low_pass_order": "4", "emg_band_low_hz": "20.0",
    "emg_band_high_hz": "90.0", "emg_band_order": "2", "emg_envelope_hz": "5.0",
    "orientation_gain": "0.1", "gap_limit_s": "0.5", "window": "20", "hop": "5",
    "channels": CHANNELS,
}
TINY_WITH_CONTRACT = ["tiny_good.onnx", "tiny_wrong_channels.onnx", "tiny_wrong_window.onnx",
                      "tiny_wrong_classes.onnx", "tiny_bad_metadata.onnx",
                      "tiny_label_delay.onnx"]


def path(name):
    return os.path.join(HERE, name)


def metadata_of(model):
    return {p.key: p.value for p in model.metadata_props}


def set_metadata(model, metadata):
    del model.metadata_props[:]
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value


def with_pipeline(metadata):
    out = {k: v for k, v in metadata.items() if not k.startswith("imu.pipeline.")}
    out.update({"imu.pipeline." + k: v for k, v in PIPELINE.items()})
    return out


def save(model, name, check=True):
    if check:
        onnx.checker.check_model(model)
    # save_as_external_data=False: a tensor already marked EXTERNAL stays a reference, nothing
    # is written beside the file.
    onnx.save(model, path(name))
    shutil.copyfile(path(name), os.path.join(APP_CLI_RESOURCES, name))


def good():
    return onnx.load(path("tiny_good.onnx"))


def variant(name, **changes):
    model = good()
    meta = metadata_of(model)
    for key, value in changes.items():
        meta[key.replace("__", ".")] = value
    set_metadata(model, meta)
    save(model, name)


def output_through(model, build):
    """Renames the graph output and lets build() add nodes from it back to the old name."""
    out = model.graph.output[0].name
    for node in model.graph.node:
        for i, o in enumerate(node.output):
            if o == out:
                node.output[i] = "p0"
    build(model.graph, model.graph.input[0].name, "p0", out)


def nan_model():
    model = good()

    def build(graph, x, p, out):
        graph.initializer.append(helper.make_tensor("nan", TensorProto.FLOAT, [], [math.nan]))
        graph.node.append(helper.make_node("Mul", [p, "nan"], [out]))

    output_through(model, build)
    save(model, "tiny_nan.onnx")


def nan_live_model():
    model = good()

    def build(graph, x, p, out):
        graph.initializer.append(helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]))
        graph.initializer.append(helper.make_tensor("half", TensorProto.FLOAT, [], [0.5]))
        graph.node.extend([
            helper.make_node("ReduceMax", [x], ["max_t"], axes=[1], keepdims=0),
            helper.make_node("ReduceMax", ["max_t"], ["max_all"], axes=[1], keepdims=1),
            helper.make_node("Sub", ["half", "max_all"], ["headroom"]),
            helper.make_node("Sqrt", ["headroom"], ["root"]),
            helper.make_node("Mul", ["root", "zero"], ["nothing_or_nan"]),
            helper.make_node("Add", [p, "nothing_or_nan"], [out]),
        ])

    output_through(model, build)
    save(model, "tiny_nan_live.onnx")


def external_initializer(name, location):
    model = good()
    tensor = next(t for t in model.graph.initializer if t.name == "net.head.bias")
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key = "location"
    entry.value = location
    # The checker would open the location itself: not checked, on purpose.
    save(model, name, check=False)


def external_in_constant():
    model = good()

    def build(graph, x, p, out):
        tensor = helper.make_tensor("offset", TensorProto.FLOAT, [1], [0.0])
        tensor.ClearField("float_data")
        tensor.data_location = TensorProto.EXTERNAL
        entry = tensor.external_data.add()
        entry.key = "location"
        entry.value = "weights.bin"
        graph.node.extend([
            helper.make_node("Constant", [], ["offset"], value=tensor),
            helper.make_node("Add", [p, "offset"], [out]),
        ])

    output_through(model, build)
    save(model, "tiny_external_in_constant.onnx", check=False)


def main():
    os.makedirs(APP_CLI_RESOURCES, exist_ok=True)
    for name in TINY_WITH_CONTRACT:
        model = onnx.load(path(name))
        set_metadata(model, with_pipeline(metadata_of(model)))
        onnx.save(model, path(name))
    shutil.copyfile(path("tiny_wrong_channels.onnx"),
                    os.path.join(APP_MODELS_RESOURCES, "tiny_wrong_channels.onnx"))
    with open(path("tiny_good.onnx"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(path("tiny_good.onnx.sha256"), "w") as f:
        f.write(digest + "  tiny_good.onnx\n")

    variant("tiny_rate_1e9.onnx", imu__sample_rate_hz="1e9",
            imu__pipeline__target_rate_hz="1.0E9")
    variant("tiny_unknown_channel.onnx", imu__channels=CHANNELS.replace("gyro_z", "gyro_w"),
            imu__pipeline__channels=CHANNELS.replace("gyro_z", "gyro_w"))
    variant("tiny_lowpass_nyquist.onnx", imu__pipeline__low_pass_hz="6.0")
    variant("tiny_huge_window.onnx", imu__window="2000000000",
            imu__pipeline__window="2000000000")
    nan_model()
    nan_live_model()
    external_initializer("tiny_external_traversal.onnx", "../../../../etc/passwd")
    external_initializer("tiny_external_absolute.onnx", "/etc/services")
    external_in_constant()


if __name__ == "__main__":
    main()
