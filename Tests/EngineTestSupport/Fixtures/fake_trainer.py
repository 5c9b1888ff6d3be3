#!/usr/bin/env python3
"""Fixture trainer for the command executor (DESIGN.md §6).

Usage: fake_trainer.py MIXTURE_JSON OUT_DIR RUN_ID SEED MODEL_SIZE TOKENS

Writes OUT_DIR/metrics.json with, for every domain d of the mixture,
    loss.d = 1.5 + exp(-4 * w_d) + 0.001 * seed + (1e5 / model_size) ** 0.1
and two steps (half and all of TOKENS) so step-wise parsing is exercised.

Knobs (environment):
  FAKE_TRAINER_FAIL=SUBSTRINGS   exit 3 after printing "boom" when RUN_ID contains SUBSTRING ("*" = always)
  FAKE_TRAINER_SLEEP=SECONDS     sleep before writing metrics
  FAKE_TRAINER_SLEEP_ONLY=SUBSTRINGS  sleep only when RUN_ID contains one of SUBSTRINGS
(SUBSTRINGS: "*" or a comma-separated list of substrings of RUN_ID.)
  FAKE_TRAINER_CRASH=SUBSTRING   kill itself with SIGKILL when RUN_ID contains SUBSTRING
  FAKE_TRAINER_NO_METRICS=1      exit 0 without writing metrics.json
  FAKE_TRAINER_BAD_METRICS=1     write a malformed metrics.json
  FAKE_TRAINER_ABSURD=SUBSTRINGS report loss.web = 1e308 (finite but absurd) when RUN_ID matches
  FAKE_TRAINER_DROP=SUBSTRINGS   omit loss.web from the final metrics when RUN_ID matches
  FAKE_TRAINER_SPAM=N            print N lines of noise to stdout and stderr first
  FAKE_TRAINER_LOG=PATH          append RUN_ID to PATH (counts executions)
  FAKE_TRAINER_PIDS=DIR          write DIR/<pid> while running
"""
import json
import math
import os
import signal
import sys
import time


def matches(knob, run_id):
    """True when the knob is "*" or one of its comma-separated substrings occurs in RUN_ID."""
    value = os.environ.get(knob)
    return bool(value) and (value == "*" or any(part and part in run_id for part in value.split(",")))


def main():
    mixture_path, out_dir, run_id, seed, size, tokens = sys.argv[1:7]
    seed, size, tokens = int(seed), int(size), int(tokens)
    pids = os.environ.get("FAKE_TRAINER_PIDS")
    if pids:
        with open(os.path.join(pids, str(os.getpid())), "w") as f:
            f.write(run_id)
    log = os.environ.get("FAKE_TRAINER_LOG")
    if log:
        with open(log, "a") as f:
            f.write(run_id + "\n")
    spam = int(os.environ.get("FAKE_TRAINER_SPAM", "0"))
    for i in range(spam):
        print(f"noise line {i} " + "x" * 100)
        print(f"error noise {i}", file=sys.stderr)
    print(f"training {run_id} in {os.getcwd()}", flush=True)
    if matches("FAKE_TRAINER_CRASH", run_id):
        os.kill(os.getpid(), signal.SIGKILL)
    if matches("FAKE_TRAINER_FAIL", run_id):
        print("boom: the trainer failed on purpose", file=sys.stderr)
        sys.exit(3)
    if not os.environ.get("FAKE_TRAINER_SLEEP_ONLY") or matches("FAKE_TRAINER_SLEEP_ONLY", run_id):
        time.sleep(float(os.environ.get("FAKE_TRAINER_SLEEP", "0")))
    with open(mixture_path) as f:
        weights = json.load(f)["weights"]
    if os.environ.get("FAKE_TRAINER_NO_METRICS"):
        return
    path = os.path.join(out_dir, "metrics.json")
    if os.environ.get("FAKE_TRAINER_BAD_METRICS"):
        with open(path, "w") as f:
            f.write('{"metrics": {"loss.web": "high"}}')
        return

    def losses(fraction):
        base = 0.001 * seed + (1e5 / size) ** 0.1
        return {f"loss.{d}": 1.5 + math.exp(-4 * w) + base + (1 - fraction) for d, w in weights.items()}

    final = losses(1.0)
    if matches("FAKE_TRAINER_ABSURD", run_id) and "loss.web" in final:
        final["loss.web"] = 1e308
    if matches("FAKE_TRAINER_DROP", run_id):
        final.pop("loss.web", None)
    result = {
        "metrics": final,
        "steps": [
            {"step": 1, "tokens": tokens // 2, "metrics": losses(0.5)},
            {"step": 2, "tokens": tokens, "metrics": losses(1.0)},
        ],
    }
    with open(path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
