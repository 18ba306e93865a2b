"""Reads a windows directory exported by the Java pipeline (see WINDOWS_FORMAT.md).

A directory holds `windows.npz` (x float32 [N,T,C] unnormalized, y int32 [N] = label of each
window's last step, subject int32 [N], session int32 [N], t_end float64 [N], optionally y_phase)
and `meta.json` (classes, channels, sample_rate_hz, window, hop, pipeline settings, dataset
description, counts).
"""

import json
import os
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Windows:
    x: np.ndarray
    y: np.ndarray
    subject: np.ndarray
    session: np.ndarray
    t_end: np.ndarray
    classes: list
    channels: list
    sample_rate_hz: float
    window: int
    hop: int
    pipeline: dict = field(default_factory=dict)
    description: str = ""
    rest_class: str = None
    y_phase: np.ndarray = None
    phase_classes: list = None

    def _with(self, **changes):
        fields = dict(x=self.x, y=self.y, subject=self.subject, session=self.session,
                      t_end=self.t_end, classes=self.classes, channels=self.channels,
                      sample_rate_hz=self.sample_rate_hz, window=self.window, hop=self.hop,
                      pipeline=self.pipeline, description=self.description,
                      rest_class=self.rest_class, y_phase=self.y_phase,
                      phase_classes=self.phase_classes)
        fields.update(changes)
        return Windows(**fields)

    def subset(self, mask):
        return self._with(x=self.x[mask], y=self.y[mask], subject=self.subject[mask],
                          session=self.session[mask], t_end=self.t_end[mask],
                          y_phase=None if self.y_phase is None else self.y_phase[mask])

    def phase_target(self):
        """The same windows labelled with their repetition phase (y_phase) instead of the exercise:
        what a repetition-phase model learns. No rest class: every phase code is a phase."""
        if self.y_phase is None or not self.phase_classes:
            raise ValueError("this export has no y_phase (re-export it with the Java train-data)")
        return self._with(y=self.y_phase, classes=list(self.phase_classes), rest_class=None)


    def select_channels(self, names):
        """The same windows restricted to some channels, in the given order."""
        missing = [n for n in names if n not in self.channels]
        if missing:
            raise ValueError(f"channels {missing} are not in the export {self.channels}")
        idx = [self.channels.index(n) for n in names]
        pipeline = dict(self.pipeline)
        if "channels" in pipeline:  # the pipeline then only has to produce these
            pipeline["channels"] = ",".join(names)
        return self._with(x=self.x[:, :, idx], channels=list(names), pipeline=pipeline)


def _pipeline_settings(value):
    """meta.json may hold the settings as an object or as a list of "key=value" strings."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    settings = {}
    for item in value:
        key, sep, val = str(item).partition("=")
        if not sep:
            raise ValueError(f"pipeline setting {item!r} is not key=value")
        settings[key.strip()] = val.strip()
    return settings


def _description(meta):
    for key in ("dataset", "description", "dataset_description"):
        if key in meta:
            value = meta[key]
            if isinstance(value, dict):  # the Java export: {name, description, ...}
                name, text = value.get("name", ""), value.get("description", "")
                return f"{name}: {text}" if name and text else (name or text)
            return str(value)
    return ""


def _phases(data, meta, n):
    """y_phase and its code names (meta.json's {code: name} table, codes 0..K-1), if exported."""
    if "y_phase" not in data.files or "y_phase" not in meta:
        return None, None
    y_phase = data["y_phase"].astype(np.int64)
    if y_phase.shape != (n,):
        raise ValueError(f"y_phase has shape {y_phase.shape}, expected ({n},)")
    table = {int(code): str(name) for code, name in meta["y_phase"].items()}
    if sorted(table) != list(range(len(table))):
        raise ValueError(f"y_phase codes {sorted(table)} are not 0..{len(table) - 1}")
    if n and (y_phase.min() < 0 or y_phase.max() >= len(table)):
        raise ValueError(f"y_phase values outside 0..{len(table) - 1}")
    return y_phase, [table[code] for code in range(len(table))]


def load_windows(directory):
    """Loads and checks a windows directory; raises ValueError saying what is inconsistent."""
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    data = np.load(os.path.join(directory, "windows.npz"))
    x = data["x"].astype(np.float32, copy=False)
    y = data["y"].astype(np.int64)
    n = x.shape[0]
    for name in ("y", "subject", "session", "t_end"):
        if data[name].shape != (n,):
            raise ValueError(f"{name} has shape {data[name].shape}, expected ({n},)")
    classes = list(meta["classes"])
    channels = list(meta["channels"])
    if x.ndim != 3 or x.shape[2] != len(channels):
        raise ValueError(f"x has shape {x.shape}, meta.json lists {len(channels)} channels")
    window = int(meta.get("window", x.shape[1]))
    if isinstance(meta.get("window"), dict):
        window = int(meta["window"].get("length", x.shape[1]))
    if x.shape[1] != window:
        raise ValueError(f"x has windows of {x.shape[1]} samples, meta.json says {window}")
    if n and (y.min() < 0 or y.max() >= len(classes)):
        raise ValueError(f"labels outside 0..{len(classes) - 1}")
    if not np.isfinite(x).all():
        raise ValueError("x contains NaN or infinite values")
    hop = meta.get("hop", 1)
    if isinstance(hop, dict):
        hop = hop.get("samples", 1)
    rest = meta.get("rest_class")
    if rest is None and "Rest" in classes:
        rest = "Rest"
    y_phase, phase_classes = _phases(data, meta, n)
    return Windows(x=x, y=y, subject=data["subject"].astype(np.int64),
                   session=data["session"].astype(np.int64), t_end=data["t_end"].astype(np.float64),
                   classes=classes, channels=channels,
                   sample_rate_hz=float(meta["sample_rate_hz"]), window=window, hop=int(hop),
                   pipeline=_pipeline_settings(meta.get("pipeline")),
                   description=_description(meta), rest_class=rest, y_phase=y_phase,
                   phase_classes=phase_classes)
