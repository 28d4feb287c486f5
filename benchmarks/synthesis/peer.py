#!/usr/bin/env python3
"""The wave model of `escalator plan --optimize --emit-model` solved by plain Z3 from Python, for benchmarks/synthesis/compare.

Same model as Escalator's synthesizer: each host in one wave; per wave at most `capacity` hosts (a canary wave exactly
`firstWave`) and, for each limit (racks, VNF tolerances such as anti-affine pairs, clusters, room), the sum of its
weights at most its bound; a wave lasts its longest visit; minimise the sum. Plainly encoded: the fewest waves by a
fresh solver per wave count from the model's `fewestWaves` up, then z3.Optimize on the duration at that count, no
symmetry breaking, no bound of its own. Prints one line of key=value pairs.
"""
import argparse
import json
import time

import z3


def stage_solve(stage, deadline):
    n = len(stage["hosts"])
    millis = [int(h["seconds"] * 1000) for h in stage["hosts"]]
    if n == 0:
        return 0, 0, True

    def constraints(waves):
        x = [[z3.Bool(f"x_{i}_{k}") for k in range(waves)] for i in range(n)]
        cs = [z3.PbEq([(x[i][k], 1) for k in range(waves)], 1) for i in range(n)]
        for k in range(waves):
            column = [x[i][k] for i in range(n)]
            cs.append(z3.AtMost(*column, stage["capacity"]))
            if k == 0 and "firstWave" in stage:
                cs.append(z3.PbEq([(v, 1) for v in column], stage["firstWave"]))
            for limit in stage["limits"]:
                cs.append(z3.PbLe([(x[i][k], w) for i, w in zip(limit["hosts"], limit["weights"])], limit["bound"]))
        return x, cs

    waves = stage["fewestWaves"]
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or waves > n + 1:
            return None, None, False
        s = z3.Solver()
        s.set("timeout", int(left * 1000))
        _, cs = constraints(waves)
        s.add(cs)
        r = s.check()
        if r == z3.sat:
            break
        if r == z3.unknown:
            return None, None, False
        waves += 1

    x, cs = constraints(waves)
    opt = z3.Optimize()
    opt.set("timeout", max(1, int((deadline - time.monotonic()) * 1000)))
    opt.add(cs)
    length = [z3.Int(f"m_{k}") for k in range(waves)]
    for k in range(waves):
        opt.add(length[k] >= 0)
        for i in range(n):
            opt.add(z3.Implies(x[i][k], length[k] >= millis[i]))
    opt.minimize(z3.Sum(length))
    r = opt.check()
    model = opt.model() if r != z3.unsat else None
    if model is None:
        return waves, None, False
    cost = sum(model.eval(m, model_completion=True).as_long() for m in length) / 1000 + stage["soakSeconds"]
    return waves, cost, r == z3.sat


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds for the whole search")
    a = p.parse_args()
    start = time.monotonic()
    with open(a.model) as f:
        model = json.load(f)
    deadline = start + a.timeout
    total, optimal, waves_all = 0.0, True, 0
    for stage in model["stages"]:
        waves, cost, proved = stage_solve(stage, deadline)
        if cost is None:
            print(f"engine=z3-python-{z3.get_version_string()} result=none wall_s={time.monotonic() - start:.3f}")
            return
        total += cost
        waves_all += waves
        optimal &= proved
    print(f"engine=z3-python-{z3.get_version_string()} waves={waves_all} expected_s={total:.3f} optimal={str(optimal).lower()} "
          f"wall_s={time.monotonic() - start:.3f}")


if __name__ == "__main__":
    main()
