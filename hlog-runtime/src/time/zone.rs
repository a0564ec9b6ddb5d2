//! Time zones: UTC, fixed offsets and tz database zones (TZif files or POSIX TZ strings),
//! read with `tz-rs` so the local zone never depends on libc's non-thread-safe `localtime`.

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The largest offset (in seconds, either sign) the `time` crate accepts: 25:59:59.
pub(crate) const MAX_OFFSET: i32 = 26 * 3600 - 1;

/// Directories searched for zone names, after `$TZDIR`.
const ZONEINFO_DIRS: &[&str] = &["/usr/share/zoneinfo", "/share/zoneinfo", "/etc/zoneinfo"];

/// Capacity of an inline abbreviation: tz designations have at most 7 bytes (tz-rs), and a fixed
/// offset's name (`UTC+01:00:30`) at most 12.
const ABBR_CAP: usize = 15;

/// A short string stored inline (no heap): a zone abbreviation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Abbr {
    len: u8,
    bytes: [u8; ABBR_CAP],
}

impl Abbr {
    pub(crate) const EMPTY: Abbr = Abbr { len: 0, bytes: [0; ABBR_CAP] };

    /// Copies `s`, cut to [`ABBR_CAP`] bytes at a character boundary.
    pub(crate) fn new(s: &str) -> Abbr {
        let mut end = s.len().min(ABBR_CAP);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; ABBR_CAP];
        bytes[..end].copy_from_slice(&s.as_bytes()[..end]);
        Abbr { len: end as u8, bytes }
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl fmt::Debug for Abbr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt(f)
    }
}

/// A time zone: how far local time is from UTC at any instant, and what it is called then.
///
/// Build one with [`Zone::utc`], [`Zone::fixed`], [`Zone::from_posix_tz`], [`Zone::named`],
/// [`Zone::from_tzif`] or [`Zone::from_tz_var`], or use the process's [`Zone::local`].
/// [`Zone::offset_at`] follows daylight-saving transitions.
///
/// # Examples
///
/// ```
/// use hlog::time::Zone;
///
/// let paris = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
/// assert_eq!(paris.offset_at(1_767_225_600), (3600, "CET")); // 2026-01-01
/// assert_eq!(paris.offset_at(1_782_864_000), (7200, "CEST")); // 2026-07-01
/// ```
#[derive(Clone)]
pub struct Zone {
    /// Identity for the render cache: equal ids mean equal zones.
    id: u64,
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Utc,
    Fixed { offset: i32, abbr: Abbr },
    Tz { tz: Box<tz::TimeZone>, source: Box<str> },
}

/// Why a [`Zone`] could not be built: an unreadable or invalid zone file, an unknown name, or
/// a malformed POSIX TZ string.
///
/// # Examples
///
/// ```
/// use hlog::time::Zone;
///
/// let err = Zone::from_posix_tz("not a zone").unwrap_err();
/// assert!(err.to_string().contains("not a zone"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneError {
    message: String,
}

impl ZoneError {
    fn new(message: String) -> ZoneError {
        ZoneError { message }
    }
}

impl fmt::Display for ZoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ZoneError {}

/// Ids of tz zones: above every fixed-offset id.
static NEXT_TZ_ID: AtomicU64 = AtomicU64::new(1 << 33);

impl Zone {
    /// Coordinated Universal Time: offset 0, abbreviation `UTC`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// assert_eq!(Zone::utc().offset_at(0), (0, "UTC"));
    /// ```
    pub const fn utc() -> Zone {
        Zone { id: 0, kind: Kind::Utc }
    }

    /// A zone always `offset_secs` seconds east of UTC (negative: west), named like Python's
    /// `datetime.timezone` names it: `UTC+01:00`, `UTC-05:30` (`UTC` for 0). The offset is
    /// clamped to ±25:59:59.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// assert_eq!(Zone::fixed(-19_800).offset_at(0), (-19_800, "UTC-05:30"));
    /// assert_eq!(Zone::fixed(0).offset_at(0), (0, "UTC"));
    /// ```
    pub fn fixed(offset_secs: i32) -> Zone {
        let offset = offset_secs.clamp(-MAX_OFFSET, MAX_OFFSET);
        if offset == 0 {
            return Zone::utc();
        }
        let sign = if offset < 0 { '-' } else { '+' };
        let a = offset.unsigned_abs();
        let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
        let name = if s == 0 {
            format!("UTC{sign}{h:02}:{m:02}")
        } else {
            format!("UTC{sign}{h:02}:{m:02}:{s:02}")
        };
        let abbr = Abbr::new(&name);
        Zone { id: (1 << 32) | u64::from(offset as u32), kind: Kind::Fixed { offset, abbr } }
    }

    /// A zone from a POSIX TZ rule string such as `CET-1CEST,M3.5.0,M10.5.0/3`,
    /// `EST5EDT,M3.2.0,M11.1.0` or `IST-5:30`. No file is read (zone names are
    /// [`Zone::named`]). POSIX offsets are west of UTC: `EST5` is UTC−5.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// let ny = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
    /// assert_eq!(ny.offset_at(1_767_225_600), (-18_000, "EST"));
    /// assert!(Zone::from_posix_tz("Europe/Paris").is_err());
    /// ```
    pub fn from_posix_tz(tz_string: &str) -> Result<Zone, ZoneError> {
        // Settings with no directories and a reader that always fails: tz-rs then goes
        // straight to parsing the rule.
        let settings = tz::TimeZoneSettings::new(&[], |_| Err("no files are read here".into()));
        let tz = settings
            .parse_posix_tz(tz_string)
            .map_err(|e| ZoneError::new(format!("invalid POSIX TZ string `{tz_string}`: {e}")))?;
        Ok(Zone::from_tz(tz, tz_string))
    }

    /// A zone of the tz database by name (`Europe/Paris`, `America/New_York`, `UTC`), read
    /// from `$TZDIR` if set, else `/usr/share/zoneinfo` (then `/share/zoneinfo`,
    /// `/etc/zoneinfo`). Names that are absolute or contain `..` are refused.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// // Depends on the machine's tzdata, so only checked when it is there.
    /// if let Ok(paris) = Zone::named("Europe/Paris") {
    ///     assert_eq!(paris.offset_at(1_767_225_600), (3600, "CET"));
    /// }
    /// assert!(Zone::named("../etc/passwd").is_err());
    /// ```
    pub fn named(name: &str) -> Result<Zone, ZoneError> {
        if name.is_empty()
            || name.starts_with('/')
            || name.contains('\0')
            || name.split('/').any(|part| part == "..")
        {
            return Err(ZoneError::new(format!("invalid time zone name `{name}`")));
        }
        let tzdir = std::env::var_os("TZDIR").filter(|d| !d.is_empty());
        let dirs = tzdir.iter().map(Path::new).chain(ZONEINFO_DIRS.iter().map(Path::new));
        for dir in dirs {
            if let Ok(bytes) = read_zone_file(&dir.join(name)) {
                return Zone::tzif_named(&bytes, name);
            }
        }
        Err(ZoneError::new(format!("time zone `{name}` not found in the tz database")))
    }

    /// A zone from the contents of a TZif file (what `/usr/share/zoneinfo/*` and
    /// `/etc/localtime` hold).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// assert!(Zone::from_tzif(b"not a TZif file").is_err());
    /// ```
    pub fn from_tzif(bytes: &[u8]) -> Result<Zone, ZoneError> {
        Zone::tzif_named(bytes, "TZif data")
    }

    /// A zone from a value of the `TZ` environment variable, as C libraries read it:
    /// empty is UTC; `:path` is a TZif file (absolute path) or a zone name (`:Europe/Paris`),
    /// and a bare `:` is `/etc/localtime`; an absolute path is a TZif file; anything else is
    /// a zone name if the tz database has it, else a POSIX TZ string.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// assert_eq!(Zone::from_tz_var("").unwrap().offset_at(0), (0, "UTC"));
    /// let z = Zone::from_tz_var("IST-5:30").unwrap();
    /// assert_eq!(z.offset_at(0), (19_800, "IST"));
    /// ```
    pub fn from_tz_var(value: &str) -> Result<Zone, ZoneError> {
        if value.is_empty() {
            return Ok(Zone::utc());
        }
        if let Some(rest) = value.strip_prefix(':') {
            return if rest.is_empty() {
                Zone::from_file("/etc/localtime")
            } else if rest.starts_with('/') {
                Zone::from_file(rest)
            } else {
                Zone::named(rest)
            };
        }
        if value.starts_with('/') {
            return Zone::from_file(value);
        }
        match Zone::named(value) {
            Ok(zone) => Ok(zone),
            Err(_) => Zone::from_posix_tz(value).map_err(|_| {
                ZoneError::new(format!(
                    "`{value}` is neither a tz database zone nor a valid POSIX TZ string"
                ))
            }),
        }
    }

    /// The process's local time zone, loaded on first use and then shared: from the `TZ`
    /// environment variable if it is set (see [`Zone::from_tz_var`]), else from
    /// `/etc/localtime`. When neither can be read or understood it is UTC; it never panics.
    ///
    /// Unlike the `time` crate's local offset, this works once threads exist: nothing asks
    /// libc for the offset, the zone's rules are read once and looked up in-process.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// let z = Zone::local();
    /// assert!(std::ptr::eq(z, Zone::local()));
    /// let (offset, _abbr) = z.offset_at(0);
    /// assert!(offset.abs() < 26 * 3600);
    /// ```
    pub fn local() -> &'static Zone {
        static LOCAL: OnceLock<Zone> = OnceLock::new();
        LOCAL.get_or_init(|| {
            let unusable = |error: ZoneError| {
                crate::report::report_once(format_args!("{error}; local time is UTC"));
                Zone::utc()
            };
            match std::env::var_os("TZ") {
                // Set but unusable (not UTF-8, unknown, malformed, not a regular file or too
                // large): UTC, as C libraries do, said once on stderr.
                Some(value) => match value.to_str() {
                    Some(v) => Zone::from_tz_var(v).unwrap_or_else(|e| {
                        unusable(ZoneError::new(format!("TZ={v:?} is not usable: {e}")))
                    }),
                    None => unusable(ZoneError::new("TZ is not valid UTF-8".to_owned())),
                },
                // No /etc/localtime (as in many containers) is UTC without a word.
                None => Zone::from_file("/etc/localtime").unwrap_or_else(|error| {
                    match std::fs::symlink_metadata("/etc/localtime") {
                        Ok(_) => unusable(error),
                        Err(_) => Zone::utc(),
                    }
                }),
            }
        })
    }

    /// The offset from UTC in seconds (east positive) and the abbreviation (`CET`, `CEST`,
    /// `UTC`) in force at `unix_secs`. Offsets are within ±25:59:59. If the zone's data
    /// does not cover `unix_secs` (far outside its rules), the nearest known offset is used.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::time::Zone;
    ///
    /// let ny = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
    /// // 2026-03-08 06:59:59 UTC is 01:59:59 EST; one second later it is 03:00:00 EDT.
    /// assert_eq!(ny.offset_at(1_772_953_199), (-18_000, "EST"));
    /// assert_eq!(ny.offset_at(1_772_953_200), (-14_400, "EDT"));
    /// ```
    pub fn offset_at(&self, unix_secs: i64) -> (i32, &str) {
        match &self.kind {
            Kind::Utc => (0, "UTC"),
            Kind::Fixed { offset, abbr } => (*offset, abbr.as_str()),
            Kind::Tz { tz, .. } => {
                let ltt = match tz.find_local_time_type(unix_secs) {
                    Ok(ltt) => Some(ltt),
                    Err(_) => nearest_local_time_type(tz, unix_secs),
                };
                match ltt {
                    Some(ltt) => (
                        ltt.ut_offset().clamp(-MAX_OFFSET, MAX_OFFSET),
                        ltt.time_zone_designation(),
                    ),
                    None => (0, "UTC"),
                }
            }
        }
    }

    /// Identity for the render cache: two zones with the same key give the same offsets.
    pub(crate) fn cache_key(&self) -> u64 {
        self.id
    }

    fn from_tz(tz: tz::TimeZone, source: &str) -> Zone {
        Zone {
            id: NEXT_TZ_ID.fetch_add(1, Ordering::Relaxed),
            kind: Kind::Tz { tz: Box::new(tz), source: source.into() },
        }
    }

    fn tzif_named(bytes: &[u8], source: &str) -> Result<Zone, ZoneError> {
        let tz = tz::TimeZone::from_tz_data(bytes)
            .map_err(|e| ZoneError::new(format!("invalid TZif data for `{source}`: {e}")))?;
        Ok(Zone::from_tz(tz, source))
    }

    fn from_file(path: &str) -> Result<Zone, ZoneError> {
        let bytes = read_zone_file(Path::new(path))
            .map_err(|e| ZoneError::new(format!("cannot read time zone file `{path}`: {e}")))?;
        Zone::tzif_named(&bytes, path)
    }
}

/// The largest zone file read, in bytes (1 MiB): TZif files are a few KB, and nothing larger
/// (`TZ=/dev/zero`, a huge file) is read into memory.
pub(crate) const MAX_ZONE_FILE: u64 = 1 << 20;

/// A zone file's bytes, only if it is a regular file of at most [`MAX_ZONE_FILE`] bytes. It is
/// opened without blocking, so a FIFO named by `TZ` cannot hang the first log call.
fn read_zone_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "it is not a regular file"));
    }
    let too_large = || {
        Error::new(
            ErrorKind::InvalidData,
            format!("it is larger than {MAX_ZONE_FILE} bytes (1 MiB); TZif files are a few KB"),
        )
    };
    if metadata.len() > MAX_ZONE_FILE {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // Bounded even if the file grows while it is read.
    file.take(MAX_ZONE_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_ZONE_FILE {
        return Err(too_large());
    }
    Ok(bytes)
}

/// When tz-rs finds no local time type (an instant past the last transition of a file
/// without a footer rule, or a year its rule arithmetic cannot reach), the closest one.
fn nearest_local_time_type(tz: &tz::TimeZone, unix_secs: i64) -> Option<&tz::LocalTimeType> {
    let r = tz.as_ref();
    let types = r.local_time_types();
    match r.transitions().last() {
        Some(last) if unix_secs >= last.unix_leap_time() => types.get(last.local_time_type_index()),
        _ => types.first(),
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Utc => f.write_str("Zone(UTC)"),
            Kind::Fixed { abbr, .. } => write!(f, "Zone({})", abbr.as_str()),
            Kind::Tz { source, .. } => write!(f, "Zone({source:?})"),
        }
    }
}

impl Default for Zone {
    fn default() -> Zone {
        Zone::utc()
    }
}
