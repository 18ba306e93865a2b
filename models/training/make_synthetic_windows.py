#!/usr/bin/python3
"""Writes a small synthetic windows directory in the format the Java export produces.

For proving the recipe runs end to end without the (unlicensed) datasets: each class is a
different movement (frequency, axis, amplitude) plus per-subject offsets and noise, so a network
can learn it but a subject-wise split still matters.

    /usr/bin/python3 make_synthetic_windows.py OUT_DIR [--subjects 4] [--per-class 60]
"""

import argparse
import json
import os

import numpy as np

CLASSES = ["Burpee", "Squat", "Situp", "Rest"]
CHANNELS = ["gravity_x", "gravity_y", "gravity_z", "lin_acc_x", "lin_acc_y", "lin_acc_z",
            "gyro_x", "gyro_y", "gyro_z"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--subjects", type=int, default=4)
    ap.add_argument("--per-class", type=int, default=60)
    ap.add_argument("--window", type=int, default=30)
    ap.add_argument("--rate", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    t = np.arange(args.window) / args.rate
    xs, ys, subjects, sessions, t_ends, phases = [], [], [], [], [], []
    for s in range(1, args.subjects + 1):
        offset = rng.normal(scale=0.1, size=len(CHANNELS))
        tempo = rng.uniform(0.8, 1.2)
        for k, _ in enumerate(CLASSES):
            for i in range(args.per_class):
                phase = rng.uniform(0, 2 * np.pi)
                w = np.zeros((args.window, len(CHANNELS)))
                w[:, 1] = -1.0  # gravity along -y, as a phone on the arm
                if k < 3:
                    f = (0.4, 0.6, 0.3)[k] * tempo
                    axis = (3, 4, 5)[k]
                    w[:, axis] += (0.8, 0.4, 0.5)[k] * np.sin(2 * np.pi * f * t + phase)
                    w[:, 6 + k] += 1.5 * np.cos(2 * np.pi * f * t + phase)
                    w[:, k] += 0.3 * np.sin(2 * np.pi * f * t + phase)
                w += offset + rng.normal(scale=0.08, size=w.shape)
                xs.append(w.astype(np.float32))
                ys.append(k)
                # Repetition phase of the last step: the half of the movement's cycle it is in
                # (0 at rest), as the Java export writes y_phase.
                cycle = (2 * np.pi * (0.4, 0.6, 0.3)[min(k, 2)] * tempo * t[-1] + phase) % (2 * np.pi)
                phases.append(0 if k == 3 else 1 if cycle < np.pi else 2)
                subjects.append(s)
                sessions.append(s * 10 + k)  # one session per subject and class, in time order
                t_ends.append(i / args.rate)  # hop of one sample
    os.makedirs(args.out, exist_ok=True)
    np.savez(os.path.join(args.out, "windows.npz"), x=np.stack(xs), y=np.array(ys, np.int32),
             subject=np.array(subjects, np.int32), session=np.array(sessions, np.int32),
             t_end=np.array(t_ends, np.float64), y_phase=np.array(phases, np.int32))
    meta = {"classes": CLASSES, "channels": CHANNELS, "sample_rate_hz": args.rate,
            "window": args.window, "hop": 1, "pipeline": ["source=synthetic"],
            "y_phase": {"0": "none", "1": "firstHalf", "2": "secondHalf", "3": "pause"},
            "dataset": f"synthetic: {args.subjects} subjects x {len(CLASSES)} classes x {args.per_class} windows",
            "counts": {"windows": len(ys)}}
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)


if __name__ == "__main__":
    main()
