//! Rendering loguru's time tokens, allocation-free, with a per-thread cache of the calendar
//! decomposition of the current second.

use super::Timestamp;
use super::civil::Fields;
use super::zone::{Abbr, Zone};
use hlog_template::{TimeFormat, TimeToken};
use std::cell::Cell;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_ABBRS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAY_ABBRS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The zone `!UTC` formats render in.
static UTC: Zone = Zone::utc();

/// One cached second: its calendar fields in one zone.
#[derive(Clone, Copy)]
struct Entry {
    valid: bool,
    secs: i64,
    zone: u64,
    fields: Fields,
    abbr: Abbr,
}

impl Entry {
    const EMPTY: Entry =
        Entry { valid: false, secs: 0, zone: 0, fields: Fields::EPOCH, abbr: Abbr::EMPTY };

    fn is(&self, secs: i64, zone: u64) -> bool {
        self.valid && self.secs == secs && self.zone == zone
    }
}

thread_local! {
    /// The two most recently rendered (second, zone) pairs, most recent first: two, so that a
    /// local sink and a `!UTC` sink alternating on one thread both hit.
    static CACHE: [Cell<Entry>; 2] = const { [Cell::new(Entry::EMPTY), Cell::new(Entry::EMPTY)] };
}

/// Calendar fields and abbreviation of the whole second `secs` in `zone`, from the cache when
/// this thread rendered that second in that zone recently.
fn lookup(secs: i64, zone: &Zone) -> Entry {
    let key = zone.cache_key();
    let cached = CACHE.try_with(|[first, second]| {
        let a = first.get();
        if a.is(secs, key) {
            return Some(a);
        }
        let b = second.get();
        if b.is(secs, key) {
            first.set(b);
            second.set(a);
            return Some(b);
        }
        None
    });
    if let Ok(Some(entry)) = cached {
        return entry;
    }
    #[cfg(test)]
    let _ = tests::MISSES.try_with(|m| m.set(m.get() + 1));
    let (offset, abbr) = zone.offset_at(secs);
    let entry = Entry {
        valid: true,
        secs,
        zone: key,
        fields: Fields::compute(secs, offset),
        abbr: Abbr::new(abbr),
    };
    // During thread teardown the cache may be gone: then simply do not cache.
    let _ = CACHE.try_with(|[first, second]| second.set(first.replace(entry)));
    entry
}

/// Writes `ts` formatted by `format` (loguru's time tokens, listed in the module docs) to
/// `out`, in `zone`, or in UTC when `format.utc` (`!UTC`) is set.
///
/// Nothing is allocated once `out` has room. The calendar decomposition is cached per thread
/// for the last two (second, zone) pairs, so renders within one second repeat no calendar
/// math and no zone lookup. Formats use [`render_cached`]; this uncached path renders `{time}`
/// in file names and is what `render_cached` is checked against.
pub(crate) fn render(out: &mut Vec<u8>, format: &TimeFormat, ts: Timestamp, zone: &Zone) {
    let zone = if format.utc { &UTC } else { zone };
    render_tokens(out, &format.tokens, ts, &lookup(ts.secs(), zone));
}

fn render_tokens(out: &mut Vec<u8>, tokens: &[TimeToken], ts: Timestamp, entry: &Entry) {
    let f = &entry.fields;
    for token in tokens {
        match token {
            TimeToken::Literal(text) => literal(out, text.as_bytes()),
            TimeToken::Year => year(out, f.year),
            TimeToken::Year2 => two(out, f.year.rem_euclid(100) as u8),
            TimeToken::Quarter => digit(out, (f.month - 1) / 3 + 1),
            TimeToken::Month => small(out, f.month),
            TimeToken::Month2 => two(out, f.month),
            TimeToken::MonthAbbr => name(out, &MONTH_ABBRS, f.month - 1),
            TimeToken::MonthName => name(out, &MONTH_NAMES, f.month - 1),
            TimeToken::Day => small(out, f.day),
            TimeToken::Day2 => two(out, f.day),
            TimeToken::DayOrdinal => {
                small(out, f.day);
                out.extend_from_slice(ordinal_suffix(f.day).as_bytes());
            }
            TimeToken::DayOfYear => number(out, f.ordinal),
            TimeToken::DayOfYear3 => padded(out, i64::from(f.ordinal), 3),
            TimeToken::Weekday => digit(out, f.weekday),
            TimeToken::IsoWeekday => digit(out, f.weekday + 1),
            TimeToken::WeekdayAbbr => name(out, &DAY_ABBRS, f.weekday),
            TimeToken::WeekdayName => name(out, &DAY_NAMES, f.weekday),
            TimeToken::Hour => small(out, f.hour),
            TimeToken::Hour2 => two(out, f.hour),
            TimeToken::Hour12 => small(out, hour12(f.hour)),
            TimeToken::Hour12_2 => two(out, hour12(f.hour)),
            TimeToken::Minute => small(out, f.minute),
            TimeToken::Minute2 => two(out, f.minute),
            TimeToken::Second => small(out, f.second),
            TimeToken::Second2 => two(out, f.second),
            TimeToken::Fraction(n) => fraction(out, ts.nanos(), *n),
            TimeToken::Timestamp => {
                // Python's `"%d" % dt.timestamp()`: the float truncated toward zero.
                let secs = if ts.secs() < 0 && ts.nanos() > 0 { ts.secs() + 1 } else { ts.secs() };
                number(out, secs);
            }
            TimeToken::TimestampMicros => {
                let micros = i128::from(ts.secs()) * 1_000_000 + i128::from(ts.nanos() / 1000);
                number(out, micros);
            }
            TimeToken::AmPm => out.extend_from_slice(if f.hour < 12 { b"AM" } else { b"PM" }),
            TimeToken::Offset => offset(out, f.offset, true),
            TimeToken::OffsetCompact => offset(out, f.offset, false),
            TimeToken::ZoneName => out.extend_from_slice(entry.abbr.as_str().as_bytes()),
        }
    }
}

/// How many leading tokens of `format` stay the same for a whole second (everything before
/// the first fraction or microsecond timestamp): their text can be cached per second.
pub(crate) fn stable_prefix(format: &TimeFormat) -> usize {
    format
        .tokens
        .iter()
        .position(|t| {
            matches!(t, TimeToken::Fraction(_) | TimeToken::Timestamp | TimeToken::TimestampMicros)
        })
        .unwrap_or(format.tokens.len())
}

/// What a time pattern needs per record beyond its per-second text, decided once when the
/// format is built (see [`TimePlan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tail {
    /// Nothing: the whole pattern is per-second text.
    Nothing,
    /// One fraction token (`SSS`): that many digits.
    Fraction(u8),
    /// Fractions and literals only: no calendar fields needed.
    Simple,
    /// Anything else: rendered from the calendar fields.
    General,
}

/// How a time pattern of a format piece is rendered: a unique id for the per-thread text cache,
/// how many leading tokens stay the same for a whole second (see [`stable_prefix`]), and what
/// comes after them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TimePlan {
    id: u64,
    stable: usize,
    tail: Tail,
}

impl TimePlan {
    /// The plan of `format`; each call gets a new id, so keep it with the format piece.
    pub(crate) fn new(format: &TimeFormat) -> TimePlan {
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let stable = stable_prefix(format);
        let rest = &format.tokens[stable..];
        let tail = match rest {
            [] => Tail::Nothing,
            [TimeToken::Fraction(n)] => Tail::Fraction(*n),
            _ if rest
                .iter()
                .all(|t| matches!(t, TimeToken::Fraction(_) | TimeToken::Literal(_))) =>
            {
                Tail::Simple
            }
            _ => Tail::General,
        };
        let id = IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        TimePlan { id, stable, tail }
    }
}

/// Longest per-second text kept in the cache; longer ones are rendered every time.
const SLOT_BYTES: usize = 56;

/// One pattern's text for one second, up to its first sub-second token.
#[derive(Clone, Copy)]
struct Slot {
    id: u64,
    secs: i64,
    zone: u64,
    len: u8,
    bytes: [u8; SLOT_BYTES],
}

impl Slot {
    const EMPTY: Slot = Slot { id: 0, secs: 0, zone: 0, len: 0, bytes: [0; SLOT_BYTES] };
}

thread_local! {
    /// The last few (pattern, second, zone) texts this thread rendered, most recent first.
    /// Plain data (nothing to drop), so reaching it costs no registration check.
    static RENDERED: std::cell::RefCell<[Slot; 4]> =
        const { std::cell::RefCell::new([Slot::EMPTY; 4]) };
}

/// [`render`] for a pattern with a [`TimePlan`]: the text of its first `stable` tokens is
/// rendered once a second and copied after that, so a `YYYY-MM-DD HH:mm:ss.SSS` costs one
/// copy and three digits. Inlined into the format's code; the rest is out of line.
#[inline(always)]
pub(crate) fn render_cached(
    out: &mut Vec<u8>,
    plan: &TimePlan,
    format: &TimeFormat,
    ts: Timestamp,
    zone: &Zone,
) {
    let zone = if format.utc { &UTC } else { zone };
    let key = zone.cache_key();
    let hit = RENDERED.try_with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else { return false };
        // The usual case: the same pattern, second and zone as the last record.
        let first = &cache[0];
        if first.id == plan.id && first.secs == ts.secs() && first.zone == key {
            // The whole slot, cut back to the text: a fixed-size copy the compiler inlines,
            // instead of a `memcpy` call for a few bytes.
            let end = out.len() + usize::from(first.len);
            out.extend_from_slice(&first.bytes);
            out.truncate(end);
            return true;
        }
        prefix_slow(out, &mut cache, plan, format, ts, zone);
        true
    });
    if !hit.unwrap_or(false) {
        let prefix = &format.tokens[..plan.stable];
        render_tokens(out, prefix, ts, &lookup(ts.secs(), zone));
    }
    match plan.tail {
        Tail::Nothing => {}
        Tail::Fraction(3) => fraction(out, ts.nanos(), 3),
        _ => render_tail(out, plan, format, ts, zone),
    }
}

/// What follows the per-second text, other than milliseconds.
#[inline(never)]
fn render_tail(
    out: &mut Vec<u8>,
    plan: &TimePlan,
    format: &TimeFormat,
    ts: Timestamp,
    zone: &Zone,
) {
    match plan.tail {
        Tail::Nothing => {} // handled by the caller; here for completeness
        Tail::Fraction(6) => fraction(out, ts.nanos(), 6),
        Tail::Fraction(n) => fraction(out, ts.nanos(), n),
        Tail::Simple => {
            for token in &format.tokens[plan.stable..] {
                match token {
                    TimeToken::Fraction(n) => fraction(out, ts.nanos(), *n),
                    TimeToken::Literal(text) => literal(out, text.as_bytes()),
                    _ => {}
                }
            }
        }
        Tail::General => {
            render_tokens(out, &format.tokens[plan.stable..], ts, &lookup(ts.secs(), zone))
        }
    }
}

/// [`render_cached`] when the front slot does not hold this text: find it in the others or
/// render it into the least recently used one, and move it to the front. The text is written
/// either way (one too long for a slot is written and not cached).
#[cold]
#[inline(never)]
fn prefix_slow(
    out: &mut Vec<u8>,
    cache: &mut [Slot; 4],
    plan: &TimePlan,
    format: &TimeFormat,
    ts: Timestamp,
    zone: &Zone,
) {
    let key = zone.cache_key();
    let at = cache.iter().position(|s| s.id == plan.id).unwrap_or(cache.len() - 1);
    // Move it (or the least recently used slot, the last) to the front.
    cache[..=at].rotate_right(1);
    let slot = &mut cache[0];
    if slot.id != plan.id || slot.secs != ts.secs() || slot.zone != key {
        let start = out.len();
        let prefix = &format.tokens[..plan.stable];
        render_tokens(out, prefix, ts, &lookup(ts.secs(), zone));
        let text = &out[start..];
        if text.len() > SLOT_BYTES {
            slot.id = 0; // never matches: ids start at 1
            return;
        }
        slot.bytes[..text.len()].copy_from_slice(text);
        slot.len = text.len() as u8;
        slot.id = plan.id;
        slot.secs = ts.secs();
        slot.zone = key;
        return;
    }
    out.extend_from_slice(&slot.bytes[..usize::from(slot.len)]);
}

/// loguru's format for `{time}` without a spec (Python's `%Y-%m-%dT%H:%M:%S.%f%z`):
/// `YYYY-MM-DDTHH:mm:ss.SSSSSSZZ`, e.g. `2026-03-26T14:30:00.123456+0100`: the address of
/// [`hlog_template::DEFAULT_TIME_FORMAT`].
pub(crate) fn default_time_format() -> &'static TimeFormat {
    // The one definition is the parser's constant; this is its one address.
    static FORMAT: TimeFormat = hlog_template::DEFAULT_TIME_FORMAT;
    &FORMAT
}

/// `1`–`12` for hours `0`–`23` (Python's `(hour - 1) % 12 + 1`).
fn hour12(hour: u8) -> u8 {
    match hour % 12 {
        0 => 12,
        h => h,
    }
}

/// `st`, `nd`, `rd` or `th` after a day of the month.
fn ordinal_suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn name(out: &mut Vec<u8>, names: &[&str], index: u8) {
    out.extend_from_slice(names.get(usize::from(index)).copied().unwrap_or("?").as_bytes());
}

/// Literal text: most are one byte (`-`, `:`, ` `), which a push writes without a `memcpy`.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    match text {
        [b] => out.push(*b),
        _ => out.extend_from_slice(text),
    }
}

/// A number below 100, without padding.
fn small(out: &mut Vec<u8>, n: u8) {
    if n < 10 {
        out.push(b'0' + n);
    } else {
        two(out, n);
    }
}

/// A year as `%04d`: four digits for 0–9999, C's padding rules otherwise.
fn year(out: &mut Vec<u8>, year: i32) {
    match u16::try_from(year) {
        Ok(y) if y <= 9999 => {
            let (hi, lo) = ((y / 100) as u8, (y % 100) as u8);
            out.extend_from_slice(&[
                b'0' + hi / 10,
                b'0' + hi % 10,
                b'0' + lo / 10,
                b'0' + lo % 10,
            ]);
        }
        _ => padded(out, i64::from(year), 4),
    }
}

/// One decimal digit (`n` < 10).
fn digit(out: &mut Vec<u8>, n: u8) {
    out.push(b'0' + n % 10);
}

/// Two decimal digits, zero-padded (`n` < 100).
pub(super) fn two(out: &mut Vec<u8>, n: u8) {
    out.extend_from_slice(&[b'0' + n / 10 % 10, b'0' + n % 10]);
}

/// An integer in decimal, no padding.
pub(super) fn number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// An integer zero-padded to `width` characters, sign included (C's `%0*d`).
fn padded(out: &mut Vec<u8>, n: i64, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n.unsigned_abs()).as_bytes();
    let mut len = digits.len();
    if n < 0 {
        out.push(b'-');
        len += 1;
    }
    for _ in len..width {
        out.push(b'0');
    }
    out.extend_from_slice(digits);
}

/// The first `n` digits (at most 9) of the nine-digit fraction `nanos`, truncated. Inlined,
/// so a constant `n` gets constant divisions.
#[inline(always)]
fn fraction(out: &mut Vec<u8>, nanos: u32, n: u8) {
    const POW10: [u32; 10] =
        [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    let n = usize::from(n.min(9));
    // The first `n` digits of the 9-digit fraction, as one number, written right to left.
    let mut value = (nanos % 1_000_000_000) / POW10[9 - n];
    let mut digits = [b'0'; 9];
    for d in digits[..n].iter_mut().rev() {
        *d = b'0' + (value % 10) as u8;
        value /= 10;
    }
    out.extend_from_slice(&digits[..n]);
}

/// `+01:00` (`colon`) or `+0100`; leftover seconds are appended (`+00:09:21`, `+000921`).
fn offset(out: &mut Vec<u8>, offset: i32, colon: bool) {
    let sign = if offset < 0 { b'-' } else { b'+' };
    let a = offset.unsigned_abs();
    let (h, m, s) = ((a / 3600).min(99) as u8, (a / 60 % 60) as u8, (a % 60) as u8);
    let d = |n: u8| [b'0' + n / 10, b'0' + n % 10];
    let ([h1, h2], [m1, m2], [s1, s2]) = (d(h), d(m), d(s));
    match (colon, s != 0) {
        (true, false) => out.extend_from_slice(&[sign, h1, h2, b':', m1, m2]),
        (false, false) => out.extend_from_slice(&[sign, h1, h2, m1, m2]),
        (true, true) => out.extend_from_slice(&[sign, h1, h2, b':', m1, m2, b':', s1, s2]),
        (false, true) => out.extend_from_slice(&[sign, h1, h2, m1, m2, s1, s2]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// Cache misses on this thread.
        pub(super) static MISSES: Cell<usize> = const { Cell::new(0) };
    }

    fn misses(f: impl FnOnce()) -> usize {
        MISSES.with(|m| m.set(0));
        f();
        MISSES.with(Cell::get)
    }

    fn format(tokens: Vec<TimeToken>, utc: bool) -> TimeFormat {
        TimeFormat { tokens: tokens.into(), utc }
    }

    #[test]
    fn one_decomposition_per_second_and_zone() {
        let cet = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let ny = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let ist = Zone::fixed(19_800);
        let f = default_time_format();
        let utc = format(f.tokens.to_vec(), true);
        let mut out = Vec::new();
        let secs = 1_774_746_000;
        let mut go = |zone: &Zone, format: &TimeFormat, secs: i64, nanos: u32| {
            out.clear();
            render(&mut out, format, Timestamp::from_unix(secs, nanos), zone);
        };
        // (what is rendered, expected misses)
        assert_eq!(misses(|| (0..100).for_each(|i| go(&cet, f, secs, i * 1000))), 1);
        assert_eq!(misses(|| (0..100).for_each(|i| go(&cet, f, secs + i64::from(i), 0))), 99);
        // Two zones alternating (local and !UTC, say) both stay cached.
        let two = misses(|| {
            for _ in 0..50 {
                go(&cet, f, secs, 0);
                go(&cet, &utc, secs, 0);
            }
        });
        assert_eq!(two, 2);
        let two = misses(|| {
            for _ in 0..50 {
                go(&ny, f, secs, 0);
                go(&ist, f, secs, 0);
            }
        });
        assert_eq!(two, 2);
        // Three in turn do not fit.
        let three = misses(|| {
            for _ in 0..10 {
                go(&cet, f, secs, 0);
                go(&ny, f, secs, 0);
                go(&ist, f, secs, 0);
            }
        });
        assert_eq!(three, 30);
    }

    /// `render_cached` against `render`, for each (pattern, second, zone) in `steps`, in turn.
    fn cached_matches_uncached(steps: &[(&TimeFormat, &TimePlan, Timestamp, &Zone)]) {
        let (mut cached, mut plain) = (Vec::new(), Vec::new());
        for (i, (format, plan, ts, zone)) in steps.iter().enumerate() {
            cached.clear();
            plain.clear();
            cached.extend_from_slice(b"x");
            plain.extend_from_slice(b"x");
            render_cached(&mut cached, plan, format, *ts, zone);
            render(&mut plain, format, *ts, zone);
            assert_eq!(
                String::from_utf8_lossy(&cached),
                String::from_utf8_lossy(&plain),
                "step {i}"
            );
        }
    }

    #[test]
    fn cached_text_follows_seconds_zones_and_patterns() {
        use hlog_template::parse_time_field;
        let cet = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let ny = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let millis = parse_time_field("YYYY-MM-DD HH:mm:ss.SSS").unwrap();
        let micros = parse_time_field("HH:mm:ss.SSSSSS [x]").unwrap();
        let utc = parse_time_field("YYYY-MM-DD HH:mm:ss.SS!UTC").unwrap();
        let whole = parse_time_field("YYYY-MM-DD HH:mm:ss").unwrap();
        let fractions = parse_time_field("ss.SSS|S|SSSSSSSSS").unwrap();
        let general = parse_time_field("HH:mm.SSS ZZ zz dddd").unwrap();
        // Per-second text longer than a cache slot: rendered every time.
        let long = parse_time_field(
            "dddd, MMMM Do YYYY HH:mm:ss [and then] dddd, MMMM Do YYYY HH:mm:ss.SSS",
        )
        .unwrap();
        let formats = [&millis, &micros, &utc, &whole, &fractions, &general, &long];
        let plans: Vec<TimePlan> = formats.iter().map(|f| TimePlan::new(f)).collect();
        assert_eq!(plans[0].tail, Tail::Fraction(3));
        assert_eq!(plans[3].tail, Tail::Nothing);
        assert_eq!(plans[4].tail, Tail::Simple);
        assert_eq!(plans[5].tail, Tail::General);
        let mut steps = Vec::new();
        // Across a second boundary (and the DST change on 2026-03-29 at 01:00 UTC), one
        // pattern, then several patterns and zones interleaved (more than the cache holds).
        let base = 1_774_746_000 - 2;
        for secs in base..base + 5 {
            for nanos in [0, 1, 999_999, 123_456_789, 999_999_999] {
                steps.push((formats[0], &plans[0], Timestamp::from_unix(secs, nanos), &cet));
            }
        }
        for secs in base..base + 4 {
            for (format, plan) in formats.iter().zip(&plans) {
                for zone in [&cet, &ny, &cet] {
                    steps.push((*format, plan, Timestamp::from_unix(secs, 987_654_321), zone));
                }
            }
        }
        // Back to an earlier second (the clock stepped back).
        steps.push((formats[0], &plans[0], Timestamp::from_unix(base, 5_000_000), &cet));
        steps.push((formats[0], &plans[0], Timestamp::from_unix(base - 3600, 0), &cet));
        cached_matches_uncached(&steps);
        // The same pattern in another zone right after: not the first zone's text.
        let mut a = Vec::new();
        let mut b = Vec::new();
        let ts = Timestamp::from_unix(base, 0);
        render_cached(&mut a, &plans[0], &millis, ts, &cet);
        render_cached(&mut b, &plans[0], &millis, ts, &ny);
        assert_eq!(a, b"2026-03-29 01:59:58.000");
        assert_eq!(b, b"2026-03-28 20:59:58.000");
    }

    #[test]
    fn ordinal_suffixes() {
        let table = [
            (1, "st"),
            (2, "nd"),
            (3, "rd"),
            (4, "th"),
            (10, "th"),
            (11, "th"),
            (12, "th"),
            (13, "th"),
            (14, "th"),
            (20, "th"),
            (21, "st"),
            (22, "nd"),
            (23, "rd"),
            (24, "th"),
            (30, "th"),
            (31, "st"),
        ];
        for (day, suffix) in table {
            assert_eq!(ordinal_suffix(day), suffix, "{day}");
        }
    }

    #[test]
    fn hours_on_twelve() {
        let table = [(0, 12), (1, 1), (11, 11), (12, 12), (13, 1), (23, 11)];
        for (hour, h12) in table {
            assert_eq!(hour12(hour), h12, "{hour}");
        }
    }
}
