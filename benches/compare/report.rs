//! The medians as a markdown table (results.md) and a bar chart of ns/line (docs/bench.png).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use crate::measure::{BURST, LATENCY_THREADS, LINES};
use crate::rows::DISABLED_CALLS;
use crate::{Class, LATENCY_ROWS, Measured};

pub struct Context {
    /// What followed `--` on the command line.
    pub command: String,
    pub rounds: usize,
    pub python_rounds: usize,
    /// (Python version, loguru version) when the Python row ran.
    pub python: Option<(String, String)>,
    pub elapsed: Duration,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The figures of one row, as medians over its runs.
pub struct Summary {
    pub ns_per_line: f64,
    pub min: f64,
    pub max: f64,
    pub p50: f64,
    pub p99: f64,
    pub p999: f64,
    pub allocs_caller: Option<f64>,
    pub allocs_all: Option<f64>,
    pub hwm_mib: f64,
}

pub fn summarize(m: &Measured) -> Option<Summary> {
    if m.runs.is_empty() || m.failure.is_some() {
        return None;
    }
    let per_line: Vec<f64> = m.runs.iter().map(|r| r.elapsed_ns as f64 / LINES as f64).collect();
    let of = |f: fn(&crate::Outcome) -> f64| median(m.runs.iter().map(f).collect());
    let allocs = |f: fn(&crate::Outcome) -> Option<u64>| -> Option<f64> {
        let v: Option<Vec<f64>> =
            m.runs.iter().map(|r| f(r).map(|n| n as f64 / LINES as f64)).collect();
        v.map(median)
    };
    Some(Summary {
        ns_per_line: median(per_line.clone()),
        min: per_line.iter().copied().fold(f64::INFINITY, f64::min),
        max: per_line.iter().copied().fold(0.0, f64::max),
        p50: of(|r| r.p50),
        p99: of(|r| r.p99),
        p999: of(|r| r.p999),
        allocs_caller: allocs(|r| r.allocs_caller),
        allocs_all: allocs(|r| r.allocs_all),
        hwm_mib: of(|r| r.hwm_kib as f64) / 1024.0,
    })
}

/// Thousands separated by commas, as the README's tables have them.
fn grouped(v: f64) -> String {
    let digits = format!("{:.0}", v);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(v: f64, base: Option<f64>) -> String {
    match base {
        Some(b) if b > 0.0 => format!("{:.2}", v / b),
        _ => "–".to_string(),
    }
}

fn allocs_text(a: Option<f64>) -> String {
    match a {
        Some(0.0) => "0".to_string(),
        Some(a) if a < 0.01 => "< 0.01".to_string(),
        Some(a) => format!("{a:.2}"),
        None => "n/a".to_string(),
    }
}

/// The fastest Rust peer that writes the full line (a library, not hlog, not hand-written) and
/// the baseline, in ns/line.
pub fn references(measured: &[&Measured]) -> (Option<(f64, &'static str)>, Option<f64>) {
    let mut best: Option<(f64, &'static str)> = None;
    let mut baseline = None;
    for &m in measured {
        let Some(s) = summarize(m) else { continue };
        match m.row.class {
            Class::Peer if m.row.full_line && best.is_none_or(|(b, _)| s.ns_per_line < b) => {
                best = Some((s.ns_per_line, m.row.label))
            }
            Class::Baseline => baseline = Some(s.ns_per_line),
            _ => {}
        }
    }
    (best, baseline)
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// `name version` of the peers, read from the Cargo.lock this binary was built with.
fn versions() -> String {
    const LOCK: &str = include_str!("../Cargo.lock");
    const NAMES: &[&str] = &[
        "tracing",
        "tracing-subscriber",
        "tracing-appender",
        "spdlog-rs",
        "simplelog",
        "fern",
        "flexi_logger",
        "log4rs",
        "slog",
        "slog-term",
        "slog-async",
        "ftlog",
        "fast_log",
        "ticklog",
        "nanolog-rs",
        "log",
    ];
    let mut found = Vec::new();
    let mut name = "";
    for line in LOCK.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = n.trim_matches('"');
        } else if let Some(v) = line.strip_prefix("version = ")
            && NAMES.contains(&name)
        {
            found.push(format!("{name} {}", v.trim_matches('"')));
        }
    }
    found.join(", ")
}

pub fn markdown(
    measured: &[Measured],
    disabled: &[(&str, Vec<f64>, Option<String>)],
    ctx: &Context,
) -> String {
    let all_measured = measured;
    // The main table: every row with one calling thread.
    let measured: Vec<&Measured> = measured.iter().filter(|m| m.threads == 1).collect();
    let (best, baseline) = references(&measured);
    let mut s = String::new();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let _ = writeln!(s, "# Side by side: {} lines into a file\n", grouped(LINES as f64));
    let _ = writeln!(
        s,
        "Generated by `cd benches && cargo run --release --bin compare -- {}` on {} ({}, {} cores), {}. \
         Each row ran in its own process, {} rounds interleaved{}; every figure is the \
         median over the rounds. The run took {:.1} min.\n",
        ctx.command,
        chrono::Local::now().format("%Y-%m-%d"),
        cpu_model(),
        cores,
        command_output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".to_string()),
        ctx.rounds,
        if measured.iter().any(|m| m.row.class == Class::Python) {
            format!(" (Python loguru: {})", ctx.python_rounds.min(ctx.rounds))
        } else {
            String::new()
        },
        ctx.elapsed.as_secs_f64() / 60.0,
    );
    let noise: Vec<(f64, String, usize)> = all_measured
        .iter()
        .flat_map(|m| {
            let name = if m.threads == 1 {
                m.row.name.to_string()
            } else {
                format!("{}@{}", m.row.name, m.threads)
            };
            m.noise.iter().enumerate().map(move |(i, n)| (*n, name.clone(), i + 1))
        })
        .collect();
    if let Some((worst, row, run)) = noise.iter().max_by(|a, b| a.0.total_cmp(&b.0)) {
        let disturbed = noise.iter().filter(|n| n.0 > crate::NOISY_CORES).count();
        let _ = writeln!(
            s,
            "Other processes (and kernel threads) used {:.2} cores on average during a run (median over the runs), at most \
             {worst:.2} ({row}, its run {run}); {disturbed} of {} runs were above {} cores.\n",
            median(noise.iter().map(|n| n.0).collect()),
            noise.len(),
            crate::NOISY_CORES
        );
    }
    let _ = writeln!(s, "Crates: {}.", versions());
    if let Some((py, loguru)) = &ctx.python {
        let _ = writeln!(s, "Python {py}, loguru {loguru}.");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "- **ns/line**: from the first call to the last line being in the file (flush or background \
         drain included), divided by {}. **min–max** over the rounds.",
        grouped(LINES as f64)
    );
    let _ = writeln!(
        s,
        "- **× best peer** divides by the fastest Rust library row that writes the full line{}; **× baseline** by the hand-written baseline.",
        best.map(|(_, l)| format!(" ({l})")).unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "- **p50 / p99 / p99.9**: the calling thread's time per call, from bursts of {BURST} calls timed \
         together ({} bursts per run), in ns.",
        grouped((LINES / BURST) as f64)
    );
    let _ = writeln!(
        s,
        "- **allocs/line**: heap allocations counted by the harness's global allocator during the timed \
         calls on the calling thread / on every thread until the drain is done, divided by the lines."
    );
    let _ = writeln!(
        s,
        "- **full line**: the line has the date and time to the millisecond or finer, the level, a location \
         with the line number and the message; only such rows count as the best peer.\n- **peak RSS**: VmHWM \
         of the row's process at its end.\n"
    );

    let _ = writeln!(
        s,
        "| row | mode | full line | ns/line | min–max | × best peer | × baseline | p50 | p99 | p99.9 | allocs/line (caller / all) | peak RSS MiB |"
    );
    let _ = writeln!(
        s,
        "| --- | --- | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for &m in &measured {
        let label = if m.row.class == Class::Hlog {
            format!("**{}**", m.row.label)
        } else {
            m.row.label.to_string()
        };
        match summarize(m) {
            Some(x) => {
                let _ = writeln!(
                    s,
                    "| {label} | {} | {} | {} | {}–{} | {} | {} | {} | {} | {} | {} / {} | {:.1} |",
                    m.row.mode,
                    if m.row.full_line { "yes" } else { "no" },
                    grouped(x.ns_per_line),
                    grouped(x.min),
                    grouped(x.max),
                    ratio(x.ns_per_line, best.map(|b| b.0)),
                    ratio(x.ns_per_line, baseline),
                    grouped(x.p50),
                    grouped(x.p99),
                    grouped(x.p999),
                    allocs_text(x.allocs_caller),
                    allocs_text(x.allocs_all),
                    x.hwm_mib,
                );
            }
            None => {
                let why = m.failure.as_deref().unwrap_or("no run");
                let _ = writeln!(
                    s,
                    "| {label} | {} | | {} | | | | | | | | |",
                    m.row.mode,
                    why.replace('|', "/")
                );
            }
        }
    }

    latency_section(&mut s, all_measured);

    if !disabled.is_empty() {
        let _ = writeln!(
            s,
            "\n## A call filtered out by level\n\n`debug!` with the same four arguments while the logger is at INFO \
             (tracing, log) or ERROR (hlog's global logger), {} calls in a loop, each logger in its own process; \
             median over {} rounds.\n",
            grouped(DISABLED_CALLS as f64),
            ctx.rounds
        );
        let _ = writeln!(s, "| logger | ns/call | min–max |");
        let _ = writeln!(s, "| --- | ---: | ---: |");
        for (name, runs, failure) in disabled {
            match failure {
                Some(e) => {
                    let _ =
                        writeln!(s, "| {name} | failed: {} | |", e.lines().next().unwrap_or(""));
                }
                None => {
                    let min = runs.iter().copied().fold(f64::INFINITY, f64::min);
                    let max = runs.iter().copied().fold(0.0, f64::max);
                    let _ =
                        writeln!(s, "| {name} | {:.2} | {min:.2}–{max:.2} |", median(runs.clone()));
                }
            }
        }
    }

    if measured.iter().any(|m| m.sample.is_some()) {
        let _ = writeln!(s, "\n## One line of each row's output\n\n```text");
        for m in &measured {
            if let Some(line) = &m.sample {
                let _ = writeln!(s, "{:<14} {line}", m.row.name);
            }
        }
        let _ = writeln!(s, "```");
    }
    s
}

/// The caller-latency table: each row of `LATENCY_ROWS` that ran with several threads, with
/// its one-thread figures beside, then hlog-async against issue 16's targets.
fn latency_section(s: &mut String, measured: &[Measured]) {
    let find = |name: &str, threads: usize| {
        measured.iter().find(|m| m.row.name == name && m.threads == threads)
    };
    let rows: Vec<(&Measured, Option<&Measured>)> = LATENCY_ROWS
        .iter()
        .filter_map(|&name| find(name, LATENCY_THREADS).map(|many| (many, find(name, 1))))
        .collect();
    if rows.is_empty() {
        return;
    }
    let one = |name: &str| find(name, 1).and_then(summarize);
    let ticklog_p50 = one("ticklog").map(|x| x.p50);
    let _ = writeln!(
        s,
        "\n## Caller latency: 1 and {LATENCY_THREADS} threads logging at once\n\n\
         The loggers that write on a background thread, and hlog's sync row as the reference. The \
         same {} lines as above; with {LATENCY_THREADS} threads, each thread makes {} of the calls \
         (its own range of ids), all starting together. **p50 / p99 / p99.9**: the calling \
         threads' time per call, from bursts of {BURST} calls timed together (all threads' bursts \
         taken together), in ns. **ns/line**: from the first call until every thread is done and \
         the logger's own flush or shutdown has written everything to the file, divided by the \
         lines. The 1-thread figures are the runs of the table above.\n",
        grouped(LINES as f64),
        grouped((LINES / LATENCY_THREADS as u64) as f64),
    );
    let _ = writeln!(
        s,
        "| row | 1 thread p50 | p99 | p99.9 | ns/line | {t} threads p50 | p99 | p99.9 | ns/line | p50 {t} ÷ 1 | p50 ÷ ticklog's (1 thread) | caller allocs/call (1 / {t}) |",
        t = LATENCY_THREADS
    );
    let _ = writeln!(
        s,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let cells = |x: &Option<Summary>| match x {
        Some(x) => format!(
            "{} | {} | {} | {}",
            grouped(x.p50),
            grouped(x.p99),
            grouped(x.p999),
            grouped(x.ns_per_line)
        ),
        None => " | | | ".to_string(),
    };
    for (many, single) in &rows {
        let label = if many.row.class == Class::Hlog {
            format!("**{}**", many.row.label)
        } else {
            many.row.label.to_string()
        };
        let (x1, xn) = (single.and_then(summarize), summarize(many));
        let failed = [Some(*many), *single]
            .into_iter()
            .flatten()
            .find_map(|m| m.failure.as_deref().map(|f| format!("{}: {f}", m.threads)));
        let per_call = |x: &Option<Summary>| {
            x.as_ref().map(|x| allocs_text(x.allocs_caller)).unwrap_or_else(|| "–".to_string())
        };
        let _ = writeln!(
            s,
            "| {label}{} | {} | {} | {} | {} | {} / {} |",
            failed.map(|f| format!(" (failed with {})", f.replace('|', "/"))).unwrap_or_default(),
            cells(&x1),
            cells(&xn),
            match (&x1, &xn) {
                (Some(a), Some(b)) => ratio(b.p50, Some(a.p50)),
                _ => "–".to_string(),
            },
            x1.as_ref().map(|x| ratio(x.p50, ticklog_p50)).unwrap_or_else(|| "–".to_string()),
            per_call(&x1),
            per_call(&xn),
        );
    }
    // Issue 16's targets for hlog's async path, measured against the same run.
    let (Some(hlog_async), Some(hlog_sync)) = (one("hlog-async"), one("hlog")) else { return };
    let many = find("hlog-async", LATENCY_THREADS).and_then(summarize);
    let spdlog_async = one("spdlog-async");
    let _ = writeln!(
        s,
        "\nhlog-async against issue 16's targets (same run): caller p50 {} ns = {} × ticklog's \
         (target ≤ 1.0) and {} × spdlog-rs AsyncPoolSink's (target ≤ 0.25), p99.9 {} ns; end to \
         end {} ns/line = {} × hlog sync (target ≤ 1.0); {LATENCY_THREADS} threads' p50 = {} × one \
         thread's (target ≤ 1.5); caller allocations per call {} (target 0 after warm-up).",
        grouped(hlog_async.p50),
        ratio(hlog_async.p50, ticklog_p50),
        ratio(hlog_async.p50, spdlog_async.as_ref().map(|x| x.p50)),
        grouped(hlog_async.p999),
        grouped(hlog_async.ns_per_line),
        ratio(hlog_async.ns_per_line, Some(hlog_sync.ns_per_line)),
        many.as_ref().map(|m| ratio(m.p50, Some(hlog_async.p50))).unwrap_or_else(|| "–".into()),
        allocs_text(hlog_async.allocs_caller),
    );
}

// ---------------------------------------------------------------------------------------------

/// (regular, bold) TrueType files; the first pair whose regular face exists is used (plotters'
/// `ab_glyph` backend needs the font bytes, not a fontconfig name).
const FONTS: &[(&str, &str)] = &[
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    ),
];

fn register_font() -> Result<(), String> {
    use plotters::style::{FontStyle, register_font};
    let (regular_path, regular, bold_path) = FONTS
        .iter()
        .find_map(|(r, b)| std::fs::read(r).ok().map(|bytes| (r, bytes, b)))
        .ok_or_else(|| format!("none of these fonts exists: {FONTS:?}"))?;
    let regular: &'static [u8] = Box::leak(regular.into_boxed_slice());
    // No bold face: the regular one stands in.
    let bold: &'static [u8] =
        std::fs::read(bold_path).map(|b| &*Box::leak(b.into_boxed_slice())).unwrap_or(regular);
    register_font("sans-serif", FontStyle::Normal, regular)
        .map_err(|_| format!("{regular_path} is not a usable font"))?;
    register_font("sans-serif", FontStyle::Bold, bold)
        .map_err(|_| format!("{bold_path} is not a usable font"))?;
    Ok(())
}

/// A step of 1, 2 or 5 × 10^k giving about 6 grid lines up to `max`.
fn grid_step(max: f64) -> f64 {
    let raw = max / 6.0;
    let pow = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * pow).find(|s| *s >= raw).unwrap_or(pow * 10.0)
}

pub fn chart(measured: &[&Measured], path: &Path) -> Result<(), String> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    register_font()?;
    let (best, baseline) = references(measured);
    let mut bars: Vec<(String, f64, Class)> = measured
        .iter()
        .filter_map(|&m| {
            summarize(m).map(|s| {
                let label = if m.row.mode == "async" {
                    format!("{} (async)", m.row.label)
                } else {
                    m.row.label.to_string()
                };
                (label, s.ns_per_line, m.row.class)
            })
        })
        .collect();
    if bars.is_empty() {
        return Err("no row has a result".to_string());
    }
    bars.sort_by(|a, b| a.1.total_cmp(&b.1));
    // The scale covers the Rust rows; a slower row (Python) is drawn off the scale.
    let rust_max = bars.iter().filter(|b| b.2 != Class::Python).map(|b| b.1).fold(0.0, f64::max);
    let scale_max =
        if rust_max > 0.0 { rust_max * 1.08 } else { bars.last().map(|b| b.1).unwrap_or(1.0) };

    let (width, row_h, top, left, right) = (1500u32, 40i32, 128i32, 520i32, 1500i32 - 210);
    let height = (top + row_h * bars.len() as i32 + 70) as u32;
    let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    root.fill(&WHITE).map_err(err)?;

    let font = |size: f64| FontDesc::new(FontFamily::Name("sans-serif"), size, FontStyle::Normal);
    let bold = |size: f64| FontDesc::new(FontFamily::Name("sans-serif"), size, FontStyle::Bold);
    root.draw(&Text::new(
        format!(
            "hlog side by side: {} lines into a file, ns per line (shorter is better)",
            grouped(LINES as f64)
        ),
        (24, 18),
        bold(28.0).color(&BLACK),
    ))
    .map_err(err)?;
    let mut subtitle = "End to end, flush or background drain included; median of the rounds; one process per row; 2 cores.".to_string();
    if let (Some((b, l)), Some(base)) = (best, baseline) {
        subtitle.push_str(&format!(
            "  Baseline {} ns, best Rust peer {} ns ({l}).",
            grouped(base),
            grouped(b)
        ));
    }
    root.draw(&Text::new(subtitle, (24, 56), font(17.0).color(&RGBColor(80, 80, 80))))
        .map_err(err)?;
    let legend = [
        (RGBColor(225, 105, 20), "hlog"),
        (RGBColor(150, 150, 150), "hand-written in the harness"),
        (RGBColor(70, 110, 180), "Rust libraries"),
        (RGBColor(60, 150, 90), "Python"),
    ];
    let mut x = 24;
    for (colour, name) in legend {
        root.draw(&Rectangle::new([(x, 84), (x + 16, 100)], colour.filled())).map_err(err)?;
        root.draw(&Text::new(
            name,
            (x + 22, 92),
            font(16.0).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
        x += 44 + 8 * name.len() as i32;
    }

    let x_of = |v: f64| left + ((v / scale_max) * f64::from(right - left)) as i32;
    let bottom = top + row_h * bars.len() as i32;
    let step = grid_step(scale_max);
    let mut tick = 0.0;
    while tick <= scale_max {
        let x = x_of(tick);
        root.draw(&PathElement::new(vec![(x, top - 6), (x, bottom)], RGBColor(225, 225, 225)))
            .map_err(err)?;
        root.draw(&Text::new(
            grouped(tick),
            (x, bottom + 8),
            font(15.0).color(&RGBColor(90, 90, 90)).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(err)?;
        tick += step;
    }
    root.draw(&Text::new(
        "ns per line",
        (right, bottom + 32),
        font(15.0).color(&RGBColor(90, 90, 90)).pos(Pos::new(HPos::Right, VPos::Top)),
    ))
    .map_err(err)?;

    for (i, (label, value, class)) in bars.iter().enumerate() {
        let y = top + row_h * i as i32;
        let mid = y + row_h / 2;
        let colour = match class {
            Class::Hlog => RGBColor(225, 105, 20),
            Class::Baseline | Class::HandWritten => RGBColor(150, 150, 150),
            Class::Peer => RGBColor(70, 110, 180),
            Class::Python => RGBColor(60, 150, 90),
        };
        let label_font = if *class == Class::Hlog { bold(18.0) } else { font(18.0) };
        root.draw(&Text::new(
            label.clone(),
            (left - 12, mid),
            label_font.color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        let off_scale = *value > scale_max;
        let end = if off_scale { right + 60 } else { x_of(*value).max(left + 2) };
        root.draw(&Rectangle::new([(left, y + 7), (end, y + row_h - 7)], colour.filled()))
            .map_err(err)?;
        let mut text = format!("{} ns", grouped(*value));
        if let Some(base) = baseline {
            text.push_str(&format!("  ({:.1}× baseline)", value / base));
        }
        if off_scale {
            // Break marks, and the value inside the bar.
            for dx in [0, 9] {
                let x = right + 12 + dx;
                root.draw(&PathElement::new(
                    vec![(x, y + 3), (x - 8, y + row_h - 3)],
                    WHITE.stroke_width(3),
                ))
                .map_err(err)?;
            }
            root.draw(&Text::new(
                format!("{text}, off the scale"),
                (right - 8, mid),
                bold(16.0).color(&WHITE).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(err)?;
        } else {
            root.draw(&Text::new(
                text,
                (end + 8, mid),
                font(16.0).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
