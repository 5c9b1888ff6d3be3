#!/usr/bin/env python3
"""RegMix side of `mixspec-bench swarm`: reference swarms from RegMix's sampler, and per-domain
two-sample KS tests against mixspec's swarms.

RegMix's sampler (sail-sg/regmix, mixture_config/synthesize_mixture.py) is re-implemented here
from its description, with the same random-number consumption so that seed 42 reproduces the
published script's output exactly (checked once against the script itself):
  * Python's `random` and numpy's legacy global generator are both seeded with the seed;
  * the prior is renormalised; per-domain upper bounds are min(prior * 15, 1), taken before the
    temperature; with temperature 0.5 < 1 the Dirichlet base becomes prior^0.5 renormalised;
  * count * 100 attempts; each attempt draws one Dirichlet vector for each of 15 strengths
    log-spaced over [0.1, 5] (numpy), then keeps one of the 15 at random (random.choice);
  * the kept vector is rejected if any weight exceeds its bound (before zeroing); otherwise
    weights below min_weight = 2e-4 are zeroed, the vector renormalised and rounded to the
    min_weight grid;
  * de-duplication (on by default): the pool is sorted lexicographically (numpy.lexsort over
    the columns, last column first) and a row is kept when its L1 distance to the last kept row
    exceeds 1e-5; finally random.sample picks `count` rows from the (de-duplicated) pool.

Usage:
  regmix_swarm_side.py reference --seed S [--count 512] [--no-dedup]   # CSV on stdout
  regmix_swarm_side.py ks FOLDER [--calibrate]
     FOLDER/meta.txt = "d count min_weight seed1 seed2 ..."; FOLDER/mixspec_<seed>.bin = count x d
     little-endian float64 (mixspec's swarm for that seed). Prints one JSON object: per seed, the
     per-domain KS p-values against RegMix's swarm of the same seed with and without its
     de-duplication, repeats and single-domain mixtures of every swarm; per domain, the p-values of
     the swarms of all seeds pooled. --calibrate adds the same figures for RegMix against RegMix
     (with de-duplication, seeds + 1000): what agreement looks like when the samplers are equal.
Exit code 3 (message on stderr) when numpy or scipy is missing.
"""
import json
import os
import random
import sys

try:
    import numpy as np
    from scipy.stats import ks_2samp
except ImportError:
    print("regmix_swarm_side.py: numpy and scipy are needed (pip install numpy scipy)", file=sys.stderr)
    sys.exit(3)

# RegMix's 1M-proxy configuration: the Pile's 17 training domains and their token prior, in the
# order of the published data's columns (synthesize_mixture.py, get_token_distribution), kept in
# golden/methods/regmix_pile_prior_1m.csv (also read by mixspec's side).
PRIOR_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "methods", "regmix_pile_prior_1m.csv")
PILE_PRIOR = [(name, float(p)) for name, p in (line.strip().split(",") for line in open(PRIOR_FILE).readlines()[1:] if line.strip())]
TEMPERATURE, MIN_STRENGTH, MAX_STRENGTH, STRENGTHS = 0.5, 0.1, 5.0, 15
MAX_USAGE, MIN_WEIGHT, POOL_MULTIPLIER, DEDUP_DISTANCE = 15, 2e-4, 100, 1e-5


def regmix_swarm(seed, count, dedup=True):
    """`count` mixtures (rows) drawn as RegMix's sampler draws them with both generators at `seed`."""
    random.seed(seed)
    np.random.seed(seed)
    prior = np.array([p for _, p in PILE_PRIOR])
    prior = prior / np.sum(prior)
    upper = np.minimum(prior * MAX_USAGE, 1.0)
    base = prior
    if TEMPERATURE < 1.0:
        base = prior ** TEMPERATURE
        base = base / np.sum(base)
    strengths = np.logspace(np.log10(MIN_STRENGTH), np.log10(MAX_STRENGTH), STRENGTHS)
    pool = []
    for _ in range(count * POOL_MULTIPLIER):
        per_strength = [np.random.dirichlet(base * s, 1) for s in strengths]
        w = random.choice(per_strength)[0]
        if np.any(w > upper) or np.any(w < 0.0):
            continue
        w = np.where(w < MIN_WEIGHT, 0.0, w)
        w = w / np.sum(w)
        pool.append(np.round(w / MIN_WEIGHT) * MIN_WEIGHT)
    pool = np.array(pool)
    if dedup:
        ordered = pool[np.lexsort(pool.T)]
        kept = [ordered[0]]
        for row in ordered[1:]:
            if np.sum(np.abs(row - kept[-1])) > DEDUP_DISTANCE:
                kept.append(row)
        rows = kept
    else:
        rows = list(pool)
    return np.stack(random.sample(rows, count))


def grid(x, min_weight):
    """Rows rounded to the min_weight grid, as integer multiples (exact keys)."""
    return np.round(np.asarray(x) / min_weight).astype(np.int64)


def repeats(rows):
    """Members equal (after rounding) to an earlier member."""
    seen, n = set(), 0
    for r in rows:
        key = tuple(r.tolist())
        n += key in seen
        seen.add(key)
    return n


def single_domain(rows):
    """Members with one non-zero weight."""
    return int(np.sum(np.count_nonzero(rows, axis=1) == 1))


def ks_ps(ours, theirs):
    """Per-domain two-sample KS p-values."""
    return [float(ks_2samp(ours[:, j], theirs[:, j]).pvalue) for j in range(ours.shape[1])]


def main():
    args = sys.argv[1:]
    if args[:1] == ["reference"]:
        seed = int(args[args.index("--seed") + 1])
        count = int(args[args.index("--count") + 1]) if "--count" in args else 512
        rows = regmix_swarm(seed, count, dedup="--no-dedup" not in args)
        print("index," + ",".join(name for name, _ in PILE_PRIOR))
        for i, r in enumerate(rows):
            print(f"{i + 1}," + ",".join(f"{v:.5f}".rstrip("0").rstrip(".") for v in r))
        return
    if args[:1] != ["ks"] or len(args) not in (2, 3) or (len(args) == 3 and args[2] != "--calibrate"):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    folder = args[1]
    meta = open(f"{folder}/meta.txt").read().split()
    d, count, min_weight, seeds = int(meta[0]), int(meta[1]), float(meta[2]), [int(s) for s in meta[3:]]
    if d != len(PILE_PRIOR) or min_weight != MIN_WEIGHT:
        print("regmix_swarm_side.py: ks compares against RegMix's 1M configuration only (17 domains, min_weight 2e-4)", file=sys.stderr)
        sys.exit(64)
    result = dict(domains=[name for name, _ in PILE_PRIOR], seeds=[])
    swarms = dict(mixspec=[], dedup=[], no_dedup=[], calibration=[])
    for seed in seeds:
        ours = grid(np.fromfile(f"{folder}/mixspec_{seed}.bin", dtype="<f8").reshape(count, d), min_weight)
        swarms["mixspec"].append(ours)
        entry = dict(seed=seed, mixspec_repeats=repeats(ours), mixspec_single_domain=single_domain(ours))
        for label, dedup in (("dedup", True), ("no_dedup", False)):
            theirs = grid(regmix_swarm(seed, count, dedup=dedup), min_weight)
            swarms[label].append(theirs)
            entry[f"regmix_{label}_repeats"] = repeats(theirs)
            entry[f"regmix_{label}_single_domain"] = single_domain(theirs)
            entry[f"ks_p_{label}"] = ks_ps(ours, theirs)
        if "--calibrate" in args:
            other = grid(regmix_swarm(seed + 1000, count, dedup=True), min_weight)
            swarms["calibration"].append(other)
            entry["ks_p_calibration"] = ks_ps(other, swarms["dedup"][-1])
        result["seeds"].append(entry)
    pooled = {k: np.concatenate(v) for k, v in swarms.items() if v}
    for label in ("dedup", "no_dedup"):
        result[f"pooled_ks_p_{label}"] = ks_ps(pooled["mixspec"], pooled[label])
    if "calibration" in pooled:
        result["pooled_ks_p_calibration"] = ks_ps(pooled["calibration"], pooled["dedup"])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
