#!/usr/bin/env python3
"""Deduplication quality and speed on generated data with ground truth.

Usage: scripts/dedup_bench.py [--sizes 10000,100000,1000000] [--seeds 42,7,2026] [--register 10000,100000]
                              [--cardtool .build/release/cardtool] [--work .bench]

For each size and seed: ../shared/bench/gen_contacts.py writes networking contacts and their truth
(cached under --work), `cardtool dedupe --clusters` clusters them, ../shared/bench/eval_clusters.py
scores the clusters. The person-register shape (names, addresses, birth dates, an id number, no
e-mail or phone) comes from scripts/gen_register.py. Prints one row per run: pairwise precision,
recall, F1, wall time and peak memory of the cardtool process.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")


def generate(script, n, seed, work):
    name = os.path.basename(script).replace(".py", "")
    out = os.path.join(work, f"{name}-{n}-{seed}")
    if not os.path.exists(os.path.join(out, "truth.csv")):
        subprocess.run([sys.executable, script, str(n), out, "--seed", str(seed)], check=True,
                       stdout=subprocess.DEVNULL)
    return out


def run(cardtool, folder, extra):
    clusters = os.path.join(folder, "clusters.csv")
    start = time.monotonic()
    proc = subprocess.Popen([cardtool, "dedupe", os.path.join(folder, "contacts.csv"), "--quiet", "--clusters", clusters]
                            + extra, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)     # this child's own peak memory
    seconds = time.monotonic() - start
    if status != 0:
        sys.exit(f"cardtool failed on {folder}")
    score = subprocess.run([sys.executable, os.path.join(SHARED, "eval_clusters.py"), os.path.join(folder, "truth.csv"),
                            clusters], check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    fields = dict(part.split("=") for part in score.split())
    return float(fields["P"]), float(fields["R"]), float(fields["F1"]), seconds, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seeds", default="42,7,2026")
    ap.add_argument("--register", default="10000,100000")
    ap.add_argument("--cardtool", default=os.path.join(ROOT, ".build", "release", "cardtool"))
    ap.add_argument("--work", default=os.path.join(ROOT, ".bench"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    seeds = [int(s) for s in args.seeds.split(",") if s]
    print(f"{'shape':<10} {'records':>9} {'seed':>5} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8} {'peak MiB':>8}")
    jobs = [("contacts", os.path.join(SHARED, "gen_contacts.py"), int(n), []) for n in args.sizes.split(",") if n]
    jobs += [("register", os.path.join(HERE, "gen_register.py"), int(n), [])
             for n in args.register.split(",") if n]
    for shape, script, n, extra in jobs:
        for seed in seeds:
            folder = generate(script, n, seed, args.work)
            p, r, f1, seconds, peak = run(args.cardtool, folder, extra)
            print(f"{shape:<10} {n:>9} {seed:>5} {p:9.4f} {r:7.4f} {f1:7.4f} {seconds:8.1f} {peak:8.0f}", flush=True)


if __name__ == "__main__":
    main()
