"""Writes a model's contract into its ONNX file (see MODEL_CONTRACT.md).

torch 1.13's exporter cannot write custom metadata, so the network is exported
first and the contract is added afterwards as `metadata_props` with python3-onnx.
The Java side (org.imucompanion.models.classifier.ModelContract) reads exactly
these keys; keep both in step with MODEL_CONTRACT.md.
"""

import onnx
import torch

CONTRACT_VERSION = 1
PREFIX = "imu."
INPUT_NAME = "window"
OUTPUT_NAME = "probabilities"


def _floats(values):
    # repr() of a Python float round-trips exactly through Java's Double.parseDouble.
    return ",".join(repr(float(v)) for v in values)


def _names(values, what):
    for v in values:
        if not v or "," in v or v != v.strip():
            raise ValueError(f"{what} name {v!r} must be non-empty, without commas or surrounding spaces")
    return ",".join(values)


def contract_metadata(classes, channels, sample_rate_hz, window, hop, mean, std,
                      model_version, training_data, pipeline_settings=None,
                      rest_class=None, output="probabilities", training_subjects=None,
                      label_delay_s=0.0, task="exercise"):
    """Returns the metadata key/value strings for a contract.

    `training_subjects` (dataset subject ids) lets an evaluation refuse to score a model on a
    subject it was trained on, e.g. the per-fold models of a leave-one-subject-out run."""
    if len(mean) != len(channels) or len(std) != len(channels):
        raise ValueError("one mean and one std per channel")
    if any(not s > 0 for s in std):
        raise ValueError("every std must be > 0")
    meta = {
        PREFIX + "contract_version": str(CONTRACT_VERSION),
        PREFIX + "model_version": model_version,
        PREFIX + "classes": _names(classes, "class"),
        PREFIX + "channels": _names(channels, "channel"),
        PREFIX + "sample_rate_hz": repr(float(sample_rate_hz)),
        PREFIX + "window": str(int(window)),
        PREFIX + "hop": str(int(hop)),
        PREFIX + "norm_mean": _floats(mean),
        PREFIX + "norm_std": _floats(std),
        PREFIX + "output": output,
        PREFIX + "training_data": training_data,
        PREFIX + "task": task,
    }
    if rest_class is not None:
        if rest_class not in classes:
            raise ValueError(f"rest class {rest_class!r} is not one of {classes}")
        meta[PREFIX + "rest_class"] = rest_class
    if label_delay_s:
        # Trained with a look-ahead: the output describes the moment this long before the
        # window's last sample. Absent means 0 (causal), so older readers stay right for causal models.
        meta[PREFIX + "label_delay_s"] = repr(float(label_delay_s))
    if training_subjects is not None:
        meta[PREFIX + "training.subjects"] = _names([str(v) for v in training_subjects], "subject")
    for key, value in sorted((pipeline_settings or {}).items()):
        meta[PREFIX + "pipeline." + key] = str(value)
    return meta


def write_metadata(onnx_path, metadata):
    """Replaces the custom metadata of an ONNX file with `metadata`."""
    model = onnx.load(onnx_path)
    del model.metadata_props[:]
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    onnx.checker.check_model(model)
    onnx.save(model, onnx_path)


def export_onnx(prob_model, onnx_path, window, channels, metadata=None, dynamic_time=False):
    """Exports a probability-returning network (opset 17, dynamic batch axis)."""
    prob_model.eval()
    example = torch.zeros(1, window, channels, dtype=torch.float32)
    axes = {INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}}
    if dynamic_time:
        axes[INPUT_NAME][1] = "time"
    with torch.no_grad():
        torch.onnx.export(prob_model, example, onnx_path, opset_version=17,
                          input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                          dynamic_axes=axes, do_constant_folding=True)
    if metadata is not None:
        write_metadata(onnx_path, metadata)
