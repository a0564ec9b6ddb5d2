//! The logger: its handlers, module rules, and the path of one record to every handler.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;

use crate::bound::{Bound, Patch};
use crate::callsite::{self, Callsite};
use crate::deferred::{Handlers, Queued, Writer};
use crate::extra::{OwnedFields, OwnedValue};
use crate::filter::{Filter, IntoLevelNo, ModuleLevels, OFF};
use crate::handler::{
    ChangeError, Handler, HandlerBuilder, HandlerId, HandlerStats, Install, RemoveError, StatsTable,
};
use crate::intern::intern_configured;
use crate::level::Level;
use crate::message::Layout;
use crate::record::{CallOptions, Record};
use crate::sink::{Clock, Console, IntoSink};
use crate::time::{Timestamp, Zone};
use crate::value::Value;

/// How many times the global logger's configuration has changed: a call site registering
/// itself checks that none happened while it computed its threshold (see [`register`]).
static GLOBAL_CHANGES: AtomicU64 = AtomicU64::new(0);
/// Told the global logger's lowest accepted level after each change of its configuration (the
/// `log` bridge keeps `log::max_level()` in step with it).
static GLOBAL_MIN_LEVEL_WATCHER: OnceLock<fn(u32)> = OnceLock::new();

/// Call `watcher` with the global logger's lowest accepted level now and after each change of
/// its configuration (under the configuration lock, so calls come in order). One watcher per
/// process: a second one is ignored, and is told the level nonetheless.
#[cfg(feature = "log")]
pub(crate) fn watch_global_min_level(watcher: fn(u32)) {
    let logger = logger();
    let _config = logger.core.config.lock().unwrap_or_else(|e| e.into_inner());
    let _ = GLOBAL_MIN_LEVEL_WATCHER.set(watcher);
    watcher(logger.core.min_level.load(Ordering::Relaxed));
}

/// A logger: handlers and module rules. Cheap to clone (clones share everything).
///
/// Most programs use the global one, [`logger()`], through the free functions (`hlog::add`,
/// `hlog::remove`, ...) and the macros. A `Logger::new()` is independent — handy in tests — and
/// is logged to with `info!(logger, "...")`.
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{message}").install().unwrap();
/// let user = "alice";
/// hlog::info!(logger, "User {user} logged in");
/// assert_eq!(capture.text(), "User alice logged in\n");
/// ```
///
/// A child made by [`Logger::bind`] or [`Logger::patch`] shares its parent's handlers and
/// settings (adding a handler through either is seen by both) and adds its own fields.
#[derive(Clone)]
pub struct Logger {
    core: Arc<Core>,
    /// A child's bound fields and patches (`None`: the root, nothing added).
    bound: Option<Arc<Bound>>,
}

struct Core {
    /// Shared with the writer thread of queued handlers.
    handlers: Handlers,
    /// Changes with every change of `handlers`, to a number no other logger ever had: the key
    /// of the handler list each thread caches (see [`Logger::log`]).
    generation: AtomicU64,
    /// `(module prefix, enabled)`; the longest matching prefix wins.
    modules: ArcSwap<ModuleLevels>,
    /// Default extra fields (`configure`): every record of this logger carries them (below
    /// bound fields).
    defaults: ArcSwap<Vec<(&'static str, OwnedValue)>>,
    /// `defaults` is not empty: a record takes the path that adds fields.
    has_defaults: std::sync::atomic::AtomicBool,
    /// Serialises configuration changes (readers never take it).
    config: Mutex<()>,
    /// Any `enable`/`disable` yet: without, the module check is one load.
    has_module_rules: std::sync::atomic::AtomicBool,
    min_level: AtomicU32,
    next_id: AtomicUsize,
    global: bool,
    /// Tests freeze time; everyone else reads the system clock.
    clock: OnceLock<Clock>,
    /// Tests fix the zone; everyone else uses the local one. Shared with the writer thread of
    /// queued handlers (a zone set after it started reaches it too).
    zone: Arc<OnceLock<Zone>>,
    /// The writer thread of queued handlers, made when the first one is installed.
    writer: OnceLock<Arc<Writer>>,
    /// The lowest level a queued handler takes (`u32::MAX`: none): a record at or above it is
    /// queued.
    queued_min: AtomicU32,
    /// The lowest level a handler that formats on the calling thread takes (`u32::MAX`: none).
    sync_min: AtomicU32,
    /// Some handler shows backtraces: a call that attaches an error captures one.
    backtrace: std::sync::atomic::AtomicBool,
}

/// The global logger. It starts with one handler: the console on stdout, DEBUG and up,
/// loguru's default format; `remove_all()` takes it away.
///
/// The environment changes that handler when the logger starts (at its first use):
/// `HLOG_LEVEL` its level (a name or a number), `HLOG_FORMAT` its format, `HLOG_COLORIZE`
/// its colour (`true`/`false`/`auto`), and `HLOG_LOG` (or `RUST_LOG`, after
/// [`use_rust_log`]) `RUST_LOG`-style directives ([`Directives`](crate::Directives)) as its
/// filter, which then also choose its levels. A value that does not parse is reported once on
/// stderr and left out; the rest applies.
///
/// # Examples
///
/// ```
/// // The logger the macros use when no logger is given: `hlog::info!("...")`.
/// let global = hlog::logger();
/// global.remove_all();
/// let capture = hlog::sink::Capture::new();
/// global.add(capture.clone()).format("{message}").install().unwrap();
/// hlog::info!("through the global logger");
/// assert_eq!(capture.text(), "through the global logger\n");
/// ```
pub fn logger() -> &'static Logger {
    &GLOBAL
}

static GLOBAL: LazyLock<Logger> = LazyLock::new(|| {
    let logger = Logger::with_core(true);
    // SeqCst here and in `use_rust_log` (a store then a load on each side): at least one of
    // them sees the other's flag, so `RUST_LOG` is applied (once, or twice to the same effect).
    GLOBAL_STARTED.store(true, Ordering::SeqCst);
    let rust_log = USE_RUST_LOG.load(Ordering::SeqCst);
    let settings = crate::env::console_settings(crate::env::process_var, rust_log);
    let mut console = logger
        .add(Console::stdout())
        .level(settings.level)
        .colorize(settings.colorize)
        .filter_with(settings.filter);
    if let Some(format) = settings.format {
        console = console.format(format);
    }
    if let Ok(id) = console.install() {
        let _ = DEFAULT_CONSOLE.set(id);
    }
    logger
});

/// Whether the global logger has started (read the environment).
static GLOBAL_STARTED: AtomicBool = AtomicBool::new(false);

/// Whether the global logger reads `RUST_LOG` (when `HLOG_LOG` is not set).
static USE_RUST_LOG: AtomicBool = AtomicBool::new(false);

/// The global logger's default console handler, as it started.
static DEFAULT_CONSOLE: OnceLock<HandlerId> = OnceLock::new();

/// Read `RUST_LOG` directives for the global logger's default console handler when `HLOG_LOG`
/// is not set, as `env_logger` does: `RUST_LOG=info,my_app::db=debug,hyper=off`. Called
/// before the first log call, the console starts with them; called later, they replace its
/// filter and level then (unless the handler was removed, or `HLOG_LOG` is set). See
/// [`Directives`](crate::Directives) for the syntax.
///
/// # Examples
///
/// ```
/// hlog::use_rust_log(); // first thing in `main`
/// hlog::info!("filtered by RUST_LOG, when it is set");
/// ```
pub fn use_rust_log() {
    if USE_RUST_LOG.swap(true, Ordering::SeqCst) {
        return;
    }
    if !GLOBAL_STARTED.load(Ordering::SeqCst) {
        let _ = logger(); // starts with RUST_LOG read
        return;
    }
    let var = crate::env::process_var;
    if var("HLOG_LOG").is_some() {
        return;
    }
    let (Some(_), Some(id)) = (crate::env::directives(&var, true), DEFAULT_CONSOLE.get()) else {
        return;
    };
    // What the console would have started with (`HLOG_LEVEL` still wins over the directives).
    let settings = crate::env::console_settings(var, true);
    let logger = logger();
    let _ = logger.set_level(*id, settings.level);
    let _ = logger.set_filter(*id, settings.filter);
}

impl Logger {
    /// A new, independent logger with no handler.
    ///
    /// # Examples
    ///
    /// ```
    /// // A logger of its own (a library's, a test's): no handler until one is added.
    /// let logger = hlog::Logger::new();
    /// assert!(logger.stats().is_empty());
    /// hlog::info!(logger, "goes nowhere");
    /// ```
    pub fn new() -> Self {
        Logger::with_core(false)
    }

    fn with_core(global: bool) -> Self {
        crate::time::start_time();
        let logger = Logger {
            bound: None,
            core: Arc::new(Core {
                handlers: Arc::new(ArcSwap::from_pointee(Vec::new())),
                generation: AtomicU64::new(next_generation()),
                modules: ArcSwap::from_pointee(ModuleLevels::default()),
                defaults: ArcSwap::from_pointee(Vec::new()),
                has_defaults: std::sync::atomic::AtomicBool::new(false),
                config: Mutex::new(()),
                has_module_rules: std::sync::atomic::AtomicBool::new(false),
                min_level: AtomicU32::new(u32::MAX),
                next_id: AtomicUsize::new(0),
                global,
                clock: OnceLock::new(),
                zone: Arc::new(OnceLock::new()),
                writer: OnceLock::new(),
                queued_min: AtomicU32::new(u32::MAX),
                sync_min: AtomicU32::new(u32::MAX),
                backtrace: std::sync::atomic::AtomicBool::new(false),
            }),
        };
        flush_at_exit(&logger.core);
        logger
    }

    /// This logger reads the time from `clock` instead of the system clock (for tests, and for
    /// replaying records). Set once; later calls are ignored.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::{Timestamp, Zone};
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new()
    ///     .with_clock(|| Timestamp::from_unix(1_774_535_400, 123_000_000))
    ///     .with_zone(Zone::utc());
    /// logger.add(capture.clone()).format("{time:YYYY-MM-DD HH:mm:ss.SSS} {message}").install().unwrap();
    /// hlog::info!(logger, "frozen");
    /// assert_eq!(capture.text(), "2026-03-26 14:30:00.123 frozen\n");
    /// ```
    pub fn with_clock(self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> Self {
        let _ = self.core.clock.set(Arc::new(clock));
        self
    }

    /// This logger renders times in `zone` instead of the local time zone. Set once.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::{Timestamp, Zone};
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new()
    ///     .with_clock(|| Timestamp::from_unix(1_774_535_400, 0)) // 14:30 UTC
    ///     .with_zone(Zone::fixed(-5 * 3600));
    /// logger.add(capture.clone()).format("{time:HH:mm Z} {message}").install().unwrap();
    /// hlog::info!(logger, "in New York");
    /// assert_eq!(capture.text(), "09:30 -05:00 in New York\n");
    /// ```
    pub fn with_zone(self, zone: Zone) -> Self {
        let _ = self.core.zone.set(zone);
        self
    }

    /// The time now, by this logger's clock.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    ///
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(1_774_535_400, 0));
    /// assert_eq!(logger.now().secs(), 1_774_535_400);
    /// ```
    #[inline]
    pub fn now(&self) -> Timestamp {
        match self.core.clock.get() {
            Some(clock) => clock(),
            None => Timestamp::now(),
        }
    }

    /// Start adding a handler for `sink`; finish with `.install()`.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// let id = logger.add(capture.clone()).level("INFO").format("{level} {message}").install().unwrap();
    /// hlog::debug!(logger, "below the handler's level");
    /// hlog::info!(logger, "shown");
    /// assert_eq!(capture.text(), "INFO shown\n");
    /// assert_eq!(logger.stats()[0].id, id);
    /// ```
    pub fn add<'l>(&'l self, sink: impl IntoSink + 'l) -> HandlerBuilder<'l> {
        HandlerBuilder::new(self, sink)
    }

    /// Remove one handler, closing its sink: flush it, and for a file sink without rotation
    /// compress the file (and wait for that). Returns the handler's final counts (records
    /// written and lost, failures).
    ///
    /// # Errors
    ///
    /// [`RemoveError::NoSuchHandler`] if no handler of this logger has that id.
    /// [`RemoveError::CloseFailed`] if the handler was removed but closing its sink failed (a
    /// flush, a compression): that loses nothing (the file stays as it is), is reported once
    /// on stderr and counted in the handler's errors; the error carries the failure and the
    /// final counts.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(capture.clone()).format("{message}").install().unwrap();
    /// hlog::info!(logger, "kept");
    /// let stats = logger.remove(id).expect("closed cleanly");
    /// assert_eq!((stats.written, stats.lost, stats.errors), (1, 0, 0));
    /// hlog::info!(logger, "no handler any more");
    /// assert_eq!(capture.text(), "kept\n");
    /// ```
    pub fn remove(&self, id: HandlerId) -> Result<HandlerStats, RemoveError> {
        self.write_queued();
        let config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        let Some(removed) = self.take_handler(|h| h.id == id) else {
            return Err(RemoveError::NoSuchHandler(id));
        };
        // Closing may wait for compression: not with the configuration held (a `fork` waits
        // for that lock). Other threads may hold the handler in their cached lists until their
        // next call: its sink goes now, and with it their records' way to be counted, so the
        // counts below are final.
        drop(config);
        let closed = removed.close();
        let stats = removed.stats();
        match closed {
            Ok(()) => Ok(stats),
            Err(source) => Err(RemoveError::CloseFailed { stats, source }),
        }
    }

    /// Before a handler goes: the writer thread writes what was queued before (the queued
    /// handlers find their records through the logger's list).
    fn write_queued(&self) {
        if let Some(writer) = self.core.writer.get() {
            writer.drain(Instant::now() + COMPLETE_WAIT);
        }
    }

    /// Take the first handler `matches` accepts out of the list (the caller keeps others from
    /// changing it: the configuration lock, or a process with one thread).
    fn take_handler(&self, matches: impl Fn(&Handler) -> bool) -> Option<Arc<Handler>> {
        let mut handlers = Vec::clone(&self.core.handlers.load());
        let index = handlers.iter().position(|h| matches(h))?;
        let taken = handlers.remove(index);
        self.core.handlers.store(Arc::new(handlers));
        self.handlers_changed();
        self.configuration_changed();
        Some(taken)
    }

    /// Remove every handler (the default console one included), flushing their sinks.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).install().unwrap();
    /// logger.add(hlog::sink::Capture::new()).install().unwrap();
    /// logger.remove_all();
    /// assert!(logger.stats().is_empty());
    /// hlog::info!(logger, "to no handler");
    /// assert_eq!(capture.text(), "");
    /// ```
    pub fn remove_all(&self) {
        self.write_queued();
        let config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        let removed = self.core.handlers.swap(Arc::new(Vec::new()));
        self.handlers_changed();
        self.configuration_changed();
        drop(config); // as in `remove`
        // (Each failure is reported on stderr and counted; there is no one to return it to.)
        removed.iter().for_each(|h| {
            let _ = h.close();
        });
    }

    /// Enable logging from a module and its children (`"my_app::db"` matches `my_app::db` and
    /// `my_app::db::pool`, not `my_app::dbx`). The most specific rule wins.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message}").install().unwrap();
    /// logger.disable(""); // every module off...
    /// logger.enable(module_path!()); // ...but this one
    /// hlog::info!(logger, "shown");
    /// assert_eq!(capture.text(), "shown\n");
    /// ```
    pub fn enable(&self, module: &str) {
        self.set_module(module, true);
    }

    /// Disable logging from a module and its children; their calls then cost one cached check.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{message}").install().unwrap();
    /// logger.disable(module_path!());
    /// hlog::info!(logger, "hidden");
    /// logger.enable(module_path!());
    /// hlog::info!(logger, "shown");
    /// assert_eq!(capture.text(), "shown\n");
    /// ```
    pub fn disable(&self, module: &str) {
        self.set_module(module, false);
    }

    fn set_module(&self, module: &str, enabled: bool) {
        let _config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        // A rule is a module map's: enabled from level 0, disabled from none (`OFF`).
        let rules = self.core.modules.load().rules().to_vec();
        let rule = (module.to_owned(), if enabled { 0 } else { OFF });
        self.core.modules.store(Arc::new(ModuleLevels::new(rules.into_iter().chain([rule]))));
        self.core.has_module_rules.store(true, Ordering::Relaxed);
        self.configuration_changed();
    }

    /// Reopen every sink's destination (files reopened at their paths): call it on SIGHUP
    /// when logrotate moves files away.
    ///
    /// # Examples
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("hlog-doc-logger-reopen-{}", std::process::id()));
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::FileSink::new(dir.join("app.log")).buffer_size(0)).format("{message}").install().unwrap();
    /// hlog::info!(logger, "one");
    /// std::fs::rename(dir.join("app.log"), dir.join("app.log.1")).unwrap(); // logrotate
    /// logger.reopen();
    /// hlog::info!(logger, "two");
    /// assert_eq!(std::fs::read_to_string(dir.join("app.log.1")).unwrap(), "one\n");
    /// assert_eq!(std::fs::read_to_string(dir.join("app.log")).unwrap(), "two\n");
    /// # drop(logger);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn reopen(&self) {
        self.core.handlers.load().iter().for_each(|h| h.reopen());
    }

    /// Wait until every record logged before this call is written, then flush every sink
    /// (loguru's `complete()`), waiting for background compression too. Records of queued
    /// handlers (`enqueue`) are written by the writer thread first; called on that thread (from
    /// a sink), this does not wait for it.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// logger.add(capture.clone()).format("{message}").enqueue(true).install().unwrap();
    /// hlog::info!(logger, "formatted on the writer thread");
    /// logger.complete(); // written by now
    /// assert_eq!(capture.text(), "formatted on the writer thread\n");
    /// ```
    pub fn complete(&self) {
        self.write_queued();
        self.core.handlers.load().iter().for_each(|h| h.flush());
    }

    /// Per handler: its level, sink, and counts of records written, lost and dropped, failures
    /// and bytes (see [`HandlerStats`]); prints as a table, a row per handler.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(hlog::sink::Capture::new()).format("{message}").level("INFO").install().unwrap();
    /// for _ in 0..3 {
    ///     hlog::info!(logger, "four");
    /// }
    /// let stats = logger.stats();
    /// assert_eq!((stats[0].id, stats[0].written, stats[0].bytes), (id, 3, 15));
    /// println!("{stats}");
    /// ```
    pub fn stats(&self) -> StatsTable {
        StatsTable::new(self.core.handlers.load().iter().map(|h| h.stats()).collect())
    }

    /// Change a handler's minimum level while it runs. Call sites that ran before see the
    /// change on their next call.
    ///
    /// # Errors
    ///
    /// [`ChangeError::NoSuchHandler`] for an id this logger has no handler for,
    /// [`ChangeError::Invalid`] for a level name that is not registered. Nothing changes.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(capture.clone()).format("{message}").level("INFO").install().unwrap();
    /// hlog::debug!(logger, "hidden");
    /// logger.set_level(id, "DEBUG").unwrap();
    /// hlog::debug!(logger, "shown");
    /// assert_eq!(capture.text(), "shown\n");
    /// ```
    pub fn set_level(&self, id: HandlerId, level: impl IntoLevelNo) -> Result<(), ChangeError> {
        let level_no = level.into_level_no().map_err(ChangeError::Invalid)?;
        self.change(id, |handler| handler.set_level(level_no))
    }

    /// Replace a handler's filter (its module map and closure) while it runs. Call sites that
    /// ran before see the change on their next call.
    ///
    /// # Errors
    ///
    /// [`ChangeError::NoSuchHandler`] for an id this logger has no handler for.
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(capture.clone()).format("{message}").install().unwrap();
    /// logger.set_filter(id, hlog::Filter::module("elsewhere")).unwrap();
    /// hlog::info!(logger, "filtered out");
    /// logger.set_filter(id, hlog::Filter::all()).unwrap();
    /// hlog::info!(logger, "shown");
    /// assert_eq!(capture.text(), "shown\n");
    /// ```
    pub fn set_filter(&self, id: HandlerId, filter: Filter) -> Result<(), ChangeError> {
        self.change(id, |handler| handler.set_filter(filter))
    }

    /// Apply `change` to handler `id`, then re-fold the interest.
    fn change(&self, id: HandlerId, change: impl FnOnce(&Handler)) -> Result<(), ChangeError> {
        let _config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        let handlers = self.core.handlers.load();
        let handler = handlers.iter().find(|h| h.id == id).ok_or(ChangeError::NoSuchHandler(id))?;
        change(handler);
        self.configuration_changed();
        Ok(())
    }

    /// After a change of `handlers`: threads drop their cached list on their next call.
    fn handlers_changed(&self) {
        self.core.generation.store(next_generation(), Ordering::Release);
    }

    fn configuration_changed(&self) {
        let handlers = self.core.handlers.load();
        let min = handlers.iter().map(|h| h.lowest()).min().unwrap_or(u32::MAX);
        self.core.min_level.store(min, Ordering::Relaxed);
        let queued = || handlers.iter().filter(|h| h.queued());
        let queued_min = queued().map(|h| h.lowest()).min().unwrap_or(u32::MAX);
        if let Some(writer) = self.core.writer.get() {
            writer.configure(queued().filter_map(|h| h.queue));
        }
        self.core.queued_min.store(queued_min, Ordering::Relaxed);
        let sync_min = handlers.iter().filter(|h| !h.queued()).map(|h| h.lowest()).min();
        self.core.sync_min.store(sync_min.unwrap_or(u32::MAX), Ordering::Relaxed);
        let backtrace = handlers.iter().any(|h| h.backtrace);
        self.core.backtrace.store(backtrace, Ordering::Relaxed);
        if self.core.global {
            // Under the configuration lock (or in a child process's one thread after a fork):
            // no other change races this one. Counted before the call sites are rewritten:
            // a call site registering itself meanwhile sees the count move and computes again.
            GLOBAL_CHANGES.fetch_add(1, Ordering::SeqCst);
            callsite::for_each_listed(|site| {
                site.store_threshold(self.threshold_for(site.module()))
            });
            if let Some(watcher) = GLOBAL_MIN_LEVEL_WATCHER.get() {
                watcher(min);
            }
        }
    }

    #[inline]
    fn module_enabled(&self, module: &str) -> bool {
        // Without any rule (the usual case) this is one load, inlined into the call site's gate.
        !self.core.has_module_rules.load(Ordering::Relaxed) || self.module_rule(module)
    }

    #[inline(never)]
    fn module_rule(&self, module: &str) -> bool {
        self.core.modules.load().level_for(module) != OFF
    }

    /// The lowest level number any handler takes from `module`, by the module rules
    /// (`enable`/`disable`) and each handler's level and module map (`u32::MAX`: none).
    fn threshold_for(&self, module: &str) -> u32 {
        if !self.module_enabled(module) {
            return u32::MAX;
        }
        let handlers = self.core.handlers.load();
        handlers.iter().map(|h| h.threshold_for(module)).min().unwrap_or(u32::MAX)
    }

    /// Whether a record at `level_no` from `callsite` would reach any handler's level and module
    /// rules. Per-handler filters are applied later, on the record. For generated code and the
    /// bridges (a `Callsite` is made by the macros); not a stable API.
    #[doc(hidden)]
    #[inline]
    pub fn enabled(&self, callsite: &'static Callsite, level_no: u32) -> bool {
        if self.core.global {
            return enabled_global_gate(callsite, level_no);
        }
        level_no >= self.core.min_level.load(Ordering::Relaxed)
            && self.module_enabled(callsite.module())
    }

    /// Whether any handler takes `level_no` from some module: the check a bridge makes before
    /// it finds the record's call site (one load).
    #[cfg(feature = "tracing")]
    #[inline]
    pub(crate) fn takes_level(&self, level_no: u32) -> bool {
        level_no >= self.core.min_level.load(Ordering::Relaxed)
    }

    /// A child logger with `fields` bound: every record it logs carries them (in `{extra}`,
    /// `{extra[name]}`, `Record::extra`, filters, queued handlers). It shares this logger's
    /// handlers and settings; binding again makes another child (a name bound again takes the
    /// new value) and never changes this one. Binding allocates once; logging through the child
    /// allocates nothing. The `hlog::bind!` macro is shorter: `bind!(logger, request_id = id)`.
    ///
    /// Precedence among fields of the same name: the call's own, then contextual, then bound
    /// (see [`Record::extra`]).
    ///
    /// # Examples
    ///
    /// ```
    /// let capture = hlog::sink::Capture::new();
    /// let root = hlog::Logger::new();
    /// root.add(capture.clone()).format("{message} {extra}").install().unwrap();
    /// let request = root.bind([("request_id", "abc-123".into()), ("attempt", 2.into())]);
    /// hlog::info!(request, "started");
    /// hlog::info!(root, "the root has no bound field");
    /// assert_eq!(
    ///     capture.text(),
    ///     "started {\"request_id\": \"abc-123\", \"attempt\": 2}\nthe root has no bound field {}\n"
    /// );
    /// ```
    pub fn bind(&self, fields: impl IntoIterator<Item = (&'static str, OwnedValue)>) -> Logger {
        Logger {
            core: Arc::clone(&self.core),
            bound: Some(Arc::new(Bound::bind(self.bound.as_deref(), fields))),
        }
    }

    /// A child logger whose `patch` closure runs on every record it logs, after the record's
    /// other fields are gathered, and adds or changes fields (loguru's `patch`); see [`Patch`].
    /// Patches of a child's parents run first. The child shares this logger's handlers.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Timestamp;
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new().with_clock(|| Timestamp::from_unix(100, 250_000_000));
    /// logger.add(capture.clone()).format("{message} {extra[elapsed_ms]}").install().unwrap();
    /// let start = Timestamp::from_unix(100, 0);
    /// let timed = logger.patch(move |patch| {
    ///     let t = patch.record().time();
    ///     let ms = (t.secs() - start.secs()) * 1000 + i64::from(t.nanos() / 1_000_000);
    ///     patch.set("elapsed_ms", ms.into());
    /// });
    /// hlog::info!(timed, "done");
    /// assert_eq!(capture.text(), "done 250\n");
    /// ```
    pub fn patch(&self, patch: impl Fn(&mut Patch<'_, '_>) + Send + Sync + 'static) -> Logger {
        Logger {
            core: Arc::clone(&self.core),
            bound: Some(Arc::new(Bound::patch(self.bound.as_deref(), Arc::new(patch)))),
        }
    }

    /// The fields bound to this logger (none for a root), each name once, the latest `bind`
    /// first.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::OwnedValue;
    ///
    /// let root = hlog::Logger::new();
    /// let request = hlog::bind!(root; request_id = "r-1", user = "alice");
    /// let retry = hlog::bind!(request; user = "bob");
    /// let fields: Vec<_> = retry.bound_fields().collect();
    /// assert_eq!(fields, [("user", &OwnedValue::from("bob")), ("request_id", &OwnedValue::from("r-1"))]);
    /// assert_eq!(root.bound_fields().count(), 0);
    /// ```
    pub fn bound_fields(&self) -> impl Iterator<Item = (&'static str, &OwnedValue)> {
        let fields: &OwnedFields = self.bound.as_deref().map_or(&[], |b| &b.fields);
        fields.iter().map(|(name, value)| (*name, value))
    }

    /// Hand a record to every handler, with this logger's bound fields and patches and the
    /// current thread's contextual fields added.
    ///
    /// # Examples
    ///
    /// ```
    /// // A sink that forwards the records of one logger to another (with the other's handlers
    /// // and bound fields).
    /// let audit = hlog::Logger::new();
    /// let capture = hlog::sink::Capture::new();
    /// audit.add(capture.clone()).format("{level} {message} {extra}").install().unwrap();
    /// let audit = hlog::bind!(audit; copy = true);
    ///
    /// let app = hlog::Logger::new();
    /// let forward = audit.clone();
    /// app.add(hlog::sink::from_fn(move |_line, record| forward.log(record))).level("WARNING").install().unwrap();
    /// hlog::warning!(app, "disk at {pct}%", pct = 91);
    /// assert_eq!(capture.text(), "WARNING disk at 91% {\"pct\": 91, \"copy\": true}\n");
    /// ```
    #[inline]
    pub fn log(&self, record: &Record<'_>) {
        let scoped = crate::context::any();
        if !scoped && self.bound.is_none() && !self.core.has_defaults.load(Ordering::Relaxed) {
            return self.log_record(record);
        }
        if scoped {
            crate::context::with_current(|context| self.log_with_extra(record, context));
        } else {
            self.log_with_extra(record, &[]);
        }
    }

    /// [`Logger::log`] for a record that gains contextual, bound or patched fields.
    #[inline(never)]
    fn log_with_extra(&self, record: &Record<'_>, context: &OwnedFields) {
        let bound = self.bound.as_deref();
        // (Loaded only when a configuration set some: a bound or scoped call pays nothing.)
        let defaults =
            self.core.has_defaults.load(Ordering::Relaxed).then(|| self.core.defaults.load());
        let record = Record {
            context,
            bound: bound.map_or(&[], |b| &b.fields),
            defaults: defaults.as_deref().map_or(&[], |d| &d[..]),
            ..*record
        };
        let patches = bound.map_or(&[][..], |b| &b.patches[..]);
        if patches.is_empty() {
            return self.log_record(&record);
        }
        let mut patch = Patch::new(&record);
        patches.iter().for_each(|f| f(&mut patch));
        let (patched, len) = patch.into_fields();
        self.log_record(&Record { patched: &patched[..len], ..record });
    }

    /// Hand a record, its fields complete, to every handler.
    ///
    /// Each thread keeps the handler list it last used with the list's generation, and its
    /// formatting buffer: a call checks the generation (one load) instead of taking a shared
    /// reference to the list. A nested call (from a `Display` impl, a filter or a sink) and a
    /// call during thread teardown take the shared list and a fresh buffer instead.
    fn log_record(&self, record: &Record<'_>) {
        let zone = self.core.zone.get().unwrap_or_else(|| Zone::local());
        if record.level().no() >= self.core.sync_min.load(Ordering::Relaxed) {
            self.log_here(record, zone);
        }
        if record.level().no() >= self.core.queued_min.load(Ordering::Relaxed) {
            self.enqueue(record, zone);
        }
    }

    /// Hand a record to the handlers that format on the calling thread.
    #[inline]
    fn log_here(&self, record: &Record<'_>, zone: &Zone) {
        // Read before the list: a list changed after this load comes with a newer generation,
        // so the cache below is at worst refreshed once more on the next call.
        let generation = self.core.generation.load(Ordering::Acquire);
        let done = LOCAL.try_with(|local| {
            let Ok(mut local) = local.try_borrow_mut() else { return false };
            let Local { generation: cached, handlers, buffer } = &mut *local;
            // (Generations start at 1, so a thread's first call always loads the list.)
            if *cached != generation {
                *handlers = Some(self.core.handlers.load_full());
                *cached = generation;
            }
            if let Some(handlers) = handlers {
                for handler in handlers.iter().filter(|h| !h.queued()) {
                    handler.handle(record, buffer, zone);
                }
            }
            true
        });
        if !matches!(done, Ok(true)) {
            let mut buffer = Vec::new();
            for handler in self.core.handlers.load().iter().filter(|h| !h.queued()) {
                handler.handle(record, &mut buffer, zone);
            }
        }
    }

    /// Give a record to the writer thread of the queued handlers (a full queue that drops
    /// counts it in their stats).
    #[inline(never)]
    fn enqueue(&self, record: &Record<'_>, zone: &Zone) {
        let Some(writer) = self.core.writer.get() else { return };
        let queued = writer.push(record, &|record| {
            let mut buffer = Vec::new();
            for handler in self.core.handlers.load().iter().filter(|h| h.queued()) {
                handler.handle(record, &mut buffer, zone);
            }
        });
        if queued == Queued::Dropped {
            for handler in self.core.handlers.load().iter().filter(|h| h.queued()) {
                handler.count_dropped(record);
            }
        }
    }
}

impl Install for Logger {
    fn install(&self, handler: Handler) -> HandlerId {
        let _config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        let handler = self.adopt(handler);
        let id = handler.id;
        let mut handlers = Vec::clone(&self.core.handlers.load());
        handlers.push(handler);
        self.core.handlers.store(Arc::new(handlers));
        self.handlers_changed();
        self.configuration_changed();
        id
    }
}

impl Logger {
    /// Give a handler its id, the logger's clock, and the writer thread if it is queued
    /// (called with the configuration lock held).
    fn adopt(&self, mut handler: Handler) -> Arc<Handler> {
        handler.id = HandlerId(self.core.next_id.fetch_add(1, Ordering::Relaxed));
        let handler = Arc::new(handler);
        let clock = self.core.clock.get().cloned().unwrap_or_else(|| Arc::new(Timestamp::now));
        handler.attach(clock);
        if handler.queued() {
            self.core.writer.get_or_init(|| {
                Writer::new(Arc::clone(&self.core.handlers), Arc::clone(&self.core.zone))
            });
        }
        handler
    }

    /// Replace every handler with `handlers` in one step (`configure`): a record goes either
    /// to the old ones or to the new ones. The old ones are closed after, as by `remove_all`.
    pub(crate) fn replace_handlers(&self, handlers: Vec<Handler>) -> Vec<HandlerId> {
        self.write_queued();
        let config = self.core.config.lock().unwrap_or_else(|e| e.into_inner());
        let handlers: Vec<_> = handlers.into_iter().map(|h| self.adopt(h)).collect();
        let ids = handlers.iter().map(|h| h.id).collect();
        let old = self.core.handlers.swap(Arc::new(handlers));
        self.handlers_changed();
        self.configuration_changed();
        drop(config); // as in `remove`
        old.iter().for_each(|h| {
            let _ = h.close();
        });
        ids
    }

    /// Set the default extra fields (see [`Logger::extra`]).
    pub(crate) fn set_extra(&self, extra: Vec<(String, String)>) {
        let defaults: Vec<(&'static str, OwnedValue)> = extra
            .iter()
            .map(|(k, v)| (intern_configured(k), OwnedValue::from(v.as_str())))
            .collect();
        self.core.has_defaults.store(!defaults.is_empty(), Ordering::Relaxed);
        self.core.defaults.store(Arc::new(defaults));
    }

    /// The default extra fields a configuration gave (`Config::extra`), in order. Every record
    /// of this logger and its children carries them, below its bound fields (precedence:
    /// patched, the call's own, contextual, bound, these).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Config, HandlerConfig};
    ///
    /// let logger = hlog::Logger::new();
    /// let config = Config::new().handler(HandlerConfig::sink(hlog::sink::Capture::new())).extra("app", "shop");
    /// logger.configure(config).unwrap();
    /// assert_eq!(logger.extra(), [("app".to_owned(), "shop".to_owned())]);
    /// ```
    pub fn extra(&self) -> Vec<(String, String)> {
        let defaults = self.core.defaults.load();
        defaults.iter().map(|(name, value)| ((*name).to_owned(), value.to_string())).collect()
    }
}

impl Default for Logger {
    fn default() -> Self {
        Logger::new()
    }
}

/// Every logger, for the exit flush and the signal handlers.
static CORES: Mutex<Vec<std::sync::Weak<Core>>> = Mutex::new(Vec::new());

/// How long the exit flush waits, in all, for sinks that other threads are writing to.
const EXIT_WAIT: Duration = Duration::from_secs(1);

/// How long `complete()` and the exit wait for the writer thread to write what is queued (it
/// writes millions of records a second: this is for a sink that hangs).
const COMPLETE_WAIT: Duration = Duration::from_secs(10);

/// Every logger's sinks are flushed when the program exits normally (`main` returns or
/// panics, or `std::process::exit`), as loguru does with `atexit`.
fn flush_at_exit(core: &Arc<Core>) {
    static REGISTER: std::sync::Once = std::sync::Once::new();
    extern "C" fn at_exit() {
        // Nothing may unwind out of an `extern "C"` function.
        let _ = std::panic::catch_unwind(flush_every_logger_at_exit);
    }
    let mut cores = CORES.lock().unwrap_or_else(|e| e.into_inner());
    cores.retain(|weak| weak.strong_count() > 0);
    cores.push(Arc::downgrade(core));
    REGISTER.call_once(|| {
        // SAFETY: `at_exit` is an `extern "C" fn()` that never unwinds (it only flushes, with
        // errors ignored) and stays valid for the whole program.
        unsafe {
            libc::atexit(at_exit);
        }
        flush_on_panic();
        #[cfg(unix)]
        fork::register();
    });
}

/// Flush and finish every logger's sinks, waiting (at most [`EXIT_WAIT`] in all) for writes
/// other threads are in the middle of; file sinks then write later records straight through.
fn flush_every_logger_at_exit() {
    let cores = every_core(Instant::now() + EXIT_WAIT);
    let drained = Instant::now() + COMPLETE_WAIT;
    cores.iter().filter_map(|core| core.writer.get()).for_each(|w| {
        w.drain(drained);
    });
    let deadline = Instant::now() + EXIT_WAIT;
    for core in cores {
        core.handlers.load().iter().for_each(|h| h.flush_at_exit(deadline));
    }
}

/// Every logger alive (none if the list stays locked past `deadline`).
fn every_core(deadline: Instant) -> Vec<Arc<Core>> {
    match crate::lock::lock_until(&CORES, deadline) {
        Some(cores) => cores.iter().filter_map(std::sync::Weak::upgrade).collect(),
        None => Vec::new(),
    }
}

/// How long a panic waits for queued records and sinks before the previous hook runs.
const PANIC_WAIT: Duration = Duration::from_secs(1);

/// On a panic, write what is queued and flush every sink before the hook that was there
/// before runs: a panic that ends the program with `panic = "abort"` (or a hook that aborts)
/// runs no exit handler, and would lose what the sinks buffer. A sink the panicking thread is
/// writing to is left alone; on the writer thread nothing waits for the writer.
fn flush_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = std::panic::catch_unwind(|| {
            let deadline = Instant::now() + PANIC_WAIT;
            let cores = every_core(deadline);
            for core in &cores {
                if let Some(writer) = core.writer.get() {
                    writer.drain(deadline);
                }
                core.handlers.load().iter().for_each(|h| h.flush_until(deadline));
            }
        });
        previous(info);
    }));
}

/// A child process can log after `fork`.
///
/// The rule: a lock that another thread holds when the process forks stays held forever in the
/// child, where that thread does not exist; and threads the logger started (a file sink's
/// background thread) do not exist there either. So hlog registers `pthread_atfork` handlers
/// once, with the exit hook:
///
/// * before the fork, the forking thread takes every lock a log call or a configuration change
///   takes, in one order: the list of loggers, each logger's configuration lock, each handler's
///   sink lock (and the sink writes out its buffer, so the child does not write it again), the
///   level registry, the reports, `flush_on_signals`' (and it blocks the signals that one took,
///   on this thread, until after the fork). It waits at most [`FORK_WAIT`] in all; a sink this thread is
///   itself writing to (a sink that forks) is not waited for: this thread releases it in both
///   processes (but that sink is not reset in the child: do not fork from inside a sink).
/// * after the fork, the parent releases them; the child first lets each sink forget its
///   threads (a file sink starts a new background thread when it needs one; what the parent's
///   thread was doing, compression say, the parent finishes) and gives the signals
///   `flush_on_signals` took their default action back (its thread is the parent's, and so is
///   its pipe: a signal to the child would make the parent flush and end), then releases
///   them. A handler
///   whose sink another thread held past the wait is left out of the child's logger (gone from
///   its `stats()`, reported once); a lock of the registry or of a logger's configuration that
///   could not be taken is reported once (the reports' own lock, if busy, silences both).
///
/// Not covered: std's own locks (stdout and stderr, which a console sink writes through) held by
/// another thread at the fork, and one-time initialisations (the global logger, the local time
/// zone) that another thread was in the middle of.
#[cfg(unix)]
mod fork {
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::{Arc, MutexGuard, Weak};
    use std::time::{Duration, Instant};

    use super::{CORES, Core, Logger};
    use crate::deferred::WriterHeld;
    use crate::handler::{ForkHold, Handler, SinkHeld};

    /// How long, in all, the forking thread waits for locks that other threads hold.
    pub(super) const FORK_WAIT: Duration = Duration::from_secs(1);

    /// The locks taken before a fork, released after it in both processes.
    ///
    /// The guards borrow from the loggers and handlers this struct keeps alive (`cores`,
    /// `lists`), whose lifetimes the borrow checker cannot see: they are stored as `'static`,
    /// and fields are dropped in declaration order, guards first.
    struct Held {
        sinks: Vec<SinkHeld<'static>>,
        writers: Vec<WriterHeld<'static>>,
        configs: Vec<MutexGuard<'static, ()>>,
        registry: crate::level::RegistryHeld,
        reports: Option<MutexGuard<'static, Option<HashSet<String>>>>,
        signals: super::signals::ForkHeld,
        cores_list: Option<MutexGuard<'static, Vec<Weak<Core>>>>,
        /// Handlers whose sink another thread held past the wait, with their logger.
        busy: Vec<(Arc<Core>, Arc<Handler>)>,
        /// Loggers whose configuration lock another thread held past the wait.
        busy_configs: usize,
        lists: Vec<Arc<Vec<Arc<Handler>>>>,
        cores: Vec<Arc<Core>>,
    }

    thread_local! {
        /// From `prepare` to `parent` or `child`: these run on the thread that forks (the
        /// child's only thread is its copy), so no lock guards the locks.
        static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
    }

    /// Register the handlers (once; later calls do nothing).
    pub(super) fn register() {
        static REGISTER: std::sync::Once = std::sync::Once::new();
        // SAFETY: the three are `extern "C" fn()`s that never unwind and stay valid for the
        // whole program.
        REGISTER.call_once(|| unsafe {
            libc::pthread_atfork(Some(prepare), Some(parent), Some(child));
        });
    }

    extern "C" fn prepare() {
        // Nothing may unwind out of an `extern "C"` function.
        let _ = std::panic::catch_unwind(|| {
            let held = take(Instant::now() + FORK_WAIT);
            // (During this thread's teardown there is nowhere to keep them: they are released
            // now, and the fork goes on as without hlog.)
            let _ = HELD.try_with(|slot| *slot.borrow_mut() = Some(held));
        });
    }

    extern "C" fn parent() {
        let _ = std::panic::catch_unwind(|| {
            let held = HELD.try_with(|slot| slot.borrow_mut().take()).ok().flatten();
            drop(held);
        });
    }

    extern "C" fn child() {
        crate::thread::forget_process_id();
        let _ = std::panic::catch_unwind(|| {
            if let Some(held) = HELD.try_with(|slot| slot.borrow_mut().take()).ok().flatten() {
                held.release_in_child();
            }
        });
    }

    /// Extend a borrow to `'static`.
    ///
    /// # Safety
    ///
    /// `value` must stay alive, at the same place, for as long as the result is used.
    unsafe fn forever<T: ?Sized>(value: &T) -> &'static T {
        // SAFETY: the caller's promise.
        unsafe { &*(value as *const T) }
    }

    /// Take every lock, in the one order (see [`fork`](self)).
    fn take(deadline: Instant) -> Held {
        let mut held = Held {
            sinks: Vec::new(),
            writers: Vec::new(),
            configs: Vec::new(),
            registry: (None, None),
            reports: None,
            signals: super::signals::ForkHeld::NONE,
            cores_list: None,
            busy: Vec::new(),
            busy_configs: 0,
            lists: Vec::new(),
            cores: Vec::new(),
        };
        held.cores_list = crate::lock::lock_until(&CORES, deadline);
        if let Some(list) = &held.cores_list {
            held.cores = list.iter().filter_map(Weak::upgrade).collect();
        }
        for core in &held.cores {
            // SAFETY: `held.cores` keeps the logger alive (an `Arc` does not move what it
            // points to) until after `held.configs` and `held.writers` are dropped (field
            // order).
            let core_ref = unsafe { forever(&**core) };
            match crate::lock::lock_until(&core_ref.config, deadline) {
                Some(config) => held.configs.push(config),
                None => held.busy_configs += 1,
            }
            // (Same promise: `held.writers` is dropped before `held.cores`.)
            if let Some(writer) = core_ref.writer.get() {
                if let Some(writer) = writer.hold_for_fork(deadline) {
                    held.writers.push(writer);
                }
            }
        }
        for core in &held.cores {
            let list = core.handlers.load_full();
            // SAFETY: `held.lists` keeps the handlers alive until after `held.sinks` is dropped
            // (field order).
            let handlers = unsafe { forever(&*list) };
            held.lists.push(list);
            for handler in handlers {
                match handler.hold_for_fork(deadline) {
                    ForkHold::Held(sink) => held.sinks.push(sink),
                    ForkHold::ThisThread => {}
                    ForkHold::Busy => held.busy.push((core.clone(), handler.clone())),
                }
            }
        }
        held.registry = crate::level::hold_for_fork(deadline);
        held.reports = crate::report::hold_for_fork(deadline);
        held.signals = super::signals::hold_for_fork(deadline);
        held
    }

    impl Held {
        /// In the child: reset the sinks, release every lock, then leave out the handlers
        /// whose sink stays locked.
        fn release_in_child(mut self) {
            for writer in self.writers.drain(..) {
                writer.release_in_child();
            }
            for sink in self.sinks.drain(..) {
                sink.release_in_child();
            }
            let registry_busy = self.registry.0.is_none() || self.registry.1.is_none();
            let signals_busy = !self.signals.reset_in_child();
            let reports_busy = self.reports.is_none();
            let busy_configs = self.busy_configs;
            let busy = std::mem::take(&mut self.busy);
            drop(self);
            for (core, handler) in busy {
                let logger = Logger { core, bound: None };
                // This process has one thread: no configuration change can race this one.
                let _ = logger.take_handler(|h| std::ptr::eq(h, &*handler));
                if !reports_busy {
                    handler.report_left_out_after_fork();
                }
                // Its sink is never dropped: dropping it would write through a sink left in
                // the middle of another thread's write.
                std::mem::forget(handler);
            }
            // (With the reports' lock taken for good, nothing can be reported.)
            if !reports_busy && (busy_configs > 0 || registry_busy || signals_busy) {
                crate::report::report_once(format_args!(
                    "a lock of a logger's configuration, of the level registry or of \
                     flush_on_signals was held by another thread for more than a second when the \
                     process forked; in the child process (pid {}) what takes it waits forever \
                     (configuring that logger, registering a level, flush_on_signals)",
                    std::process::id()
                ));
            }
        }
    }
}

/// Flush every logger's sinks when the process receives SIGTERM or SIGINT, then let the signal
/// end the process as it would have (same exit status). Opt-in: without it, these signals end
/// the process without running exit handlers, and the records of the last second (at most)
/// that a file sink still buffers are lost.
///
/// Only signals whose handling is still the default are taken: a program (or a parent, with
/// `nohup` or `SIG_IGN`) that set its own keeps it. The signal handler only writes the signal's
/// number to a pipe (async-signal-safe); a thread named `hlog signals` reads it, restores the
/// default handling (a second signal while it flushes ends the process at once), flushes as at
/// exit (waiting at most a second for writes in progress) and raises the signal again. Calling
/// it again does nothing.
///
/// # Examples
///
/// ```no_run
/// hlog::flush_on_signals().expect("signal handlers installed");
/// hlog::add("logs/app.log").install().unwrap();
/// hlog::info!("a kill (SIGTERM) no longer loses this line");
/// ```
#[cfg(unix)]
pub fn flush_on_signals() -> std::io::Result<()> {
    signals::install()
}

#[cfg(unix)]
mod signals {
    use std::io;
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::{Mutex, MutexGuard};
    use std::time::Instant;

    /// The write end of the pipe from the signal handler to the flushing thread.
    static PIPE: AtomicI32 = AtomicI32::new(-1);
    /// The read end, the flushing thread's (closed in a child process).
    static READ: AtomicI32 = AtomicI32::new(-1);
    /// Whether `flush_on_signals` installed the handlers.
    static INSTALLED: Mutex<bool> = Mutex::new(false);
    /// Which of [`SIGNALS`] have this module's handler (bit i for `SIGNALS[i]`).
    static TAKEN: AtomicI32 = AtomicI32::new(0);
    const SIGNALS: [libc::c_int; 2] = [libc::SIGTERM, libc::SIGINT];

    extern "C" fn on_signal(signal: libc::c_int) {
        let byte = signal as u8;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        // SAFETY: reading this thread's errno is async-signal-safe.
        let errno = unsafe { *libc::__errno_location() };
        // SAFETY: `write` is async-signal-safe; the byte lives on this frame for the call; a
        // full or closed pipe only makes the write fail.
        unsafe { libc::write(PIPE.load(Ordering::Relaxed), (&raw const byte).cast(), 1) };
        // The interrupted code finds errno as it left it.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        // SAFETY: as above.
        unsafe {
            *libc::__errno_location() = errno;
        }
    }

    pub(super) fn install() -> io::Result<()> {
        super::fork::register();
        let mut installed = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
        if *installed {
            return Ok(());
        }
        let mut fds = [-1; 2];
        // SAFETY: `fds` has room for the two descriptors `pipe2` writes.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let [read, write] = fds;
        PIPE.store(write, Ordering::Relaxed);
        READ.store(read, Ordering::Relaxed);
        std::thread::Builder::new().name("hlog signals".into()).spawn(move || wait(read))?;
        for (bit, signal) in SIGNALS.into_iter().enumerate() {
            // SAFETY: a zeroed `sigaction` is a valid value to read the current one into.
            let mut current: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: reading the current action into a valid `sigaction`.
            if unsafe { libc::sigaction(signal, std::ptr::null(), &mut current) } != 0
                || current.sa_sigaction != libc::SIG_DFL
            {
                continue; // someone else's (or ignored): keep it
            }
            // SAFETY: as above; `on_signal` is an `extern "C" fn(c_int)` that only calls
            // async-signal-safe functions, valid for the whole program.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                if libc::sigaction(signal, &action, std::ptr::null_mut()) == 0 {
                    TAKEN.fetch_or(1 << bit, Ordering::Relaxed);
                }
            }
        }
        *installed = true;
        Ok(())
    }

    /// What a `fork` holds of this module: its lock, and the forking thread's signal mask from
    /// before it blocked the signals taken (so that none runs the handler in the child before
    /// [`ForkHeld::reset_in_child`]). Dropping it restores the mask, then releases the lock.
    pub(super) struct ForkHeld {
        mask: Option<libc::sigset_t>,
        installed: Option<MutexGuard<'static, bool>>,
    }

    /// Take this module's lock for a `fork` (waiting until `deadline` at most) and block the
    /// signals it took on this thread.
    pub(super) fn hold_for_fork(deadline: Instant) -> ForkHeld {
        let installed = crate::lock::lock_until(&INSTALLED, deadline);
        let taken = TAKEN.load(Ordering::Relaxed);
        let mask = (taken != 0).then(|| {
            // SAFETY: zeroed `sigset_t`s are valid to fill; the set holds the signals taken.
            unsafe {
                let (mut block, mut old) = (std::mem::zeroed(), std::mem::zeroed());
                libc::sigemptyset(&mut block);
                for (bit, signal) in SIGNALS.into_iter().enumerate() {
                    if taken & (1 << bit) != 0 {
                        libc::sigaddset(&mut block, signal);
                    }
                }
                libc::pthread_sigmask(libc::SIG_BLOCK, &block, &mut old);
                old
            }
        });
        ForkHeld { mask, installed }
    }

    impl ForkHeld {
        /// Nothing held (yet).
        pub(super) const NONE: ForkHeld = ForkHeld { mask: None, installed: None };

        /// In a child process: the flushing thread does not exist here, and the pipe is the
        /// parent's too (a signal to the child would make the parent flush and end). The
        /// signals taken get their default action back and the pipe is closed; the child may
        /// call `flush_on_signals()` again. False if another thread held this module's lock at
        /// the fork (then that call would wait forever).
        pub(super) fn reset_in_child(&mut self) -> bool {
            restore_defaults(TAKEN.swap(0, Ordering::Relaxed));
            for fd in [PIPE.swap(-1, Ordering::Relaxed), READ.swap(-1, Ordering::Relaxed)] {
                if fd >= 0 {
                    // SAFETY: the pipe's descriptors, owned by this module and closed once.
                    unsafe { libc::close(fd) };
                }
            }
            match &mut self.installed {
                Some(installed) => {
                    **installed = false;
                    true
                }
                None => false,
            }
        }
    }

    impl Drop for ForkHeld {
        fn drop(&mut self) {
            if let Some(mask) = &self.mask {
                // SAFETY: the mask this thread had before `hold_for_fork`.
                unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, mask, std::ptr::null_mut()) };
            }
        }
    }

    /// Give the signals in `taken` (bits in `SIGNALS` order) their default action back.
    fn restore_defaults(taken: i32) {
        for (bit, signal) in SIGNALS.into_iter().enumerate() {
            if taken & (1 << bit) != 0 {
                // SAFETY: restoring the default action of a signal this module took.
                unsafe { libc::signal(signal, libc::SIG_DFL) };
            }
        }
    }

    /// The flushing thread: one signal, one flush, then the signal's default action.
    fn wait(read: libc::c_int) {
        let mut byte = 0u8;
        loop {
            // SAFETY: reading one byte into `byte`, which lives across the call.
            let n = unsafe { libc::read(read, (&raw mut byte).cast(), 1) };
            if n == 1 {
                break;
            }
            if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return; // the pipe is gone: nothing will come
        }
        let signal = libc::c_int::from(byte);
        // A second signal while this flushes ends the process at once, as without hlog.
        restore_defaults(TAKEN.load(Ordering::Relaxed));
        let _ = std::panic::catch_unwind(super::flush_every_logger_at_exit);
        // SAFETY: raising the signal the process received, its default action restored above:
        // it ends the process as the signal would have.
        unsafe {
            libc::raise(signal);
        }
    }
}

/// The global logger's gate: the interest cached in the call site, rewritten by the logger
/// after each change of its configuration — one load and one branch turn a call away, with or
/// without module rules — and computed on a cold path at a call site's first call.
#[inline(always)]
fn enabled_global_gate(callsite: &'static Callsite, level_no: u32) -> bool {
    let interest = callsite.interest();
    if interest.turns_away(level_no) {
        return false;
    }
    interest.known() || register(callsite, level_no)
}

/// A call site's first call: put it on the list the logger rewrites, then compute its
/// threshold, again if the configuration changed meanwhile. The change count, the list and the
/// thresholds are read and written sequentially consistently: a change that this computation
/// missed has either counted itself before the second read of the count (and this computes
/// again) or rewrites the call site after this store.
#[cold]
#[inline(never)]
fn register(callsite: &'static Callsite, level_no: u32) -> bool {
    let logger = logger();
    callsite.list();
    loop {
        let changes = GLOBAL_CHANGES.load(Ordering::SeqCst);
        let threshold = logger.threshold_for(callsite.module());
        callsite.store_threshold(threshold);
        if GLOBAL_CHANGES.load(Ordering::SeqCst) == changes {
            return level_no >= threshold;
        }
    }
}

/// A number for [`Core::generation`], never handed out before.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What a thread keeps between log calls.
struct Local {
    /// The generation of `handlers` (0: none yet; generations start at 1).
    generation: u64,
    /// The handler list of the logger this thread logged to last.
    handlers: Option<Arc<Vec<Arc<Handler>>>>,
    /// The reusable formatting buffer.
    buffer: Vec<u8>,
}

thread_local! {
    static LOCAL: RefCell<Local> =
        const { RefCell::new(Local { generation: 0, handlers: None, buffer: Vec::new() }) };
}

impl Drop for Core {
    /// The last clone of a logger is gone: close its sinks now, not when every thread that
    /// cached its handler list has logged elsewhere.
    fn drop(&mut self) {
        if let Some(writer) = self.writer.get() {
            writer.end(Instant::now() + COMPLETE_WAIT);
        }
        self.handlers.load().iter().for_each(|h| h.drop_sink());
    }
}

#[doc(hidden)]
/// The lowest level number that compile-time features let through (`max_level_*`, and
/// `release_max_level_*` in builds without debug assertions).
pub const STATIC_MIN_LEVEL: u32 = static_min_level();

const fn static_min_level() -> u32 {
    const OFF: u32 = u32::MAX;
    if cfg!(feature = "max_level_off") {
        return OFF;
    }
    if !cfg!(debug_assertions) {
        if cfg!(feature = "release_max_level_off") {
            return OFF;
        } else if cfg!(feature = "release_max_level_error") {
            return Level::ERROR.no();
        } else if cfg!(feature = "release_max_level_warning") {
            return Level::WARNING.no();
        } else if cfg!(feature = "release_max_level_info") {
            return Level::INFO.no();
        } else if cfg!(feature = "release_max_level_debug") {
            return Level::DEBUG.no();
        }
    }
    if cfg!(feature = "max_level_error") {
        Level::ERROR.no()
    } else if cfg!(feature = "max_level_warning") {
        Level::WARNING.no()
    } else if cfg!(feature = "max_level_info") {
        Level::INFO.no()
    } else if cfg!(feature = "max_level_debug") {
        Level::DEBUG.no()
    } else {
        0
    }
}

/// The gate of a call through the global logger. Called by generated code; not a stable API.
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::absurd_extreme_comparisons)] // the ceiling is 0 unless a feature sets it
pub fn enabled_global(callsite: &'static Callsite, level_no: u32) -> bool {
    level_no >= STATIC_MIN_LEVEL && enabled_global_gate(callsite, level_no)
}

/// The gate of a call through a given logger. Called by generated code; not a stable API.
#[doc(hidden)]
#[inline(always)]
#[allow(clippy::absurd_extreme_comparisons)] // the ceiling is 0 unless a feature sets it
pub fn enabled(logger: &Logger, callsite: &'static Callsite, level_no: u32) -> bool {
    level_no >= STATIC_MIN_LEVEL && logger.enabled(callsite, level_no)
}

/// Build the record and hand it to the logger's handlers. Out of line, so a call site stays
/// small: it passes its `static` call site and message layout, and one array of values.
/// Called by generated code; not a stable API.
#[doc(hidden)]
#[inline(never)]
pub fn dispatch(
    logger: &Logger,
    callsite: &'static Callsite,
    layout: &Layout,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
) {
    let (message, fields) = layout.message(values);
    logger.log(&Record::new(logger.now(), level, callsite, message, fields));
}

/// [`dispatch`] with the call's options: an attached error (and the backtrace some handler
/// wants with it), a caller's location, a raw write. Called by generated code; not a stable
/// API.
#[doc(hidden)]
#[inline(never)]
pub fn dispatch_with(
    logger: &Logger,
    callsite: &'static Callsite,
    layout: &Layout,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
    options: CallOptions<'_>,
) {
    let (message, fields) = layout.message(values);
    let mut record = Record::new(logger.now(), level, callsite, message, fields);
    record.location = options.location;
    record.raw = options.raw;
    record.error = options.error;
    if record.error.is_some() && logger.core.backtrace.load(Ordering::Relaxed) {
        let backtrace = std::backtrace::Backtrace::force_capture();
        return logger.log(&record.with_backtrace(&backtrace));
    }
    logger.log(&record);
}

/// [`dispatch_with`] to the global logger.
#[doc(hidden)]
#[inline(never)]
pub fn dispatch_global_with(
    callsite: &'static Callsite,
    layout: &Layout,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
    options: CallOptions<'_>,
) {
    dispatch_with(logger(), callsite, layout, level, values, options);
}

/// [`dispatch`] to the global logger.
#[doc(hidden)]
#[inline(never)]
pub fn dispatch_global(
    callsite: &'static Callsite,
    layout: &Layout,
    level: &Level,
    values: &[(&'static str, Value<'_>)],
) {
    dispatch(logger(), callsite, layout, level, values);
}
