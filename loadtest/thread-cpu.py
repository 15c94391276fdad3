#!/usr/bin/env python3
"""CPU of a process by thread group over a window: which of its threads (event loops, the store's
workers, the driver's, the JIT compiler, GC…) the cores went to.

    loadtest/thread-cpu.py PID SECONDS

Reads /proc/PID/task/*/stat twice, SECONDS apart, and groups threads by name with their trailing
numbers removed ("vert.x-eventloop-thread-3" and "-1" are one group). Used inside a benchmark's
measured window (docs/performance.md), where the report gives only the process total.
"""
import collections
import os
import re
import sys
import time


def snapshot(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime, in clock ticks
    return threads


def group(name):
    name = re.sub(r"[-#]?\d+$", "", name)
    return re.sub(r"-\d+-t.*", "", name)  # the JDK truncates names to 15 characters


def main():
    pid, seconds = sys.argv[1], float(sys.argv[2])
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    ticks = collections.Counter()
    for tid, (name, used) in after.items():
        ticks[group(name)] += used - before.get(tid, (name, 0))[1]
    hz = os.sysconf("SC_CLK_TCK")
    total = sum(ticks.values()) or 1
    print(f"total {total / hz / seconds:.3f} cores over {seconds:.0f} s")
    for name, used in ticks.most_common():
        if used:
            print(f"{name:28s} {used / hz / seconds:.3f} cores {100 * used / total:5.1f}%")


if __name__ == "__main__":
    main()
