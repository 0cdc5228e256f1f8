"""The same M/M/c model as bench/models/mm4.yaml, in SimPy 3, for the speed comparison.

Usage: /usr/bin/python3 bench/simpy_mm4.py JOBS [SEED]
Prints one JSON object: jobs, wall_s, wait_mean.
"""
import json
import random
import sys
import time

import simpy

ARRIVAL_RATE = 3.2  # jobs per second
SERVICE_MEAN = 1.0  # seconds
WORKERS = 4


def main():
    jobs = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    env = simpy.Environment()
    workers = simpy.Resource(env, capacity=WORKERS)
    waits = []

    def job(env):
        enqueued = env.now
        with workers.request() as req:
            yield req
            waits.append(env.now - enqueued)
            yield env.timeout(rng.expovariate(1.0 / SERVICE_MEAN))

    def producer(env):
        for _ in range(jobs):
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))
            env.process(job(env))

    started = time.perf_counter()
    env.process(producer(env))
    env.run()
    wall = time.perf_counter() - started
    print(json.dumps({"jobs": len(waits), "wall_s": wall, "wait_mean": sum(waits) / len(waits)}))


if __name__ == "__main__":
    main()
