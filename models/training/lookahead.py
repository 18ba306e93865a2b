#!/usr/bin/python3
"""Per-step macro-F1 of LOSO predictions when the label may wait for future windows.

A causal label for time t uses only windows ending at or before t. Letting it wait L seconds
(look-ahead) trades delay for accuracy; the issue asks to report both and to count any
look-ahead as label delay. For each L this prints the macro-F1 of:
  - shift:    the class of the window ending at t + L (the newest window when the label is shown),
  - centred:  the arg-max of the probabilities averaged over windows ending in [t - L, t + L].
Both are scored against the truth at t; windows without a future within the session keep their
last available estimate.

    /usr/bin/python3 lookahead.py loso_predictions_<tag>.csv HOP_SECONDS [MAX_SECONDS]
"""

import sys

import numpy as np


def macro_f1(y, p, k):
    f1 = []
    for c in range(k):
        actual = y == c
        if not actual.any():
            continue
        tp = np.sum(actual & (p == c))
        pred = np.sum(p == c)
        precision = tp / pred if pred else 0.0
        recall = tp / actual.sum()
        f1.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(f1))


def main():
    path, hop = sys.argv[1], float(sys.argv[2])
    max_s = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    order = np.argsort(data[:, 1], kind="stable")  # window index: sessions in time order
    data = data[order]
    session, y, probs = data[:, 3].astype(int), data[:, 5].astype(int), data[:, 7:]
    k = probs.shape[1]
    print(f"{path}: {len(y)} windows, classes {[h[2:] for h in header[7:]]}, hop {hop} s")
    print("| look-ahead (added label delay) | macro-F1, shift | macro-F1, centred average |")
    print("|---|---|---|")
    for steps in range(0, int(round(max_s / hop)) + 1):
        shifted = np.empty(len(y), dtype=int)
        centred = np.empty(len(y), dtype=int)
        for s in np.unique(session):
            idx = np.flatnonzero(session == s)
            p = probs[idx]
            n = len(idx)
            later = np.minimum(np.arange(n) + steps, n - 1)
            shifted[idx] = p[later].argmax(axis=1)
            c = np.cumsum(np.vstack([np.zeros((1, k)), p]), axis=0)
            lo = np.maximum(np.arange(n) - steps, 0)
            hi = np.minimum(np.arange(n) + steps, n - 1) + 1
            centred[idx] = ((c[hi] - c[lo]) / (hi - lo)[:, None]).argmax(axis=1)
        print(f"| {steps * hop:.1f} s | {macro_f1(y, shifted, k):.4f} | {macro_f1(y, centred, k):.4f} |")


if __name__ == "__main__":
    main()
