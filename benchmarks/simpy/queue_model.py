#!/usr/bin/env python3
"""The M/M/c bank of benchmarks/QueueModel.cs in SimPy, for benchmarks/simpy/compare.

Customers arrive with exponential inter-arrival times, each requests one of c counters, holds it for an
exponential service time and releases it. Prints one line of key=value pairs: the events processed, the wall time,
events per second and the mean waiting time.

Runs on SimPy 3 or 4 (module simpy, e.g. from PyPI) when it imports, else on SimPy 2 (module SimPy, the Debian
package python3-simpy of bookworm, which is 2.3.1).

Events are counted as our kernel counts them, so that events per second compare the same work:
- ours: per customer its start, the grant of its request, its service timeout and its end (4), plus the source's
  timeout per customer (1); and the source's start and end: 5 per customer + 2.
- SimPy 3/4: the same events, plus a Release event per customer that our kernel does not need (a release there is a
  method call). The count printed leaves the releases out (raw_events has them): 5 per customer + 2.
- SimPy 2: scheduler steps, each a process resumption: per customer activation, grant, end of service, and the step
  after `yield release` (which runs the body to its end, where ours processes the process's end); plus the source's
  activation and one hold per customer. 5 per customer + 1: a process's end is not an event there.
"""
import argparse
import random
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--customers", type=int, default=200_000)
    p.add_argument("--counters", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--interarrival", type=float, default=1.0, help="mean seconds between arrivals")
    p.add_argument("--service", type=float, default=2.4, help="mean service seconds")
    return p.parse_args()


def run_simpy3(a):
    """SimPy 3/4: returns (engine, events, raw_events, wall seconds, total wait)."""
    import simpy
    from simpy.core import EmptySchedule

    env = simpy.Environment()
    counters = simpy.Resource(env, capacity=a.counters)
    rng = random.Random(a.seed)
    total_wait = 0.0

    def customer():
        nonlocal total_wait
        arrival = env.now
        with counters.request() as req:
            yield req
            total_wait += env.now - arrival
            yield env.timeout(rng.expovariate(1 / a.service))

    def source():
        for _ in range(a.customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(1 / a.interarrival))

    env.process(source())
    # env.run() is this loop without the count.
    step, raw = env.step, 0
    start = time.perf_counter()
    try:
        while True:
            step()
            raw += 1
    except EmptySchedule:
        pass
    wall = time.perf_counter() - start
    # Every customer released its counter once: those are the Release events left out.
    return f"simpy-{simpy.__version__}", raw - a.customers, raw, wall, total_wait


def run_simpy2(a):
    """SimPy 2 (object-oriented API): returns (engine, events, raw_events, wall seconds, total wait)."""
    import SimPy
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    sim = Simulation()
    sim.initialize()
    counters = Resource(capacity=a.counters, sim=sim)
    rng = random.Random(a.seed)
    total_wait = [0.0]

    class Customer(Process):
        def visit(self):
            arrival = sim.now()
            yield request, self, counters
            total_wait[0] += sim.now() - arrival
            yield hold, self, rng.expovariate(1 / a.service)
            yield release, self, counters

    class Source(Process):
        def generate(self):
            for _ in range(a.customers):
                c = Customer(sim=sim)
                sim.activate(c, c.visit())
                yield hold, self, rng.expovariate(1 / a.interarrival)

    s = Source(sim=sim)
    sim.activate(s, s.generate())
    # sim.simulate(until=...) is this loop with a time limit, without the count.
    step, timestamps, raw = sim.step, sim._timestamps, 0
    start = time.perf_counter()
    while timestamps:
        step()
        raw += 1
    wall = time.perf_counter() - start
    return f"simpy-{SimPy.__version__}", raw, raw, wall, total_wait[0]


def main():
    a = parse()
    try:
        import simpy  # noqa: F401
        run = run_simpy3
    except ImportError:
        run = run_simpy2
    engine, events, raw, wall, total_wait = run(a)
    print(f"engine={engine} customers={a.customers} events={events} raw_events={raw} wall_s={wall:.4f} "
          f"events_per_s={events / wall:.0f} mean_wait={total_wait / a.customers:.4f}")


if __name__ == "__main__":
    main()
