#!/usr/bin/env python3
"""The event book against the batch: the same contacts imported event by event, or deduplicated at once.

Usage: scripts/book_bench.py [--records 100000] [--batches 10] [--seed 42] [--cardtool .build/release/cardtool]
                             [--work .bench]

../shared/bench/gen_contacts.py writes the contacts and their truth (cached under --work). They are
split into --batches batches in the order they were met (by `date_met`), each imported into a new
book with `cardtool import` (the records' own event and date columns say where they were met);
`cardtool export --clusters` then gives every record's person, scored with
../shared/bench/eval_clusters.py against the truth, next to `cardtool dedupe` on the whole file.
Prints each import's seconds and the two scores.
"""
import argparse
import csv
import io
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")


def score(truth, clusters):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "eval_clusters.py"), truth, clusters], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return dict((k, float(v)) for k, v in (part.split("=") for part in out.split()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--cardtool", default=os.path.join(ROOT, ".build", "release", "cardtool"))
    ap.add_argument("--work", default=os.path.join(ROOT, ".bench"))
    args = ap.parse_args()
    folder = os.path.join(args.work, f"gen_contacts-{args.records}-{args.seed}")
    if not os.path.exists(os.path.join(folder, "truth.csv")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_contacts.py"), str(args.records), folder, "--seed",
                        str(args.seed)], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(folder, "contacts.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    met = header.index("date_met")
    rows.sort(key=lambda r: (r[met], r[0]))
    batches = os.path.join(folder, f"batches-{args.batches}")
    os.makedirs(batches, exist_ok=True)
    book = os.path.join(batches, "book.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(book + suffix):
            os.remove(book + suffix)
    size = (len(rows) + args.batches - 1) // args.batches
    print(f"{'import':>6} {'records':>8} {'book':>8} {'seconds':>8}  result")
    total = 0.0
    for k in range(args.batches):
        part = rows[k * size:(k + 1) * size]
        path = os.path.join(batches, f"batch-{k + 1:02d}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(part)
        start = time.monotonic()
        run = subprocess.run([args.cardtool, "import", path, "--event", f"Batch {k + 1}", "--store", book, "--quiet"],
                             capture_output=True, text=True)
        seconds = time.monotonic() - start
        total += seconds
        if run.returncode != 0:
            sys.exit(f"import {k + 1} failed: {run.stderr}")
        print(f"{k + 1:>6} {len(part):>8} {min(len(rows), (k + 1) * size):>8} {seconds:8.1f}  {run.stdout.strip()}", flush=True)
    clusters = os.path.join(batches, "clusters.csv")
    subprocess.run([args.cardtool, "export", "--clusters", clusters, "--store", book, "--quiet"], check=True,
                   stderr=subprocess.DEVNULL)
    incremental = score(os.path.join(folder, "truth.csv"), clusters)
    batch_clusters = os.path.join(batches, "batch-clusters.csv")
    start = time.monotonic()
    subprocess.run([args.cardtool, "dedupe", os.path.join(folder, "contacts.csv"), "--quiet", "--clusters", batch_clusters],
                   check=True, stderr=subprocess.DEVNULL)
    batch_seconds = time.monotonic() - start
    whole = score(os.path.join(folder, "truth.csv"), batch_clusters)
    print(f"incremental ({args.batches} imports, {total:.1f} s): P={incremental['P']:.4f} R={incremental['R']:.4f} F1={incremental['F1']:.4f}")
    print(f"batch (dedupe at once, {batch_seconds:.1f} s):    P={whole['P']:.4f} R={whole['R']:.4f} F1={whole['F1']:.4f}")
    print(f"difference in F1: {incremental['F1'] - whole['F1']:+.4f}")


if __name__ == "__main__":
    main()
