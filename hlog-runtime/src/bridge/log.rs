//! The `log` crate's records into hlog's global logger (cargo feature `log`): the seed's
//! `add_stdlib_bridge(level="WARNING")`, as [`install`].

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use ::log::kv::{self, VisitSource};

use super::LEVELS;
use super::location::{self, Text};
use crate::error::ConfigError;
use crate::filter::IntoLevelNo;
use crate::level::Level;
use crate::logger::{STATIC_MIN_LEVEL, logger, watch_global_min_level};
use crate::message::Message;
use crate::record::Record;
use crate::reentry;
use crate::value::Value;

/// Make hlog the `log` crate's logger: records of `log::warn!` (and the others) from any crate
/// at `level` or above reach the global logger's handlers, with their target as `{name}` (the
/// module path that `enable`/`disable` and filters see), their file and line, their level
/// mapped (`Error` → ERROR, `Warn` → WARNING, `Info` → INFO, `Debug` → DEBUG, `Trace` → TRACE)
/// and their key-values as fields (integers, floats, booleans, characters and borrowed text
/// typed; other values as their `Display` text).
///
/// `log::max_level()` follows hlog's configuration from then on: it is the higher of `level`
/// and the lowest level any handler of the global logger takes, updated whenever handlers
/// change, so a `log` call that no handler would take costs what it costs with any `log`
/// logger (one load and a compare, its arguments not evaluated).
///
/// Calling it again changes the level. `{function}` of a bridged record is `<unknown>` (`log`
/// does not record it).
///
/// # Errors
///
/// [`InstallError::Level`] for a level name that is not registered;
/// [`InstallError::OtherLogger`] when another logger was set as the `log` crate's logger (it
/// takes one per process).
///
/// # Examples
///
/// ```
/// let capture = hlog::sink::Capture::new();
/// hlog::remove_all();
/// hlog::add(capture.clone()).format("{level} {name}:{line} {message} {extra}").install().unwrap();
/// hlog::bridge::log::install("WARNING").unwrap();
///
/// log::info!("below the bridge's level");
/// let line = line!() + 1;
/// log::warn!(attempt = 3; "disk {} almost full", "/var");
/// assert_eq!(
///     capture.text(),
///     format!("WARNING {}:{line} disk /var almost full {{\"attempt\": 3}}\n", module_path!())
/// );
/// assert_eq!(log::max_level(), log::LevelFilter::Warn);
/// ```
pub fn install(level: impl IntoLevelNo) -> Result<(), InstallError> {
    let no = level.into_level_no().map_err(InstallError::Level)?;
    static INSTALLING: Mutex<()> = Mutex::new(());
    let _installing = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if !INSTALLED.load(Ordering::Relaxed) {
        ::log::set_logger(&Bridge).map_err(|_| InstallError::OtherLogger)?;
        INSTALLED.store(true, Ordering::Relaxed);
    }
    BRIDGE_MIN.store(no, Ordering::Relaxed);
    watch_global_min_level(global_min_level_changed);
    Ok(())
}

/// Why [`install`] did not install the bridge.
///
/// # Examples
///
/// ```
/// use hlog::bridge::log::{InstallError, install};
///
/// assert!(matches!(install("LOUD"), Err(InstallError::Level(_))));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum InstallError {
    /// The level is not one hlog knows.
    Level(ConfigError),
    /// Another logger is the `log` crate's logger already.
    OtherLogger,
}

impl fmt::Display for InstallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstallError::Level(e) => write!(f, "the log bridge's level: {e}"),
            InstallError::OtherLogger => {
                f.write_str("another logger is already the `log` crate's logger")
            }
        }
    }
}

impl std::error::Error for InstallError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InstallError::Level(e) => Some(e),
            InstallError::OtherLogger => None,
        }
    }
}

static INSTALLED: AtomicBool = AtomicBool::new(false);
/// The bridge's own minimum level number.
static BRIDGE_MIN: AtomicU32 = AtomicU32::new(u32::MAX);
/// The global logger's lowest level is now `min` (called under its configuration lock).
#[allow(clippy::unnecessary_min_or_max)] // the ceiling is 0 unless a feature sets it
fn global_min_level_changed(min: u32) {
    let threshold = BRIDGE_MIN.load(Ordering::Relaxed).max(min).max(STATIC_MIN_LEVEL);
    ::log::set_max_level(level_filter(threshold));
}

/// The most verbose `log` level whose hlog level is `threshold` or above.
fn level_filter(threshold: u32) -> ::log::LevelFilter {
    use ::log::LevelFilter;
    const FILTERS: [LevelFilter; 5] = [
        LevelFilter::Error,
        LevelFilter::Warn,
        LevelFilter::Info,
        LevelFilter::Debug,
        LevelFilter::Trace,
    ];
    LEVELS
        .iter()
        .zip(FILTERS)
        .rev()
        .find(|(level, _)| level.no() >= threshold)
        .map_or(LevelFilter::Off, |(_, filter)| filter)
}

fn level_of(level: ::log::Level) -> &'static Level {
    &LEVELS[level as usize - 1]
}

struct Bridge;

impl ::log::Log for Bridge {
    fn enabled(&self, metadata: &::log::Metadata<'_>) -> bool {
        let no = level_of(metadata.level()).no();
        no >= BRIDGE_MIN.load(Ordering::Relaxed)
            && logger().enabled(
                location::callsite(Text::Borrowed(metadata.target()), Text::Static(""), 0),
                no,
            )
    }

    fn log(&self, record: &::log::Record<'_>) {
        let level = level_of(record.level());
        if level.no() < BRIDGE_MIN.load(Ordering::Relaxed) {
            return;
        }
        let file = match (record.file_static(), record.file()) {
            (Some(file), _) => Text::Static(file),
            (None, Some(file)) => Text::Borrowed(file),
            (None, None) => Text::Static("<unknown>"),
        };
        let callsite =
            location::callsite(Text::Borrowed(record.target()), file, record.line().unwrap_or(0));
        let logger = logger();
        if !logger.enabled(callsite, level.no()) {
            return;
        }
        let time = logger.now();
        with_message(record.args(), |message| {
            let source = record.key_values();
            if source.count() == 0 {
                logger.log(&Record::new(time, level, callsite, message, &[]));
                return;
            }
            let mut pairs = Pairs { inline: [const { None }; INLINE], len: 0, more: Vec::new() };
            let _ = source.visit(&mut pairs);
            let mut fields = [("", Value::Bool(false)); INLINE];
            let inline = pairs.inline.iter().flatten();
            for (to, (key, value)) in fields.iter_mut().zip(inline) {
                *to = field(key, value);
            }
            if pairs.more.is_empty() {
                let fields = &fields[..pairs.len];
                logger.log(&Record::new(time, level, callsite, message, fields));
            } else {
                let more = pairs.more.iter().map(|(key, value)| field(key, value));
                let fields: Vec<_> = fields.iter().copied().chain(more).collect();
                logger.log(&Record::new(time, level, callsite, message, &fields));
            }
        });
    }

    fn flush(&self) {
        logger().complete();
    }
}

/// The message of `args` to `f`: static text as it is, formatted text in this thread's buffer
/// (a fresh one for a record logged while formatting another).
fn with_message(args: &fmt::Arguments<'_>, f: impl FnOnce(Message<'_>)) {
    if let Some(text) = args.as_str() {
        return f(Message::Text(text));
    }
    thread_local! {
        static BUFFER: RefCell<String> = const { RefCell::new(String::new()) };
    }
    reentry::with_scratch(&BUFFER, String::clear, |buffer| {
        let _ = buffer.write_fmt(*args);
        f(Message::Text(buffer));
    });
}

/// Key-values kept on the stack; more go to the heap.
const INLINE: usize = 16;

/// The key-values of a record, as `log` gives them: the first [`INLINE`] on the stack (a
/// record with a few allocates nothing), the rest in `more`.
struct Pairs<'kvs> {
    inline: [Option<(kv::Key<'kvs>, kv::Value<'kvs>)>; INLINE],
    len: usize,
    more: Vec<(kv::Key<'kvs>, kv::Value<'kvs>)>,
}

impl<'kvs> VisitSource<'kvs> for Pairs<'kvs> {
    fn visit_pair(&mut self, key: kv::Key<'kvs>, value: kv::Value<'kvs>) -> Result<(), kv::Error> {
        match self.inline.get_mut(self.len) {
            Some(slot) => {
                *slot = Some((key, value));
                self.len += 1;
            }
            None => self.more.push((key, value)),
        }
        Ok(())
    }
}

/// One key-value as a field: the key interned (`?` past the interning bound), the value typed
/// when `log` knows its type.
fn field<'a>(key: &kv::Key<'_>, value: &'a kv::Value<'_>) -> (&'static str, Value<'a>) {
    let name = key.to_static_str().or_else(|| location::intern(key.as_str())).unwrap_or("?");
    let value = if let Some(v) = value.to_bool() {
        Value::Bool(v)
    } else if let Some(v) = value.to_char() {
        Value::Char(v)
    } else if let Some(v) = value.to_i64() {
        Value::I64(v)
    } else if let Some(v) = value.to_u64() {
        Value::U64(v)
    } else if let Some(v) = value.to_i128() {
        Value::I128(v)
    } else if let Some(v) = value.to_u128() {
        Value::U128(v)
    } else if let Some(v) = value.to_f64() {
        Value::F64(v)
    } else if let Some(v) = value.to_borrowed_str() {
        Value::Str(v)
    } else {
        Value::Display(value)
    };
    (name, value)
}

#[cfg(test)]
mod tests {
    use super::level_filter;
    use crate::level::Level;
    use ::log::LevelFilter;

    #[test]
    fn level_filters() {
        let table = [
            (0, LevelFilter::Trace),
            (Level::TRACE.no(), LevelFilter::Trace),
            (6, LevelFilter::Debug),
            (Level::DEBUG.no(), LevelFilter::Debug),
            (Level::INFO.no(), LevelFilter::Info),
            (Level::SUCCESS.no(), LevelFilter::Warn),
            (Level::WARNING.no(), LevelFilter::Warn),
            (Level::ERROR.no(), LevelFilter::Error),
            (Level::CRITICAL.no(), LevelFilter::Off),
            (u32::MAX, LevelFilter::Off),
        ];
        for (threshold, filter) in table {
            assert_eq!(level_filter(threshold), filter, "{threshold}");
        }
    }
}
