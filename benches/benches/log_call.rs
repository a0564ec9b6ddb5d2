//! The cost of one log call: hlog (global logger and an explicit `Logger`), a hand-written
//! floor, and tracing / log as peers. See ../README.md for what each benchmark measures.
//!
//! Run: `cd benches && cargo bench --bench log_call`.

use std::hint::black_box;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

mod common;

use common::{
    ID, IP, MS, USER, hlog_disabled_debug as disabled_debug, hlog_global_with_module_map,
    tracing_disabled_debug,
};

// ---------------------------------------------------------------------------------------------
// Setup of the loggers under test.

/// The global hlog logger: only a no-colour `io::sink` handler at `level`, default format.
fn hlog_global_into_sink(level: &str) {
    hlog::remove_all();
    hlog::add(hlog::sink::from_writer(io::sink())).level(level).colorize(false).install().unwrap();
}

/// An explicit hlog logger with one no-colour `io::sink` handler at `level`, default format.
fn hlog_logger_into_sink(level: &str) -> hlog::Logger {
    let logger = hlog::Logger::new();
    logger.add(hlog::sink::from_writer(io::sink())).level(level).colorize(false).install().unwrap();
    logger
}

/// tracing's fmt subscriber as the peer: no ANSI, target and line number (closest to loguru's
/// `module:function:line`), INFO and up, into `io::sink`.
fn tracing_subscriber_into<W>(make_writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(make_writer)
        .with_ansi(false)
        .with_target(true)
        .with_line_number(true)
        .with_max_level(tracing::Level::INFO)
        .finish()
}

// ---------------------------------------------------------------------------------------------
// The hand-written floor: the default format's line built by hand into a reused buffer.

/// `YYYY-MM-DD HH:mm:ss.SSS | INFO     | module:function:line - message\n`, with the date part
/// cached per second, integers by itoa, the float by ryu, into a reused `Vec<u8>`, then written
/// to `io::sink`.
struct HandWritten {
    buf: Vec<u8>,
    cached_secs: i64,
    date: [u8; 19],
    out: io::Sink,
}

impl HandWritten {
    fn new() -> Self {
        HandWritten {
            buf: Vec::with_capacity(512),
            cached_secs: i64::MIN,
            date: [b'0'; 19],
            out: io::sink(),
        }
    }

    #[inline(never)]
    fn log(&mut self, user: &str, ip: &str, id: u64, ms: f64) {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let secs = now.as_secs() as i64;
        if secs != self.cached_secs {
            self.cached_secs = secs;
            self.date = civil_utc(secs);
        }
        let millis = now.subsec_millis();
        let buf = &mut self.buf;
        buf.clear();
        buf.extend_from_slice(&self.date);
        buf.extend_from_slice(&[
            b'.',
            b'0' + (millis / 100) as u8,
            b'0' + (millis / 10 % 10) as u8,
            b'0' + (millis % 10) as u8,
        ]);
        buf.extend_from_slice(b" | INFO     | ");
        buf.extend_from_slice(module_path!().as_bytes());
        buf.push(b':');
        buf.extend_from_slice(b"bench_enabled");
        buf.push(b':');
        buf.extend_from_slice(itoa::Buffer::new().format(line!()).as_bytes());
        buf.extend_from_slice(b" - User ");
        buf.extend_from_slice(user.as_bytes());
        buf.extend_from_slice(b" logged in from ");
        buf.extend_from_slice(ip.as_bytes());
        buf.extend_from_slice(b" (id=");
        buf.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
        buf.extend_from_slice(b", ms=");
        buf.extend_from_slice(ryu::Buffer::new().format(ms).as_bytes());
        buf.extend_from_slice(b")\n");
        let _ = self.out.write_all(black_box(&self.buf));
    }
}

/// `YYYY-MM-DD HH:mm:ss` of a Unix time in UTC (the machine's zone; hlog renders local time).
fn civil_utc(secs: i64) -> [u8; 19] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days_from_civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut out = [0u8; 19];
    let mut cursor = io::Cursor::new(&mut out[..]);
    let _ = write!(
        cursor,
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    out
}

// ---------------------------------------------------------------------------------------------
// One sample line from each, printed before measuring so the shapes can be compared.

#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn print_sample_lines() {
    let (user, id, ms) = (USER, ID, MS);

    let capture = hlog::sink::Capture::new();
    hlog::remove_all();
    hlog::add(capture.clone()).colorize(false).install().unwrap();
    hlog::info!("User {user} logged in from {ip} (id={id}, ms={ms})", ip = IP);
    let logger = hlog::Logger::new();
    logger.add(capture.clone()).colorize(false).install().unwrap();
    hlog::info!(logger, "User {user} logged in from {ip} (id={id}, ms={ms})", ip = IP);
    hlog::remove_all();

    let mut hand = HandWritten::new();
    hand.log(user, IP, id, ms);

    let traced = SharedBuf::default();
    let writer = traced.clone();
    tracing::subscriber::with_default(tracing_subscriber_into(move || writer.clone()), || {
        tracing::info!("User {user} logged in from {ip} (id={id}, ms={ms})", ip = IP);
    });

    eprintln!("sample lines:");
    for line in capture.lines() {
        eprintln!("  hlog        {line}");
    }
    eprint!("  hand        {}", String::from_utf8_lossy(&hand.buf));
    eprint!("  tracing     {}", String::from_utf8_lossy(&traced.0.lock().unwrap()));
}

// ---------------------------------------------------------------------------------------------
// Benchmarks.

fn bench_enabled(c: &mut Criterion) {
    print_sample_lines();

    // tracing's subscriber is process-wide and set once; `disabled/tracing` uses it too.
    tracing::subscriber::set_global_default(tracing_subscriber_into(io::sink)).unwrap();

    let mut group = c.benchmark_group("enabled");

    hlog_global_into_sink("TRACE");
    group.bench_function(BenchmarkId::new("hlog_default_format", "global"), |b| {
        b.iter(|| {
            let user = black_box(USER);
            let id = black_box(ID);
            let ms = black_box(MS);
            hlog::info!("User {user} logged in from {ip} (id={id}, ms={ms})", ip = black_box(IP));
        })
    });

    let logger = hlog_logger_into_sink("TRACE");
    group.bench_function(BenchmarkId::new("hlog_default_format", "logger"), |b| {
        b.iter(|| {
            let user = black_box(USER);
            let id = black_box(ID);
            let ms = black_box(MS);
            hlog::info!(
                logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP)
            );
        })
    });

    group.bench_function(BenchmarkId::new("hlog_literal_only", "global"), |b| {
        b.iter(|| hlog::info!("User logged in"))
    });

    group.bench_function(BenchmarkId::new("hlog_literal_only", "logger"), |b| {
        b.iter(|| hlog::info!(logger, "User logged in"))
    });

    // Not a peer: the same call through a handler whose format is only `{message}`, which
    // splits the cost of the call (clock, dispatch, handler, sink) from the default format's.
    hlog::remove_all();
    hlog::add(hlog::sink::from_writer(io::sink()))
        .format("{message}")
        .colorize(false)
        .install()
        .unwrap();
    group.bench_function(BenchmarkId::new("hlog_message_format", "global"), |b| {
        b.iter(|| {
            let user = black_box(USER);
            let id = black_box(ID);
            let ms = black_box(MS);
            hlog::info!("User {user} logged in from {ip} (id={id}, ms={ms})", ip = black_box(IP));
        })
    });
    hlog::remove_all();

    let mut hand = HandWritten::new();
    group.bench_function("hand_written", |b| {
        b.iter(|| hand.log(black_box(USER), black_box(IP), black_box(ID), black_box(MS)))
    });

    group.bench_function("tracing_fmt", |b| {
        b.iter(|| {
            let user = black_box(USER);
            let id = black_box(ID);
            let ms = black_box(MS);
            tracing::info!(
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP)
            );
        })
    });

    // tracing's idiomatic form: the values as structured fields, rendered `key=value` after
    // the message by the fmt layer.
    group.bench_function("tracing_fmt_fields", |b| {
        b.iter(|| {
            tracing::info!(
                user = black_box(USER),
                ip = black_box(IP),
                id = black_box(ID),
                ms = black_box(MS),
                "User logged in"
            );
        })
    });

    group.finish();
}

fn bench_disabled(c: &mut Criterion) {
    let mut group = c.benchmark_group("disabled");

    hlog_global_into_sink("ERROR");
    group.bench_function("hlog", |b| b.iter(disabled_debug));

    // A module map whose every level is above DEBUG.
    hlog_global_with_module_map("WARNING");
    group.bench_function("hlog_module_map_floor", |b| b.iter(disabled_debug));

    // A module map that lets DEBUG through elsewhere and holds this module at INFO. Like the
    // rows above, the call site's cached interest (the map folded in) turns the call away: one
    // load. `disabled_module_map` compares it with tracing under the same filter.
    hlog_global_with_module_map("DEBUG");
    group.bench_function("hlog_module_map", |b| b.iter(disabled_debug));
    hlog::remove_all();

    let logger = hlog_logger_into_sink("ERROR");
    group.bench_function("hlog_logger", |b| {
        b.iter(|| {
            hlog::debug!(
                logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                user = black_box(USER),
                ip = black_box(IP),
                id = black_box(ID),
                ms = black_box(MS)
            );
        })
    });

    // The global subscriber set in `bench_enabled` (max level INFO).
    group.bench_function("tracing", |b| b.iter(tracing_disabled_debug));

    log::set_max_level(log::LevelFilter::Info);
    group.bench_function("log", |b| {
        b.iter(|| {
            log::debug!(
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                user = black_box(USER),
                ip = black_box(IP),
                id = black_box(ID),
                ms = black_box(MS)
            );
        })
    });

    group.finish();
}

/// Bound and contextual fields (issue 17): the same call through a plain logger, through a child
/// with 3 bound fields, and inside a contextual scope with 3 fields; default format, which does
/// not show them (the cost is gathering them into the record). Target: at most 1.15x the plain.
fn bench_context(c: &mut Criterion) {
    let mut group = c.benchmark_group("context");
    let logger = hlog_logger_into_sink("TRACE");
    let call = |logger: &hlog::Logger| {
        let user = black_box(USER);
        let id = black_box(ID);
        let ms = black_box(MS);
        hlog::info!(
            logger,
            "User {user} logged in from {ip} (id={id}, ms={ms})",
            ip = black_box(IP)
        );
    };
    group.bench_function("plain", |b| b.iter(|| call(&logger)));
    let child = hlog::bind!(logger; request_id = "abc-123", tenant = "acme", attempt = 3);
    group.bench_function("bound_3", |b| b.iter(|| call(&child)));
    {
        let _scope = hlog::contextualize!(request_id = "abc-123", tenant = "acme", attempt = 3);
        group.bench_function("context_3", |b| b.iter(|| call(&logger)));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config(Duration::from_secs(2));
    targets = bench_enabled, bench_disabled, bench_context
}
criterion_main!(benches);
