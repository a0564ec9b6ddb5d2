//! Names of rotated files: `app.log` → `app.2026-03-26_14-30-00_123456.log`, and the exact
//! matcher that says which files in the folder this sink produced (retention touches no other).

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use hlog_template::{ArgRef, Piece, TimeFormat, TimeToken};

use super::primitives::{NAMES_TRIED, is_taken};
use crate::error::ConfigError;
use crate::time::{self, Timestamp, Zone, calendar};

/// loguru's naming: `<root>.<YYYY-MM-DD_HH-MM-SS_ffffff><ext>`.
pub const DEFAULT_NAMING: &str = "{root}.{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}{ext}";

/// What a bare `{time}` in the path renders, as loguru's file sink does (the record format's
/// default carries an offset with a `:`).
const PATH_TIME: &str = "YYYY-MM-DD_HH-mm-ss_SSSSSS";

/// The time pattern of a `{time...}` placeholder in the path: its own, else [`PATH_TIME`].
fn path_time(spec: Option<&str>) -> Result<TimeFormat, String> {
    let spec = spec.filter(|s| !s.is_empty()).unwrap_or(PATH_TIME);
    hlog_template::parse_time(spec).map_err(|e| e.to_string())
}

/// Archive extensions a rotated file may gain from compression.
const ARCHIVES: [&str; 9] =
    [".tar.gz", ".tar.bz2", ".tar.xz", ".gz", ".bz2", ".xz", ".lzma", ".zip", ".tar"];

/// Why a naming pattern with a separator is refused.
const LEAVES_FOLDER: &str = "a rotated file's name cannot hold `/`, `\\` or a NUL byte: rotated \
     files stay in the log file's folder (write the pattern of a file name, such as \
     \"{root}.{time:YYYY-MM-DD}{ext}\")";

/// Whether text of a naming pattern could make a name leave the folder (a `/` or `\\`
/// separator, so also a `..` component or an absolute path) or is not a valid name (NUL).
fn leaves_folder(text: &str) -> bool {
    text.contains(['/', '\\', '\0'])
}

/// One piece of a rotated name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    Text(String),
    /// A fixed-width number: which calendar field, and how many digits.
    Number(Field, usize),
    /// Where the collision counter `.N` goes (right before the extension).
    Counter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Fraction,
}

/// How one file sink names its rotated files, and recognises them.
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    dir: PathBuf,
    elements: Vec<Element>,
    /// For a path with `{time}` in its name (`app_{time:YYYY-MM-DD}.log`): that name's shape,
    /// so files it produced earlier are this sink's too.
    dated: Option<Vec<Element>>,
}

impl Naming {
    /// The naming of rotated copies of `live` (an absolute path) by `pattern`: `{root}` and
    /// `{ext}` are the live file's name split at its last dot (`app` and `.log`; a leading dot
    /// does not split: `.hidden` has no extension), `{time:...}` the file's start time with
    /// fixed-width number tokens (`YYYY MM DD HH mm ss S…`).
    pub(crate) fn new(live: &Path, pattern: &str) -> Result<Naming, String> {
        let name =
            live.file_name().and_then(OsStr::to_str).ok_or_else(|| match live.file_name() {
                None => "the path names no file (it ends in `/` or `..`)".to_owned(),
                Some(_) => "the file name is not valid UTF-8".to_owned(),
            })?;
        let (root, ext) = split_name(name);
        let template = hlog_template::parse(pattern).map_err(joined)?;
        let mut elements = Vec::new();
        let mut has_counter = false;
        for piece in template.pieces {
            match piece {
                Piece::Literal(text) if leaves_folder(&text) => {
                    return Err(LEAVES_FOLDER.to_owned());
                }
                Piece::Literal(text) => elements.push(Element::Text(text)),
                Piece::Style(_) => {
                    return Err("colour markup has no place in a file name".to_owned());
                }
                Piece::Placeholder(p) => match (&p.arg, &p.spec) {
                    (ArgRef::Name(n), None) if n == "root" => {
                        elements.push(Element::Text(root.into()))
                    }
                    (ArgRef::Name(n), None) if n == "ext" => {
                        elements.push(Element::Counter);
                        has_counter = true;
                        elements.push(Element::Text(ext.into()));
                    }
                    (ArgRef::Name(n), Some((spec, _))) if n == "time" => {
                        let time = hlog_template::parse_time(spec).map_err(|e| e.to_string())?;
                        if time
                            .tokens
                            .iter()
                            .any(|t| matches!(t, TimeToken::Literal(text) if leaves_folder(text)))
                        {
                            return Err(LEAVES_FOLDER.to_owned());
                        }
                        time_elements(&time, &mut elements)?;
                    }
                    _ => {
                        return Err("accepted placeholders are {root}, {ext} and \
                             {time:YYYY-MM-DD_HH-mm-ss_SSSSSS}"
                            .to_owned());
                    }
                },
            }
        }
        if !has_counter {
            elements.push(Element::Counter);
        }
        if !elements.iter().any(|e| matches!(e, Element::Number(..))) {
            return Err("it has no {time:...}".to_owned());
        }
        let elements = merge_text(elements);
        let dir = live.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Naming { dir, elements, dated: None })
    }

    /// Also recognise files named by `template` (a file name with `{time:...}`), as a sink
    /// whose path holds a date leaves one file per period.
    pub(crate) fn with_dated(mut self, template: &str) -> Result<Naming, String> {
        if !template.contains('{') {
            return Ok(self);
        }
        let parsed = hlog_template::parse(template).map_err(joined)?;
        let mut elements = Vec::new();
        for piece in parsed.pieces {
            match piece {
                Piece::Literal(text) => elements.push(Element::Text(text)),
                Piece::Placeholder(p) if p.arg == ArgRef::Name("time".into()) => {
                    let time = path_time(p.spec.as_ref().map(|(s, _)| s.as_str()))?;
                    time_elements(&time, &mut elements)?;
                }
                _ => return Err("only {time} can be filled in".to_owned()),
            }
        }
        self.dated = Some(merge_text(elements));
        Ok(self)
    }

    /// The folder rotated files go to (the live file's).
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The name of the rotated copy of a file started at `started`; `counter` ≥ 2 adds `.N`
    /// (used when the name is taken: there is no `.1`).
    pub(crate) fn rotated_path(&self, started: Timestamp, zone: &Zone, counter: u32) -> PathBuf {
        let civil = time::Civil::new(started, zone);
        let mut name = String::new();
        for element in &self.elements {
            match element {
                Element::Text(text) => name.push_str(text),
                Element::Counter if counter >= 2 => {
                    name.push('.');
                    name.push_str(&counter.to_string());
                }
                Element::Counter => {}
                Element::Number(field, width) => {
                    let value = match field {
                        Field::Year => i64::from(civil.year),
                        Field::Month => i64::from(civil.month),
                        Field::Day => i64::from(civil.day),
                        Field::Hour => i64::from(civil.hour),
                        Field::Minute => i64::from(civil.minute),
                        Field::Second => i64::from(civil.second),
                        Field::Fraction => i64::from(civil.nanos / 10u32.pow(9 - *width as u32)),
                    };
                    name.push_str(&format!("{value:0width$}"));
                }
            }
        }
        self.dir.join(name)
    }

    /// Whether `file_name` is one this naming produced (rotated, maybe archived), and then its
    /// start time (read back from the name, as wall-clock time) and counter.
    pub(crate) fn parse(&self, file_name: &OsStr) -> Option<(Timestamp, u32)> {
        let name = file_name.to_str()?;
        Self::parse_with(&self.elements, name)
            .or_else(|| self.dated.as_ref().and_then(|dated| Self::parse_with(dated, name)))
    }

    fn parse_with(elements: &[Element], name: &str) -> Option<(Timestamp, u32)> {
        let mut rest = name;
        let mut fields = [1970i64, 1, 1, 0, 0, 0, 0];
        let mut counter = 1;
        for (index, element) in elements.iter().enumerate() {
            match element {
                Element::Text(text) => rest = rest.strip_prefix(text.as_str())?,
                Element::Number(field, width) => {
                    let digits = rest.get(..*width)?;
                    if !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let mut value: i64 = digits.parse().ok()?;
                    if *field == Field::Fraction {
                        value *= 10i64.pow(9 - *width as u32);
                    }
                    fields[*field as usize] = value;
                    rest = &rest[*width..];
                }
                Element::Counter => {
                    if let Some(after) = rest.strip_prefix('.') {
                        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                        if digits > 0 && !after.starts_with('0') {
                            let n: u32 = after[..digits].parse().ok()?;
                            // `.N` only when a text element follows that still matches.
                            if n >= 2 && rest_matches(elements.get(index + 1), &after[digits..]) {
                                counter = n;
                                rest = &after[digits..];
                            }
                        }
                    }
                }
            }
        }
        if !(rest.is_empty() || ARCHIVES.contains(&rest) || is_numbered_archive(rest)) {
            return None;
        }
        let started = calendar::utc_timestamp(fields)?;
        Some((started, counter))
    }
}

/// The names of one sink's files: the live file's (the configured path, a `{time}` in it filled
/// in when a file is opened) and the rotated files'.
pub(crate) struct Names {
    /// The path as configured (may hold `{time}`).
    template: PathBuf,
    /// The path holds `{time}` (in the file name or a folder): each file's name comes from the
    /// time it is opened.
    pub(crate) dated: bool,
    /// The naming pattern of rotated files, for a dated path: each file's root and folder are
    /// its own.
    pattern: String,
    pub(crate) rotated: Naming,
    /// The zone of `{time}` and of the times in rotated names.
    pub(crate) zone: Zone,
}

impl Names {
    /// The names of a sink writing `path` that names rotated files by `pattern`, and the path
    /// of its file at `now`.
    pub(crate) fn new(
        path: &Path,
        pattern: &str,
        zone: Zone,
        now: Timestamp,
    ) -> Result<(Names, PathBuf), ConfigError> {
        let invalid = |pattern: &str| {
            let pattern = pattern.to_owned();
            move |reason| ConfigError::FileName { pattern, reason }
        };
        let live = fill_time(path, now, &zone).map_err(invalid(&path.display().to_string()))?;
        let dated_name = path.file_name().and_then(OsStr::to_str).filter(|n| n.contains('{'));
        let rotated = Naming::new(&live, pattern)
            .map_err(invalid(pattern))?
            .with_dated(dated_name.unwrap_or(""))
            .map_err(invalid(dated_name.unwrap_or_default()))?;
        let dated = path.to_str().is_some_and(|p| p.contains('{'));
        let pattern = pattern.to_owned();
        let names = Names { template: path.to_path_buf(), dated, pattern, rotated, zone };
        Ok((names, live))
    }

    /// The path of a file opened at `now`.
    pub(crate) fn live_path(&self, now: Timestamp) -> io::Result<PathBuf> {
        fill_time(&self.template, now, &self.zone).map_err(io::Error::other)
    }

    /// How the rotated copies of the file at `live` are named: for a dated path, after that
    /// file's own name and in its own folder, not those of the first file.
    fn naming_for(&self, live: &Path) -> Naming {
        let own = self.dated.then(|| Naming::new(live, &self.pattern).ok()).flatten();
        own.unwrap_or_else(|| self.rotated.clone())
    }

    /// The names the file at `live`, started at `started`, may be rotated to, in order, from
    /// the counter `first` on (`<name>` for 1, then `<name>.2`, …), each with its counter;
    /// with `archive`, a name whose archive `<name>.<archive>` is taken is left out, so
    /// archives never need a name of their own.
    pub(crate) fn rotated_paths_from(
        &self,
        live: &Path,
        started: Timestamp,
        archive: Option<&str>,
        first: u32,
    ) -> impl Iterator<Item = PathBuf> {
        let naming = self.naming_for(live);
        (first..=first.saturating_add(NAMES_TRIED - 1))
            .map(move |counter| naming.rotated_path(started, &self.zone, counter))
            .filter(move |name| {
                archive.is_none_or(|ext| {
                    let mut archived = name.clone().into_os_string();
                    archived.push(".");
                    archived.push(ext);
                    !is_taken(Path::new(&archived))
                })
            })
    }

    /// The counter of `rotated`, a name [`rotated_paths_from`](Self::rotated_paths_from) gave
    /// for the file at `live` (1 when it has none).
    pub(crate) fn counter_of(&self, live: &Path, rotated: &Path) -> u32 {
        let parsed = rotated.file_name().and_then(|name| self.naming_for(live).parse(name));
        parsed.map_or(1, |(_, counter)| counter)
    }

    /// The first counter after every name in the folder, rotated or archived, that a file at
    /// `live` started at `started` would have (by whichever sink or process made it): 1 when
    /// there is none. A rotated name never takes a counter that an older file of the same
    /// instant had and that retention freed since: it would sort as older than that file.
    pub(crate) fn next_counter(&self, live: &Path, started: Timestamp) -> u32 {
        let naming = self.naming_for(live);
        // The instant as the name holds it (its precision, wall-clock time).
        let first = naming.rotated_path(started, &self.zone, 1);
        let Some((instant, _)) = first.file_name().and_then(|name| naming.parse(name)) else {
            return 1;
        };
        let Ok(entries) = fs::read_dir(naming.dir()) else { return 1 };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| naming.parse(&entry.file_name()))
            .filter(|(started, _)| *started == instant)
            .map(|(_, counter)| counter.saturating_add(1))
            .max()
            .unwrap_or(1)
    }
}

/// Fill the `{time}` / `{time:...}` placeholders in the path's components (folders and file
/// name), if any.
fn fill_time(template: &Path, now: Timestamp, zone: &Zone) -> Result<PathBuf, String> {
    if !template.to_str().is_some_and(|p| p.contains('{')) {
        return Ok(template.to_path_buf());
    }
    let mut path = PathBuf::new();
    for component in template.components() {
        match component.as_os_str().to_str() {
            Some(text) if text.contains('{') => path.push(fill_component(text, now, zone)?),
            _ => path.push(component),
        }
    }
    Ok(path)
}

/// One component of the path with its `{time}` placeholders filled in.
fn fill_component(text: &str, now: Timestamp, zone: &Zone) -> Result<String, String> {
    let parsed = hlog_template::parse(text).map_err(joined)?;
    let mut out = Vec::new();
    for piece in parsed.pieces {
        match piece {
            Piece::Literal(text) => out.extend_from_slice(text.as_bytes()),
            Piece::Placeholder(p) if p.arg == ArgRef::Name("time".into()) => {
                let time = path_time(p.spec.as_ref().map(|(s, _)| s.as_str()))?;
                time::render(&mut out, &time, now, zone);
            }
            _ => return Err("only {time} can be filled in".to_owned()),
        }
    }
    let filled = String::from_utf8_lossy(&out).into_owned();
    if leaves_folder(&filled) || filled == ".." || filled == "." || filled.is_empty() {
        return Err(format!("`{text}` filled in is `{filled}`, not a name"));
    }
    Ok(filled)
}

/// A parser's errors as one reason.
fn joined<E: ToString>(errors: Vec<E>) -> String {
    let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
    problems.join("; ")
}

/// Whether what follows the counter in the pattern matches the start of `rest`.
fn rest_matches(next: Option<&Element>, rest: &str) -> bool {
    match next {
        Some(Element::Text(text)) => rest.starts_with(text.as_str()),
        _ => rest.is_empty() || ARCHIVES.contains(&rest),
    }
}

/// `.2.gz`: the name compression falls back to when `<file>.gz` is taken.
fn is_numbered_archive(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('.') else { return false };
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && !after.starts_with('0') && ARCHIVES.contains(&&after[digits..])
}

/// `app.log` → (`app`, `.log`); `app` → (`app`, ``); `app.log.txt` → (`app.log`, `.txt`);
/// `.hidden` → (`.hidden`, ``).
pub(crate) fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(0) | None => (name, ""),
        Some(dot) => name.split_at(dot),
    }
}

fn time_elements(time: &TimeFormat, elements: &mut Vec<Element>) -> Result<(), String> {
    for token in time.tokens.iter() {
        let element = match token {
            TimeToken::Literal(text) => Element::Text(text.to_string()),
            TimeToken::Year => Element::Number(Field::Year, 4),
            TimeToken::Month2 => Element::Number(Field::Month, 2),
            TimeToken::Day2 => Element::Number(Field::Day, 2),
            TimeToken::Hour2 => Element::Number(Field::Hour, 2),
            TimeToken::Minute2 => Element::Number(Field::Minute, 2),
            TimeToken::Second2 => Element::Number(Field::Second, 2),
            TimeToken::Fraction(n) => Element::Number(Field::Fraction, usize::from(*n)),
            other => {
                return Err(format!(
                    "`{other:?}` is not a fixed-width number; use YYYY MM DD HH mm ss and S…"
                ));
            }
        };
        elements.push(element);
    }
    Ok(())
}

fn merge_text(elements: Vec<Element>) -> Vec<Element> {
    let mut merged: Vec<Element> = Vec::with_capacity(elements.len());
    for element in elements {
        match (merged.last_mut(), element) {
            (Some(Element::Text(last)), Element::Text(text)) => last.push_str(&text),
            (_, Element::Text(text)) if text.is_empty() => {}
            (_, element) => merged.push(element),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naming(live: &str) -> Naming {
        Naming::new(Path::new(live), DEFAULT_NAMING).unwrap()
    }

    /// 2026-03-26 14:30:00.123456 UTC
    const STARTED: Timestamp = Timestamp::from_unix(1_774_535_400, 123_456_789);

    /// `{time}` anywhere in the path: a bare one is loguru's file-name default; a folder's is
    /// filled in too; a filled-in component that is no name is refused.
    #[test]
    fn time_placeholders_fill_every_component() {
        let table = [
            ("/l/app_{time}.log", Ok("/l/app_2026-03-26_14-30-00_123456.log")),
            ("/l/app_{time:YYYY-MM-DD}.log", Ok("/l/app_2026-03-26.log")),
            ("/l/{time:YYYY}/{time:MM}/app.log", Ok("/l/2026/03/app.log")),
            ("/l/{time:YYYY}-x/app_{time:HH}.log", Ok("/l/2026-x/app_14.log")),
            ("/l/app.log", Ok("/l/app.log")),
            ("/l/{time:..}/app.log", Err(())),
            ("/l/{time:[..]}/app.log", Ok("/l/[..]/app.log")), // `[...]` escapes a token only
            ("/l/{user}/app.log", Err(())),
        ];
        for (template, expected) in table {
            let filled = fill_time(Path::new(template), STARTED, &Zone::utc());
            assert_eq!(filled.as_deref().map_err(|_| ()), expected.map(Path::new), "{template}");
        }
    }

    #[test]
    fn rotated_names_follow_loguru() {
        let table = [
            ("/logs/app.log", 1, "/logs/app.2026-03-26_14-30-00_123456.log"),
            ("/logs/app", 1, "/logs/app.2026-03-26_14-30-00_123456"),
            ("/logs/app.log.txt", 1, "/logs/app.log.2026-03-26_14-30-00_123456.txt"),
            ("/logs/.hidden", 1, "/logs/.hidden.2026-03-26_14-30-00_123456"),
            ("/logs/app.log", 2, "/logs/app.2026-03-26_14-30-00_123456.2.log"),
            ("/logs/app.log", 13, "/logs/app.2026-03-26_14-30-00_123456.13.log"),
        ];
        for (live, counter, expected) in table {
            let path = naming(live).rotated_path(STARTED, &Zone::utc(), counter);
            assert_eq!(path, Path::new(expected), "{live} #{counter}");
        }
    }

    #[test]
    fn the_matcher_accepts_exactly_this_sinks_files() {
        let n = naming("/logs/app.log");
        let started = Timestamp::from_unix(1_774_535_400, 123_456_000);
        let table: &[(&str, Option<(Timestamp, u32)>)] = &[
            ("app.2026-03-26_14-30-00_123456.log", Some((started, 1))),
            ("app.2026-03-26_14-30-00_123456.2.log", Some((started, 2))),
            ("app.2026-03-26_14-30-00_123456.log.gz", Some((started, 1))),
            ("app.2026-03-26_14-30-00_123456.3.log.tar.gz", Some((started, 3))),
            ("app.2026-03-26_14-30-00_123456.log.zip", Some((started, 1))),
            ("app.2026-03-26_14-30-00_123456.log.2.gz", Some((started, 1))),
            ("app.2026-03-26_14-30-00_123456.log.0.gz", None),
            ("app.log", None),
            ("app.notes.log", None),
            ("app.error.log", None),
            ("app.log.bak", None),
            ("app.2026-03-26_14-30-00_123456.log.bak", None),
            ("app.2026-03-26_14-30-00_12345.log", None),
            ("app.2026-13-26_14-30-00_123456.log", None),
            ("app.2026-03-26_14-30-00_123456.1.log", None),
            ("app.2026-03-26_14-30-00_123456.02.log", None),
            ("xapp.2026-03-26_14-30-00_123456.log", None),
            ("app.py", None),
        ];
        for (name, expected) in table {
            assert_eq!(n.parse(OsStr::new(name)), *expected, "{name}");
        }
    }

    #[test]
    fn custom_patterns() {
        let n = Naming::new(Path::new("/l/app.log"), "{root}-{time:YYYYMMDD}{ext}").unwrap();
        let path = n.rotated_path(STARTED, &Zone::utc(), 1);
        assert_eq!(path, Path::new("/l/app-20260326.log"));
        assert_eq!(n.rotated_path(STARTED, &Zone::utc(), 2), Path::new("/l/app-20260326.2.log"));
        assert!(n.parse(OsStr::new("app-20260326.log")).is_some());
        assert!(n.parse(OsStr::new("app-20260326.2.log.gz")).is_some());
        assert!(n.parse(OsStr::new("app-2026032.log")).is_none());
        for bad in
            ["{root}{ext}", "{root}.{time:MMMM}{ext}", "{user}.{time:YYYY}", "<red>{time:YYYY}"]
        {
            assert!(Naming::new(Path::new("/l/app.log"), bad).is_err(), "{bad}");
        }
        // Nothing leaves the folder: no separator in the pattern's text or time pattern.
        for bad in [
            "../{root}.{time:YYYY}{ext}",
            "{root}/../../x.{time:YYYY}{ext}",
            "/tmp/{root}.{time:YYYY}{ext}",
            "..\\{root}.{time:YYYY}{ext}",
            "{root}.{time:YYYY/MM}{ext}",
            "{root}.{time:YYYY[/..]}{ext}",
            "{root}\0.{time:YYYY}{ext}",
        ] {
            assert_eq!(Naming::new(Path::new("/l/app.log"), bad).unwrap_err(), LEAVES_FOLDER);
        }
        // `..` inside a name is no component.
        let n = Naming::new(Path::new("/l/app.log"), "{root}..{time:YYYY}{ext}").unwrap();
        assert_eq!(n.rotated_path(STARTED, &Zone::utc(), 1), Path::new("/l/app..2026.log"));
    }
}
