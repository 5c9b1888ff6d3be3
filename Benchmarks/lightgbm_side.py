#!/usr/bin/env python3
"""LightGBM side of `mixspec-bench methods`: same data, same hyper-parameters, timed here.

  lightgbm_side.py DIR
    Reads raw little-endian float64 arrays written by the Swift benchmark from DIR:
    train_x.bin (n_train x d), train_y.bin, test_x.bin (n_test x d), test_y.bin, candidates.bin
    (m x d), meta.txt ("d n_train n_test m"), and optionally extra_<name>_x.bin (rows x d) for each
    name listed in extra.txt ("name rows" per line). Writes lightgbm_test.bin (and
    lightgbm_extra_<name>.bin) and prints one JSON object on stdout.

  lightgbm_side.py --golden OUT.csv [--data DIR]
    Fits on the published RegMix 1M data in DIR (default ../shared/data/regmix beside the
    repository) read as mixspec's import reads it (a mixture row whose sum is more than 1e-6 away
    from 1 is divided by its left-to-right sum), and writes LightGBM's predictions for the test
    mixtures as CSV (run id, prediction with 17 significant digits): golden/methods/
    lightgbm_regmix_1m_test.csv is this file.

RegMix's settings (regression_fitting/regression.ipynb): gbdt, 1000 iterations, learning rate
0.01, LightGBM defaults otherwise (31 leaves, 20 samples per leaf, 255 bins); no early stopping.
Exit code 3 (with a message on stderr) when lightgbm is not installed.
"""
import json
import os
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


PARAMS = dict(objective="regression", learning_rate=0.01, num_leaves=31, min_data_in_leaf=20,
              max_bin=255, verbose=-1, deterministic=True, seed=0)
TARGET = "metric/the_pile_pile_cc_val_loss"


def read_csv(path):
    """(header, ids, rows of floats) of a CSV with a header row and the run id first."""
    lines = [line.rstrip("\r\n") for line in open(path, encoding="utf-8") if line.strip()]
    header = [h.strip() for h in lines[0].split(",")]
    ids, rows = [], []
    for line in lines[1:]:
        cells = line.split(",")
        ids.append(cells[0].strip())
        rows.append([float(c) for c in cells[1:]])
    return header, ids, rows


def renormalised(row):
    """mixspec's import: a row whose left-to-right sum is more than 1e-6 away from 1 is divided by it."""
    total = 0.0
    for v in row:
        total += v
    return [v / total for v in row] if abs(total - 1) > 1e-6 else row


def load_split(folder, split, scale="1m"):
    _, ids, mixtures = read_csv(f"{folder}/{split}_mixture_{scale}.csv")
    header, metric_ids, metrics = read_csv(f"{folder}/{split}_pile_loss_{scale}.csv")
    by_id = dict(zip(metric_ids, metrics))
    column = header.index(TARGET) - 1
    x = np.array([renormalised(row) for row in mixtures], dtype=np.float64)
    y = np.array([by_id[i][column] for i in ids], dtype=np.float64)
    return ids, x, y


def write_golden(out, folder):
    _, x_train, y_train = load_split(folder, "train")
    ids, x_test, y_test = load_split(folder, "test")
    booster = lgb.train(PARAMS, lgb.Dataset(x_train, y_train), num_boost_round=1000)
    prediction = booster.predict(x_test)
    with open(out, "w", encoding="utf-8") as f:
        f.write("index,prediction\n")
        for i, p in zip(ids, prediction):
            f.write(f"{i},{float(p):.17g}\n")
    print(json.dumps(dict(version=lgb.__version__, rows=len(ids), spearman=spearman(prediction, y_test), out=out)))


def main():
    if sys.argv[1:2] == ["--golden"]:
        args = sys.argv[1:]
        here = os.path.dirname(os.path.abspath(__file__))
        folder = args[args.index("--data") + 1] if "--data" in args else os.path.join(here, "..", "..", "shared", "data", "regmix")
        write_golden(args[1], folder)
        return
    folder = sys.argv[1]
    d, n_train, n_test, m = (int(v) for v in open(f"{folder}/meta.txt").read().split())
    load = lambda name, rows: np.fromfile(f"{folder}/{name}", dtype="<f8").reshape(rows, -1) if rows else None
    x_train = load("train_x.bin", n_train)
    y_train = np.fromfile(f"{folder}/train_y.bin", dtype="<f8")
    x_test = load("test_x.bin", n_test)
    y_test = np.fromfile(f"{folder}/test_y.bin", dtype="<f8")
    start, cpu_start = time.perf_counter(), time.process_time()
    booster = lgb.train(PARAMS, lgb.Dataset(x_train, y_train), num_boost_round=1000)
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
    if os.path.exists(f"{folder}/extra.txt"):
        for line in open(f"{folder}/extra.txt"):
            name, rows = line.split()
            extra = load(f"extra_{name}_x.bin", int(rows))
            booster.predict(extra).astype("<f8").tofile(f"{folder}/lightgbm_extra_{name}.bin")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
