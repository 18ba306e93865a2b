#!/usr/bin/python3
"""Prints the leave-one-subject-out ablation table (Markdown) from the loso_<arch>.json files.

    /usr/bin/python3 ablation_table.py OUT/loso > OUT/ablation.md
"""

import glob
import json
import os
import sys

ORDER = ["rf", "cnn", "lstm", "gru", "cnn-gru", "cnn-lstm"]


def main():
    directory = sys.argv[1]
    results = {}
    for path in glob.glob(os.path.join(directory, "loso_*.json")):
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        results[r.get("tag") or r["arch"]] = r
    if not results:
        sys.exit(f"no loso_*.json in {directory}")
    archs = sorted(results, key=lambda t: (ORDER.index(results[t]["arch"])
                                           if results[t]["arch"] in ORDER else len(ORDER), t))
    classes = results[archs[0]]["classes"]
    any_r = results[archs[0]]
    print(f"Leave-one-subject-out over subjects {any_r['subjects']}, {any_r['windows']} windows, "
          f"per-step (per-window) figures; windows from `{any_r['windows_dir']}`.\n")
    print("| model | pooled macro-F1 | accuracy | mean fold macro-F1 | worst fold macro-F1 | "
          + " | ".join(f"F1 {c}" for c in classes) + " |")
    print("|---" * (5 + len(classes)) + "|")
    for a in archs:
        r = results[a]
        name = a
        if r["arch"] == "rf":
            name = "random forest (window statistics)" + (f" [{a[3:]}]" if a != "rf" else "")
        if r.get("extra_train_windows_dir"):
            name += f" (+ trained on {os.path.basename(r['extra_train_windows_dir'].rstrip('/'))})"
        per = r["pooled"]["per_class"]
        print(f"| {name} | {r['pooled']['macro_f1']:.4f} | {r['pooled']['accuracy']:.4f} | "
              f"{r['mean_fold_macro_f1']:.4f} | {r['min_fold_macro_f1']:.4f} | "
              + " | ".join(f"{per[c]['f1']:.3f}" for c in classes) + " |")


if __name__ == "__main__":
    main()
