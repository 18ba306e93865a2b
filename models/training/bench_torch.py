#!/usr/bin/python3
"""PyTorch latency of the same network as an exported model, for the side-by-side ratio with the
Java OnnxClassifierBench (docs/PERFORMANCE.md). Rebuilds the network from train.py's defaults,
so pass the same --arch/--width/--hidden as the model was trained with; weights don't affect
latency.

    /usr/bin/python3 bench_torch.py --window 30 --channels 9 --classes 4 [--threads 1]
"""

import argparse
import sys
import time

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import torch  # noqa: E402

from networks import ARCHITECTURES, ProbabilityHead, build_network  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="cnn-lstm", choices=ARCHITECTURES)
    ap.add_argument("--window", type=int, required=True)
    ap.add_argument("--channels", type=int, required=True)
    ap.add_argument("--classes", type=int, required=True)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=48)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=5000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net = ProbabilityHead(build_network(args.arch, args.channels, args.classes,
                                        width=args.width, hidden=args.hidden)).eval()
    x = torch.randn(64, args.window, args.channels)
    print(f"torch {torch.__version__}, {args.arch} window {args.window} x {args.channels} -> "
          f"{args.classes}, {args.threads} thread(s)")
    with torch.no_grad():
        for i in range(500):
            net(x[i % 64:i % 64 + 1])
        ns = np.empty(args.iterations)
        for i in range(args.iterations):
            t0 = time.perf_counter_ns()
            net(x[i % 64:i % 64 + 1])
            ns[i] = time.perf_counter_ns() - t0
        p = np.percentile(ns, [50, 90, 99]) / 1e3
        print(f"  batch 1, {args.iterations} runs: p50 {p[0]:.1f} us, p90 {p[1]:.1f} us, p99 {p[2]:.1f} us")
        for batch in (4, 8, 32):
            runs = max(200, args.iterations // batch)
            bt = np.empty(runs)
            for i in range(runs):
                t0 = time.perf_counter_ns()
                net(x[:batch])
                bt[i] = time.perf_counter_ns() - t0
            p50 = np.percentile(bt, 50) / 1e3
            print(f"  batch {batch}, {runs} runs: p50 {p50:.1f} us per run = {p50 / batch:.1f} us per window")


if __name__ == "__main__":
    main()
