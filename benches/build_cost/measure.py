#!/usr/bin/env python3
"""Build cost of hlog's log calls next to tracing and log.

Generates, for each logger, a binary crate with 1,000 distinct log call sites (10 modules x 2
functions x 50 calls, 2-3 arguments of mixed types each) and a baseline crate with the same
skeleton and no call sites, then measures:

* the clean build time of the user's crate alone (dependencies already built; `cargo clean -p`
  then `cargo build`), debug and release, median of --runs runs;
* the full clean build time with dependencies (`rm -rf target`, then `cargo build`), once;
* the stripped release binary size, and the size added per call site.

Writes benches/build_cost/results.md and prints it. Standard library only.

    python3 benches/build_cost/measure.py                 # 14-17 minutes on 2 cores (see README)
    python3 benches/build_cost/measure.py --diagnose      # plus literal-only and `cargo check` variants
    python3 benches/build_cost/measure.py --quick         # 1 run, no full builds: a smoke test

Generated crates live under --workdir (default /tmp/hlog_build_cost), never in the repository.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
HLOG_PATH = REPO / "hlog"

MODULES = 10
FUNCTIONS_PER_MODULE = 2

# ---------------------------------------------------------------------------------------------
# The messages. Placeholders name the function's parameters; `{name:spec}` keeps its spec.
# The same 1,000 messages, in the same order and at the same levels, go into every crate.
# ---------------------------------------------------------------------------------------------

PATTERNS = [
    "User {user} logged in from {ip} (id={id})",
    "Request {id} took {ms}ms",
    "Cache lookup for {key} returned hit={hit}",
    "Processed {count} items for {user}",
    "Connection from {ip} closed with code {code}",
    "Retry {count} of request {id} after {ms:.1}ms",
    "Config {key} loaded: enabled={hit}, size={count}",
    "Payment {id} failed for {user} with code {code}",
    "Queue {key} has depth {count} and lag {ms}s",
    "Session {id} of {user} expired (renewed={hit})",
    "Upstream {ip} answered {code} in {ms:.2}ms",
    "Unexpected key {key:?} at offset {count}",
    "Balance of account {id} is {delta} after {count} operations",
    "Worker {count} picked job {id} from {key}",
    "Rate limit for {ip}: {count} requests, blocked={hit}",
    "File {key} rotated at {count} bytes (delta={delta})",
    "Grade {grade} assigned to {user}",
    "Token for {user} refreshed in {ms}ms",
    "Shard {code} of {key} rebalanced to {ip}",
    "Temperature delta {delta} exceeds {ms} on sensor {id}",
]

LEVELS = ["info", "info", "debug", "warn", "info", "error", "info", "debug", "info", "warn"]

PARAMS = (
    "user: &str, ip: &str, key: &String, id: u64, ms: f64, hit: bool, count: usize, "
    "code: i32, delta: i64, grade: char"
)
PARAM_NAMES = ["user", "ip", "key", "id", "ms", "hit", "count", "code", "delta", "grade"]

PLACEHOLDER = re.compile(r"\{(\w+)(:[^}]*)?\}")


@dataclass
class Call:
    level: str
    template: str  # with named placeholders, `{user}`
    names: list[str]


def calls(n: int) -> list[Call]:
    """The n call sites, each with a distinct message."""
    out = []
    for i in range(n):
        pattern = PATTERNS[i % len(PATTERNS)]
        template = f"[{i // len(PATTERNS):02}] {pattern}"
        names = [m.group(1) for m in PLACEHOLDER.finditer(template)]
        out.append(Call(LEVELS[i % len(LEVELS)], template, names))
    return out


def positional(call: Call) -> tuple[str, str]:
    """`format_args!` style: `"User {} logged in", user` (specs kept: `{:.1}`)."""
    template = PLACEHOLDER.sub(lambda m: "{" + (m.group(2) or "") + "}", call.template)
    return template, ", ".join(call.names)


def dyn_args(call: Call) -> str:
    """Each argument as a trait object: `&user as &dyn std::fmt::Display` (Debug for `:?`)."""
    out = []
    for m in PLACEHOLDER.finditer(call.template):
        trait = "Debug" if (m.group(2) or "").endswith("?") else "Display"
        out.append(f"&{m.group(1)} as &dyn std::fmt::{trait}")
    return ", ".join(out)


def literal(call: Call) -> str:
    """The message with its placeholders replaced by words: no argument at all."""
    return PLACEHOLDER.sub(lambda m: m.group(1).upper(), call.template)


# ---------------------------------------------------------------------------------------------
# The crates. Each variant: a dependency block, a setup in main, and how one call is written.
# ---------------------------------------------------------------------------------------------


@dataclass
class Variant:
    name: str
    label: str
    deps: str
    setup: str  # first statements of main
    teardown: str  # last statements of main
    render: callable  # Call -> source of one statement
    diagnostic: bool = False  # only with --diagnose

    @property
    def family(self) -> str:
        """Variants of one logger share a workspace, so their dependencies are built once."""
        return self.name.split("_")[0]


def hlog_deps() -> str:
    return f'hlog = {{ path = "{HLOG_PATH}" }}\n'


TRACING_DEPS = 'tracing = "0.1"\ntracing-subscriber = "0.3"\n'
# The log facade with a backend that prints a timestamped, coloured line to stderr, as hlog's
# default handler and tracing-subscriber's fmt() do; env_logger's regex filter (a default
# feature) is left out, as tracing-subscriber's env-filter is.
LOG_DEPS = (
    'log = "0.4"\n'
    'env_logger = { version = "0.11", default-features = false, '
    'features = ["auto-color", "humantime"] }\n'
)

VARIANTS = [
    Variant(
        "hlog",
        "hlog (named, `{user}` captured)",
        hlog_deps(),
        "",
        "hlog::complete();",
        lambda c: f'hlog::{c.level}!("{c.template}");',
    ),
    Variant(
        "hlog_pos",
        "hlog (positional `{}`)",
        hlog_deps(),
        "",
        "hlog::complete();",
        lambda c: 'hlog::{}!("{}", {});'.format(c.level, *positional(c)),
    ),
    Variant(
        "tracing",
        "tracing 0.1 (format args)",
        TRACING_DEPS,
        "tracing_subscriber::fmt().init();",
        "",
        lambda c: 'tracing::{}!("{}", {});'.format(c.level, *positional(c)),
    ),
    Variant(
        "log",
        "log 0.4 + env_logger",
        LOG_DEPS,
        "env_logger::init();",
        "",
        lambda c: 'log::{}!("{}", {});'.format(c.level, *positional(c)),
    ),
    # Diagnostics: the same calls with no argument, to split the cost of the call-site
    # skeleton (callsite static, level gate, dispatch) from the cost of the arguments.
    Variant(
        "hlog_lit",
        "hlog, literal-only messages",
        hlog_deps(),
        "",
        "hlog::complete();",
        lambda c: f'hlog::{c.level}!("{literal(c)}");',
        diagnostic=True,
    ),
    # The same calls as hlog_pos with every argument behind `&dyn Display` / `&dyn Debug`, so
    # that the message writer calls `core::fmt` out of line instead of hlog's inlined fast
    # paths (itoa, ryu, byte copies): how much of the cost is that inlined code.
    Variant(
        "hlog_dyn",
        "hlog, positional, arguments as `&dyn Display`",
        hlog_deps(),
        "",
        "hlog::complete();",
        lambda c: 'hlog::{}!("{}", {});'.format(c.level, positional(c)[0], dyn_args(c)),
        diagnostic=True,
    ),
    Variant(
        "tracing_lit",
        "tracing, literal-only messages",
        TRACING_DEPS,
        "tracing_subscriber::fmt().init();",
        "",
        lambda c: f'tracing::{c.level}!("{literal(c)}");',
        diagnostic=True,
    ),
    Variant(
        "log_lit",
        "log, literal-only messages",
        LOG_DEPS,
        "env_logger::init();",
        "",
        lambda c: f'log::{c.level}!("{literal(c)}");',
        diagnostic=True,
    ),
]


def crate_source(variant: Variant, n_calls: int) -> dict[str, str]:
    """Files of one crate: src/main.rs and src/m{k}.rs."""
    all_calls = calls(n_calls)
    per_function = -(-n_calls // (MODULES * FUNCTIONS_PER_MODULE)) if n_calls else 0
    files = {}
    main = [
        "// Generated by benches/build_cost/measure.py.",
        "#![allow(clippy::all)]",
    ]
    main += [f"mod m{k};" for k in range(MODULES)]
    main += [
        "",
        "fn main() {",
        f"    {variant.setup}",
        "    // Values the optimiser cannot see through.",
        "    let n = std::env::args().count();",
        '    let user = if n > 5 { "bob" } else { "alice" };',
        '    let ip = if n > 6 { "10.0.0.2" } else { "10.0.0.1" };',
        '    let key = &std::format!("key-{n}");',
        "    let (id, ms, hit, count) = (n as u64 * 42, n as f64 * 1.5, n > 2, n * 3);",
        "    let (code, delta, grade) = (n as i32 - 404, -(n as i64) * 7, (b'A' + n as u8) as char);",
    ]
    args = ", ".join(PARAM_NAMES)
    for k in range(MODULES):
        for f in range(FUNCTIONS_PER_MODULE):
            main.append(f"    m{k}::f{f}({args});")
    main += [f"    {variant.teardown}", "}", ""]
    files["src/main.rs"] = "\n".join(main)

    index = 0
    for k in range(MODULES):
        lines = ["// Generated by benches/build_cost/measure.py.", ""]
        for f in range(FUNCTIONS_PER_MODULE):
            lines.append("#[allow(unused_variables, clippy::too_many_arguments)]")
            lines.append(f"pub fn f{f}({PARAMS}) {{")
            for _ in range(per_function):
                if index < n_calls:
                    lines.append("    " + variant.render(all_calls[index]))
                    index += 1
            lines.append("}")
            lines.append("")
        files[f"src/m{k}.rs"] = "\n".join(lines)
    assert index == n_calls, (index, n_calls)
    return files


def package_name(variant: Variant, n_calls: int) -> str:
    return f"bc_{variant.name}_{n_calls}"


def write_workspace(root: Path, variants: list[Variant], sizes: list[int]) -> Path:
    """One Cargo workspace per logger (its own target dir and lock file), holding the crates
    with call sites and the baselines, so that they share the built dependencies."""
    ws = root / variants[0].family
    ws.mkdir(parents=True, exist_ok=True)
    members = [package_name(v, n) for v in variants for n in sizes]
    manifest = (
        "# Generated by benches/build_cost/measure.py.\n"
        "[workspace]\n"
        'resolver = "3"\n'
        f"members = {json.dumps(members)}\n"
    )
    write_if_changed(ws / "Cargo.toml", manifest)
    for variant, n in [(v, n) for v in variants for n in sizes]:
        crate = ws / package_name(variant, n)
        write_if_changed(
            crate / "Cargo.toml",
            "[package]\n"
            f'name = "{package_name(variant, n)}"\n'
            'version = "0.0.0"\n'
            'edition = "2024"\n'
            "publish = false\n\n"
            "[dependencies]\n" + variant.deps,
        )
        for rel, text in crate_source(variant, n).items():
            write_if_changed(crate / rel, text)
    return ws


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


# ---------------------------------------------------------------------------------------------
# Measuring.
# ---------------------------------------------------------------------------------------------


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["CARGO_TERM_COLOR"] = "never"
    e["CARGO_TERM_PROGRESS_WHEN"] = "never"
    for var in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_TARGET_DIR"):
        e.pop(var, None)
    return e


@dataclass
class Timing:
    wall: float
    cpu: float  # user + sys of cargo and every rustc/linker it ran


def run(cmd: list[str], cwd: Path, check: bool = True) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)} in {cwd}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def load1() -> float:
    return os.getloadavg()[0]


def cpu_busy(seconds: float = 2.0) -> float:
    """Busy cores over the next `seconds` (from /proc/stat): what other work on the machine is
    using right now. Unlike the load average, it does not remember this script's own builds."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as f:
            values = [int(x) for x in f.readline().split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values), idle

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    total, idle = total1 - total0, idle1 - idle0
    return (os.cpu_count() or 1) * (1 - idle / total) if total else 0.0


def wait_for_quiet(limit: float, max_wait: float) -> float:
    """Wait (at most max_wait seconds) until other work uses less than `limit` cores; return
    what it used at the last look."""
    if limit <= 0:
        return cpu_busy(0.5)
    deadline = time.monotonic() + max_wait
    busy = cpu_busy()
    shown = False
    while busy >= limit and time.monotonic() < deadline:
        if not shown:
            log(f"  {busy:.2f} cores busy >= {limit}: waiting (at most {max_wait:.0f} s) ...")
            shown = True
        busy = cpu_busy()
    if shown:
        log(f"  now {busy:.2f} cores busy")
    return busy


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def binary(ws: Path, package: str, profile: str) -> Path:
    return ws / "target" / profile / package


def stripped_size(path: Path) -> int:
    out = path.with_suffix(".stripped")
    subprocess.run(["strip", "-o", str(out), str(path)], check=True)
    size = out.stat().st_size
    out.unlink()
    return size


@dataclass
class Result:
    variant: Variant
    # (n_calls, profile) -> list of Timing
    crate: dict = field(default_factory=dict)
    check: dict = field(default_factory=dict)  # (n_calls,) -> list of Timing, `cargo check`
    full: dict = field(default_factory=dict)  # profile -> Timing
    size: dict = field(default_factory=dict)  # n_calls -> (stripped, unstripped)
    loads: list = field(default_factory=list)
    expansion: dict = field(default_factory=dict)  # hlog-macros alone, see expansion_cost
    ir: dict = field(default_factory=dict)  # (n_calls, profile) -> (IR lines, functions)


def profile_flags(profile: str) -> list[str]:
    return ["--release"] if profile == "release" else []


def profile_dir(profile: str) -> str:
    return "release" if profile == "release" else "debug"


def measure(args) -> list[Result]:
    root = Path(args.workdir)
    variants = [v for v in VARIANTS if args.diagnose or not v.diagnostic]
    if args.only:
        variants = [v for v in variants if v.name in args.only]
    sizes = [args.calls, 0]
    results = {v.name: Result(v) for v in variants}
    families = {}
    for v in variants:
        families.setdefault(v.family, []).append(v)
    family_ws = {f: write_workspace(root, vs, sizes) for f, vs in families.items()}
    spaces = {v.name: family_ws[v.family] for v in variants}
    profiles = ["debug", "release"]

    # Resolve (network, once) and fetch, outside every timing.
    for ws in family_ws.values():
        if not (ws / "Cargo.lock").exists():
            run(["cargo", "generate-lockfile"], ws)
        run(["cargo", "fetch"], ws)

    # Full clean builds, with dependencies: once per variant and profile.
    for v in variants:
        if v.diagnostic:
            continue
        ws = spaces[v.name]
        for profile in profiles:
            if args.no_full:
                break
            shutil.rmtree(ws / "target", ignore_errors=True)
            wait_for_quiet(args.max_busy, args.max_wait)
            pkg = package_name(v, args.calls)
            t = run(["cargo", "build", "--offline", "-p", pkg] + profile_flags(profile), ws)
            results[v.name].full[profile] = t
            log(f"full  {v.name:12} {profile:7} {t.wall:7.2f} s wall {t.cpu:7.2f} s cpu")
    # Everything built once (also what --no-full skipped), so later runs build only the crate.
    for ws in family_ws.values():
        for profile in profiles:
            run(["cargo", "build", "--offline", "--workspace"] + profile_flags(profile), ws)

    # The crate alone, interleaved (run r of every variant before run r+1 of any) so that a
    # burst of load elsewhere spreads over the variants instead of hitting one.
    for r in range(args.runs):
        order = variants[r % len(variants):] + variants[: r % len(variants)]
        for profile in profiles:
            for v in order:
                ws = spaces[v.name]
                for n in sizes:
                    pkg = package_name(v, n)
                    flags = profile_flags(profile)
                    run(["cargo", "clean", "--offline", "-p", pkg] + flags, ws)
                    busy = wait_for_quiet(args.max_busy, args.max_wait)
                    results[v.name].loads.append(busy)
                    t = run(["cargo", "build", "--offline", "-p", pkg] + flags, ws)
                    results[v.name].crate.setdefault((n, profile), []).append(t)
                    log(
                        f"run {r + 1} {v.name:12} {n:5} calls {profile:7} "
                        f"{t.wall:6.2f} s wall {t.cpu:6.2f} s cpu (others busy before: {busy:.2f} cores)"
                    )
        if args.diagnose and not args.no_check:
            # `cargo check`: parsing, macro expansion, name resolution and type checking, no
            # code generation. The remainder of a debug build is codegen and linking.
            for v in order:
                ws = spaces[v.name]
                for n in sizes:
                    pkg = package_name(v, n)
                    run(["cargo", "check", "--offline", "-p", pkg], ws)  # deps' metadata
                    run(["cargo", "clean", "--offline", "-p", pkg], ws)
                    wait_for_quiet(args.max_busy, args.max_wait)
                    t = run(["cargo", "check", "--offline", "-p", pkg], ws)
                    results[v.name].check.setdefault(n, []).append(t)
                    log(f"check {r + 1} {v.name:12} {n:5} calls {t.wall:6.2f} s wall")
                    run(["cargo", "build", "--offline", "-p", pkg], ws)  # leave it built

    if args.diagnose and "hlog" in families:
        results[variants[0].name].expansion = expansion_cost(args)
    if args.diagnose and shutil.which("cargo-llvm-lines"):
        for v in variants:
            for n in sizes:
                for profile in profiles:
                    results[v.name].ir[(n, profile)] = llvm_lines(spaces[v.name], package_name(v, n), profile)

    for v in variants:
        ws = spaces[v.name]
        for n in sizes:
            path = binary(ws, package_name(v, n), "release")
            results[v.name].size[n] = (stripped_size(path), path.stat().st_size)
    return [results[v.name] for v in variants]


# ---------------------------------------------------------------------------------------------
# Diagnostics: the proc macro's own time, outside the compiler.
# ---------------------------------------------------------------------------------------------

EXPAND_MAIN = r"""
// Generated by benches/build_cost/measure.py: runs hlog-macros' parse, bind and expand phases
// (its own source files) on the benchmark's call sites, outside the compiler, and times them.
#![allow(dead_code)]
#[path = "HLOG_MACROS/src/ast.rs"]
mod ast;
#[path = "HLOG_MACROS/src/bind.rs"]
mod bind;
#[path = "HLOG_MACROS/src/expand.rs"]
mod expand;
#[path = "HLOG_MACROS/src/span.rs"]
mod span;

fn main() {
    let file = std::env::args().nth(1).expect("input file");
    let inputs: Vec<proc_macro2::TokenStream> = std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|line| line.parse().unwrap())
        .collect();
    if std::env::var_os("HLOG_EXPAND_PRINT").is_some() {
        // One expansion a line (the ablation of the earlier expansion, ablation.md, read them).
        for input in &inputs {
            let call = ast::LogCall::parse_tokens(input.clone()).unwrap();
            println!("{}", expand::expand(&call));
        }
        return;
    }
    let mut best = f64::MAX;
    let mut tokens = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        tokens = 0;
        for input in &inputs {
            let call = ast::LogCall::parse_tokens(input.clone()).unwrap();
            let out = expand::expand(&call);
            tokens += out.to_string().len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{} {} {}", inputs.len(), best, tokens);
}
"""

LEVEL_IDENTS = {"info": "INFO", "warn": "WARNING", "error": "ERROR", "debug": "DEBUG"}


def expand_harness(workdir: str) -> Path:
    """The crate that runs hlog-macros' phases outside the compiler (written, not built)."""
    ws = Path(workdir) / "expand"
    write_if_changed(
        ws / "Cargo.toml",
        "[package]\nname = \"hlog_expand_time\"\nversion = \"0.0.0\"\nedition = \"2024\"\n"
        "publish = false\n\n[workspace]\n\n[dependencies]\n"
        f'hlog-template = {{ path = "{REPO / "hlog-template"}" }}\n'
        'proc-macro2 = "1"\nquote = "1"\nsyn = { version = "2", features = ["full"] }\n',
    )
    write_if_changed(ws / "src/main.rs", EXPAND_MAIN.replace("HLOG_MACROS", str(REPO / "hlog-macros")))
    lock = Path(workdir) / "hlog" / "Cargo.lock"
    if lock.exists() and not (ws / "Cargo.lock").exists():
        shutil.copy(lock, ws / "Cargo.lock")
    return ws


def expansions(workdir: str, inputs: list[str]) -> list[str]:
    """hlog-macros' output for each `::hlog, LEVEL, "template", args` input, as source text."""
    ws = expand_harness(workdir)
    path = ws / "print.txt"
    write_if_changed(path, "\n".join(inputs) + "\n")
    run(["cargo", "build", "--release"], ws)
    proc = subprocess.run(
        [str(ws / "target/release/hlog_expand_time"), str(path)],
        capture_output=True, text=True, check=True, env={**env(), "HLOG_EXPAND_PRINT": "1"},
    )
    out = proc.stdout.splitlines()
    assert len(out) == len(inputs), (len(out), len(inputs))
    return out


def expansion_cost(args) -> dict[str, dict[str, float]]:
    """Seconds that hlog-macros takes for the call sites of `hlog` and `hlog_pos`, in a debug
    build (what cargo uses for proc macros by default, in release builds too: build-override
    opt-level 0) and in an optimised one."""
    ws = expand_harness(args.workdir)
    out = {}
    for name, render in (
        ("hlog", lambda c: f'::hlog, {LEVEL_IDENTS[c.level]}, "{c.template}"'),
        ("hlog_pos", lambda c: '::hlog, {}, "{}", {}'.format(LEVEL_IDENTS[c.level], *positional(c))),
    ):
        path = ws / f"{name}.txt"
        write_if_changed(path, "\n".join(render(c) for c in calls(args.calls)) + "\n")
        for profile in ("debug", "release"):
            run(["cargo", "build", "--offline"] + profile_flags(profile), ws)
            proc = subprocess.run(
                [str(ws / "target" / profile / "hlog_expand_time"), str(path)],
                capture_output=True, text=True, check=True,
            )
            n, seconds, _ = proc.stdout.split()
            out.setdefault(name, {})[profile] = float(seconds)
            log(f"expand {name:8} {profile:7} {float(seconds) * 1000:.1f} ms for {n} calls")
    return out


def top_row(row: str) -> str:
    """`  46433 (23.1%, 23.1%) 2003 (39.2%, 39.2%) name` -> `name`: 46433 lines, 2003 copies."""
    m = re.match(r"\s*(\d+) \([^)]*\)\s+(\d+) \([^)]*\)\s+(.*)", row)
    return f"`{m.group(3)}`: {m.group(1)} lines, {m.group(2)} copies" if m else row


def llvm_lines(ws: Path, package: str, profile: str) -> tuple[int, int, list[str]]:
    """`cargo llvm-lines` (LLVM IR handed to LLVM, before its optimisations): total lines,
    function copies, and the top rows. Rebuilds the crate, so it runs after the timings."""
    proc = subprocess.run(
        ["cargo", "llvm-lines", "--offline", "-p", package] + profile_flags(profile),
        cwd=ws, env=env(), capture_output=True, text=True, check=True,
    )
    rows = [line for line in proc.stdout.splitlines() if re.match(r"\s*\d+ ", line)]
    total = rows[0].split()
    return int(total[0]), int(total[1]), rows[1:6]


# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------


def med(timings: list[Timing], what: str = "wall") -> float:
    return statistics.median(getattr(t, what) for t in timings)


def versions(ws: Path) -> dict[str, str]:
    lock = (ws / "Cargo.lock").read_text()
    found = {}
    for name, version in re.findall(r'name = "([^"]+)"\nversion = "([^"]+)"', lock):
        found.setdefault(name, []).append(version)
    return {name: "/".join(v) for name, v in found.items()}


def report(results: list[Result], args, elapsed: float) -> str:
    by = {r.variant.name: r for r in results}
    n = args.calls
    lines = []
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    all_loads = [x for r in results for x in r.loads]
    lines.append(f"# Build cost of {n:,} log call sites: hlog, tracing, log")
    lines.append("")
    lines.append(
        f"Measured {datetime.date.today().isoformat()} with {rustc}, {os.cpu_count()} cores, "
        f"median of {args.runs} run(s); cores used by other work just before each timed crate "
        f"build: median {statistics.median(all_loads):.2f}, max {max(all_loads):.2f}. "
        f"Script run time: {elapsed / 60:.1f} min."
    )
    lines.append("")
    lines.append(
        "*crate* = `cargo build -p <crate>` after `cargo clean -p <crate>`, dependencies "
        "already built (the part that the call sites change); wall-clock seconds, CPU seconds "
        "(user+sys of cargo, rustc and the linker) in parentheses. *baseline* = the same crate "
        "with the logger set up and no call site. *bytes per call* = (size with "
        f"{n:,} calls - baseline size) / {n:,}. *full* = everything from an empty target "
        f"directory, with dependencies, crate with {n:,} calls, one run. Size: release binary "
        "after `strip`."
    )
    lines.append("")
    head = (
        f"| crate | debug, {n:,} calls | debug, baseline | release, {n:,} calls | "
        "release, baseline | full debug | full release | stripped size, "
        f"{n:,} calls | baseline | bytes per call |"
    )
    lines.append(head)
    lines.append("|" + "---|" * (head.count("|") - 1))
    for r in results:
        cells = [r.variant.label]
        for profile in ("debug", "release"):
            for size in (n, 0):
                ts = r.crate[(size, profile)]
                cells.append(f"{med(ts):.2f} s ({med(ts, 'cpu'):.2f})")
        for profile in ("debug", "release"):
            t = r.full.get(profile)
            cells.append(f"{t.wall:.1f} s ({t.cpu:.1f})" if t else "-")
        s_n, s_0 = r.size[n][0], r.size[0][0]
        cells += [kib(s_n), kib(s_0), f"{(s_n - s_0) / n:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")

    # Per call site, and ratios.
    lines.append(f"Per call site (crate with {n:,} calls - baseline) / {n:,}:")
    lines.append("")
    lines.append("| crate | debug ms/call | release ms/call | bytes/call |")
    lines.append("|---|---|---|---|")
    for r in results:
        row = [r.variant.label]
        for profile in ("debug", "release"):
            d = med(r.crate[(n, profile)]) - med(r.crate[(0, profile)])
            c = med(r.crate[(n, profile)], "cpu") - med(r.crate[(0, profile)], "cpu")
            row.append(f"{1000 * d / n:.2f} ({1000 * c / n:.2f} cpu)")
        row.append(f"{(r.size[n][0] - r.size[0][0]) / n:.0f}")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")

    ratio_rows = []
    for h in ("hlog", "hlog_pos", "hlog_lit"):
        for peer in ("tracing", "log", "tracing_lit", "log_lit"):
            if h not in by or peer not in by:
                continue
            if h.endswith("_lit") != peer.endswith("_lit"):
                continue
            a, b = by[h], by[peer]
            row = [f"{a.variant.label} / {b.variant.label}"]
            for profile in ("debug", "release"):
                row.append(f"{med(a.crate[(n, profile)]) / med(b.crate[(n, profile)]):.2f}x")
                row.append(
                    f"{med(a.crate[(n, profile)], 'cpu') / med(b.crate[(n, profile)], 'cpu'):.2f}x"
                )
                pa = med(a.crate[(n, profile)]) - med(a.crate[(0, profile)])
                pb = med(b.crate[(n, profile)]) - med(b.crate[(0, profile)])
                row.append(f"{pa / pb:.2f}x" if pb > 0 else "-")
            for profile in ("debug", "release"):
                fa, fb = a.full.get(profile), b.full.get(profile)
                row.append(f"{fa.wall / fb.wall:.2f}x" if fa and fb else "-")
            sa = a.size[n][0] - a.size[0][0]
            sb = b.size[n][0] - b.size[0][0]
            row.append(f"{a.size[n][0] / b.size[n][0]:.2f}x")
            row.append(f"{sa / sb:.2f}x" if sb > 0 else "-")
            ratio_rows.append(row)
    if ratio_rows:
        lines.append("Ratios (hlog / peer; the issue's target: debug and release crate build ≤ 1.5x tracing):")
        lines.append("")
        lines.append(
            f"| | debug crate, {n:,} calls | (cpu) | debug per call | release crate, {n:,} calls "
            "| (cpu) | release per call | full debug | full release | stripped size | bytes per call |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for row in ratio_rows:
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    if any(r.check for r in results):
        lines.append(
            "`cargo check -p <crate>` after `cargo clean -p <crate>` (front end only: parsing, "
            "macro expansion, type checking; no code generation), wall s:"
        )
        lines.append("")
        lines.append(f"| crate | check, {n:,} calls | check, baseline | check per call, ms | debug build per call, ms |")
        lines.append("|---|---|---|---|---|")
        for r in results:
            if not r.check:
                continue
            cn, c0 = med(r.check[n]), med(r.check[0])
            dn, d0 = med(r.crate[(n, "debug")]), med(r.crate[(0, "debug")])
            lines.append(
                f"| {r.variant.label} | {cn:.2f} | {c0:.2f} | {1000 * (cn - c0) / n:.2f} | "
                f"{1000 * (dn - d0) / n:.2f} |"
            )
        lines.append("")

    if any(r.ir for r in results):
        lines.append(
            "LLVM IR handed to LLVM (`cargo llvm-lines`, before LLVM's optimisations; release "
            "IR is after MIR inlining): lines and function copies, per call site = "
            f"(crate with {n:,} calls - baseline) / {n:,}:"
        )
        lines.append("")
        lines.append("| crate | debug lines/call | debug functions/call | release lines/call | release functions/call | biggest in release |")
        lines.append("|---|---|---|---|---|---|")
        for r in results:
            if not r.ir:
                continue
            row = [r.variant.label]
            for profile in ("debug", "release"):
                (ln, fn_, _), (l0, f0, _) = r.ir[(n, profile)], r.ir[(0, profile)]
                row += [f"{(ln - l0) / n:.0f}", f"{(fn_ - f0) / n:.2f}"]
            top = r.ir[(n, "release")][2][:3]
            row.append("<br>".join(top_row(t) for t in top))
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")

    for r in results:
        for name, by_profile in r.expansion.items():
            lines.append(
                f"hlog-macros alone on the {n:,} call sites of `{name}` (parse + bind + expand + "
                f"printing the tokens, outside rustc, best of 5): "
                f"{by_profile['debug'] * 1000:.0f} ms built unoptimised (as cargo builds proc "
                f"macros by default, in release builds too), {by_profile['release'] * 1000:.0f} ms "
                "optimised."
            )
            lines.append("")

    wanted = {
        "hlog": ("syn", "proc-macro2", "quote"),
        "tracing": ("tracing", "tracing-attributes", "tracing-subscriber"),
        "log": ("log", "env_logger"),
    }
    shown = []
    for family, names in wanted.items():
        lock = Path(args.workdir) / family
        if (lock / "Cargo.lock").exists():
            vers = versions(lock)
            shown += [f"{k} {vers[k]}" for k in names if k in vers]
    lines.append("Resolved versions: " + ", ".join(shown) + "; hlog from this repository (path dependency).")
    lines.append("")
    return "\n".join(lines)


def kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workdir", default="/tmp/hlog_build_cost")
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--diagnose", action="store_true", help="add literal-only variants and cargo check")
    p.add_argument("--no-full", action="store_true", help="skip the full clean builds")
    p.add_argument("--no-check", action="store_true", help="with --diagnose: skip the `cargo check` runs")
    p.add_argument("--only", nargs="*", help="variant names (hlog hlog_pos tracing log hlog_lit ...)")
    p.add_argument("--max-busy", type=float, default=0.3, help="before each build, wait until other work uses fewer cores than this (0: never wait)")
    p.add_argument("--max-wait", type=float, default=60, help="seconds to wait for the load, at most, per build")
    p.add_argument("--quick", action="store_true", help="1 run, no full builds, no waiting")
    p.add_argument("--output", default=str(HERE / "results.md"))
    return p


def main() -> None:
    args = parser().parse_args()
    if args.quick:
        args.runs, args.no_full, args.max_busy = 1, True, 0

    start = time.perf_counter()
    log(f"load average at start: {os.getloadavg()}, cores busy now: {cpu_busy():.2f}")
    results = measure(args)
    elapsed = time.perf_counter() - start
    text = report(results, args, elapsed)
    Path(args.output).write_text(text)
    print(text)
    log(f"total: {elapsed:.0f} s; written to {args.output}")


if __name__ == "__main__":
    main()
