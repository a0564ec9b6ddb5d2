"""Python loguru's row of the side-by-side benchmark (`cargo run --release --bin compare -- all`).

Logs the same lines as the Rust rows into the file given as the first argument, with loguru's
default format (no colour), in bursts of 20 calls timed with perf_counter_ns, and prints one
line the harness reads:

    RESULT elapsed_ns=... p50=... p99=... p999=... hwm_kib=...

Usage: python loguru_bench.py OUTPUT_FILE [LINES]
"""

import sys
import time

from loguru import logger

FORMAT = "{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}"
BURST = 20


def vm_hwm_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    path = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    logger.remove()  # the default stderr handler
    logger.add(path, format=FORMAT, colorize=False)

    user = "alice"
    ip = "10.0.0.1"
    ms = 3.14
    info = logger.info
    clock = time.perf_counter_ns
    bursts = []
    i = 0
    start = clock()
    for _ in range(lines // BURST):
        t = clock()
        for _ in range(BURST):
            info("User {user} logged in from {ip} (id={id}, ms={ms})", user=user, ip=ip, id=i, ms=ms)
            i += 1
        bursts.append(clock() - t)
    logger.remove()  # closes (and so flushes) the file
    elapsed = clock() - start

    bursts.sort()

    def pick(q):
        return bursts[min(int(len(bursts) * q), len(bursts) - 1)] / BURST

    print(
        f"RESULT elapsed_ns={elapsed} p50={pick(0.5):.1f} p99={pick(0.99):.1f} "
        f"p999={pick(0.999):.1f} hwm_kib={vm_hwm_kib()}"
    )


if __name__ == "__main__":
    main()
