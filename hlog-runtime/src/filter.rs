//! Per-handler filters: a map of module prefixes to minimum levels (which the call sites' cached
//! interest folds in), and a closure on the record (which runs on each record). Also the
//! `RUST_LOG` directive syntax, read into such a map.

use std::fmt;
use std::sync::Arc;

use crate::error::{ConfigError, LevelError};
use crate::level::Level;
use crate::record::Record;

/// The level number that no record reaches: a module mapped to it is off.
pub(crate) const OFF: u32 = u32::MAX;

/// A closure on the record.
pub(crate) type FilterFn = Arc<dyn Fn(&Record<'_>) -> bool + Send + Sync>;

/// Whether `module` is `prefix` or below it on `::` boundaries (`""` is above every module).
#[inline]
pub(crate) fn module_matches(prefix: &str, module: &str) -> bool {
    prefix.is_empty()
        || module.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
}

/// Module prefix → minimum level number, longest prefix first; a module no prefix matches has
/// no minimum (`""` matches every module: it is the default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ModuleLevels {
    rules: Vec<(String, u32)>,
}

impl ModuleLevels {
    /// `module` and below, nothing else.
    pub(crate) fn only(module: String) -> Self {
        ModuleLevels::new([(String::new(), OFF), (module, 0)])
    }

    /// From `(prefix, level number)` pairs; a prefix given twice keeps its last level.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (String, u32)>) -> Self {
        let mut rules: Vec<(String, u32)> = Vec::new();
        for (prefix, no) in pairs {
            rules.retain(|(p, _)| *p != prefix);
            rules.push((prefix, no));
        }
        // Longest first, so the first match is the most specific (stable: equal lengths keep
        // their order, and two equal prefixes cannot both be here).
        rules.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        ModuleLevels { rules }
    }

    /// The minimum level number for records from `module`: the longest matching prefix's,
    /// 0 when none matches.
    #[inline]
    pub(crate) fn level_for(&self, module: &str) -> u32 {
        self.rules
            .iter()
            .find(|(prefix, _)| module_matches(prefix, module))
            .map_or(0, |(_, no)| *no)
    }

    /// The lowest level any module may pass at.
    pub(crate) fn lowest(&self) -> u32 {
        let default = self.rules.iter().any(|(p, _)| p.is_empty());
        let lowest = self.rules.iter().map(|(_, no)| *no).min().unwrap_or(0);
        if default { lowest } else { 0 }
    }

    /// The rules, longest prefix first.
    pub(crate) fn rules(&self) -> &[(String, u32)] {
        &self.rules
    }
}

/// Which records a handler takes, beyond its level: a map of module prefixes to minimum
/// levels, and a closure on the record. Give it with [`HandlerBuilder`](crate::HandlerBuilder)'s
/// `filter`, `filter_module` and `filter_levels`, or replace a running handler's with
/// [`Logger::set_filter`](crate::Logger::set_filter).
///
/// Through the global logger, the module map is folded into each call site's cached interest:
/// a call the map turns away evaluates none of its arguments and costs one load and one branch
/// when no handler takes its level anywhere, two loads when some module's level would take it.
/// Through a `Logger::new()` (no call-site cache), the map's lowest level is the logger's floor
/// and the rest is checked on each record. The closure runs on each record that passes the
/// level and the map.
///
/// Module prefixes match on `::` boundaries: `"my_app"` matches `my_app` and
/// `my_app::db`, not `my_app_extra`. The longest matching prefix wins; `""` matches every
/// module (the default); a module no prefix matches passes.
///
/// # Examples
///
/// ```
/// use hlog::Filter;
///
/// let filter = Filter::levels([("", "INFO"), ("my_app::db", "DEBUG"), ("hyper", "OFF")]).unwrap();
/// assert!(filter.accepts("my_app::db::pool", &hlog::Level::DEBUG));
/// assert!(!filter.accepts("my_app::web", &hlog::Level::DEBUG));
/// assert!(!filter.accepts("hyper::client", &hlog::Level::CRITICAL));
///
/// let only_mine = Filter::module("my_app");
/// assert!(only_mine.accepts("my_app::web", &hlog::Level::TRACE));
/// assert!(!only_mine.accepts("my_app_extra", &hlog::Level::CRITICAL));
/// ```
#[derive(Clone, Default)]
pub struct Filter {
    pub(crate) modules: Option<ModuleLevels>,
    pub(crate) closure: Option<FilterFn>,
}

impl Filter {
    /// No filter: every record at the handler's level passes.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(hlog::sink::Capture::new()).filter_module("my_app").install().unwrap();
    /// logger.set_filter(id, hlog::Filter::all()).unwrap(); // the module filter is gone
    /// ```
    pub fn all() -> Self {
        Filter::default()
    }

    /// Only records from `module` and its children (loguru's `filter="my_app"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Filter, Level};
    ///
    /// let filter = Filter::module("my_app::db");
    /// assert!(filter.accepts("my_app::db::pool", &Level::TRACE));
    /// assert!(!filter.accepts("my_app::dbx", &Level::CRITICAL)); // `::` boundaries only
    /// assert!(!filter.accepts("hyper", &Level::CRITICAL));
    /// ```
    pub fn module(module: impl Into<String>) -> Self {
        Filter { modules: Some(ModuleLevels::only(module.into())), closure: None }
    }

    /// A minimum level per module prefix (loguru's `filter={"": "INFO", "my_app.db": "DEBUG"}`):
    /// the longest matching prefix wins, `""` is the default, and a level of `"OFF"` turns a
    /// module off. Levels are names (`"DEBUG"`, a registered one, `"OFF"`), numbers or
    /// [`Level`]s.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Level`] for a level name that is not registered.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Filter, Level};
    ///
    /// let filter = Filter::levels([("", "WARNING"), ("my_app", "DEBUG"), ("my_app::noisy", "OFF")]).unwrap();
    /// assert!(filter.accepts("my_app::web", &Level::DEBUG));
    /// assert!(!filter.accepts("my_app::noisy::x", &Level::CRITICAL));
    /// assert!(!filter.accepts("hyper", &Level::INFO));
    /// assert!(Filter::levels([("", "LOUD")]).is_err());
    /// ```
    pub fn levels<P, L>(pairs: impl IntoIterator<Item = (P, L)>) -> Result<Self, ConfigError>
    where
        P: Into<String>,
        L: IntoLevelNo,
    {
        let mut rules = Vec::new();
        for (prefix, level) in pairs {
            rules.push((prefix.into(), level.into_level_no()?));
        }
        Ok(Filter { modules: Some(ModuleLevels::new(rules)), closure: None })
    }

    /// `RUST_LOG`-style directives (see [`Directives`]); the directives that do not parse are
    /// left out: [`Directives::parse`] says which and why.
    ///
    /// # Examples
    ///
    /// ```
    /// let filter = hlog::Filter::directives("info,my_app::db=debug,hyper=off");
    /// assert!(filter.accepts("my_app::db", &hlog::Level::DEBUG));
    /// assert!(!filter.accepts("my_app", &hlog::Level::DEBUG));
    /// ```
    pub fn directives(text: &str) -> Self {
        Directives::parse(text).filter()
    }

    /// Only records for which `closure` returns true (besides what the map says).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Filter;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(capture.clone()).format("{message}").install().unwrap();
    /// // Only this module, and only records with a `user` field.
    /// let filter = Filter::module(module_path!()).with(|record| record.field("user").is_some());
    /// logger.set_filter(id, filter).unwrap();
    /// hlog::info!(logger, "kept", user = "alice");
    /// hlog::info!(logger, "dropped");
    /// assert_eq!(capture.text(), "kept\n");
    /// ```
    pub fn with(mut self, closure: impl Fn(&Record<'_>) -> bool + Send + Sync + 'static) -> Self {
        self.closure = Some(Arc::new(closure));
        self
    }

    /// This filter's module map and `other`'s, `other`'s rules winning for the same prefix.
    pub(crate) fn add_modules(&mut self, other: ModuleLevels) {
        let mut rules = self.modules.take().map(|m| m.rules).unwrap_or_default();
        rules.extend(other.rules);
        self.modules = Some(ModuleLevels::new(rules));
    }

    /// Whether the module map lets a record from `module` at `level` through (the closure is
    /// not asked: it needs a record).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::{Filter, Level};
    ///
    /// let filter = Filter::directives("warn,my_app=debug");
    /// assert!(filter.accepts("my_app::db", &Level::DEBUG));
    /// assert!(!filter.accepts("hyper", &Level::INFO));
    /// assert!(Filter::all().accepts("anything", &Level::TRACE));
    /// ```
    pub fn accepts(&self, module: &str, level: &Level) -> bool {
        level.no() >= self.threshold(module)
    }

    /// The lowest level number the map lets through for `module` (0 without a map).
    #[inline]
    pub(crate) fn threshold(&self, module: &str) -> u32 {
        self.modules.as_ref().map_or(0, |m| m.level_for(module))
    }

    /// The lowest level number the map lets through for any module.
    pub(crate) fn lowest(&self) -> u32 {
        self.modules.as_ref().map_or(0, ModuleLevels::lowest)
    }
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("modules", &self.modules.as_ref().map(ModuleLevels::rules))
            .field("closure", &self.closure.is_some())
            .finish()
    }
}

/// `RUST_LOG`-style directives, as `env_logger` reads them: a comma-separated list of
/// `level` (the default for every module), `module` (every level from that module) and
/// `module=level`. Levels are read without regard to case: `off`, `trace`, `debug`, `info`,
/// `success`, `warn`/`warning`, `error`, `critical`, a registered level's name, or a number.
/// When directives name modules but give no default, other modules are off (as with
/// `env_logger`).
///
/// A directive that does not parse is left out and described in [`Directives::errors`]; the
/// others apply.
///
/// # Examples
///
/// ```
/// let directives = hlog::Directives::parse("info,my_app::db=debug,hyper=loud");
/// assert_eq!(directives.errors().len(), 1);
/// assert_eq!(
///     directives.errors()[0].to_string(),
///     "directive 3 `hyper=loud`: `loud` is not a level (off, trace, debug, info, success, \
///      warn, error, critical, a registered level's name, or a number)"
/// );
/// let filter = directives.filter();
/// assert!(filter.accepts("hyper", &hlog::Level::INFO), "the bad directive is left out");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Directives {
    rules: Vec<(String, u32)>,
    errors: Vec<DirectiveError>,
}

/// A directive that does not parse: which one and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveError {
    /// Its position in the list, from 1.
    pub position: usize,
    /// The directive as written.
    pub directive: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for DirectiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "directive {} `{}`: {}", self.position, self.directive, self.reason)
    }
}

impl std::error::Error for DirectiveError {}

impl Directives {
    /// Read a directive list; see [`Directives`].
    ///
    /// # Examples
    ///
    /// ```
    /// let directives = hlog::Directives::parse("info,my_app::db=trace");
    /// assert!(directives.errors().is_empty());
    /// assert_eq!(directives.lowest(), Some(5));
    /// ```
    pub fn parse(text: &str) -> Self {
        let mut directives = Directives::default();
        let mut default = None;
        let parts = text.split(',').map(str::trim);
        for (i, part) in parts.enumerate().filter(|(_, part)| !part.is_empty()) {
            let fail = |reason: String| DirectiveError {
                position: i + 1,
                directive: part.to_owned(),
                reason,
            };
            match parse_directive(part) {
                Ok((None, no)) => default = Some(no),
                Ok((Some(module), no)) => {
                    directives.rules.retain(|(p, _)| *p != module);
                    directives.rules.push((module, no));
                }
                Err(reason) => directives.errors.push(fail(reason)),
            }
        }
        let named_modules = !directives.rules.is_empty();
        match default {
            Some(no) => directives.rules.push((String::new(), no)),
            // `env_logger`: `RUST_LOG=my_app` logs my_app only.
            None if named_modules => directives.rules.push((String::new(), OFF)),
            None => {}
        }
        directives
    }

    /// The directives that parsed, as a filter.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let id = logger.add(hlog::sink::Capture::new()).install().unwrap();
    /// let directives = hlog::Directives::parse("warn,my_app=debug");
    /// logger.set_filter(id, directives.filter()).unwrap();
    /// ```
    pub fn filter(&self) -> Filter {
        if self.rules.is_empty() {
            return Filter::all();
        }
        Filter { modules: Some(ModuleLevels::new(self.rules.iter().cloned())), closure: None }
    }

    /// The lowest level the directives let through anywhere (`None` without any directive).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::Directives;
    ///
    /// assert_eq!(Directives::parse("warn,my_app=debug").lowest(), Some(10));
    /// assert_eq!(Directives::parse("").lowest(), None);
    /// ```
    pub fn lowest(&self) -> Option<u32> {
        self.rules.iter().map(|(_, no)| *no).min()
    }

    /// The directives that did not parse, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// let directives = hlog::Directives::parse("info,db=loud,web=debug");
    /// let error = &directives.errors()[0];
    /// assert_eq!((error.position, error.directive.as_str()), (2, "db=loud"));
    /// assert_eq!(directives.lowest(), Some(10), "the others apply");
    /// ```
    pub fn errors(&self) -> &[DirectiveError] {
        &self.errors
    }
}

/// One directive: `(module, level number)`, the module `None` for a bare level.
fn parse_directive(part: &str) -> Result<(Option<String>, u32), String> {
    if part.contains('/') {
        return Err("regular expression filters (`/regex`) are not supported".into());
    }
    let (module, level) = match part.split_once('=') {
        Some((module, level)) => (Some(module.trim()), Some(level.trim())),
        None => match level_no_any_case(part) {
            Some(no) => return Ok((None, no)),
            None => (Some(part), None),
        },
    };
    let module = module.filter(|m| !m.is_empty()).ok_or("the module before `=` is empty")?;
    if !is_module_path(module) {
        return Err(format!(
            "`{module}` is neither a level nor a module path (words joined by `::`)"
        ));
    }
    let no = match level {
        None => 0,
        Some(level) => level_no_any_case(level).ok_or_else(|| {
            format!(
                "`{level}` is not a level (off, trace, debug, info, success, warn, error, \
                 critical, a registered level's name, or a number)"
            )
        })?,
    };
    Ok((Some(module.to_owned()), no))
}

/// `a::b_c::d`
fn is_module_path(text: &str) -> bool {
    text.split("::").all(|word| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// A level as a directive names it: [`level_no_by_name`]'s forms, or a name in any case, or
/// `warn`.
pub(crate) fn level_no_any_case(text: &str) -> Option<u32> {
    level_no_by_name(text).ok().or_else(|| {
        let upper = text.to_ascii_uppercase();
        match upper.as_str() {
            "WARN" => Some(Level::WARNING.no()),
            _ => Level::lookup(&upper).map(|l| l.no()),
        }
    })
}

/// A handler's minimum level: a [`Level`], a level name (`"DEBUG"`, `"OFF"` for none) or a
/// number (`25`, or `"25"`).
pub trait IntoLevelNo {
    /// The level number, or why there is none.
    fn into_level_no(self) -> Result<u32, ConfigError>;
}

impl IntoLevelNo for Level {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        Ok(self.no())
    }
}

impl IntoLevelNo for &Level {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        Ok(self.no())
    }
}

impl IntoLevelNo for u32 {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        Ok(self)
    }
}

impl IntoLevelNo for &str {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        level_no_by_name(self)
    }
}

impl IntoLevelNo for &String {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        level_no_by_name(self)
    }
}

impl IntoLevelNo for String {
    fn into_level_no(self) -> Result<u32, ConfigError> {
        level_no_by_name(&self)
    }
}

/// A level given by name (`"OFF"` included) or number in decimal.
pub(crate) fn level_no_by_name(name: &str) -> Result<u32, ConfigError> {
    if name.eq_ignore_ascii_case("OFF") {
        return Ok(OFF);
    }
    if let Ok(no) = name.parse::<u32>() {
        return Ok(no);
    }
    Level::lookup(name)
        .map(|l| l.no())
        .ok_or_else(|| ConfigError::Level(LevelError::Unknown(name.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_on_path_boundaries() {
        let table = [
            ("", "anything", true),
            ("my_app", "my_app", true),
            ("my_app", "my_app::db", true),
            ("my_app", "my_app_extra", false),
            ("my_app::db", "my_app", false),
            ("my_app::db", "my_app::dbx", false),
        ];
        for (prefix, module, matches) in table {
            assert_eq!(module_matches(prefix, module), matches, "{prefix:?} {module:?}");
        }
    }

    #[test]
    fn directives_table() {
        let d = Directives::parse("info, my_app::db=debug ,hyper=off,,tokio");
        assert!(d.errors().is_empty(), "{:?}", d.errors());
        let f = d.filter();
        let m = f.modules.as_ref().unwrap();
        assert_eq!(m.level_for("x"), 20);
        assert_eq!(m.level_for("my_app::db::pool"), 10);
        assert_eq!(m.level_for("hyper"), OFF);
        assert_eq!(m.level_for("tokio::net"), 0);
        assert_eq!(d.lowest(), Some(0));
    }
}
