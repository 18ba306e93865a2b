#!/usr/bin/python3
"""Trains, evaluates (leave-one-subject-out) and exports the exercise classifier.

Input: a windows directory exported by the Java streaming pipeline (WINDOWS_FORMAT.md), so the
network sees exactly what it will see live. Python only defines, trains and exports the network.

    # leave-one-subject-out evaluation of one architecture: per-fold predictions + metrics
    /usr/bin/python3 train.py loso  --windows W --out OUT --arch cnn-lstm
    # classical baseline: random forest on window statistics (needs python3-sklearn)
    /usr/bin/python3 train.py loso  --windows W --out OUT --arch rf
    # final model on every subject, exported as ONNX with its contract in the metadata
    /usr/bin/python3 train.py final --windows W --out OUT --arch cnn-lstm

Choices, and why:
- normalization statistics (per-channel mean/std) come from the TRAINING subjects of each fold
  only, and the final model's from all training data; they go into the contract, and the Java
  classifier applies them, so callers never normalize;
- class weights (inverse frequency in the training fold) because rest dominates the recordings;
- augmentation (jitter, per-channel scaling, time-warp) because there are only a few subjects and
  people move at different tempos and intensities;
- a fixed number of epochs (no early stopping on the held-out subject: that would leak it);
- torch.set_num_threads(1) by default: the machine is shared.
"""

import argparse
import json
import os
import sys
import time

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from networks import ARCHITECTURES, ProbabilityHead, build_network  # noqa: E402
from onnx_contract import contract_metadata, export_onnx  # noqa: E402
from windows_io import load_windows  # noqa: E402

CLASSICAL = ("rf",)
# --target: what the network learns, and the contract's imu.task for it (MODEL_CONTRACT.md).
TASKS = {"exercise": "exercise", "phase": "repetition_phase"}


# ---------------------------------------------------------------- metrics (numpy only)

def confusion(y_true, y_pred, k):
    m = np.zeros((k, k), dtype=np.int64)
    np.add.at(m, (y_true, y_pred), 1)
    return m


def per_class_scores(cm):
    tp = np.diag(cm).astype(float)
    predicted = cm.sum(axis=0).astype(float)
    actual = cm.sum(axis=1).astype(float)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    return precision, recall, f1, actual


def summarize(y_true, y_pred, classes):
    cm = confusion(y_true, y_pred, len(classes))
    p, r, f1, support = per_class_scores(cm)
    present = support > 0  # macro over classes that occur, so a fold without a class isn't punished
    return {
        "accuracy": float(np.mean(y_true == y_pred)) if len(y_true) else float("nan"),
        "macro_f1": float(f1[present].mean()) if present.any() else float("nan"),
        "per_class": {c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f1[i]),
                          "support": int(support[i])} for i, c in enumerate(classes)},
        "confusion": cm.tolist(),
    }


# ---------------------------------------------------------------- augmentation

def vector_triplets(channels):
    """Indices of the x, y, z channels of each physical vector (gravity_*, lin_acc_*, gyro_* ...)."""
    groups = {}
    for i, name in enumerate(channels):
        base, _, axis = name.rpartition("_")
        if base and axis in ("x", "y", "z"):
            groups.setdefault(base, {})[axis] = i
    return [[g["x"], g["y"], g["z"]] for g in groups.values() if len(g) == 3]


def random_rotations(b, max_deg, rng):
    """b rotation matrices about uniformly random axes by angles uniform in +-max_deg."""
    axis = rng.normal(size=(b, 3))
    axis /= np.linalg.norm(axis, axis=1, keepdims=True)
    angle = np.radians(rng.uniform(-max_deg, max_deg, size=b))
    kx, ky, kz = axis[:, 0], axis[:, 1], axis[:, 2]
    zero = np.zeros(b)
    k = np.stack([np.stack([zero, -kz, ky], 1), np.stack([kz, zero, -kx], 1),
                  np.stack([-ky, kx, zero], 1)], 1)
    s, c = np.sin(angle)[:, None, None], np.cos(angle)[:, None, None]
    return np.eye(3)[None] + s * k + (1 - c) * (k @ k)  # Rodrigues


def augment(xb, rng, jitter=0.05, scale=0.1, warp=0.2, rotation=None):
    """Rotation, time-warp, per-channel scaling and jitter, on normalized windows.

    `rotation` is (max_deg, triplets, mean, std): the whole window's vectors are turned by one
    random rotation, as if the device sat differently on the arm. That acts on physical values,
    so it un-normalizes, rotates and normalizes again.
    """
    b, t, c = xb.shape
    out = xb.copy()
    if rotation is not None and rotation[0] > 0 and rotation[1]:
        max_deg, triplets, mean, std = rotation
        r = random_rotations(b, max_deg, rng)
        for idx in triplets:
            raw = out[:, :, idx] * std[idx] + mean[idx]
            out[:, :, idx] = ((np.einsum("bij,btj->bti", r, raw) - mean[idx]) / std[idx])
    # Time-warp: resample each window along a random monotone time axis ending at its last step
    # (the label is the last step's, so the end must stay put).
    warp_mask = rng.random(b) < 0.5
    if warp > 0 and warp_mask.any():
        grid = np.arange(t, dtype=np.float64)
        for i in np.flatnonzero(warp_mask):
            knots = 1.0 + rng.uniform(-warp, warp, size=4)
            speed = np.interp(np.linspace(0, 3, t), np.arange(4), knots)
            pos = np.cumsum(speed[::-1])[::-1]
            pos = (t - 1) - (pos - pos[-1])  # last sample at t-1, earlier ones spaced by speed
            pos = np.clip(pos, 0, t - 1)
            src = out[i].copy()
            for ch in range(c):
                out[i, :, ch] = np.interp(pos, grid, src[:, ch])
    out *= rng.normal(1.0, scale, size=(b, 1, c)).astype(np.float32)
    out += rng.normal(0.0, jitter, size=out.shape).astype(np.float32)
    return out


# ---------------------------------------------------------------- training

def normalization(x):
    flat = x.reshape(-1, x.shape[2]).astype(np.float64)
    mean = flat.mean(axis=0)
    std = flat.std(axis=0)
    std[std < 1e-6] = 1.0  # a constant channel: leave it unscaled rather than divide by ~0
    return mean, std


def class_weights(y, k):
    counts = np.bincount(y, minlength=k).astype(np.float64)
    w = np.where(counts > 0, counts.sum() / (k * np.maximum(counts, 1)), 0.0)
    return w


def train_network(x, y, k, args, seed, rotation=None):
    """Trains one network on normalized windows; returns it in eval mode."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = build_network(args.arch, x.shape[2], k, width=args.width, hidden=args.hidden)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, args.epochs))
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(class_weights(y, k), dtype=torch.float32))
    n = len(y)
    for epoch in range(args.epochs):
        net.train()
        order = rng.permutation(n)
        total = 0.0
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            if len(idx) < 2:
                continue  # batch norm needs more than one window
            xb = x[idx]
            if not args.no_augment:
                xb = augment(xb, rng, rotation=rotation)
            logits = net(torch.from_numpy(xb))
            loss = loss_fn(logits, torch.from_numpy(y[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        sched.step()
        if args.verbose:
            print(f"    epoch {epoch + 1}/{args.epochs} loss {total / max(n, 1):.4f}", flush=True)
    return net.eval()


def predict_network(net, x, batch=512):
    probs = []
    head = ProbabilityHead(net).eval()
    with torch.no_grad():
        for start in range(0, len(x), batch):
            probs.append(head(torch.from_numpy(x[start:start + batch])).numpy())
    return np.concatenate(probs) if probs else np.zeros((0, 0), np.float32)


def window_statistics(x):
    """Features for the classical baseline: per channel mean, std, min, max, last, energy of diff."""
    d = np.diff(x, axis=1)
    return np.concatenate([x.mean(1), x.std(1), x.min(1), x.max(1), x[:, -1, :],
                           np.sqrt((d ** 2).mean(1))], axis=1)


def fit_rf(xtr, ytr, seed, threads):
    try:
        from sklearn.ensemble import RandomForestClassifier
    except ImportError:
        sys.exit("the random-forest baseline needs scikit-learn: apt-get install python3-sklearn")
    rf = RandomForestClassifier(n_estimators=200, min_samples_leaf=2, class_weight="balanced",
                                random_state=seed, n_jobs=threads)
    return rf.fit(window_statistics(xtr), ytr)


def predict_rf(rf, xte, k):
    probs = np.zeros((len(xte), k), dtype=np.float32)
    if len(xte):
        probs[:, rf.classes_] = rf.predict_proba(window_statistics(xte))
    return probs


# ---------------------------------------------------------------- commands

def stride_mask(n, stride):
    mask = np.zeros(n, dtype=bool)
    mask[::max(1, stride)] = True
    return mask


def lagged(w, lag):
    """Pairs each window with the label `lag` windows earlier in the same session.

    Returns (input_rows, label_rows): the model sees window i and learns the label at the end of
    window i - lag, i.e. it labels the moment lag * hop seconds ago and may use what happened
    since (a look-ahead of lag * hop seconds, which is label delay)."""
    i = np.arange(len(w.y))
    if lag == 0:
        return i, i
    j = i - lag
    ok = j >= 0
    ok[ok] &= (w.session[j[ok]] == w.session[i[ok]]) & (
        np.abs(w.t_end[i[ok]] - w.t_end[j[ok]] - lag * w.hop / w.sample_rate_hz) < 1e-6)
    return i[ok], j[ok]


def load_for(directory, args):
    """An export as this run trains on it: the --channels subset and the --target labels."""
    w = load_windows(directory)
    if args.channels:
        w = w.select_channels(args.channels.split(","))
    if args.target == "phase":
        try:
            w = w.phase_target()
        except ValueError as e:
            sys.exit(f"{directory}: {e}")
    return w


# The device's rate: the app replaces it for every device it connects (the pipeline resamples to
# the target rate), so exports at different input rates feed a model identically.
DEVICE_SETTINGS = {"input_rate_hz"}


def same_layout(w, other, where):
    """Refuses a second export that a model trained on `w` couldn't be fed identically: the
    contract stores only `w`'s pipeline settings, so every preprocessing setting must agree."""
    if other.classes != w.classes or other.channels != w.channels or other.window != w.window:
        sys.exit(f"{where}: classes/channels/window differ from --windows")
    differ = sorted(key for key in set(w.pipeline) | set(other.pipeline)
                    if key not in DEVICE_SETTINGS and w.pipeline.get(key) != other.pipeline.get(key))
    if differ:
        sys.exit(f"{where}: pipeline settings differ from --windows: " + ", ".join(
            f"{key} {w.pipeline.get(key)} vs {other.pipeline.get(key)}" for key in differ))
    return other


HELD_OUT = "{held_out}"


def synthetic_path(args, held_out=None):
    """Where --synthetic-train-windows are for a fold (held_out: its subject) or the final model.

    Virtual-athlete windows come from templates averaged over recorded subjects, so in a fold
    they must come from templates of its training subjects only: the path names the fold with
    {held_out}. The final model learns from all subjects, so its path must not."""
    path = args.synthetic_train_windows
    if path is None:
        return None
    if held_out is None:
        if HELD_OUT in path:
            sys.exit(f"--synthetic-train-windows {path}: final trains on every subject, so it"
                     f" takes one export (the shipped templates), not one per {HELD_OUT}")
        return path
    if HELD_OUT not in path:
        sys.exit(f"--synthetic-train-windows {path}: loso needs one export per fold, named with"
                 f" {HELD_OUT} (VirtualWorkoutExport with the held-out subject), else the"
                 f" held-out subject's repetitions shape the training data")
    return path.replace(HELD_OUT, str(held_out))


def with_synthetic(w, args, xtr_raw, ytr, held_out=None):
    """Appends the fold's (or the final model's) virtual-athlete windows, lagged and strided as
    the recordings are; all of them, as they belong to no recorded subject. Returns the inputs,
    the labels and how the model's description names the added windows."""
    path = synthetic_path(args, held_out)
    if path is None:
        return xtr_raw, ytr, ""
    syn = same_layout(w, load_for(path, args), path)
    ssrc, sdst = lagged(syn, args.label_lag)
    keep = stride_mask(len(syn.y), args.train_stride)[ssrc]
    print(f"  + {int(keep.sum())} virtual-athlete windows from {path}", flush=True)
    return (np.concatenate([xtr_raw, syn.x[ssrc[keep]]]),
            np.concatenate([ytr, syn.y[sdst[keep]]]),
            f" (with {int(keep.sum())} virtual-athlete windows: {syn.description})")


def cmd_loso(w, args):
    """One fold per subject: train on the others, predict every window of the held-out subject,
    on the training export itself and on each --test-windows export (the same sessions through
    another path, e.g. the orientation filter). Writes per-window predictions and metrics."""
    k = len(w.classes)
    subjects = sorted(set(w.subject.tolist()))
    if len(subjects) < 2:
        sys.exit("leave-one-subject-out needs at least 2 subjects")
    if args.fold_models and args.arch in CLASSICAL:
        sys.exit("--fold-models exports networks only (no rf)")
    if args.hold_out:
        subjects = [s for s in subjects if s in args.hold_out]  # quick experiments: some folds only
    os.makedirs(args.out, exist_ok=True)
    tag = args.arch + (f"_{args.tag}" if args.tag else "")
    evaluations = [(tag, w, None)]
    for d in args.test_windows or []:
        name = os.path.basename(os.path.normpath(d))
        evaluations.append((f"{tag}_on_{name}", same_layout(w, load_for(d, args), d), d))
    extra = None
    if args.extra_train_windows:
        extra = same_layout(w, load_for(args.extra_train_windows, args), args.extra_train_windows)
    rows = {name: [] for name, _, _ in evaluations}
    folds = {name: {} for name, _, _ in evaluations}
    truth = {name: [] for name, _, _ in evaluations}
    preds = {name: [] for name, _, _ in evaluations}
    src, dst = lagged(w, args.label_lag)
    if len(src) == 0:
        sys.exit(f"no window has one {args.label_lag} hops earlier in its session")
    for s in subjects:
        path = synthetic_path(args, s)
        if path is not None and not os.path.isdir(path):
            sys.exit(f"--synthetic-train-windows: no export for the fold holding out {s}: {path}")
    for s in subjects:
        t0 = time.time()
        train = ((w.subject != s) & stride_mask(len(w.y), args.train_stride))[src]
        xtr_raw, ytr = w.x[src[train]], w.y[dst[train]]
        if extra is not None:
            esrc, edst = lagged(extra, args.label_lag)
            more = ((extra.subject != s) & stride_mask(len(extra.y), args.train_stride))[esrc]
            xtr_raw = np.concatenate([xtr_raw, extra.x[esrc[more]]])
            ytr = np.concatenate([ytr, extra.y[edst[more]]])
        xtr_raw, ytr, synthetic_note = with_synthetic(w, args, xtr_raw, ytr, held_out=s)
        mean, std = normalization(xtr_raw)  # from the training subjects only
        xtr = ((xtr_raw - mean) / std).astype(np.float32)
        net = forest = None
        if args.arch in CLASSICAL:
            forest = fit_rf(xtr, ytr, args.seed, args.threads)
        else:
            net = train_network(xtr, ytr, k, args, args.seed + s,
                                rotation=(args.rotate_deg, vector_triplets(w.channels), mean, std))
            if args.fold_models:
                # The fold's model as the app would load it, so Java can redo the LOSO through the
                # live pipeline; its contract lists the training subjects so a tool can refuse to
                # score it on one of them.
                trained_on = [t for t in sorted(set(w.subject.tolist())) if t != s]
                export_model(net, w, mean, std, args.fold_models, f"fold-{s}",
                             f"{tag}-fold-{s}",
                             f"{w.description}; leave-one-subject-out fold holding out subject {s}"
                             f"; trained on subjects {trained_on}; {len(ytr)} training windows"
                             + (" (recorded channels and the same sessions through the second"
                                " export)" if extra is not None else "")
                             + synthetic_note
                             + f" (stride {args.train_stride}); arch {args.arch}; {args.epochs}"
                             f" epochs; seed {args.seed + s}" + lag_note(args.label_lag, w),
                             trained_on, args.seed + s, reference=False,
                             label_delay_s=label_delay_seconds(args.label_lag, w),
                             task=args.target)
        for name, ev, _ in evaluations:
            # Rows are reported at the time they label (window i - lag), scored against its truth.
            esrc, edst = lagged(ev, args.label_lag)
            sel = ev.subject[esrc] == s
            inputs, test = esrc[sel], edst[sel]
            xte = ((ev.x[inputs] - mean) / std).astype(np.float32)
            probs = predict_rf(forest, xte, k) if forest is not None else predict_network(net, xte)
            pred = probs.argmax(axis=1)
            folds[name][str(s)] = summarize(ev.y[test], pred, w.classes)
            truth[name].append(ev.y[test])
            preds[name].append(pred)
            for i, row in enumerate(test):
                rows[name].append((s, int(row), int(ev.subject[row]), int(ev.session[row]),
                                   float(ev.t_end[row]), int(ev.y[row]), int(pred[i]), probs[i]))
            print(f"  fold subject {s} [{name}]: macro-F1 {folds[name][str(s)]['macro_f1']:.4f} "
                  f"accuracy {folds[name][str(s)]['accuracy']:.4f} ({time.time() - t0:.0f} s)",
                  flush=True)
    results = []
    for name, ev, test_dir in evaluations:
        with open(os.path.join(args.out, f"loso_predictions_{name}.csv"), "w",
                  encoding="utf-8") as f:
            f.write("fold,window,subject,session,t_end,y_true,y_pred," +
                    ",".join(f"p_{c}" for c in w.classes) + "\n")
            for fold, index, subj, sess, t_end, yt, yp, p in rows[name]:
                f.write(f"{fold},{index},{subj},{sess},{t_end!r},{yt},{yp}," +
                        ",".join(f"{v:.6f}" for v in p) + "\n")
        pooled = summarize(np.concatenate(truth[name]), np.concatenate(preds[name]), w.classes)
        fold_f1 = [f_["macro_f1"] for f_ in folds[name].values()]
        result = {
            "arch": args.arch, "tag": name,
            "epochs": args.epochs if args.arch not in CLASSICAL else None,
            "rotate_deg": args.rotate_deg, "seed": args.seed, "train_stride": args.train_stride,
            "label_lag_windows": args.label_lag,
            "label_delay_s": label_delay_seconds(args.label_lag, w),
            "classes": w.classes, "channels": w.channels, "windows": int(len(ev.y)),
            "subjects": subjects, "pooled": pooled, "folds": folds[name],
            "mean_fold_macro_f1": float(np.mean(fold_f1)),
            "min_fold_macro_f1": float(np.min(fold_f1)),
            "windows_dir": os.path.abspath(args.windows),
            "test_windows_dir": os.path.abspath(test_dir) if test_dir else None,
            "extra_train_windows_dir": (os.path.abspath(args.extra_train_windows)
                                        if args.extra_train_windows else None),
            "synthetic_train_windows": args.synthetic_train_windows,
        }
        with open(os.path.join(args.out, f"loso_{name}.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
        print(f"{name}: pooled macro-F1 {pooled['macro_f1']:.4f}, accuracy "
              f"{pooled['accuracy']:.4f}, mean fold macro-F1 {result['mean_fold_macro_f1']:.4f} "
              f"(min {result['min_fold_macro_f1']:.4f})")
        results.append(result)
    return results


def cmd_final(w, args):
    if args.arch in CLASSICAL:
        sys.exit("the random-forest baseline is for evaluation only; it is not exported to ONNX")
    k = len(w.classes)
    # With --label-lag the network learns the label of the window lag hops earlier (a look-ahead
    # that is label delay); with 0 this is every window and its own label.
    src, dst = lagged(w, args.label_lag)
    keep = stride_mask(len(w.y), args.train_stride)[src]
    xraw, yraw = w.x[src[keep]], w.y[dst[keep]]
    if args.extra_train_windows:
        extra = same_layout(w, load_for(args.extra_train_windows, args), args.extra_train_windows)
        esrc, edst = lagged(extra, args.label_lag)
        more = stride_mask(len(extra.y), args.train_stride)[esrc]
        xraw = np.concatenate([xraw, extra.x[esrc[more]]])
        yraw = np.concatenate([yraw, extra.y[edst[more]]])
    xraw, yraw, synthetic_note = with_synthetic(w, args, xraw, yraw)
    mean, std = normalization(xraw)
    xn = ((xraw - mean) / std).astype(np.float32)
    net = train_network(xn, yraw, k, args, args.seed,
                        rotation=(args.rotate_deg, vector_triplets(w.channels), mean, std))
    subjects = sorted(set(w.subject.tolist()))
    extra_note = (f" (recorded channels, and the same sessions through "
                  f"{args.extra_train_windows_label})" if args.extra_train_windows else "")
    extra_note += synthetic_note
    description = (f"{w.description}; subjects {subjects}; {len(yraw)} training windows{extra_note}"
                   f" (stride {args.train_stride}); arch {args.arch}; "
                   f"{args.epochs} epochs; seed {args.seed}").strip("; ")
    description += lag_note(args.label_lag, w)
    return export_model(net, w, mean, std, args.out, args.name,
                        args.model_version or f"{args.name}-{time.strftime('%Y%m%d')}",
                        description, subjects, args.seed,
                        label_delay_s=label_delay_seconds(args.label_lag, w), task=args.target)


def label_delay_seconds(label_lag, w):
    """How long before its window's end the moment a network trained with `label_lag` labels is
    (the contract's imu.label_delay_s)."""
    return label_lag * w.hop / w.sample_rate_hz


def lag_note(label_lag, w):
    """The model description's words for a label lag (empty without one)."""
    if not label_lag:
        return ""
    return (f"; label lag {label_lag} hops: the label is for the moment"
            f" {label_delay_seconds(label_lag, w)} s before the window's end"
            f" (look-ahead = label delay)")


def export_model(net, w, mean, std, out_dir, name, model_version, description, subjects, seed,
                 reference=True, label_delay_s=0.0, task="exercise"):
    """Writes `<out_dir>/<name>.onnx` with the full contract (its training subjects included), its
    .sha256, and (if `reference`) the weights and PyTorch reference outputs for the Java check."""
    k = len(w.classes)
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, name + ".onnx")
    meta = contract_metadata(
        classes=w.classes, channels=w.channels, sample_rate_hz=w.sample_rate_hz,
        window=w.window, hop=w.hop, mean=mean.tolist(), std=std.tolist(),
        model_version=model_version, training_data=description, pipeline_settings=w.pipeline,
        rest_class=w.rest_class, training_subjects=subjects, label_delay_s=label_delay_s,
        task=TASKS[task])
    export_onnx(ProbabilityHead(net), onnx_path, w.window, len(w.channels), meta)
    if reference:
        # Reference inputs/outputs so the Java side can prove it computes the same numbers.
        # Reference windows are synthetic (smooth random signals at the training data's scale):
        # the datasets carry no licence, so not even a few of their windows may be committed.
        n_ref = 8
        gen = np.random.default_rng(seed + 1000)
        steps = gen.normal(size=(n_ref, w.window, len(w.channels))).cumsum(axis=1)
        steps /= np.sqrt(np.arange(1, w.window + 1))[None, :, None]
        ref = (mean + std * steps).astype(np.float32)
        torch.save(net.state_dict(), os.path.join(out_dir, name + ".pt"))
        probs = predict_network(net, ((ref - mean) / std).astype(np.float32))
        with open(os.path.join(out_dir, name + "_reference.txt"), "w", encoding="utf-8") as f:
            # Same layout as the classifier tests' tiny_good_reference.txt: one Java reader.
            f.write(f"# Written by train.py final: synthetic raw windows (time-major, flattened) and\n"
                    f"# PyTorch's probabilities for them from {os.path.basename(onnx_path)}.\n")
            f.write(f"shape {n_ref} {w.window} {len(w.channels)} {k}\n")
            for i in range(n_ref):
                f.write("in " + " ".join(repr(float(v)) for v in ref[i].reshape(-1)) + "\n")
                f.write("out " + " ".join(repr(float(v)) for v in probs[i]) + "\n")
    import hashlib
    with open(onnx_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(onnx_path + ".sha256", "w", encoding="utf-8") as f:
        f.write(f"{digest}  {os.path.basename(onnx_path)}\n")
    print(f"wrote {onnx_path} (sha256 {digest})", flush=True)
    return onnx_path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("loso", "final"))
    ap.add_argument("--windows", required=True, help="windows directory (windows.npz + meta.json)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--arch", default="cnn-lstm", choices=ARCHITECTURES + CLASSICAL)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--width", type=int, default=32, help="convolution channels")
    ap.add_argument("--hidden", type=int, default=48, help="recurrent hidden size")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch / sklearn threads (shared machine)")
    ap.add_argument("--train-stride", type=int, default=1,
                    help="train on every Nth window only (windows exported with a hop of one sample"
                         " overlap almost entirely; evaluation always uses every window)")
    ap.add_argument("--rotate-deg", type=float, default=180.0,
                    help="augmentation: rotate each window's vectors by a random rotation of up to"
                         " this angle (device placement differs between people; 180 = any"
                         " orientation); 0 turns it off")
    ap.add_argument("--hold-out", type=int, nargs="*", default=None,
                    help="loso: run only the folds holding out these subjects (experiments)")
    ap.add_argument("--channels", default=None,
                    help="comma-separated subset of the exported channels to train on (ablation)")
    ap.add_argument("--test-windows", nargs="*", default=None,
                    help="loso: evaluate held-out subjects on this export instead (same sessions"
                         " through another path, e.g. the orientation filter)")
    ap.add_argument("--extra-train-windows", default=None,
                    help="also train on this export's windows of the training subjects (e.g. the"
                         " orientation-filter path, so the model sees both gravity sources)")
    ap.add_argument("--synthetic-train-windows", default=None, metavar="DIR",
                    help="also train on every window of this virtual-athlete export"
                         " (VirtualWorkoutExport); loso: one export per fold, the path naming it"
                         " with {held_out}, made from templates of that fold's training subjects")
    ap.add_argument("--extra-train-windows-label", default="a second export",
                    help="final: how to name --extra-train-windows in the model's description")
    ap.add_argument("--target", default="exercise", choices=tuple(TASKS),
                    help="what to learn: the exercise label (y), or the repetition phase (y_phase:"
                         " none, first half, second half, pause) for the phase rep counter, which"
                         " needs an export with --hop 1 and is usually trained with --label-lag")
    ap.add_argument("--label-lag", type=int, default=0,
                    help="learn the label of the window this many hops earlier, i.e. label with a"
                         " look-ahead (= delay) of lag * hop seconds; final writes it to the"
                         " contract as imu.label_delay_s")
    ap.add_argument("--fold-models", default=None, metavar="DIR",
                    help="loso: also export each fold's network as DIR/fold-<subject>.onnx with the"
                         " full contract, imu.training.subjects listing the subjects it learnt from")
    ap.add_argument("--tag", default=None, help="loso: suffix for the output file names")
    ap.add_argument("--no-augment", action="store_true")
    ap.add_argument("--name", default="model", help="base name of the exported files (final)")
    ap.add_argument("--model-version", default=None)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    np.random.seed(args.seed)
    w = load_for(args.windows, args)
    print(f"{args.windows}: {len(w.y)} windows of {w.window} x {len(w.channels)} "
          f"({', '.join(w.channels)}), classes {w.classes}, subjects {sorted(set(w.subject.tolist()))}",
          flush=True)
    if args.command == "loso":
        cmd_loso(w, args)
    else:
        cmd_final(w, args)


if __name__ == "__main__":
    main()
