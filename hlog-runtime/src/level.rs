//! Levels: the seven built-in ones (loguru's numbers, colours and icons) and custom ones
//! registered at run time.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{RwLock, RwLockWriteGuard};
use std::time::Instant;

use crate::error::LevelError;

/// A logging level: a name, a severity number, a colour and an icon.
///
/// The built-in levels are associated constants (`Level::INFO`); custom ones are registered with
/// [`crate::level`] and looked up by name. Levels compare by number.
///
/// # Examples
///
/// ```
/// use hlog::Level;
/// assert!(Level::WARNING > Level::INFO);
/// assert_eq!(Level::SUCCESS.no(), 25);
/// assert_eq!(Level::ERROR.name(), "ERROR");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Level {
    name: &'static str,
    no: u32,
    color: &'static str,
    ansi: &'static str,
    icon: &'static str,
}

impl Level {
    /// `TRACE` (5), cyan bold, ✏️
    pub const TRACE: Level = Level::declared("TRACE", 5, "<cyan><bold>", "\x1b[36m\x1b[1m", "✏️");
    /// `DEBUG` (10), blue bold, 🐞
    pub const DEBUG: Level = Level::declared("DEBUG", 10, "<blue><bold>", "\x1b[34m\x1b[1m", "🐞");
    /// `INFO` (20), bold, ℹ️
    pub const INFO: Level = Level::declared("INFO", 20, "<bold>", "\x1b[1m", "ℹ️");
    /// `SUCCESS` (25), green bold, ✅
    pub const SUCCESS: Level =
        Level::declared("SUCCESS", 25, "<green><bold>", "\x1b[32m\x1b[1m", "✅");
    /// `WARNING` (30), yellow bold, ⚠️
    pub const WARNING: Level =
        Level::declared("WARNING", 30, "<yellow><bold>", "\x1b[33m\x1b[1m", "⚠️");
    /// `ERROR` (40), red bold, ❌
    pub const ERROR: Level = Level::declared("ERROR", 40, "<red><bold>", "\x1b[31m\x1b[1m", "❌");
    /// `CRITICAL` (50), red background bold, ☠️
    pub const CRITICAL: Level =
        Level::declared("CRITICAL", 50, "<RED><bold>", "\x1b[41m\x1b[1m", "☠️");

    const BUILTIN: [Level; 7] = [
        Level::TRACE,
        Level::DEBUG,
        Level::INFO,
        Level::SUCCESS,
        Level::WARNING,
        Level::ERROR,
        Level::CRITICAL,
    ];

    /// A level declared with `levels!` (the colour's ANSI bytes made at compile time). Called
    /// by generated code; not a stable API.
    #[doc(hidden)]
    pub const fn declared(
        name: &'static str,
        no: u32,
        color: &'static str,
        ansi: &'static str,
        icon: &'static str,
    ) -> Level {
        Level { name, no, color, ansi, icon }
    }

    /// Register this level by its name, number, colour and icon, so that name lookups find it
    /// (`log!("AUDIT", ...)`, a level named in a configuration, `HLOG_LEVEL`,
    /// `filter_levels`): for a level declared with `hlog::levels!`, whose macros need no
    /// registration. Registering it again does nothing.
    ///
    /// # Errors
    ///
    /// As [`crate::level`]: a built-in name, or the name registered with another number.
    ///
    /// # Examples
    ///
    /// ```
    /// hlog::levels! {
    ///     NOTICE = 22, "<green>", "📣";
    /// }
    /// NOTICE.register().unwrap();
    /// assert_eq!(hlog::Level::lookup("NOTICE"), Some(NOTICE));
    /// ```
    pub fn register(&self) -> Result<Level, LevelError> {
        register(self.name, self.no, self.color, self.icon)
    }

    /// The index of a built-in level among [`Level::BUILTIN`]; `None` for any other.
    #[inline]
    pub(crate) fn builtin_index(level: &Level) -> Option<u8> {
        let index = match level.no {
            5 => 0,
            10 => 1,
            20 => 2,
            25 => 3,
            30 => 4,
            40 => 5,
            50 => 6,
            _ => return None,
        };
        // The same literal, most often: one compare of addresses before one of bytes.
        let name = Level::BUILTIN[index].name;
        (std::ptr::eq(level.name, name) || level.name == name).then_some(index as u8)
    }

    /// The built-in level at `index` ([`Level::builtin_index`]); INFO for an index out of range.
    pub(crate) fn builtin_at(index: u8) -> Level {
        Level::BUILTIN.get(usize::from(index)).copied().unwrap_or(Level::INFO)
    }

    /// The level's parts: name, colour markup, ANSI bytes, icon (and [`Level::no`]).
    pub(crate) fn parts(&self) -> [&'static str; 4] {
        [self.name, self.color, self.ansi, self.icon]
    }

    /// A level from [`Level::parts`] and its number.
    pub(crate) fn from_parts(no: u32, [name, color, ansi, icon]: [&'static str; 4]) -> Level {
        Level { name, no, color, ansi, icon }
    }

    /// The level's name, e.g. `"INFO"`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::Level::INFO.name(), "INFO");
    /// let audit = hlog::level("AUDIT", 35, "<cyan>", "@").unwrap();
    /// assert_eq!(audit.name(), "AUDIT");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The severity number, e.g. 20 for `INFO`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Level;
    ///
    /// assert_eq!(Level::INFO.no(), 20);
    /// const LOUDEST: u32 = Level::CRITICAL.no(); // usable in constants
    /// assert_eq!(LOUDEST, 50);
    /// ```
    pub const fn no(&self) -> u32 {
        self.no
    }

    /// The colour as markup, e.g. `"<red><bold>"`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::Level::ERROR.color(), "<red><bold>");
    /// ```
    pub fn color(&self) -> &'static str {
        self.color
    }

    /// The colour as ANSI SGR bytes, what `<level>` emits on a colourised sink.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::Level::ERROR.ansi(), "\x1b[31m\x1b[1m");
    /// let audit = hlog::level("AUDIT", 35, "<cyan>", "@").unwrap();
    /// assert_eq!(audit.ansi(), "\x1b[36m");
    /// ```
    pub fn ansi(&self) -> &'static str {
        self.ansi
    }

    /// The icon, e.g. `"ℹ️"`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::Level::SUCCESS.icon(), "✅");
    /// ```
    pub fn icon(&self) -> &'static str {
        self.icon
    }

    /// Look a level up by name (built-in or registered).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(hlog::Level::lookup("WARNING").unwrap().no(), 30);
    /// assert!(hlog::Level::lookup("NOPE").is_none());
    /// ```
    pub fn lookup(name: &str) -> Option<Level> {
        if let Some(level) = Level::BUILTIN.iter().find(|l| l.name == name) {
            return Some(*level);
        }
        let custom = CUSTOM.read().unwrap_or_else(|e| e.into_inner());
        custom.iter().find(|l| l.name == name).copied()
    }
}

impl Level {
    /// The built-in or registered level with this number (the first registered, if several).
    pub(crate) fn by_number(no: u32) -> Option<Level> {
        if let Some(level) = Level::BUILTIN.iter().find(|l| l.no == no) {
            return Some(*level);
        }
        let custom = CUSTOM.read().unwrap_or_else(|e| e.into_inner());
        custom.iter().find(|l| l.no == no).copied()
    }
}

impl PartialEq for Level {
    fn eq(&self, other: &Self) -> bool {
        self.no == other.no && self.name == other.name
    }
}

impl Eq for Level {}

impl PartialOrd for Level {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Level {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.no.cmp(&other.no).then_with(|| self.name.cmp(other.name))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name)
    }
}

/// Custom levels. Registration is rare and a level lives for the whole program, so each one's
/// strings are leaked once; this keeps `Level` `Copy` and free to pass around.
static CUSTOM: RwLock<Vec<Level>> = RwLock::new(Vec::new());

/// The stand-ins for level names that were never registered.
static UNKNOWN: RwLock<Vec<Level>> = RwLock::new(Vec::new());

/// The registry's locks, held across a `fork` (see `logger.rs`) so that the child finds them
/// free; `None` for one still held by another thread at the deadline.
pub(crate) type RegistryHeld =
    (Option<RwLockWriteGuard<'static, Vec<Level>>>, Option<RwLockWriteGuard<'static, Vec<Level>>>);

/// Take the registry's locks for a `fork`, waiting for each until `deadline` at most.
pub(crate) fn hold_for_fork(deadline: Instant) -> RegistryHeld {
    (crate::lock::write_until(&CUSTOM, deadline), crate::lock::write_until(&UNKNOWN, deadline))
}

/// Bumped whenever a level is registered, so callsites that log by name re-resolve.
static REGISTRY_GENERATION: AtomicU32 = AtomicU32::new(1);

/// Register a custom level (loguru's `logger.level(name, no, color, icon)`), or update the
/// colour and icon of a custom level already registered with the same number.
///
/// The colour is markup of opening tags (`"<magenta><bold>"`, `"<fg #FF8800>"`), checked here.
///
/// # Examples
///
/// ```
/// let audit = hlog::level("AUDIT", 35, "<magenta><bold>", "🔎").unwrap();
/// assert_eq!(audit.no(), 35);
/// assert_eq!(hlog::Level::lookup("AUDIT"), Some(audit));
/// assert!(hlog::level("INFO", 21, "", "").is_err());
/// assert!(hlog::level("BAD", 1, "<nope>", "").is_err());
/// ```
pub fn register(name: &str, no: u32, color: &str, icon: &str) -> Result<Level, LevelError> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LevelError::InvalidName(name.to_owned()));
    }
    if let Some(builtin) = Level::BUILTIN.iter().find(|l| l.name == name) {
        return Err(LevelError::Builtin { name: name.to_owned(), no: builtin.no });
    }
    let ansi =
        hlog_template::parse_color_markup(color).map_err(|error| LevelError::InvalidColor {
            name: name.to_owned(),
            color: color.to_owned(),
            error: Box::new(error),
        })?;
    let mut custom = CUSTOM.write().unwrap_or_else(|e| e.into_inner());
    if let Some(existing) = custom.iter_mut().find(|l| l.name == name) {
        if existing.no != no {
            return Err(LevelError::NumberTaken {
                name: name.to_owned(),
                registered: existing.no,
                requested: no,
            });
        }
        existing.color = leak(color);
        existing.ansi = leak(&ansi);
        existing.icon = leak(icon);
        REGISTRY_GENERATION.fetch_add(1, Ordering::Release);
        return Ok(*existing);
    }
    let level =
        Level { name: leak(name), no, color: leak(color), ansi: leak(&ansi), icon: leak(icon) };
    custom.push(level);
    REGISTRY_GENERATION.fetch_add(1, Ordering::Release);
    Ok(level)
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// A level named by a string at a call site (`log!("AUDIT", ...)`), resolved once and again only
/// after a level is registered.
#[doc(hidden)]
pub struct NamedLevel {
    name: &'static str,
    generation: AtomicU32,
    resolved: RwLock<Option<Level>>,
}

impl NamedLevel {
    /// A call site's level name, resolved lazily.
    pub const fn new(name: &'static str) -> Self {
        NamedLevel { name, generation: AtomicU32::new(0), resolved: RwLock::new(None) }
    }

    /// The level this name stands for. A name that was never registered does not lose the
    /// record: it is logged with that name at ERROR's severity and colour, and the mistake is
    /// reported once on stderr.
    pub fn get(&self) -> Level {
        let generation = REGISTRY_GENERATION.load(Ordering::Acquire);
        if self.generation.load(Ordering::Acquire) == generation {
            if let Some(level) = *self.resolved.read().unwrap_or_else(|e| e.into_inner()) {
                return level;
            }
        }
        let level = Level::lookup(self.name).unwrap_or_else(|| unknown_level(self.name));
        *self.resolved.write().unwrap_or_else(|e| e.into_inner()) = Some(level);
        self.generation.store(generation, Ordering::Release);
        level
    }
}

/// The stand-in for a level name that was never registered; reported once per name.
fn unknown_level(name: &str) -> Level {
    if let Some(level) =
        UNKNOWN.read().unwrap_or_else(|e| e.into_inner()).iter().find(|l| l.name == name)
    {
        return *level;
    }
    let mut unknown = UNKNOWN.write().unwrap_or_else(|e| e.into_inner());
    if let Some(level) = unknown.iter().find(|l| l.name == name) {
        return *level;
    }
    crate::report::report_once(format_args!(
        "level {name:?} is not registered; its records are logged at ERROR severity. \
         Register it first with hlog::level({name:?}, number, \"<colour>\", \"icon\")"
    ));
    let level = Level { name: leak(name), ..Level::ERROR };
    unknown.push(level);
    level
}

/// What `log!(level, ...)` accepts as a level.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a level",
    label = "expected a `Level`",
    note = "`log!` takes a `Level` (`Level::INFO`, or one returned by `hlog::level(...)`) or a \
            registered level's name as a string literal: `log!(\"AUDIT\", \"...\")`"
)]
pub trait AsLevel {
    /// The level.
    fn as_level(&self) -> Level;
}

impl AsLevel for Level {
    fn as_level(&self) -> Level {
        *self
    }
}

impl AsLevel for &Level {
    fn as_level(&self) -> Level {
        **self
    }
}

/// Method-call access to [`AsLevel`], so a wrong level is reported at the level expression.
#[doc(hidden)]
pub trait LevelFallback {
    /// The level (generated code calls this).
    fn __hlog_level(&self) -> Level
    where
        Self: AsLevel;
}

impl<T: ?Sized> LevelFallback for T {
    fn __hlog_level(&self) -> Level
    where
        Self: AsLevel,
    {
        self.as_level()
    }
}
