//! Side by side: hlog, a hand-written baseline, a loguru-style dynamic formatter, the Rust
//! peers and Python's loguru, each writing the same 1,000,000 lines to a file, each in its own
//! process.
//!
//! ```sh
//! cd benches
//! cargo run --release --bin compare -- all          # every row, 9 rounds; writes results.md and ../docs/bench.png
//! cargo run --release --bin compare -- hlog fern    # some rows only; prints the table, writes nothing
//! cargo run --release --bin compare -- latency      # the async rows at 1 and 4 calling threads
//! cargo run --release --bin compare -- list         # the row names
//! ```
//!
//! The parent runs round 1 (every row once, each in a child process: this binary re-executed
//! with the hidden `__row <name> <dir>` subcommand), then round 2, and so on; it checks that each
//! output file holds exactly the 1,000,000 expected lines, deletes it, and reports medians.
//! See README.md, "Side by side".

mod alloc;
mod handwritten;
mod measure;
mod python;
mod report;
mod rows;

// ticklog's `info!` expands to `__ticklog_max_level!()` and `__ticklog_backpressure!()`, two
// macros that its `configure!` defines with `#[macro_export]`: they can be named only from the
// crate root (a `use` of them elsewhere is a deny-by-default error, rust-lang/rust#52234), so the
// ticklog row lives in the root module, pasted in from its own file.
include!("ticklog_row.rs");

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use measure::{LATENCY_THREADS, LINES, Outcome};

#[global_allocator]
static GLOBAL: alloc::Counting = alloc::Counting;

/// What a row is, for the table and the ratios.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    Hlog,
    Baseline,
    /// Hand-written in the harness, not a library.
    HandWritten,
    /// A Rust logging library: the "best peer" is the fastest of these.
    Peer,
    Python,
}

pub struct Row {
    pub name: &'static str,
    pub label: &'static str,
    /// Where the file I/O happens: "sync" (on the calling thread) or "async" (a worker thread).
    pub mode: &'static str,
    pub class: Class,
    /// The line has every part of loguru's: the date and time to the millisecond (or finer),
    /// the level, a location with the line number, and the message with its four values.
    pub full_line: bool,
}

pub const ROWS: &[Row] = &[
    Row {
        name: "hlog",
        label: "hlog (FileSink, default format)",
        mode: "sync",
        class: Class::Hlog,
        full_line: true,
    },
    Row {
        // `.enqueue(true)` on the same handler: deferred formatting (issue 16), the calling
        // thread copies the record into its ring and the writer thread formats it.
        name: "hlog-async",
        label: "hlog (FileSink, enqueue(true))",
        mode: "async",
        class: Class::Hlog,
        full_line: true,
    },
    Row {
        // `.serialize(true)`: JSON lines, default schema (issue 16).
        name: "hlog-json",
        label: "hlog JSON lines (FileSink, serialize(true))",
        mode: "sync",
        class: Class::Hlog,
        full_line: true,
    },
    Row {
        name: "hlog-json-async",
        label: "hlog JSON lines, enqueue(true)",
        mode: "async",
        class: Class::Hlog,
        full_line: true,
    },
    Row {
        name: "baseline",
        label: "hand-written baseline",
        mode: "sync",
        class: Class::Baseline,
        full_line: true,
    },
    Row {
        name: "dynamic",
        label: "loguru-style dynamic formatting",
        mode: "sync",
        class: Class::HandWritten,
        full_line: true,
    },
    Row {
        name: "tracing",
        label: "tracing-subscriber fmt",
        mode: "sync",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "tracing-nb",
        label: "tracing-subscriber + appender non_blocking",
        mode: "async",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "spdlog",
        label: "spdlog-rs FileSink",
        mode: "sync",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "spdlog-async",
        label: "spdlog-rs AsyncPoolSink",
        mode: "async",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "simplelog",
        label: "simplelog WriteLogger",
        mode: "sync",
        class: Class::Peer,
        full_line: true,
    },
    Row { name: "fern", label: "fern", mode: "sync", class: Class::Peer, full_line: true },
    Row {
        name: "flexi_logger",
        label: "flexi_logger (BufferAndFlush)",
        mode: "sync",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "log4rs",
        label: "log4rs FileAppender",
        mode: "sync",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        name: "slog-async",
        label: "slog + slog-term + slog-async",
        mode: "async",
        class: Class::Peer,
        full_line: false,
    },
    Row { name: "ftlog", label: "ftlog", mode: "async", class: Class::Peer, full_line: true },
    Row { name: "fast_log", label: "fast_log", mode: "async", class: Class::Peer, full_line: true },
    Row {
        name: "ticklog",
        label: "ticklog (deferred formatting)",
        mode: "async",
        class: Class::Peer,
        full_line: true,
    },
    Row {
        // Its default formatter prints the time as nanoseconds since 1970, not a date.
        name: "nanolog-rs",
        label: "nanolog-rs",
        mode: "async",
        class: Class::Peer,
        full_line: false,
    },
    Row {
        name: "loguru",
        label: "Python loguru",
        mode: "sync",
        class: Class::Python,
        full_line: true,
    },
];

/// The rows of the caller-latency mode (`-- latency`, and part of `-- all`): the loggers that
/// write on a background thread, and hlog's sync row as the reference. Each runs with one
/// calling thread and with `LATENCY_THREADS` calling threads at once.
pub const LATENCY_ROWS: &[&str] = &[
    "hlog",
    "hlog-async",
    "hlog-json-async",
    "tracing-nb",
    "spdlog-async",
    "slog-async",
    "ftlog",
    "fast_log",
    "ticklog",
    "nanolog-rs",
];

/// Loggers whose filtered-out call is measured.
pub const DISABLED_ROWS: &[&str] = &["hlog", "tracing", "log"];

/// Where results.md and the chart go.
pub fn benches_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("__row") if args.len() == 4 => {
            let threads = args[3].parse().expect("__row NAME DIR THREADS");
            let outcome = rows::run(&args[1], Path::new(&args[2]), threads);
            println!("{}", outcome.to_line());
            ExitCode::SUCCESS
        }
        Some("__disabled") if args.len() == 2 => {
            let ns = rows::disabled(&args[1]);
            println!("RESULT ns_per_call={ns:.4}");
            ExitCode::SUCCESS
        }
        Some("list") => {
            for row in ROWS {
                println!("{:<14} {}", row.name, row.label);
            }
            println!("{:<14} the filtered-out call of {}", "disabled", DISABLED_ROWS.join(", "));
            println!(
                "{:<14} {} at 1 and {LATENCY_THREADS} calling threads (ROW@{LATENCY_THREADS}: one row)",
                "latency",
                LATENCY_ROWS.join(", ")
            );
            ExitCode::SUCCESS
        }
        None | Some("-h" | "--help") => {
            eprintln!(
                "usage: compare [--rounds N] [--python-rounds N] [--quiet-wait S] [--retries N] \
                 (all | list | disabled | latency | ROW | ROW@{LATENCY_THREADS}...)\n\
                 `all` writes results.md and ../docs/bench.png; naming rows only prints the table."
            );
            ExitCode::from(2)
        }
        Some(_) => parent(args),
    }
}

/// Options and the rows picked on the command line.
struct Plan {
    /// Each row with the number of threads that log at once.
    rows: Vec<(&'static Row, usize)>,
    disabled: bool,
    rounds: usize,
    python_rounds: usize,
    write_files: bool,
    /// How long to wait for a quiet machine before each run.
    quiet_wait: std::time::Duration,
    /// Tries after a disturbed run.
    retries: usize,
}

fn row_named(name: &str) -> Result<&'static Row, String> {
    ROWS.iter()
        .find(|r| r.name == name)
        .ok_or_else(|| format!("no row named {name:?} (try `list`)"))
}

fn plan(args: Vec<String>) -> Result<Plan, String> {
    let mut rounds = 9;
    let mut python_rounds = 3;
    let mut quiet_wait = QUIET_WAIT_MAX;
    let mut retries = RETRIES;
    let mut names = Vec::new();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut number = |what: &str, min: usize| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n: &usize| n >= min)
                .ok_or_else(|| format!("{what} needs a number, at least {min}"))
        };
        match arg.as_str() {
            "--rounds" => rounds = number("--rounds", 1)?,
            "--python-rounds" => python_rounds = number("--python-rounds", 1)?,
            "--quiet-wait" => {
                quiet_wait = std::time::Duration::from_secs(number("--quiet-wait", 0)? as u64)
            }
            "--retries" => retries = number("--retries", 0)?,
            _ => names.push(arg),
        }
    }
    let all = names.iter().any(|n| n == "all");
    let latency_rows = || LATENCY_ROWS.iter().map(|n| row_named(n).expect("a row of ROWS"));
    if all {
        // Every row with one thread, then the latency rows with several.
        let mut rows: Vec<_> = ROWS.iter().map(|r| (r, 1)).collect();
        rows.extend(latency_rows().map(|r| (r, LATENCY_THREADS)));
        return Ok(Plan {
            rows,
            disabled: true,
            rounds,
            python_rounds,
            write_files: true,
            quiet_wait,
            retries,
        });
    }
    let mut rows = Vec::new();
    let mut disabled = false;
    for name in &names {
        match name.as_str() {
            "disabled" => disabled = true,
            "latency" => {
                rows.extend(latency_rows().map(|r| (r, 1)));
                rows.extend(latency_rows().map(|r| (r, LATENCY_THREADS)));
            }
            _ => match name.split_once('@') {
                Some((row, threads)) => {
                    let row = row_named(row)?;
                    let threads =
                        threads.parse::<usize>().ok().filter(|&t| t > 0).ok_or_else(|| {
                            format!("{name:?}: the part after @ is a number of threads")
                        })?;
                    if threads > 1 && !LATENCY_ROWS.contains(&row.name) {
                        return Err(format!("{} runs on one thread only", row.name));
                    }
                    rows.push((row, threads));
                }
                None => rows.push((row_named(name)?, 1)),
            },
        }
    }
    let mut seen = std::collections::HashSet::new();
    rows.retain(|(r, t)| seen.insert((r.name, *t)));
    Ok(Plan { rows, disabled, rounds, python_rounds, write_files: false, quiet_wait, retries })
}

/// Everything measured for one row.
pub struct Measured {
    pub row: &'static Row,
    /// Threads logging at once (1 but in the caller-latency mode).
    pub threads: usize,
    pub runs: Vec<Outcome>,
    /// Why the row failed or was skipped, if it did.
    pub failure: Option<String>,
    /// The first line of its output, from round 1.
    pub sample: Option<String>,
    /// Per run: the CPU other processes used meanwhile, in cores (see `CpuSnapshot`).
    pub noise: Vec<f64>,
}

/// Above this many cores used by other processes during a run, the run is disturbed: it is run
/// again, up to `RETRIES` more times, and the last try is kept (and counted in results.md).
pub const NOISY_CORES: f64 = 0.1;
pub const RETRIES: usize = 2;
/// Before each run, the harness waits (up to this long) for other processes to calm down.
const QUIET_WAIT_MAX: std::time::Duration = std::time::Duration::from_secs(120);

/// Waits until other processes use less than `NOISY_CORES` over 300 ms, or `max`
/// (`QUIET_WAIT_MAX` unless `--quiet-wait` says otherwise).
fn wait_quiet(max: std::time::Duration) {
    let start = Instant::now();
    let mut said = false;
    while start.elapsed() < max {
        let before = CpuSnapshot::now();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let others = CpuSnapshot::now().others_since(&before);
        if others < NOISY_CORES {
            return;
        }
        if !said {
            eprintln!(
                "    waiting for the machine to be quiet (other processes use {others:.2} cores)"
            );
            said = true;
        }
    }
}

/// The machine's busy CPU time and the CPU time of this process's finished children, so that
/// the CPU that *other* processes used while a row ran can be told apart: on 2 cores, a
/// parallel build moves the figures by tens of percent, async rows most. "Other" includes the
/// kernel's own threads, such as the page-cache writeback of the files the rows write.
struct CpuSnapshot {
    at: Instant,
    machine_busy_s: f64,
    children_s: f64,
}

impl CpuSnapshot {
    fn now() -> CpuSnapshot {
        // SAFETY: sysconf has no preconditions.
        let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
        let machine_busy_s = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|stat| {
                let cpu: Vec<f64> = stat
                    .lines()
                    .next()?
                    .split_whitespace()
                    .skip(1)
                    .filter_map(|v| v.parse().ok())
                    .collect();
                // user nice system idle iowait irq softirq steal: everything but idle and iowait.
                (cpu.len() >= 8)
                    .then(|| (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]) / ticks)
            })
            .unwrap_or(0.0);
        // SAFETY: a zeroed rusage is a valid out-parameter for getrusage.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `usage` is a valid, writable rusage.
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        CpuSnapshot {
            at: Instant::now(),
            machine_busy_s,
            children_s: secs(usage.ru_utime) + secs(usage.ru_stime),
        }
    }

    /// Average cores used by processes other than the children run in between.
    fn others_since(&self, before: &CpuSnapshot) -> f64 {
        let wall = self.at.duration_since(before.at).as_secs_f64().max(1e-3);
        let others =
            (self.machine_busy_s - before.machine_busy_s) - (self.children_s - before.children_s);
        (others / wall).max(0.0)
    }
}

fn parent(args: Vec<String>) -> ExitCode {
    let plan = match plan(args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("compare: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let exe = std::env::current_exe().expect("the harness's own path");
    let tmp = std::env::temp_dir().join(format!("hlog-compare-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("create the temp folder");

    let mut measured: Vec<Measured> = plan
        .rows
        .iter()
        .map(|&(row, threads)| Measured {
            row,
            threads,
            runs: Vec::new(),
            failure: None,
            sample: None,
            noise: Vec::new(),
        })
        .collect();

    // Python: the venv is made (or reused) before round 1, so its install is not timed.
    let mut python: Option<python::Loguru> = None;
    if let Some(m) = measured.iter_mut().find(|m| m.row.class == Class::Python) {
        match python::Loguru::setup() {
            Ok(p) => {
                eprintln!("loguru: {} with Python {}", p.loguru_version, p.python_version);
                python = Some(p);
            }
            Err(e) => {
                eprintln!("loguru: skipped: {e}");
                m.failure = Some(format!("skipped: {e}"));
            }
        }
    }

    let mut disabled: Vec<(&str, Vec<f64>, Option<String>)> = if plan.disabled {
        DISABLED_ROWS.iter().map(|&d| (d, Vec::new(), None)).collect()
    } else {
        Vec::new()
    };

    for round in 1..=plan.rounds {
        for m in measured.iter_mut() {
            if m.failure.is_some() || (m.row.class == Class::Python && round > plan.python_rounds) {
                continue;
            }
            let threads = m.threads.to_string();
            let name = if m.threads == 1 {
                m.row.name.to_string()
            } else {
                format!("{}@{}", m.row.name, m.threads)
            };
            for attempt in 1.. {
                let dir = tmp.join(format!("{}-{}t-{round}", m.row.name, m.threads));
                std::fs::create_dir_all(&dir).expect("create the row's folder");
                wait_quiet(plan.quiet_wait);
                let before = CpuSnapshot::now();
                let result = match m.row.class {
                    Class::Python => python.as_ref().expect("set up").run(&dir.join("loguru.log")),
                    _ => run_child(
                        &exe,
                        &["__row", m.row.name, dir.to_str().expect("UTF-8 temp path"), &threads],
                    ),
                };
                let noise = CpuSnapshot::now().others_since(&before);
                let result = result
                    .and_then(|stdout| {
                        Outcome::parse(&stdout)
                            .ok_or_else(|| format!("no RESULT line in its output:\n{stdout}"))
                    })
                    .and_then(|outcome| check_output(&dir).map(|first| (outcome, first)));
                let _ = std::fs::remove_dir_all(&dir);
                match result {
                    Ok(_) if noise > NOISY_CORES && attempt <= plan.retries => {
                        eprintln!(
                            "round {round}/{}  {name:<16} disturbed: other processes used {noise:.2} cores; run again",
                            plan.rounds
                        );
                    }
                    Ok((outcome, first)) => {
                        eprintln!(
                            "round {round}/{}  {name:<16} {:>8.1} ns/line  p50 {:>7.1}  p99 {:>8.1}  p99.9 {:>9.1}  {:>6.1} MiB  others {noise:.2} cores",
                            plan.rounds,
                            outcome.elapsed_ns as f64 / LINES as f64,
                            outcome.p50,
                            outcome.p99,
                            outcome.p999,
                            outcome.hwm_kib as f64 / 1024.0
                        );
                        if noise > NOISY_CORES {
                            eprintln!(
                                "    !!! still disturbed after {} more tries: kept, and counted in results.md",
                                plan.retries
                            );
                        }
                        m.sample.get_or_insert(first);
                        m.runs.push(outcome);
                        m.noise.push(noise);
                        break;
                    }
                    Err(e) => {
                        eprintln!("\n!!! ROW {name} FAILED in round {round}: {e}\n");
                        m.failure = Some(format!(
                            "failed in round {round}: {}",
                            e.lines().next().unwrap_or("")
                        ));
                        break;
                    }
                }
            }
        }
        for (name, runs, failure) in disabled.iter_mut() {
            if failure.is_some() {
                continue;
            }
            wait_quiet(plan.quiet_wait);
            let parsed = run_child(&exe, &["__disabled", name]).and_then(|out| {
                out.lines()
                    .find_map(|l| l.strip_prefix("RESULT ns_per_call="))
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .ok_or_else(|| format!("no RESULT line in its output:\n{out}"))
            });
            match parsed {
                Ok(ns) => {
                    eprintln!("round {round}/{}  disabled/{name:<6} {ns:.3} ns/call", plan.rounds);
                    runs.push(ns);
                }
                Err(e) => {
                    eprintln!("\n!!! disabled/{name} FAILED: {e}\n");
                    *failure = Some(e);
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);

    let elapsed = started.elapsed();
    let context = report::Context {
        command: std::env::args().skip(1).collect::<Vec<_>>().join(" "),
        rounds: plan.rounds,
        python_rounds: plan.python_rounds,
        python: python.as_ref().map(|p| (p.python_version.clone(), p.loguru_version.clone())),
        elapsed,
    };
    let markdown = report::markdown(&measured, &disabled, &context);
    println!("{markdown}");
    if plan.write_files {
        let results = benches_dir().join("results.md");
        std::fs::write(&results, &markdown).expect("write results.md");
        eprintln!("wrote {}", results.display());
        let png = benches_dir().join("../docs/bench.png");
        let one_thread: Vec<&Measured> = measured.iter().filter(|m| m.threads == 1).collect();
        match report::chart(&one_thread, &png) {
            Ok(()) => eprintln!("wrote {}", png.display()),
            Err(e) => eprintln!("chart not written: {e}"),
        }
    }
    eprintln!("total {:.1} min", elapsed.as_secs_f64() / 60.0);
    let failed =
        measured.iter().any(|m| m.failure.as_deref().is_some_and(|f| f.starts_with("failed")))
            || disabled.iter().any(|d| d.2.is_some());
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Runs a child to completion; its stdout, or why it failed.
pub fn run_child(program: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!(
            "{} {} exited with {}\nstdout:\n{}\nstderr:\n{}",
            program.display(),
            args.join(" "),
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}

/// Every file the row wrote in `dir`, taken together, must hold exactly `LINES` lines, each one
/// with the message, and the ids 0..LINES each exactly once. Returns the first line.
fn check_output(dir: &Path) -> Result<String, String> {
    const NEEDLE: &str = "User alice logged in from 10.0.0.1 (id=";
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("read {}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() { stack.push(path) } else { files.push(path) }
        }
    }
    files.sort();
    let mut seen = vec![false; LINES as usize];
    let mut lines = 0u64;
    let mut first = None;
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| format!("read {}: {e}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        for line in text.split_inclusive('\n') {
            lines += 1;
            let line = line.trim_end_matches(['\n', '\r']);
            first.get_or_insert_with(|| line.to_string());
            let id = line
                .find(NEEDLE)
                .map(|at| &line[at + NEEDLE.len()..])
                .and_then(|rest| rest.split(',').next())
                .and_then(|id| id.parse::<usize>().ok())
                .ok_or_else(|| {
                    format!(
                        "line {lines} of {} is not one of the logged lines: {line:?}",
                        file.display()
                    )
                })?;
            match seen.get_mut(id) {
                Some(s) if !*s => *s = true,
                _ => {
                    return Err(format!(
                        "id {id} written twice or out of range (line {lines} of {})",
                        file.display()
                    ));
                }
            }
        }
    }
    if lines != LINES {
        let names: Vec<_> =
            files.iter().filter_map(|f| f.file_name()).map(|n| n.to_string_lossy()).collect();
        return Err(format!("expected {LINES} lines, found {lines} in {names:?}"));
    }
    first.ok_or_else(|| "no output file".to_string())
}
