//! Names of rotated files: `app.log` → `app.2026-03-26_14-30-00_123456.log`, and the exact
//! matcher that says which files this sink produced, in its folder and in the folders of its
//! `{time}` folders (retention touches no other).

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use hlog_template::{ArgRef, Piece, TimeFormat, TimeToken};

use super::primitives::{NAMES_TRIED, is_taken};
use super::retention::{Rank, SinkFiles};
use crate::error::ConfigError;
use crate::time::{self, Timestamp, Zone, calendar};

/// loguru's naming: `<root>.<YYYY-MM-DD_HH-MM-SS_ffffff><ext>`.
///
/// # Examples
///
/// ```
/// use hlog::sink::FileSink;
/// use hlog::sink::file::DEFAULT_NAMING;
///
/// assert_eq!(DEFAULT_NAMING, "{root}.{time:YYYY-MM-DD_HH-mm-ss_SSSSSS}{ext}"); // app.2026-03-26_14-30-00_123456.log
/// let sink = FileSink::new("app.log").naming(DEFAULT_NAMING.replace("_SSSSSS", ""));
/// # drop(sink);
/// ```
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
    /// A fixed-width number: which calendar field, how many digits, and which time it is part
    /// of.
    Number(Field, usize, Slot),
    /// Where a counter `.N` may go: a rotated name's collision counter (right before the
    /// extension), or the `.N` a live name took when something else held it.
    Counter(Slot),
}

/// Which time (and counter) of a name an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The `{time}` of the path (folders, file name) and the live name's `.N`.
    Path = 0,
    /// The start time in a rotated name, and its collision counter.
    Start = 1,
}

/// What a name says when read back: the fields of each [`Slot`]'s time (`None`: not in the
/// name) and its counter (1 without).
#[derive(Debug, Clone, Copy)]
struct Parsed {
    fields: [[Option<i64>; 7]; 2],
    counters: [u32; 2],
}

impl Default for Parsed {
    fn default() -> Parsed {
        Parsed { fields: [[None; 7]; 2], counters: [1; 2] }
    }
}

impl Parsed {
    /// The time of `slot`, as wall-clock time (the fields not in the name are those of the
    /// epoch); `None` if the fields are no date.
    fn time(&self, slot: Slot) -> Option<Timestamp> {
        let defaults = [1970, 1, 1, 0, 0, 0, 0];
        let fields = self.fields[slot as usize];
        calendar::utc_timestamp(std::array::from_fn(|i| fields[i].unwrap_or(defaults[i])))
    }
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

/// How one file sink names the rotated copies of one live file, and recognises them.
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    dir: PathBuf,
    elements: Vec<Element>,
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
        let elements = rotated_elements(pattern, vec![Element::Text(root.into())], ext)?;
        let dir = live.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Naming { dir, elements })
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
                Element::Counter(_) if counter >= 2 => {
                    name.push('.');
                    name.push_str(&counter.to_string());
                }
                Element::Counter(_) => {}
                Element::Number(field, width, _) => {
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
        let parsed = parse_name(&self.elements, file_name.to_str()?, Parsed::default(), true)?;
        Some((parsed.time(Slot::Start)?, parsed.counters[Slot::Start as usize]))
    }
}

/// Read `name` by `elements` into `parsed`: the whole name, or (with `archives`) the name with
/// an archive extension after it. A counter `.N` (N ≥ 2, no leading zero) is taken where the
/// rest still reads, else left out (`app.2026.log` by `{root}.{time:YYYY}{ext}`, whose root
/// may take a `.N`, has no counter).
fn parse_name(
    elements: &[Element],
    name: &str,
    mut parsed: Parsed,
    archives: bool,
) -> Option<Parsed> {
    let Some((element, others)) = elements.split_first() else {
        let archived = archives && (ARCHIVES.contains(&name) || is_numbered_archive(name));
        return (name.is_empty() || archived).then_some(parsed);
    };
    match element {
        Element::Text(text) => {
            parse_name(others, name.strip_prefix(text.as_str())?, parsed, archives)
        }
        Element::Number(field, width, slot) => {
            let digits = name.get(..*width)?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let mut value: i64 = digits.parse().ok()?;
            if *field == Field::Fraction {
                value *= 10i64.pow(9 - *width as u32);
            }
            parsed.fields[*slot as usize][*field as usize] = Some(value);
            parse_name(others, &name[*width..], parsed, archives)
        }
        Element::Counter(slot) => {
            let counted = name.strip_prefix('.').and_then(|after| {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || after.starts_with('0') {
                    return None;
                }
                let n: u32 = after[..digits].parse().ok().filter(|&n| n >= 2)?;
                let mut with = parsed;
                with.counters[*slot as usize] = n;
                parse_name(others, &after[digits..], with, archives)
            });
            counted.or_else(|| parse_name(others, name, parsed, archives))
        }
    }
}

/// The elements of rotated names by `pattern`: `{root}` is `root`, `{ext}` the collision
/// counter and `ext`, `{time:...}` the start time.
fn rotated_elements(pattern: &str, root: Vec<Element>, ext: &str) -> Result<Vec<Element>, String> {
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
                (ArgRef::Name(n), None) if n == "root" => elements.extend(root.iter().cloned()),
                (ArgRef::Name(n), None) if n == "ext" => {
                    elements.push(Element::Counter(Slot::Start));
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
                    time_elements(&time, Slot::Start, &mut elements)?;
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
        elements.push(Element::Counter(Slot::Start));
    }
    if !elements.iter().any(|e| matches!(e, Element::Number(_, _, Slot::Start))) {
        return Err("it has no {time:...}".to_owned());
    }
    Ok(merge_text(elements))
}

/// The elements of one component of the path as configured (`{time:YYYY-MM-DD}`,
/// `app_{time}`): its text, and its `{time}` placeholders as the path's time.
fn path_elements(text: &str) -> Result<Vec<Element>, String> {
    let parsed = hlog_template::parse(text).map_err(joined)?;
    let mut elements = Vec::new();
    for piece in parsed.pieces {
        match piece {
            Piece::Literal(text) => elements.push(Element::Text(text)),
            Piece::Placeholder(p) if p.arg == ArgRef::Name("time".into()) => {
                let time = path_time(p.spec.as_ref().map(|(s, _)| s.as_str()))?;
                time_elements(&time, Slot::Path, &mut elements)?;
            }
            _ => return Err("only {time} can be filled in".to_owned()),
        }
    }
    Ok(merge_text(elements))
}

/// A folder between a sink's base folder and its files.
#[derive(Debug)]
enum Folder {
    /// A fixed name.
    Named(std::ffi::OsString),
    /// A name with `{time}`: one folder per period.
    Dated(Vec<Element>),
}

/// Every file one sink's names produce: below its base folder (the path up to its first
/// `{time}` folder, else the live file's folder), in the folders its `{time}` folders were
/// filled in to, the rotated files (of every live name) and, for a path with `{time}`, the
/// files that were live in earlier periods (`app_2026-03-25.log`,
/// `2026-03-25/app.log`), their `.N` fallback names (`app_2026-03-25.2.log`) included.
#[derive(Debug)]
pub(crate) struct Files {
    base: PathBuf,
    folders: Vec<Folder>,
    /// The names of the files that were live, for a path with `{time}`.
    live: Option<Vec<Element>>,
    /// The names of rotated files.
    rotated: Vec<Element>,
}

impl Files {
    /// The files of a sink writing `template` (absolute, maybe with `{time}`) that names
    /// rotated files by `pattern`.
    fn new(template: &Path, pattern: &str) -> Result<Files, String> {
        let mut components: Vec<Component<'_>> = template.components().collect();
        let name = match components.pop() {
            Some(Component::Normal(name)) => {
                name.to_str().ok_or("the file name is not valid UTF-8")?
            }
            _ => return Err("the path names no file (it ends in `/` or `..`)".to_owned()),
        };
        let is_dated = |c: &Component<'_>| c.as_os_str().to_str().is_some_and(|t| t.contains('{'));
        let first_dated = components.iter().position(is_dated).unwrap_or(components.len());
        let base: PathBuf = components[..first_dated].iter().collect();
        let mut folders = Vec::new();
        for component in &components[first_dated..] {
            folders.push(match component.as_os_str().to_str() {
                Some(text) if text.contains('{') => Folder::Dated(path_elements(text)?),
                _ => Folder::Named(component.as_os_str().to_os_string()),
            });
        }
        let (root, ext) = split_template(name);
        // A name without `{time}` is taken as it is (`<`, `\\` are no markup in a file name).
        let mut root = if name.contains('{') {
            path_elements(root)?
        } else {
            vec![Element::Text(root.into())]
        };
        let dated = !folders.is_empty() || name.contains('{');
        if dated {
            // A live name may have taken a `.N` (something else held it), and so its rotated
            // names. (Without `{time}`, rotated names keep the first live name's root.)
            root.push(Element::Counter(Slot::Path));
        }
        let rotated = rotated_elements(pattern, root.clone(), ext)?;
        let live = dated.then(|| {
            root.push(Element::Text(ext.to_owned()));
            merge_text(root)
        });
        Ok(Files { base, folders, live, rotated })
    }

    /// The folders below the base that the sink's folders were filled in to, with what their
    /// names say.
    fn folders(&self) -> io::Result<Vec<(PathBuf, Parsed)>> {
        let mut found = vec![(self.base.clone(), Parsed::default())];
        for (depth, folder) in self.folders.iter().enumerate() {
            let mut next = Vec::new();
            for (dir, parsed) in found {
                match folder {
                    Folder::Named(name) => next.push((dir.join(name), parsed)),
                    Folder::Dated(elements) => {
                        let entries = match fs::read_dir(&dir) {
                            Ok(entries) => entries,
                            Err(error) if depth == 0 => return Err(error),
                            Err(_) => continue,
                        };
                        for entry in entries.filter_map(Result::ok) {
                            let name = entry.file_name();
                            let Some(name) = name.to_str() else { continue };
                            let Some(parsed) = parse_name(elements, name, parsed, false) else {
                                continue;
                            };
                            // Not followed: a symlink is never one of the sink's folders.
                            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                                next.push((entry.path(), parsed));
                            }
                        }
                    }
                }
            }
            found = next;
        }
        Ok(found)
    }

    /// The rank of a file named `name` in a folder whose names said `parsed`.
    fn rank_of(&self, name: &OsStr, parsed: Parsed) -> Option<Rank> {
        let name = name.to_str()?;
        let rank = |parsed: Parsed, was_live: bool| {
            let started =
                if was_live { Timestamp::from_unix(0, 0) } else { parsed.time(Slot::Start)? };
            Some(Rank {
                period: parsed.time(Slot::Path)?,
                live_counter: parsed.counters[Slot::Path as usize],
                was_live,
                started,
                counter: parsed.counters[Slot::Start as usize],
            })
        };
        if let Some(parsed) = parse_name(&self.rotated, name, parsed, true) {
            return rank(parsed, false);
        }
        let live = self.live.as_ref()?;
        parse_name(live, name, parsed, true).and_then(|parsed| rank(parsed, true))
    }
}

impl SinkFiles for Files {
    fn base(&self) -> &Path {
        &self.base
    }

    fn list(&self) -> io::Result<Vec<(PathBuf, Rank)>> {
        let mut files = Vec::new();
        for (dir, parsed) in self.folders()? {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                // The base folder's error is the error; a folder below it is skipped.
                Err(error) if self.folders.is_empty() => return Err(error),
                Err(_) => continue,
            };
            for entry in entries.filter_map(Result::ok) {
                if let Some(rank) = self.rank_of(&entry.file_name(), parsed) {
                    files.push((entry.path(), rank));
                }
            }
        }
        Ok(files)
    }

    fn rank(&self, path: &Path) -> Option<Rank> {
        let relative = path.strip_prefix(&self.base).ok()?;
        let mut components: Vec<&OsStr> = relative.iter().collect();
        let name = components.pop()?;
        if components.len() != self.folders.len() {
            return None;
        }
        let mut parsed = Parsed::default();
        for (folder, component) in self.folders.iter().zip(components) {
            match folder {
                Folder::Named(name) if name == component => {}
                Folder::Named(_) => return None,
                Folder::Dated(elements) => {
                    parsed = parse_name(elements, component.to_str()?, parsed, false)?;
                }
            }
        }
        self.rank_of(name, parsed)
    }
}

/// A file name as configured split as [`split_name`] splits a name, at its last dot outside
/// `{...}`: `app_{time:YYYY.MM}.log` → (`app_{time:YYYY.MM}`, `.log`).
fn split_template(name: &str) -> (&str, &str) {
    let mut depth = 0usize;
    let mut last_dot = None;
    for (i, c) in name.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => last_dot = Some(i),
            _ => {}
        }
    }
    match last_dot {
        Some(0) | None => (name, ""),
        Some(dot) => name.split_at(dot),
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
    /// Every file the sink's names produce, for retention.
    pub(crate) files: Arc<Files>,
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
        let rotated = Naming::new(&live, pattern).map_err(invalid(pattern))?;
        let files = Files::new(path, pattern).map_err(invalid(&path.display().to_string()))?;
        let dated = path.to_str().is_some_and(|p| p.contains('{'));
        let pattern = pattern.to_owned();
        let files = Arc::new(files);
        let names = Names { template: path.to_path_buf(), dated, pattern, rotated, files, zone };
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

fn time_elements(time: &TimeFormat, slot: Slot, elements: &mut Vec<Element>) -> Result<(), String> {
    for token in time.tokens.iter() {
        let element = match token {
            TimeToken::Literal(text) => Element::Text(text.to_string()),
            TimeToken::Year => Element::Number(Field::Year, 4, slot),
            TimeToken::Month2 => Element::Number(Field::Month, 2, slot),
            TimeToken::Day2 => Element::Number(Field::Day, 2, slot),
            TimeToken::Hour2 => Element::Number(Field::Hour, 2, slot),
            TimeToken::Minute2 => Element::Number(Field::Minute, 2, slot),
            TimeToken::Second2 => Element::Number(Field::Second, 2, slot),
            TimeToken::Fraction(n) => Element::Number(Field::Fraction, usize::from(*n), slot),
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

    /// Which paths are a dated sink's files, and how they rank: by the path's time, then the
    /// live name's `.N`, then rotated files before the file that was live, by start and
    /// counter.
    #[test]
    fn a_dated_sinks_files_rank_by_folder_name_and_start() {
        let files =
            Files::new(Path::new("/l/{time:YYYY}/app_{time:MM-DD}.log"), DEFAULT_NAMING).unwrap();
        assert_eq!(files.base(), Path::new("/l"));
        let rank = |path: &str| files.rank(Path::new(path));
        let at = |secs| Timestamp::from_unix(secs, 0);
        let day = |d: i64| at(1_774_483_200 + (d - 26) * 86_400); // 2026-03-<d> 00:00 UTC
        let ten = at(1_774_519_200); // 2026-03-26 10:00 UTC
        type Expected = Option<(Timestamp, u32, bool, Timestamp, u32)>;
        let table: &[(&str, Expected)] = &[
            ("/l/2026/app_03-26.log", Some((day(26), 1, true, at(0), 1))),
            ("/l/2026/app_03-26.2.log", Some((day(26), 2, true, at(0), 1))),
            ("/l/2026/app_03-26.2026-03-26_10-00-00_000000.log", Some((day(26), 1, false, ten, 1))),
            (
                "/l/2026/app_03-26.2.2026-03-26_10-00-00_000000.3.log.gz",
                Some((day(26), 2, false, ten, 3)),
            ),
            ("/l/2026/app_03-27.log.gz", Some((day(27), 1, true, at(0), 1))),
            ("/l/2026/app_03-26.log.bak", None),
            ("/l/2026/app_03-26.1.log", None),
            ("/l/x/app_03-26.log", None),
            ("/l/2026/other.log", None),
            ("/l/app_03-26.log", None),
            ("/m/2026/app_03-26.log", None),
        ];
        for (path, expected) in table {
            let got =
                rank(path).map(|r| (r.period, r.live_counter, r.was_live, r.started, r.counter));
            assert_eq!(got, *expected, "{path}");
        }
        let order = [
            "/l/2026/app_03-26.2026-03-26_10-00-00_000000.log",
            "/l/2026/app_03-26.log",
            "/l/2026/app_03-26.2.2026-03-26_10-00-00_000000.3.log.gz",
            "/l/2026/app_03-26.2.log",
            "/l/2026/app_03-27.log.gz",
        ];
        for pair in order.windows(2) {
            assert!(rank(pair[0]) < rank(pair[1]), "{} before {}", pair[0], pair[1]);
        }
        // A name without `{time}` is no template, whatever it holds.
        let odd = Files::new(Path::new("/l/a<b>\\c.log"), DEFAULT_NAMING).unwrap();
        assert!(odd.rank(Path::new("/l/a<b>\\c.2026-03-26_10-00-00_000000.log")).is_some());
        // Without `{time}`, neither a live name nor a `.N` root is the sink's.
        let plain = Files::new(Path::new("/l/app.log"), DEFAULT_NAMING).unwrap();
        assert!(plain.rank(Path::new("/l/app.log")).is_none());
        assert!(plain.rank(Path::new("/l/app.2.2026-03-26_10-00-00_000000.log")).is_none());
        assert!(plain.rank(Path::new("/l/app.2026-03-26_10-00-00_000000.2.log")).is_some());
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
