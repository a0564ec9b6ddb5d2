//! A record in binary, as a ring holds it: written by the calling thread ([`encode`]), read
//! back by the writer thread as a [`Record`] that borrows the entry ([`decode`]).
//!
//! What is `'static` in a record (the call site, the template's pieces, a static message, the
//! level's texts, field names) travels as its address; everything else is copied: numbers by
//! value, text by its bytes, and `Display`/`Debug` values and the attached error rendered to
//! text on the calling thread (they borrow from it). The writer renders the rebuilt record
//! with the same code as a synchronous handler, so both write the same bytes.
//!
//! An entry, in native byte order, unaligned:
//!
//! ```text
//! kind u8 | secs i64 | nanos u32 | callsite usize | level no u32 | level index u8
//! options u8 (RAW, BACKTRACE) | location usize (a `&'static Location`, 0: none)
//! [level texts 4 × (ptr, len), for a level that is not built in]
//! message: static (ptr, len) | text (u32 len, bytes) | template pieces (ptr, len)
//! values: u32 count, then each: name (ptr, len), tag u8, payload
//! fields: u32 count of values that are fields (FIELDS_APART: u32 count then fields as values)
//! error: u32 count of texts (the error, then each source), each u32 len, bytes
//! [backtrace: u32 len, bytes, with BACKTRACE]
//! ```

use std::error::Error;
use std::fmt::{self, Write as _};
use std::panic::Location;

use crate::callsite::Callsite;
use crate::extra::Extra;
use crate::level::Level;
use crate::message::{Message, Piece, Template};
use crate::out::{Verbatim, guard};
use crate::record::Record;
use crate::thread::ThreadInfo;
use crate::time::Timestamp;
use crate::value::Value;

const STATIC: u8 = 0;
const TEXT: u8 = 1;
const TEMPLATE: u8 = 2;

/// Options bits: a raw write; a backtrace follows the error's texts.
const RAW: u8 = 1;
const BACKTRACE: u8 = 2;

/// The fields are not the first values of the template: they follow as values of their own.
const FIELDS_APART: u32 = u32::MAX;

const STR: u8 = 0;
const I64: u8 = 1;
const U64: u8 = 2;
const I128: u8 = 3;
const U128: u8 = 4;
const F64: u8 = 5;
const F32: u8 = 6;
const BOOL: u8 = 7;
const CHAR: u8 = 8;

/// A record's values, or its fields.
type Values<'a> = [(&'static str, Value<'a>)];

/// Deepest `source()` chain kept; deeper causes are left out.
const MAX_CAUSES: usize = 64;

/// The time a record was logged, read from its entry without decoding the rest (the writer
/// merges threads by it).
pub(crate) fn time_of(entry: &[u8]) -> Timestamp {
    let mut reader = Reader(entry.get(1..).unwrap_or_default());
    Timestamp::from_unix(reader.i64(), reader.u32())
}

/// What a record needs besides itself to be written into a ring: the text of its values that
/// only user code can produce (`Display`, `Debug`) and of its error chain, rendered on the
/// calling thread into a buffer first (their length is known only then), and the entry's size.
pub(crate) struct Prepared<'t> {
    texts: &'t [u8],
    size: usize,
    /// The level's index among the built-in ones, or [`OTHER_LEVEL`].
    level: u8,
    /// How many of the texts after the values' are the error's (a backtrace may follow).
    causes: u32,
}

impl Prepared<'_> {
    /// The entry's size in bytes.
    pub(crate) fn size(&self) -> usize {
        self.size
    }
}

/// The values a record's message shows (fields first) and its fields when they are not the
/// first of those: a record with contextual, bound or patched fields has all its fields (each
/// name once, by precedence: [`Record::extra`]) apart, so that the writer sees them as the
/// calling thread did.
fn values_of<'r, 'a>(record: &'r Record<'a>) -> (&'r Values<'a>, Option<Extra<'r, 'a>>) {
    let values = match record.message {
        Message::Template(template) => template.values(),
        Message::Static(_) | Message::Text(_) => &[],
    };
    let fields = record.fields;
    let prefix = record.layers().only_call()
        && fields.len() <= values.len()
        && std::ptr::eq(fields.as_ptr(), values.as_ptr());
    let apart = !prefix;
    (values, apart.then(|| record.extra()))
}

/// The buffer [`prepare`] renders user text into (`Display`/`Debug` values, an error), fetched
/// by `take` only for a record that has some: most records never touch it.
pub(crate) struct Texts<'f> {
    buf: Option<Vec<u8>>,
    take: &'f dyn Fn() -> Vec<u8>,
}

impl<'f> Texts<'f> {
    pub(crate) fn new(take: &'f dyn Fn() -> Vec<u8>) -> Self {
        Texts { buf: None, take }
    }

    /// The buffer, fetched (and cleared) on first use.
    fn buf(&mut self) -> &mut Vec<u8> {
        let take = self.take;
        self.buf.get_or_insert_with(|| {
            let mut buf = take();
            buf.clear();
            buf
        })
    }

    fn len(&self) -> usize {
        self.buf.as_ref().map_or(0, Vec::len)
    }

    fn bytes(&self) -> &[u8] {
        self.buf.as_deref().unwrap_or_default()
    }

    /// The buffer, if it was fetched, to give back.
    pub(crate) fn into_buffer(self) -> Option<Vec<u8>> {
        self.buf
    }
}

/// Render what only user code can write into `texts`, each text behind its length as the
/// entry holds it, and size the entry.
pub(crate) fn prepare<'t>(record: &Record<'_>, texts: &'t mut Texts<'_>) -> Prepared<'t> {
    let (values, fields) = values_of(record);
    let level = Level::builtin_index(record.level).unwrap_or(OTHER_LEVEL);
    let mut size = HEADER
        + if level == OTHER_LEVEL { LEVEL_TEXTS } else { 0 }
        + match record.message {
            Message::Static(_) | Message::Template(_) => 16,
            Message::Text(text) => 4 + text.len(),
        }
        + values_size(values.iter().copied(), texts)
        + 4
        + fields.map_or(0, |fields| values_size(fields, texts))
        + 4;
    // The error's texts go in as `prepare` renders them, each behind its length.
    let before = texts.len();
    let mut next = record.error;
    let mut causes = 0;
    while let Some(error) = next {
        if causes == MAX_CAUSES {
            break;
        }
        put_rendered(texts.buf(), "Display", |buf| {
            let _ = write!(Verbatim(buf), "{error}");
        });
        causes += 1;
        next = error.source();
    }
    if let Some(backtrace) = record.backtrace {
        put_rendered(texts.buf(), "Display", |buf| {
            let _ = write!(Verbatim(buf), "{backtrace}");
        });
    }
    size += texts.len() - before;
    Prepared { texts: texts.bytes(), size, level, causes: causes as u32 }
}

/// Bytes of an entry before its message: kind, time, call site, level, options, location.
/// A built-in level is its index; any other level's texts follow the header ([`LEVEL_TEXTS`]).
const HEADER: usize = 1 + 8 + 4 + 8 + 4 + 1 + 1 + 8;

/// A level's four texts, for a level that is not built in.
const LEVEL_TEXTS: usize = 4 * 16;

/// The level index of a level that is not built in.
const OTHER_LEVEL: u8 = u8::MAX;

/// Bytes of a value before its text (if it has one): name, tag, a payload of 16 (a number, or
/// the text's length).
const VALUE: usize = 16 + 1 + 16;

/// The size of `values` in an entry. The text of `Display`/`Debug` values is rendered into
/// `texts` here, behind its length.
fn values_size<'v>(
    values: impl Iterator<Item = (&'static str, Value<'v>)>,
    texts: &mut Texts<'_>,
) -> usize {
    let mut size = 4;
    for (_, value) in values {
        size += VALUE;
        let before = texts.len();
        match value {
            Value::Str(s) => size += s.len(),
            Value::Display(d) => put_rendered(texts.buf(), "Display", |buf| {
                let _ = write!(Verbatim(buf), "{d}");
            }),
            Value::Debug(d) => put_rendered(texts.buf(), "Debug", |buf| {
                let _ = write!(Verbatim(buf), "{d:?}");
            }),
            _ => {}
        }
        // (The entry holds the length in the value's payload, not before the text.)
        size += (texts.len() - before).saturating_sub(4);
    }
    size
}

/// Text written by `write` (user code: `Display`, `Debug`), guarded as the synchronous path
/// guards it, behind its length.
fn put_rendered(buf: &mut Vec<u8>, trait_name: &str, write: impl FnOnce(&mut Vec<u8>)) {
    let at = buf.len();
    buf.extend_from_slice(&[0; 4]);
    guard(buf, trait_name, write);
    let len = u32::try_from(buf.len() - at - 4).unwrap_or(u32::MAX);
    buf[at..at + 4].copy_from_slice(&len.to_ne_bytes());
}

/// Write `record`'s entry into `out`, which is [`Prepared::size`] bytes long.
pub(crate) fn write(record: &Record<'_>, prepared: &Prepared<'_>, out: &mut [u8]) {
    let mut w = Writer { out, at: 0, texts: prepared.texts };
    let (values, fields) = values_of(record);
    let mut header = [0u8; HEADER];
    header[0] = match record.message {
        Message::Static(_) => STATIC,
        Message::Text(_) => TEXT,
        Message::Template(_) => TEMPLATE,
    };
    header[1..9].copy_from_slice(&record.time.secs().to_ne_bytes());
    header[9..13].copy_from_slice(&record.time.nanos().to_ne_bytes());
    header[13..21].copy_from_slice(&(record.callsite as *const Callsite as usize).to_ne_bytes());
    header[21..25].copy_from_slice(&record.level.no().to_ne_bytes());
    header[25] = prepared.level;
    header[26] =
        if record.raw { RAW } else { 0 } | if record.backtrace.is_some() { BACKTRACE } else { 0 };
    let location = record.location.map_or(0, |l| l as *const Location<'static> as usize);
    header[27..35].copy_from_slice(&location.to_ne_bytes());
    w.array(header);
    if prepared.level == OTHER_LEVEL {
        let mut texts = [0u8; LEVEL_TEXTS];
        for (i, text) in record.level.parts().into_iter().enumerate() {
            texts[16 * i..][..16].copy_from_slice(&static_str_bytes(text));
        }
        w.array(texts);
    }
    match record.message {
        Message::Static(text) => w.static_str(text),
        Message::Text(text) => w.text(text),
        Message::Template(template) => {
            let pieces = template.pieces();
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&(pieces.as_ptr() as usize).to_ne_bytes());
            bytes[8..].copy_from_slice(&pieces.len().to_ne_bytes());
            w.array(bytes);
        }
    }
    w.values(values.len(), values.iter().copied());
    match fields {
        None => w.u32(record.fields.len()),
        Some(fields) => {
            w.put(&FIELDS_APART.to_ne_bytes());
            w.values(fields.len(), fields);
        }
    }
    // The error's texts (and the backtrace's) are what is left of `texts`, behind their count.
    w.put(&prepared.causes.to_ne_bytes());
    let texts = w.texts;
    w.put(texts);
}

/// Writes an entry front to back into its place in the ring. Writing past the end writes
/// nothing (a size that `prepare` got wrong would be a bug, never a panic).
struct Writer<'o, 't> {
    out: &'o mut [u8],
    at: usize,
    /// Rendered texts not yet written, in the order the entry takes them.
    texts: &'t [u8],
}

impl<'t> Writer<'_, 't> {
    /// A fixed-size piece: one bounds check, then plain moves.
    #[inline(always)]
    fn array<const N: usize>(&mut self, bytes: [u8; N]) {
        if let Some(dst) = self.out.get_mut(self.at..).and_then(|rest| rest.first_chunk_mut::<N>())
        {
            *dst = bytes;
        }
        self.at += N;
    }

    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.out.get_mut(self.at..self.at + bytes.len()) {
            copy(dst, bytes);
        }
        self.at += bytes.len();
    }

    fn u32(&mut self, n: usize) {
        self.array(u32::try_from(n).unwrap_or(u32::MAX - 1).to_ne_bytes());
    }

    fn static_str(&mut self, text: &'static str) {
        self.array(static_str_bytes(text));
    }

    fn text(&mut self, text: &str) {
        self.u32(text.len());
        self.put(text.as_bytes());
    }

    /// The next rendered text (its length went into the value's payload).
    fn rendered(&mut self) -> &'t [u8] {
        let len = self.texts.first_chunk::<4>().map_or(0, |len| u32::from_ne_bytes(*len) as usize);
        let (text, rest) =
            self.texts.get(4..).unwrap_or_default().split_at_checked(len).unwrap_or_default();
        self.texts = rest;
        text
    }

    /// `count` values (what `values` yields).
    fn values<'v>(
        &mut self,
        count: usize,
        values: impl Iterator<Item = (&'static str, Value<'v>)>,
    ) {
        self.u32(count);
        for (name, value) in values {
            let mut head = [0u8; VALUE];
            head[..16].copy_from_slice(&static_str_bytes(name));
            let mut text: &[u8] = &[];
            let (tag, payload): (u8, [u8; 16]) = match value {
                Value::Str(s) => {
                    text = s.as_bytes();
                    (STR, widen((s.len() as u64).to_ne_bytes()))
                }
                Value::I64(v) => (I64, widen(v.to_ne_bytes())),
                Value::U64(v) => (U64, widen(v.to_ne_bytes())),
                Value::I128(v) => (I128, v.to_ne_bytes()),
                Value::U128(v) => (U128, v.to_ne_bytes()),
                Value::F64(v) => (F64, widen(v.to_bits().to_ne_bytes())),
                Value::F32(v) => (F32, widen(v.to_bits().to_ne_bytes())),
                Value::Bool(v) => (BOOL, widen([u8::from(v)])),
                Value::Char(v) => (CHAR, widen(u32::from(v).to_ne_bytes())),
                Value::Display(_) | Value::Debug(_) => {
                    let rendered = self.rendered();
                    text = rendered;
                    (STR, widen((rendered.len() as u64).to_ne_bytes()))
                }
            };
            head[16] = tag;
            head[17..].copy_from_slice(&payload);
            self.array(head);
            self.put(text);
        }
    }
}

/// Copy `src` into `dst` (of the same length). Short texts (a user name, an address) are
/// moved in two overlapping fixed-size pieces instead of a call to `memcpy`.
#[inline(always)]
fn copy(dst: &mut [u8], src: &[u8]) {
    fn two<const N: usize>(dst: &mut [u8], src: &[u8]) {
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<N>(), src.first_chunk::<N>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<N>(), src.last_chunk::<N>()) {
            *d = *s;
        }
    }
    match src.len() {
        0 => {}
        1..=3 => dst.iter_mut().zip(src).for_each(|(d, s)| *d = *s),
        4..=7 => two::<4>(dst, src),
        8..=16 => two::<8>(dst, src),
        _ => dst.copy_from_slice(src),
    }
}

/// A `&'static str` as an entry holds it: its address and length.
#[inline(always)]
fn static_str_bytes(text: &'static str) -> [u8; 16] {
    let mut bytes = [0; 16];
    bytes[..8].copy_from_slice(&(text.as_ptr() as usize).to_ne_bytes());
    bytes[8..].copy_from_slice(&text.len().to_ne_bytes());
    bytes
}

/// A number's bytes in a 16-byte payload (a fixed-size copy: no `memcpy` call).
#[inline(always)]
fn widen<const N: usize>(bytes: [u8; N]) -> [u8; 16] {
    let mut wide = [0; 16];
    if let Some(low) = wide.first_chunk_mut::<N>() {
        *low = bytes;
    }
    wide
}

/// The writer thread's storage for the values of the record it rebuilds, kept from record to
/// record so that rebuilding allocates nothing once it has grown.
#[derive(Default)]
pub(crate) struct Decoder {
    values: Vec<(&'static str, Value<'static>)>,
    fields: Vec<(&'static str, Value<'static>)>,
}

/// An empty vector's allocation, for values of another lifetime. Collecting the empty
/// iterator of a vector into one of a type of the same size reuses the allocation (std's
/// in-place collect), so this allocates nothing; the vector is empty, so the closure never
/// runs.
fn reuse<'b, 'c>(mut vec: Vec<(&'static str, Value<'b>)>) -> Vec<(&'static str, Value<'c>)> {
    vec.clear();
    vec.into_iter().map(|_| ("", Value::Bool(false))).collect()
}

impl Decoder {
    /// Rebuild the record `entry` holds and give it to `f`. `thread` is the thread that logged
    /// it (its ring's). An entry this module did not write is a bug; a short one reads as
    /// zeros.
    pub(crate) fn decode(
        &mut self,
        entry: &[u8],
        thread: &ThreadInfo,
        f: impl FnOnce(&Record<'_>),
    ) {
        let mut reader = Reader(entry);
        let kind = reader.u8();
        let time = Timestamp::from_unix(reader.i64(), reader.u32());
        // SAFETY: `write` wrote the address of a `&'static Callsite` here; statics live as
        // long as the process and do not move.
        let callsite: &'static Callsite = unsafe { &*(reader.usize() as *const Callsite) };
        let no = reader.u32();
        let index = reader.u8();
        let options = reader.u8();
        let location = match reader.usize() {
            0 => None,
            // SAFETY: `write` wrote the address of a `&'static Location<'static>` here (from
            // `Location::caller()`); like the call site's, it lives as long as the process.
            address => Some(unsafe { &*(address as *const Location<'static>) }),
        };
        let level = match index {
            OTHER_LEVEL => Level::from_parts(no, {
                // SAFETY (the four): `write` wrote `&'static str`s here (a level's texts).
                unsafe {
                    [
                        reader.static_str(),
                        reader.static_str(),
                        reader.static_str(),
                        reader.static_str(),
                    ]
                }
            }),
            index => Level::builtin_at(index),
        };
        let message = match kind {
            // SAFETY: `write` wrote a `Message::Static`'s `&'static str` here.
            STATIC => Stored::Static(unsafe { reader.static_str() }),
            TEXT => Stored::Text(reader.text()),
            _ => {
                let (ptr, len) = (reader.usize(), reader.usize());
                // SAFETY: `write` wrote the address and length of a template's
                // `&'static [Piece]` here.
                Stored::Pieces(unsafe { std::slice::from_raw_parts(ptr as *const Piece, len) })
            }
        };
        let mut values = reuse(std::mem::take(&mut self.values));
        read_values(&mut reader, &mut values);
        let fields_count = reader.u32();
        let mut apart = reuse(std::mem::take(&mut self.fields));
        if fields_count == FIELDS_APART {
            read_values(&mut reader, &mut apart);
        }
        let fields = if fields_count == FIELDS_APART {
            &apart[..]
        } else {
            values.get(..fields_count as usize).unwrap_or(&values)
        };
        let message = match message {
            Stored::Static(text) => Message::Static(text),
            Stored::Text(text) => Message::Text(text),
            Stored::Pieces(pieces) => Message::Template(Template::new(pieces, &values)),
        };
        let mut record = Record::new(time, &level, callsite, message, fields);
        record.thread = Some(thread);
        record.location = location;
        record.raw = options & RAW != 0;
        let causes = reader.count();
        let backtrace = options & BACKTRACE != 0;
        if causes == 0 && !backtrace {
            f(&record);
        } else {
            let mut f = Some(f);
            with_causes(&mut reader, causes, backtrace, &mut |error, backtrace| {
                // (A copy per call: the chain borrows this closure's frame.)
                let record = Record {
                    error: error.map(|e| e as &(dyn Error + 'static)),
                    backtrace: backtrace.as_ref().map(|text| text as &dyn fmt::Display),
                    ..record
                };
                if let Some(f) = f.take() {
                    f(&record);
                }
            });
        }
        self.values = reuse(values);
        self.fields = reuse(apart);
    }
}

/// Read a list of values into `into`.
fn read_values<'a>(reader: &mut Reader<'a>, into: &mut Vec<(&'static str, Value<'a>)>) {
    let count = reader.count();
    for _ in 0..count.min(reader.0.len() / VALUE) {
        into.push(reader.value());
    }
}

/// A message as it comes out of an entry (its values come later).
#[derive(Clone, Copy)]
enum Stored<'a> {
    Static(&'static str),
    Text(&'a str),
    Pieces(&'static [Piece]),
}

/// An error as text, with its source: what the writer attaches for `{exception}`.
///
/// Typed `'static` because `Error::source` returns `dyn Error + 'static`; it really borrows the
/// entry and the stack frames of [`chain`], and lives only for the call that renders the record
/// (a record and its error are borrowed for that call; the type is private, so nothing can
/// downcast to it and copy its texts out).
#[derive(Debug)]
struct Cause {
    text: &'static str,
    source: Option<&'static Cause>,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl Error for Cause {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.map(|s| s as &(dyn Error + 'static))
    }
}

/// Read `count` error texts (and, with `backtrace`, the backtrace's text after them) and give
/// `f` the first, whose `source()` chain is the rest, and the backtrace.
fn with_causes<'a>(
    reader: &mut Reader<'a>,
    count: usize,
    backtrace: bool,
    f: &mut dyn FnMut(Option<&Cause>, Option<&'a str>),
) {
    if count == 0 {
        // (Most records: no chain to build, and no array of texts to fill.)
        let backtrace = backtrace.then(|| reader.text());
        return f(None, backtrace);
    }
    let mut texts = [""; MAX_CAUSES];
    let count = count.min(MAX_CAUSES);
    for text in &mut texts[..count] {
        *text = reader.text();
    }
    let backtrace = backtrace.then(|| reader.text());
    let f = &mut |error: Option<&Cause>| f(error, backtrace);
    // SAFETY: see `Cause`: the texts borrow the entry, which outlives this call and so `f`'s,
    // and nothing keeps a cause past `f`.
    let texts = unsafe { std::mem::transmute::<&[&str], &[&'static str]>(&texts[..count]) };
    chain(texts, None, f)
}

/// Build the chain from its innermost cause outwards, on the stack, and give `f` the outermost.
fn chain(
    texts: &[&'static str],
    source: Option<&'static Cause>,
    f: &mut dyn FnMut(Option<&Cause>),
) {
    match texts.split_last() {
        None => f(source),
        Some((text, rest)) => {
            let cause = Cause { text, source };
            // SAFETY: see `Cause`: `cause` stays on this frame until `f` has returned, and `f`
            // keeps nothing.
            let cause: &'static Cause = unsafe { &*(&cause as *const Cause) };
            chain(rest, Some(cause), f)
        }
    }
}

/// Reads an entry front to back; past its end it reads zeros (never panics).
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        match self.0.split_first_chunk::<N>() {
            Some((bytes, rest)) => {
                self.0 = rest;
                *bytes
            }
            None => {
                self.0 = &[];
                [0; N]
            }
        }
    }

    fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }

    fn u32(&mut self) -> u32 {
        u32::from_ne_bytes(self.take())
    }

    fn count(&mut self) -> usize {
        self.u32() as usize
    }

    fn i64(&mut self) -> i64 {
        i64::from_ne_bytes(self.take())
    }

    fn usize(&mut self) -> usize {
        usize::from_ne_bytes(self.take())
    }

    /// A `&'static str` written by `put_static_str`.
    ///
    /// # Safety
    ///
    /// The next bytes must be the address and length `put_static_str` wrote for a
    /// `&'static str` of this process.
    unsafe fn static_str(&mut self) -> &'static str {
        let (ptr, len) = (self.usize(), self.usize());
        // SAFETY: the caller's promise.
        unsafe { static_str_from(ptr, len) }
    }

    /// Text written by `Writer::text` or `put_rendered`: a length, then the bytes.
    fn text(&mut self) -> &'a str {
        let len = self.count();
        self.text_of(len)
    }

    /// The next `len` bytes, as text.
    fn text_of(&mut self, len: usize) -> &'a str {
        let Some((bytes, rest)) = self.0.split_at_checked(len) else {
            self.0 = &[];
            return "";
        };
        self.0 = rest;
        // SAFETY: `Writer` and `put_rendered` wrote a length, then that many bytes of a `&str`
        // (or of text a `fmt::Write` received as `&str`s, or hlog's own marker): UTF-8. The
        // ring hands the writer the entry's bytes exactly as `encode` left them. (Checking
        // again measured ~120 instructions a record on the writer thread.)
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// One value: its fixed-size head read at once, then its text if it has one.
    fn value(&mut self) -> (&'static str, Value<'a>) {
        let head: [u8; VALUE] = self.take();
        let word = |at: usize| {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(&head[at..at + 8]);
            u64::from_ne_bytes(bytes)
        };
        let (ptr, len) = (word(0) as usize, word(8) as usize);
        // SAFETY: `Writer::values` wrote the address and length of the value's `&'static str`
        // name here.
        let name = unsafe { static_str_from(ptr, len) };
        let low = word(17);
        let value = match head[16] {
            STR => Value::Str(self.text_of(low as usize)),
            I64 => Value::I64(low as i64),
            U64 => Value::U64(low),
            I128 | U128 => {
                let mut wide = [0; 16];
                wide.copy_from_slice(&head[17..33]);
                if head[16] == I128 {
                    Value::I128(i128::from_ne_bytes(wide))
                } else {
                    Value::U128(u128::from_ne_bytes(wide))
                }
            }
            F64 => Value::F64(f64::from_bits(low)),
            F32 => Value::F32(f32::from_bits(low as u32)),
            BOOL => Value::Bool(low & 0xFF != 0),
            CHAR => Value::Char(char::from_u32(low as u32).unwrap_or(char::REPLACEMENT_CHARACTER)),
            _ => Value::Str(""),
        };
        (name, value)
    }
}

/// A `&'static str` from its address and length.
///
/// # Safety
///
/// `ptr..ptr + len` must be a `&'static str` of this process (or `len` 0).
unsafe fn static_str_from(ptr: usize, len: usize) -> &'static str {
    if len == 0 {
        return "";
    }
    // SAFETY: the caller's promise: `ptr..ptr + len` is a `&'static str`'s UTF-8.
    unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr as *const u8, len)) }
}

#[cfg(test)]
mod tests {
    use super::{Decoder, copy, prepare, write};
    use crate::callsite::Callsite;
    use crate::level::Level;
    use crate::message::{Message, Piece, Template};
    use crate::record::Record;
    use crate::thread::ThreadInfo;
    use crate::time::Timestamp;
    use crate::value::Value;

    static CALLSITE: Callsite = Callsite::new("app::db", "src/db.rs", 42, "t", || "app::db::f");
    static PIECES: [Piece; 4] = [
        Piece::TextValue("user ", 0),
        Piece::TextValue(" n=", 1),
        Piece::Style("\x1b[31m"),
        Piece::TextValue(" shown ", 9),
    ];

    /// A record through its entry and back: every value kind, a `Display` value rendered on
    /// the way in, an error chain, a custom level; the rebuilt record says the same (run under
    /// Miri too: the `'static` parts travel as addresses).
    #[test]
    fn a_record_comes_back_from_its_entry_the_same() {
        let shown = std::net::Ipv4Addr::new(10, 0, 0, 1);
        let values = [
            ("user", Value::Str("alice\n")),
            ("n", Value::I64(-7)),
            ("u", Value::U64(u64::MAX)),
            ("wide", Value::I128(i128::MIN)),
            ("uwide", Value::U128(u128::MAX)),
            ("f", Value::F64(0.1)),
            ("h", Value::F32(1.5)),
            ("ok", Value::Bool(true)),
            ("c", Value::Char('λ')),
            ("", Value::Display(&shown)),
        ];
        let error = std::io::Error::other("disk on fire");
        let level = Level::from_parts(35, ["AUDIT", "<cyan>", "\x1b[36m", "@"]);
        let message = Message::Template(Template::new(&PIECES, &values));
        let record = Record::new(
            Timestamp::from_unix(1_774_535_400, 5),
            &level,
            &CALLSITE,
            message,
            &values[..9],
        )
        .with_error(&error);
        let take = Vec::new;
        let mut texts = super::Texts::new(&take);
        let prepared = prepare(&record, &mut texts);
        let mut entry = vec![0u8; prepared.size()];
        write(&record, &prepared, &mut entry);
        let mut decoder = Decoder::default();
        let mut seen = None;
        decoder.decode(&entry, &ThreadInfo::current(), |back| {
            seen = Some((
                back.time(),
                back.level().name(),
                back.level().no(),
                back.line(),
                back.module_path(),
                back.message().to_string(),
                format!("{:?}", back.fields()),
                back.error().map(|e| e.to_string()),
            ));
        });
        assert_eq!(
            seen.unwrap(),
            (
                record.time(),
                "AUDIT",
                35,
                42,
                "app::db",
                record.message().to_string(),
                format!("{:?}", record.fields()),
                Some("disk on fire".to_owned()),
            )
        );
    }

    /// Every length on both sides of the short-copy paths copies exactly the bytes given.
    #[test]
    fn copy_moves_every_length_exactly() {
        let source: Vec<u8> = (0..40u8).collect();
        for len in 0..=source.len() {
            let mut dst = vec![0xAA; len];
            copy(&mut dst, &source[..len]);
            assert_eq!(dst, &source[..len], "len {len}");
        }
    }
}
