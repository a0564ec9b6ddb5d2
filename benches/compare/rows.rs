//! The child side: each row sets up its logger to write into a file in `dir`, then logs
//! `LINES` lines through `measure::drive`. One row per process, so global loggers never meet.
//!
//! Every row logs `User alice logged in from 10.0.0.1 (id=<i>, ms=3.14)` at INFO, with `alice`
//! captured from scope and the other three values through `black_box`, in the closest shape to
//! loguru's `time | level | module:function:line - message` that the logger offers.

use std::fs::File;
use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::handwritten::{Baseline, Dynamic, LOGURU_FORMAT, Site, Value};
use crate::measure::{IP, MS, Outcome, USER, drive, drive_disabled, drive_threads};

/// Buffer given to every logger that lets the caller choose (hlog's default is the same).
const BUF: usize = 64 * 1024;
/// `strftime` pattern of loguru's `YYYY-MM-DD HH:mm:ss.SSS`.
const STRFTIME: &str = "%Y-%m-%d %H:%M:%S%.3f";
/// `time` crate description of the same.
const TIME_DESC: &str = "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]";

fn buffered(path: &Path) -> BufWriter<File> {
    BufWriter::with_capacity(BUF, File::create(path).expect("create the output file"))
}

/// Runs one row with `threads` threads logging at once (more than 1 only for the rows of
/// `LATENCY_ROWS`).
pub fn run(row: &str, dir: &Path, threads: usize) -> Outcome {
    let one = |outcome: fn(&Path) -> Outcome| {
        assert!(threads == 1, "{row} runs on one thread only");
        outcome(dir)
    };
    match row {
        "hlog" => hlog_file(dir, threads, false),
        "hlog-async" => hlog_file(dir, threads, true),
        "hlog-json" => hlog_file_with(dir, threads, false, true),
        "hlog-json-async" => hlog_file_with(dir, threads, true, true),
        "baseline" => one(baseline),
        "dynamic" => one(dynamic),
        "tracing" => one(tracing_sync),
        "tracing-nb" => tracing_non_blocking(dir, threads),
        "spdlog" => one(spdlog_sync),
        "spdlog-async" => spdlog_async(dir, threads),
        "simplelog" => one(simplelog),
        "fern" => one(fern),
        "flexi_logger" => one(flexi_logger),
        "log4rs" => one(log4rs),
        "slog-async" => slog_async(dir, threads),
        "ftlog" => ftlog(dir, threads),
        "fast_log" => fast_log(dir, threads),
        "ticklog" => crate::ticklog_row(dir, threads),
        "nanolog-rs" => nanolog(dir, threads),
        other => panic!("no Rust row named {other:?}"),
    }
}

/// A call the `log` crate's loggers all get.
macro_rules! log_info {
    ($i:expr) => {{
        let user = USER;
        log::info!(
            "User {user} logged in from {ip} (id={id}, ms={ms})",
            ip = black_box(IP),
            id = $i,
            ms = black_box(MS)
        )
    }};
}

// ---------------------------------------------------------------------------------------------

/// hlog's file sink with the default format; `enqueue`: formatted and written on the logger's
/// writer thread (issue 16: deferred formatting).
fn hlog_file(dir: &Path, threads: usize, enqueue: bool) -> Outcome {
    hlog_file_with(dir, threads, enqueue, false)
}

/// The same, and `json`: JSON lines (`.serialize(true)`, the default schema: every record
/// member and the four fields in `extra`).
fn hlog_file_with(dir: &Path, threads: usize, enqueue: bool, json: bool) -> Outcome {
    let logger = hlog::Logger::new();
    logger
        .add(hlog::sink::FileSink::new(dir.join("hlog.log")))
        .colorize(false)
        .serialize(json)
        .enqueue(enqueue)
        .install()
        .unwrap();
    let user = USER;
    drive_threads(
        threads,
        |i| {
            hlog::info!(
                logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP),
                id = i,
                ms = black_box(MS)
            )
        },
        || logger.complete(),
    )
}

fn baseline(dir: &Path) -> Outcome {
    let w = std::cell::RefCell::new(Baseline::new(&dir.join("baseline.log")));
    let user = USER;
    drive(|i| w.borrow_mut().info(user, black_box(IP), i, black_box(MS)), || w.borrow_mut().flush())
}

fn dynamic(dir: &Path) -> Outcome {
    let w = std::cell::RefCell::new(Dynamic::new(&dir.join("dynamic.log")));
    let user = USER;
    drive(
        |i| {
            w.borrow_mut().log(
                black_box(LOGURU_FORMAT),
                &Site { level: "INFO", name: module_path!(), function: "dynamic", line: line!() },
                black_box("User {user} logged in from {ip} (id={id}, ms={ms})"),
                &[
                    ("user", Value::Str(user)),
                    ("ip", Value::Str(black_box(IP))),
                    ("id", Value::U64(i)),
                    ("ms", Value::F64(black_box(MS))),
                ],
            )
        },
        || w.borrow_mut().flush(),
    )
}

// ---------------------------------------------------------------------------------------------

/// A `MakeWriter` over a shared `Mutex<BufWriter<File>>`, so the harness can flush it at the end.
#[derive(Clone)]
struct SharedFile(Arc<Mutex<BufWriter<File>>>);

struct Locked<'a>(MutexGuard<'a, BufWriter<File>>);

impl Write for Locked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for SharedFile {
    type Writer = Locked<'a>;
    fn make_writer(&'a self) -> Locked<'a> {
        Locked(self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// tracing-subscriber's fmt layer as usually configured for a file: no ANSI, target and line,
/// INFO and up, its default timer (RFC 3339 in UTC with microseconds). Its `ChronoLocal` timer
/// with loguru's `%Y-%m-%d %H:%M:%S%.3f` gives the same text as the other rows, but costs
/// ~850 ns more per line here (chrono formats a strftime pattern and looks up the local offset
/// on every call), so the row keeps the
/// default that tracing users get.
fn tracing_fmt<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .with_line_number(true)
        .with_max_level(tracing::Level::INFO)
        .finish()
}

fn tracing_call(i: u64) {
    let user = USER;
    tracing::info!(
        "User {user} logged in from {ip} (id={id}, ms={ms})",
        ip = black_box(IP),
        id = i,
        ms = black_box(MS)
    );
}

fn tracing_sync(dir: &Path) -> Outcome {
    let file = SharedFile(Arc::new(Mutex::new(buffered(&dir.join("tracing.log")))));
    tracing::subscriber::set_global_default(tracing_fmt(file.clone())).unwrap();
    drive(tracing_call, || file.0.lock().unwrap().flush().unwrap())
}

fn tracing_non_blocking(dir: &Path, threads: usize) -> Outcome {
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(buffered(&dir.join("tracing-nb.log")));
    tracing::subscriber::set_global_default(tracing_fmt(writer)).unwrap();
    // Dropping the guard makes the worker write what is queued, flush and stop.
    drive_threads(threads, tracing_call, move || drop(guard))
}

// ---------------------------------------------------------------------------------------------

/// spdlog-rs's `{level}` is lower case and unpadded: this custom pattern writes `INFO    `.
#[derive(Clone, Default)]
struct Level8;

impl spdlog::formatter::Pattern for Level8 {
    fn format(
        &self,
        record: &spdlog::Record,
        dest: &mut spdlog::StringBuf,
        _: &mut spdlog::formatter::PatternContext,
    ) -> spdlog::Result<()> {
        use spdlog::Level::*;
        let text = match record.level() {
            Critical => "CRITICAL",
            Error => "ERROR   ",
            Warn => "WARNING ",
            Info => "INFO    ",
            Debug => "DEBUG   ",
            Trace => "TRACE   ",
        };
        dest.push_str(text);
        Ok(())
    }
}

fn spdlog_file(path: &Path) -> Arc<spdlog::sink::FileSink> {
    use spdlog::formatter::{PatternFormatter, pattern};
    let formatter = PatternFormatter::new(pattern!(
        "{date} {time}.{millisecond} | {$level8} | {module_path}:{line} - {payload}{eol}",
        {$level8} => Level8::default,
    ));
    spdlog::sink::FileSink::builder()
        .path(path)
        .truncate(true)
        .capacity(BUF)
        .formatter(formatter)
        .build_arc()
        .unwrap()
}

fn spdlog_sync(dir: &Path) -> Outcome {
    let logger = spdlog::Logger::builder()
        .sink(spdlog_file(&dir.join("spdlog.log")))
        .level_filter(spdlog::LevelFilter::MoreSevereEqual(spdlog::Level::Info))
        .build()
        .unwrap();
    let user = USER;
    drive(
        |i| {
            spdlog::info!(
                logger: logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP),
                id = i,
                ms = black_box(MS)
            )
        },
        || logger.flush(),
    )
}

fn spdlog_async(dir: &Path, threads: usize) -> Outcome {
    use spdlog::sink::{AsyncPoolSink, OverflowPolicy};
    // The crate's default pool (one thread, 8192 queued records), built here so that the
    // harness holds it: dropping the last reference joins the thread once every queued task
    // is done, and the file sink flushes when its last task drops it.
    let pool = spdlog::ThreadPool::builder().build_arc().unwrap();
    let sink = AsyncPoolSink::builder()
        .sink(spdlog_file(&dir.join("spdlog-async.log")))
        .thread_pool(pool.clone())
        .overflow_policy(OverflowPolicy::Block)
        .build_arc()
        .unwrap();
    let logger = spdlog::Logger::builder()
        .sink(sink)
        .level_filter(spdlog::LevelFilter::MoreSevereEqual(spdlog::Level::Info))
        .build()
        .unwrap();
    let user = USER;
    // `drive` drops the calling closure (and so the logger and its async sink) before `finish`.
    drive_threads(
        threads,
        move |i| {
            spdlog::info!(
                logger: logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP),
                id = i,
                ms = black_box(MS)
            )
        },
        move || drop(pool),
    )
}

// ---------------------------------------------------------------------------------------------

fn simplelog(dir: &Path) -> Outcome {
    use simplelog::{ConfigBuilder, LevelFilter, LevelPadding, WriteLogger, format_description};
    let config = ConfigBuilder::new()
        .set_time_format_custom(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]"
        ))
        .set_time_level(LevelFilter::Error)
        .set_level_padding(LevelPadding::Right)
        .set_thread_level(LevelFilter::Off)
        .set_target_level(LevelFilter::Error)
        .set_location_level(LevelFilter::Error)
        .build();
    WriteLogger::init(LevelFilter::Info, config, buffered(&dir.join("simplelog.log"))).unwrap();
    drive(|i| log_info!(i), || log::logger().flush())
}

fn fern(dir: &Path) -> Outcome {
    fern::Dispatch::new()
        .format(|out, message, record| {
            out.finish(format_args!(
                "{} | {:<8} | {}:{} - {}",
                // fern leaves the time to the format; its README's way.
                humantime::format_rfc3339_millis(std::time::SystemTime::now()),
                record.level(),
                record.target(),
                record.line().unwrap_or(0),
                message
            ))
        })
        .level(log::LevelFilter::Info)
        .chain(fern::log_file(dir.join("fern.log")).unwrap())
        .apply()
        .unwrap();
    drive(|i| log_info!(i), || log::logger().flush())
}

fn flexi_format(
    w: &mut dyn Write,
    now: &mut flexi_logger::DeferredNow,
    record: &log::Record,
) -> io::Result<()> {
    write!(
        w,
        "{} | {:<8} | {}:{} - {}",
        now.format(STRFTIME),
        record.level(),
        record.module_path().unwrap_or("?"),
        record.line().unwrap_or(0),
        record.args()
    )
}

fn flexi_logger(dir: &Path) -> Outcome {
    use flexi_logger::{FileSpec, Logger, WriteMode};
    let handle = Logger::try_with_str("info")
        .unwrap()
        .log_to_file(FileSpec::default().directory(dir).basename("flexi").suppress_timestamp())
        .format(flexi_format)
        .write_mode(WriteMode::BufferAndFlushWith(BUF, std::time::Duration::from_secs(1)))
        .start()
        .unwrap();
    drive(|i| log_info!(i), || handle.flush())
}

fn log4rs(dir: &Path) -> Outcome {
    use log4rs::append::file::FileAppender;
    use log4rs::config::{Appender, Config, Root};
    use log4rs::encode::pattern::PatternEncoder;
    let file = FileAppender::builder()
        .encoder(Box::new(PatternEncoder::new(
            "{d(%Y-%m-%d %H:%M:%S%.3f)} | {l:<8} | {M}:{L} - {m}{n}",
        )))
        .append(false)
        .build(dir.join("log4rs.log"))
        .unwrap();
    let config = Config::builder()
        .appender(Appender::builder().build("file", Box::new(file)))
        .build(Root::builder().appender("file").build(log::LevelFilter::Info))
        .unwrap();
    let _handle = log4rs::init_config(config).unwrap();
    drive(|i| log_info!(i), || log::logger().flush())
}

fn slog_async(dir: &Path, threads: usize) -> Outcome {
    use slog::Drain;
    let decorator = slog_term::PlainDecorator::new(buffered(&dir.join("slog.log")));
    // slog-term's own timestamp (local time, `Nov 25 14:30:00.123`).
    let drain = slog_term::FullFormat::new(decorator).use_file_location().build().fuse();
    // The default queue (128 records), blocking instead of dropping when it is full.
    let (drain, guard) = slog_async::Async::new(drain)
        .overflow_strategy(slog_async::OverflowStrategy::Block)
        .build_with_guard();
    let logger = slog::Logger::root(drain.fuse(), slog::o!());
    let user = USER;
    drive_threads(
        threads,
        move |i| {
            slog::info!(
                logger,
                "User {} logged in from {} (id={}, ms={})",
                user,
                black_box(IP),
                i,
                black_box(MS)
            )
        },
        // `drive` drops the logger first; dropping the guard then sends a flush-and-stop and
        // joins the worker.
        move || drop(guard),
    )
}

fn ftlog(dir: &Path, threads: usize) -> Outcome {
    let time_format = time::format_description::parse_owned::<2>(TIME_DESC).unwrap();
    let guard = ftlog::builder()
        .root(ftlog::appender::FileAppender::new(dir.join("ftlog.log")))
        .max_log_level(log::LevelFilter::Info)
        .time_format(time_format)
        // The default queue size (100,000), but blocking instead of dropping when it is full.
        .bounded(100_000, true)
        .try_init()
        .unwrap();
    // Dropping the guard sends a flush and waits for the worker to do it.
    drive_threads(threads, |i| log_info!(i), move || drop(guard))
}

fn fast_log(dir: &Path, threads: usize) -> Outcome {
    let path = dir.join("fast_log.log");
    fast_log::init(
        fast_log::Config::new()
            .file(path.to_str().unwrap())
            .chan_len(Some(100_000))
            .level(log::LevelFilter::Info)
            .format(fast_log::FastLogFormat::new().set_display_line_level(log::LevelFilter::Info)),
    )
    .unwrap();
    drive_threads(threads, |i| log_info!(i), || fast_log::flush().unwrap().wait())
}

/// nanolog-rs: its `info!` formats the message into a `String` on the caller (`format!`), puts
/// the record into a disruptor ring (blocking while it is full) and a busy-spinning consumer
/// thread formats the line and writes it. The builder's defaults (1,024 slots), the plain
/// `DefaultFormatter` (no colour; its time is nanoseconds since 1970: the crate's readable ISO
/// time comes only with its coloured formatter) and its `FileSink` with a 64 KiB buffer. The
/// global logger is the one the macros use; they lock its `Mutex` on every call to get it.
/// `flush` waits until every record sent is written, then flushes the file.
fn nanolog(dir: &Path, threads: usize) -> Outcome {
    let sink = nanolog_rs::FileSink::with_buffer_size(dir.join("nanolog.log"), BUF).unwrap();
    let logger = nanolog_rs::AsyncLogger::builder()
        .level(nanolog_rs::Level::Info)
        .formatter(Arc::new(nanolog_rs::DefaultFormatter::plain()))
        .sink(Arc::new(sink))
        .build()
        .unwrap();
    nanolog_rs::init_global_logger(Arc::new(logger)).unwrap();
    let user = USER;
    drive_threads(
        threads,
        |i| {
            nanolog_rs::info!(
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box(IP),
                id = i,
                ms = black_box(MS)
            )
        },
        || {
            let global = nanolog_rs::global_logger().unwrap();
            global.flush().unwrap();
            global.shutdown().unwrap();
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Disabled calls: the same call at DEBUG while the logger is at INFO (tracing, log) or ERROR
// (hlog), 100M times.

pub const DISABLED_CALLS: u64 = 100_000_000;

pub fn disabled(row: &str) -> f64 {
    let user = USER;
    match row {
        "hlog" => {
            hlog::remove_all();
            hlog::add(hlog::sink::from_writer(io::sink()))
                .level("ERROR")
                .colorize(false)
                .install()
                .unwrap();
            drive_disabled(DISABLED_CALLS, |i| {
                hlog::debug!(
                    "User {user} logged in from {ip} (id={id}, ms={ms})",
                    ip = black_box(IP),
                    id = i,
                    ms = black_box(MS)
                )
            })
        }
        "tracing" => {
            tracing::subscriber::set_global_default(tracing_fmt(io::sink)).unwrap();
            drive_disabled(DISABLED_CALLS, |i| {
                tracing::debug!(
                    "User {user} logged in from {ip} (id={id}, ms={ms})",
                    ip = black_box(IP),
                    id = i,
                    ms = black_box(MS)
                )
            })
        }
        "log" => {
            log::set_max_level(log::LevelFilter::Info);
            drive_disabled(DISABLED_CALLS, |i| {
                log::debug!(
                    "User {user} logged in from {ip} (id={id}, ms={ms})",
                    ip = black_box(IP),
                    id = i,
                    ms = black_box(MS)
                )
            })
        }
        other => panic!("no disabled row named {other:?}"),
    }
}
