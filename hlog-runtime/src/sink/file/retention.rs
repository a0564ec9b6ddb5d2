//! Which rotated files a file sink keeps: the newest N, those younger than an age, or what a
//! closure decides.
//!
//! [`Retention`] is the policy; `Retention::select` applies it to the rotated files the sink
//! found (its own names only, never the live file) and returns those to delete. It never reads
//! the clock: the sink passes the time.
//!
//! The strings [`Retention::parse`] accepts:
//!
//! ```text
//! retention ::= count [ "file" | "files" ] | duration   ; count ≥ 1
//! duration  ::= number unit { [","] number unit }      ; as for rotation: "7 days", "1h 30min"
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use super::spec::{SpecError, parse_duration};
use crate::time::Timestamp;
use crate::time::calendar::{nanos_of, timestamp_of};

/// Which rotated files a file sink keeps. It is applied after each rotation (after
/// compression), to the rotated files and archives this sink named; with `{time}` in the path,
/// also to the files of earlier periods (`app_2026-03-25.log`, `2026-03-25/app.log`, and the
/// files rotated in those folders). The live file and other files are never candidates.
///
/// Build one with [`Retention::keep_last`], [`Retention::max_age`] or [`Retention::from_fn`],
/// parse loguru's strings with [`Retention::parse`] (`"7 days"`, `"1 week"`, `"5 files"`), or
/// convert a count (`usize`) or a [`Duration`].
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use hlog::sink::file::Retention;
///
/// assert_eq!(Retention::parse("5 files"), Ok(Retention::keep_last(5)));
/// assert_eq!(Retention::parse("10 hours"), Ok(Retention::max_age(Duration::from_secs(36_000))));
/// assert_eq!(Retention::from(3_usize), Retention::keep_last(3));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Retention {
    /// Keep this many of the newest rotated files, by the start time and counter in their
    /// names (not by modification time), and delete the rest. The newest one always stays.
    KeepLast(usize),
    /// Delete rotated files last written (mtime) this long ago or longer: at or before
    /// `now - age`.
    MaxAge(Duration),
    /// Hand the rotated files' paths to the closure, which deletes what it wants itself.
    Custom(Arc<Cleanup>),
}

/// What [`Retention::Custom`] holds: a cleanup that receives the rotated files' paths and
/// deletes what it wants.
///
/// # Examples
///
/// ```
/// use std::path::PathBuf;
/// use std::sync::Arc;
/// use hlog::sink::file::Retention;
/// use hlog::sink::file::Cleanup;
///
/// let report: Arc<Cleanup> = Arc::new(|paths: &[PathBuf]| eprintln!("{} old files", paths.len()));
/// let retention = Retention::Custom(report);
/// # let _ = retention;
/// ```
pub type Cleanup = dyn Fn(&[PathBuf]) + Send + Sync;

const RETENTION_FORMS: &str = "accepted forms: a number of rotated files to keep (\"5\", \
     \"5 files\", \"1 file\") or an age after which they are deleted (\"10 hours\", \"7 days\", \
     \"1 week\", \"1 month\", \"1h 30min\"; units y, months, w, d, h, min, s, ms, us and their \
     long forms)";

const ZERO_FILES: &str = "expected a number of files, but keeping 0 files would delete every \
     rotated file as soon as it is made: keep 1 or more";

impl Retention {
    /// Keep the `count` newest rotated files.
    ///
    /// `0` is refused when the sink is added (it would delete every rotated file at once; to
    /// keep none, do not rotate). Taking a plain `usize` keeps `keep_last(5)` and `From<usize>`
    /// simple; a string `"0"` is refused by [`Retention::parse`].
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Retention;
    ///
    /// assert_eq!(Retention::parse("5"), Ok(Retention::keep_last(5)));
    /// ```
    pub const fn keep_last(count: usize) -> Retention {
        Retention::KeepLast(count)
    }

    /// Delete rotated files whose last write is `age` ago or older. A zero age is refused when
    /// the sink is added.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use hlog::sink::file::Retention;
    ///
    /// let week = Retention::max_age(Duration::from_secs(7 * 86_400));
    /// assert_eq!(Retention::parse("1 week"), Ok(week));
    /// ```
    pub const fn max_age(age: Duration) -> Retention {
        Retention::MaxAge(age)
    }

    /// Give the rotated files' paths to `cleanup` after each rotation; it deletes what it
    /// wants (as loguru's retention functions do).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Retention;
    ///
    /// // Keep rotated files only while there are no more than ten.
    /// let r = Retention::from_fn(|paths| {
    ///     if paths.len() > 10 {
    ///         for path in paths {
    ///             let _ = std::fs::remove_file(path);
    ///         }
    ///     }
    /// });
    /// assert!(matches!(r, Retention::Custom(_)));
    /// ```
    pub fn from_fn<F>(cleanup: F) -> Retention
    where
        F: Fn(&[PathBuf]) + Send + Sync + 'static,
    {
        Retention::Custom(Arc::new(cleanup))
    }

    /// Parse a retention string: a count of files (`"5"`, `"5 files"`, `"1 file"`) or an age
    /// (`"7 days"`, `"1 week"`, `"10 hours"`, `"1h 30min"`, `"1 month"`), with the duration
    /// units of [`Rotation::parse`](super::Rotation::parse) (`"1 month"` is a twelfth of 365
    /// days, 30 days 10 hours, as in loguru).
    ///
    /// # Errors
    ///
    /// A [`SpecError`] quoting the input, saying what is wrong and listing the accepted forms:
    /// for an empty string, `"0"`, `"-1"`, `"0 days"`, `"true"`, unknown units, …; and for a
    /// value out of range, which is never capped: a count over `usize::MAX` or an age over
    /// 1000 years. Any string at all gives a value or an error, never a panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Retention;
    ///
    /// assert_eq!(Retention::parse("1 file"), Ok(Retention::keep_last(1)));
    /// let err = Retention::parse("0").unwrap_err();
    /// assert!(err.to_string().starts_with(r#"invalid retention "0": expected a number of files"#));
    /// ```
    pub fn parse(input: &str) -> Result<Retention, SpecError> {
        parse_retention(input.trim()).map_err(|reason| retention_error(input, &reason))
    }

    /// Refuse what a string would be refused for but a typed value can still say: keeping 0
    /// files and a zero age. Called when the sink is added.
    pub(crate) fn validate(&self) -> Result<(), SpecError> {
        match self {
            Retention::KeepLast(0) => Err(retention_error("0", ZERO_FILES)),
            Retention::MaxAge(age) if age.is_zero() => Err(retention_error(
                &format!("{age:?}"),
                "expected an age, but it is zero: every rotated file would be deleted as soon \
                 as it is made",
            )),
            _ => Ok(()),
        }
    }

    /// The rotated files to delete among `candidates` (this sink's rotated files and archives,
    /// never the live file) at `now`.
    ///
    /// - Count: ordered by their [`Rank`] (the times and counters in their paths), newest
    ///   first; all but the first N. Ties are broken by path, never by modification time, so
    ///   the file just rotated always survives.
    /// - Age: those whose modification time is at or before `now - age`.
    /// - Closure: none; the sink calls [`custom`](Self::custom) instead.
    pub(crate) fn select(&self, candidates: &[Candidate], now: Timestamp) -> Vec<PathBuf> {
        match self {
            // 0 never passes `validate`; deleting nothing is the safe reading.
            Retention::KeepLast(0) | Retention::Custom(_) => Vec::new(),
            Retention::KeepLast(keep) => {
                let mut newest_first: Vec<&Candidate> = candidates.iter().collect();
                newest_first.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.path.cmp(&b.path)));
                newest_first.into_iter().skip(*keep).map(|c| c.path.clone()).collect()
            }
            Retention::MaxAge(age) => {
                let age = i128::try_from(age.as_nanos()).unwrap_or(i128::MAX);
                let cutoff = timestamp_of(nanos_of(now).saturating_sub(age));
                candidates.iter().filter(|c| c.modified <= cutoff).map(|c| c.path.clone()).collect()
            }
        }
    }

    /// The closure of a [`Retention::Custom`], to call with the candidates' paths.
    pub(crate) fn custom(&self) -> Option<&Cleanup> {
        match self {
            Retention::Custom(cleanup) => Some(cleanup.as_ref()),
            _ => None,
        }
    }
}

/// A rotated file of this sink, as retention sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Where it is.
    pub path: PathBuf,
    /// Where it stands among the sink's files, by its path.
    pub rank: Rank,
    /// Its last write.
    pub modified: Timestamp,
}

/// Where one of a sink's files stands among the others, oldest first, read from its path
/// alone (never from the file system's times, so a file just rotated cannot sort as older
/// than it is).
///
/// With `{time}` in the path, the files of one period (a folder, a dated name) come before
/// those of the next; within a period, by the live name's `.N` (taken when something else held
/// the name), then the rotated files by the start time and counter in their names, then the
/// file that was live in that period, which was started after every file rotated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Rank {
    /// The time `{time}` placeholders in the path (folders and file name) hold; the epoch
    /// without any.
    pub period: Timestamp,
    /// The `.N` of the live name (`app_2026-03-26.2.log`), 1 without.
    pub live_counter: u32,
    /// A file that was live (a dated name, or the live name in an earlier dated folder) rather
    /// than rotated.
    pub was_live: bool,
    /// When a rotated file was started: the time in its name (the epoch for a file that was
    /// live).
    pub started: Timestamp,
    /// The collision counter of a rotated name (`.2`, `.3`, …), 1 if there is none.
    pub counter: u32,
}

impl Rank {
    /// A rotated file's rank in a path without `{time}`: its start and counter.
    #[cfg(test)]
    pub(crate) fn rotated(started: Timestamp, counter: u32) -> Rank {
        let epoch = Timestamp::from_unix(0, 0);
        Rank { period: epoch, live_counter: 1, was_live: false, started, counter }
    }
}

/// The files of one sink that retention may consider: every file its names produce (the live
/// one may be among them: the caller leaves it out), each with its rank.
pub(crate) trait SinkFiles: Send + Sync {
    /// The folder below which every file of the sink is, for errors.
    fn base(&self) -> &Path;

    /// Every path below [`base`](Self::base) that the sink's names produce (in folders of its
    /// `{time}` folders too), of whatever kind (the caller keeps regular files only), with
    /// its rank. An error is listing the base folder's; folders below it that cannot be read
    /// are skipped.
    fn list(&self) -> io::Result<Vec<(PathBuf, Rank)>>;

    /// The rank of `path`, if the sink's names produce it.
    fn rank(&self, path: &Path) -> Option<Rank>;
}

impl fmt::Debug for Retention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Retention::KeepLast(count) => f.debug_tuple("KeepLast").field(count).finish(),
            Retention::MaxAge(age) => f.debug_tuple("MaxAge").field(age).finish(),
            Retention::Custom(_) => f.write_str("Custom(<closure>)"),
        }
    }
}

/// Closures are equal when they are the same closure (the same `Arc`).
impl PartialEq for Retention {
    fn eq(&self, other: &Retention) -> bool {
        match (self, other) {
            (Retention::KeepLast(a), Retention::KeepLast(b)) => a == b,
            (Retention::MaxAge(a), Retention::MaxAge(b)) => a == b,
            (Retention::Custom(a), Retention::Custom(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl From<usize> for Retention {
    /// Keep that many files (`0` is refused when the sink is added).
    fn from(count: usize) -> Retention {
        Retention::KeepLast(count)
    }
}

impl From<Duration> for Retention {
    /// A maximum age.
    fn from(age: Duration) -> Retention {
        Retention::MaxAge(age)
    }
}

impl FromStr for Retention {
    type Err = SpecError;

    /// [`Retention::parse`].
    fn from_str(s: &str) -> Result<Retention, SpecError> {
        Retention::parse(s)
    }
}

fn retention_error(input: &str, reason: &str) -> SpecError {
    SpecError::new("retention", input, format!("{reason}; {RETENTION_FORMS}"))
}

/// `s` is trimmed; the error is the reason.
fn parse_retention(s: &str) -> Result<Retention, String> {
    if s.is_empty() {
        return Err("the text is empty".to_owned());
    }
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Err("not a number of files or an age".to_owned());
    }
    let lower = s.to_ascii_lowercase();
    let count = ["files", "file"]
        .iter()
        .find_map(|word| lower.strip_suffix(word))
        .map(str::trim_end)
        .or_else(|| (!lower.contains(|c: char| c.is_ascii_alphabetic())).then_some(s));
    let word = &lower[lower.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(lower.len())..];
    match count {
        Some(number) => parse_count(number).map(Retention::KeepLast),
        None if word.starts_with("fil") => Err(format!(
            "expected a number of files, but \"{}\" is not \"files\"",
            &s[s.len() - word.len()..]
        )),
        None => parse_duration(s)
            .map(Retention::MaxAge)
            .map_err(|reason| format!("expected an age, but {reason}")),
    }
}

fn parse_count(number: &str) -> Result<usize, String> {
    let digits = number.strip_prefix('+').unwrap_or(number);
    if number.starts_with('-') {
        return Err(format!("expected a number of files, but {number} is negative"));
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected a number of files, but \"{number}\" is not a whole number"));
    }
    match digits.parse::<usize>() {
        Ok(0) => Err(ZERO_FILES.to_owned()),
        Ok(count) => Ok(count),
        Err(_) => Err(format!(
            "expected a number of files, but {digits} is too large: the accepted range is 1 to {}",
            usize::MAX
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix(secs, 0)
    }

    fn candidate(name: &str, started: i64, counter: u32, modified: i64) -> Candidate {
        Candidate {
            path: PathBuf::from(name),
            rank: Rank::rotated(at(started), counter),
            modified: at(modified),
        }
    }

    fn names(paths: &[PathBuf]) -> Vec<&str> {
        let mut names: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
        names.sort();
        names
    }

    /// What a string would be refused for but a typed value can still say, refused when the
    /// sink is added (the parse suite is tests/file_retention_parse.rs).
    #[test]
    fn validation_refuses_keeping_nothing() {
        assert!(Retention::keep_last(1).validate().is_ok());
        assert_eq!(Retention::keep_last(0).validate().unwrap_err().input, "0");
        assert!(Retention::max_age(Duration::ZERO).validate().is_err());
        let custom = Retention::from_fn(|_| {});
        assert!(custom.custom().is_some() && Retention::keep_last(2).custom().is_none());
    }

    #[test]
    fn count_keeps_the_newest_by_name_not_by_mtime() {
        let files = [
            candidate("app.1.log", 100, 1, 900),
            candidate("app.2.log", 200, 1, 100),
            candidate("app.2.2.log", 200, 2, 100),
            candidate("app.3.log.gz", 300, 1, 50),
            candidate("app.2.3.log", 200, 3, 999),
        ];
        let now = at(1000);
        let keep = |n| names(&Retention::keep_last(n).select(&files, now)).join(" ");
        assert_eq!(keep(1), "app.1.log app.2.2.log app.2.3.log app.2.log");
        assert_eq!(keep(2), "app.1.log app.2.2.log app.2.log");
        assert_eq!(keep(3), "app.1.log app.2.log");
        assert_eq!(keep(5), "");
        assert_eq!(keep(usize::MAX), "");
        // An unvalidated 0 deletes nothing.
        assert_eq!(keep(0), "");
    }

    #[test]
    fn count_never_deletes_the_file_just_rotated() {
        // Same second, same mtime: loguru sorted by name and could delete the newest.
        let files = [
            candidate("app.2026-03-26_10-00-00_000000.log", 50, 1, 60),
            candidate("app.2026-03-26_10-00-00_000000.2.log", 50, 2, 60),
            candidate("app.2026-03-26_10-00-00_000000.10.log", 50, 10, 60),
        ];
        let deleted = Retention::keep_last(1).select(&files, at(100));
        assert_eq!(
            names(&deleted),
            ["app.2026-03-26_10-00-00_000000.2.log", "app.2026-03-26_10-00-00_000000.log"]
        );
    }

    #[test]
    fn age_deletes_at_or_before_the_cutoff() {
        let now = Timestamp::from_unix(10_000, 500);
        let files = [
            Candidate { modified: Timestamp::from_unix(9_000, 499), ..candidate("older", 0, 1, 0) },
            Candidate { modified: Timestamp::from_unix(9_000, 500), ..candidate("exact", 0, 1, 0) },
            Candidate { modified: Timestamp::from_unix(9_000, 501), ..candidate("newer", 0, 1, 0) },
            candidate("future", 0, 1, 20_000),
        ];
        let deleted = Retention::max_age(Duration::from_secs(1000)).select(&files, now);
        assert_eq!(names(&deleted), ["exact", "older"]);
        // Sub-second ages, and ages longer than the epoch.
        let deleted = Retention::max_age(Duration::from_nanos(1)).select(&files, now);
        assert_eq!(names(&deleted), ["exact", "newer", "older"]);
        let deleted = Retention::max_age(Duration::MAX).select(&files, now);
        assert!(deleted.is_empty());
    }

    #[test]
    fn a_closure_selects_nothing_itself() {
        let files = [candidate("a", 1, 1, 1)];
        let retention = Retention::from_fn(|paths| assert_eq!(paths.len(), 1));
        assert!(retention.select(&files, at(100)).is_empty());
        let paths: Vec<PathBuf> = files.iter().map(|c| c.path.clone()).collect();
        (retention.custom().unwrap())(&paths);
    }
}
