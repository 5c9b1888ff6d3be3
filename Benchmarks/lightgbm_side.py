#!/usr/bin/env python3
"""LightGBM side of `mixspec-bench methods`: same data, same hyper-parameters, timed here.

Reads raw little-endian float64 arrays written by the Swift benchmark from DIR:
  train_x.bin (n_train x d), train_y.bin, test_x.bin (n_test x d), test_y.bin, candidates.bin (m x d)
and meta.txt ("d n_train n_test m"). Prints one JSON object on stdout.
Exit code 3 (with a message on stderr) when lightgbm is not installed.
"""
import json
import sys
import time

try:
    import numpy as np
except ImportError:
    print("lightgbm_side.py: numpy is not installed (pip install numpy)", file=sys.stderr)
    sys.exit(3)
try:
    import lightgbm as lgb
except ImportError:
    print("lightgbm_side.py: the Python package 'lightgbm' is not installed; run `pip install lightgbm` "
          "to get the side-by-side comparison", file=sys.stderr)
    sys.exit(3)


def spearman(a, b):
    def ranks(v):
        order = np.argsort(v, kind="mergesort")
        r = np.empty(len(v))
        sv = v[order]
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and sv[j + 1] == sv[i]:
                j += 1
            r[order[i:j + 1]] = (i + j) / 2 + 1
            i = j + 1
        return r
    return float(np.corrcoef(ranks(a), ranks(b))[0, 1])


def main():
    folder = sys.argv[1]
    d, n_train, n_test, m = (int(v) for v in open(f"{folder}/meta.txt").read().split())
    load = lambda name, rows: np.fromfile(f"{folder}/{name}", dtype="<f8").reshape(rows, -1) if rows else None
    x_train = load("train_x.bin", n_train)
    y_train = np.fromfile(f"{folder}/train_y.bin", dtype="<f8")
    x_test = load("test_x.bin", n_test)
    y_test = np.fromfile(f"{folder}/test_y.bin", dtype="<f8")
    params = dict(objective="regression", learning_rate=0.01, num_leaves=31, min_data_in_leaf=20,
                  max_bin=255, verbose=-1, deterministic=True, seed=0)
    start, cpu_start = time.perf_counter(), time.process_time()
    booster = lgb.train(params, lgb.Dataset(x_train, y_train), num_boost_round=1000)
    fit_seconds = time.perf_counter() - start
    fit_cpu_seconds = time.process_time() - cpu_start
    test_prediction = booster.predict(x_test)
    result = dict(version=lgb.__version__, fit_seconds=fit_seconds, fit_cpu_seconds=fit_cpu_seconds, trees=booster.num_trees(),
                  spearman=spearman(test_prediction, y_test))
    if m:
        candidates = load("candidates.bin", m)
        start, cpu_start = time.perf_counter(), time.process_time()
        candidate_prediction = booster.predict(candidates)
        result["predict_seconds"] = time.perf_counter() - start
        result["predict_cpu_seconds"] = time.process_time() - cpu_start
        result["candidates"] = m
        candidate_prediction[:1000].astype("<f8").tofile(f"{folder}/lightgbm_candidates_head.bin")
    test_prediction.astype("<f8").tofile(f"{folder}/lightgbm_test.bin")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
