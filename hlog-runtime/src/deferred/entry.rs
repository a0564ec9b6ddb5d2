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
//! kind u8 | secs i64 | nanos u32 | callsite usize | level no u32 | level texts 4 × (ptr, len)
//! message: static (ptr, len) | text (u32 len, bytes) | template pieces (ptr, len)
//! values: u32 count, then each: name (ptr, len), tag u8, payload
//! fields: u32 count of values that are fields (FIELDS_APART: u32 count then fields as values)
//! error: u32 count of texts (the error, then each source), each u32 len, bytes
//! ```

use std::error::Error;
use std::fmt::{self, Write as _};

use crate::callsite::Callsite;
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

/// Values a record rebuilt on the stack holds; a record with more takes a vector.
const INLINE_VALUES: usize = 32;

/// Deepest `source()` chain kept; deeper causes are left out.
const MAX_CAUSES: usize = 64;

/// The time a record was logged, read from its entry without decoding the rest (the writer
/// merges threads by it).
pub(crate) fn time_of(entry: &[u8]) -> Timestamp {
    let mut reader = Reader(entry.get(1..).unwrap_or_default());
    Timestamp::from_unix(reader.i64(), reader.u32())
}

/// Write `record` into `buf` (cleared first).
pub(crate) fn encode(record: &Record<'_>, buf: &mut Vec<u8>) {
    buf.clear();
    let (kind, values): (u8, &[(&'static str, Value<'_>)]) = match record.message {
        Message::Static(_) => (STATIC, &[]),
        Message::Text(_) => (TEXT, &[]),
        Message::Template(template) => (TEMPLATE, template.values()),
    };
    buf.push(kind);
    buf.extend_from_slice(&record.time.secs().to_ne_bytes());
    buf.extend_from_slice(&record.time.nanos().to_ne_bytes());
    put_usize(buf, record.callsite as *const Callsite as usize);
    buf.extend_from_slice(&record.level.no().to_ne_bytes());
    for text in record.level.parts() {
        put_static_str(buf, text);
    }
    match record.message {
        Message::Static(text) => put_static_str(buf, text),
        Message::Text(text) => put_text(buf, text),
        Message::Template(template) => {
            let pieces = template.pieces();
            put_usize(buf, pieces.as_ptr() as usize);
            put_usize(buf, pieces.len());
        }
    }
    put_values(buf, values);
    let fields = record.fields;
    if fields.len() <= values.len() && std::ptr::eq(fields.as_ptr(), values.as_ptr()) {
        put_u32(buf, fields.len());
    } else {
        buf.extend_from_slice(&FIELDS_APART.to_ne_bytes());
        put_values(buf, fields);
    }
    put_error(buf, record.error);
}

fn put_u32(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX - 1).to_ne_bytes());
}

fn put_usize(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(&n.to_ne_bytes());
}

fn put_static_str(buf: &mut Vec<u8>, text: &'static str) {
    put_usize(buf, text.as_ptr() as usize);
    put_usize(buf, text.len());
}

fn put_text(buf: &mut Vec<u8>, text: &str) {
    put_u32(buf, text.len());
    buf.extend_from_slice(text.as_bytes());
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

fn put_values(buf: &mut Vec<u8>, values: &[(&'static str, Value<'_>)]) {
    put_u32(buf, values.len());
    for (name, value) in values {
        put_static_str(buf, name);
        match *value {
            Value::Str(s) => {
                buf.push(STR);
                put_text(buf, s);
            }
            Value::I64(v) => put_number(buf, I64, &v.to_ne_bytes()),
            Value::U64(v) => put_number(buf, U64, &v.to_ne_bytes()),
            Value::I128(v) => put_number(buf, I128, &v.to_ne_bytes()),
            Value::U128(v) => put_number(buf, U128, &v.to_ne_bytes()),
            Value::F64(v) => put_number(buf, F64, &v.to_bits().to_ne_bytes()),
            Value::F32(v) => put_number(buf, F32, &v.to_bits().to_ne_bytes()),
            Value::Bool(v) => put_number(buf, BOOL, &[u8::from(v)]),
            Value::Char(v) => put_number(buf, CHAR, &u32::from(v).to_ne_bytes()),
            Value::Display(d) => {
                buf.push(STR);
                put_rendered(buf, "Display", |buf| {
                    let _ = write!(Verbatim(buf), "{d}");
                });
            }
            Value::Debug(d) => {
                buf.push(STR);
                put_rendered(buf, "Debug", |buf| {
                    let _ = write!(Verbatim(buf), "{d:?}");
                });
            }
        }
    }
}

fn put_number(buf: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
    buf.push(tag);
    buf.extend_from_slice(bytes);
}

/// The error and each of its sources, as text.
fn put_error(buf: &mut Vec<u8>, error: Option<&(dyn Error + 'static)>) {
    let count_at = buf.len();
    buf.extend_from_slice(&[0; 4]);
    let mut count = 0u32;
    let mut next = error;
    while let Some(error) = next {
        if count as usize == MAX_CAUSES {
            break;
        }
        put_rendered(buf, "Display", |buf| {
            let _ = write!(Verbatim(buf), "{error}");
        });
        count += 1;
        next = error.source();
    }
    buf[count_at..count_at + 4].copy_from_slice(&count.to_ne_bytes());
}

/// Rebuild the record `entry` holds and give it to `f`. `thread` is the thread that logged it
/// (its ring's). An entry this module did not write is a bug; a short one reads as zeros.
pub(crate) fn decode(entry: &[u8], thread: &ThreadInfo, f: &mut dyn FnMut(&Record<'_>)) {
    let mut reader = Reader(entry);
    let kind = reader.u8();
    let time = Timestamp::from_unix(reader.i64(), reader.u32());
    // SAFETY: `encode` wrote the address of a `&'static Callsite` here; statics live as long
    // as the process and do not move.
    let callsite: &'static Callsite = unsafe { &*(reader.usize() as *const Callsite) };
    let no = reader.u32();
    // SAFETY (the four): `encode` wrote `&'static str`s here (a level's texts).
    let level = Level::from_parts(no, unsafe {
        [reader.static_str(), reader.static_str(), reader.static_str(), reader.static_str()]
    });
    let message = match kind {
        // SAFETY: `encode` wrote a `Message::Static`'s `&'static str` here.
        STATIC => Stored::Static(unsafe { reader.static_str() }),
        TEXT => Stored::Text(reader.text()),
        _ => {
            let (ptr, len) = (reader.usize(), reader.usize());
            // SAFETY: `encode` wrote the address and length of a template's
            // `&'static [Piece]` here.
            Stored::Pieces(unsafe { std::slice::from_raw_parts(ptr as *const Piece, len) })
        }
    };
    with_values(&mut reader, &mut |reader, values| {
        let mut rest = |reader: &mut Reader<'_>, fields: &[(&'static str, Value<'_>)]| {
            let texts = reader.count();
            with_causes(reader, texts, &mut |error| {
                let message = match message {
                    Stored::Static(text) => Message::Static(text),
                    Stored::Text(text) => Message::Text(text),
                    Stored::Pieces(pieces) => Message::Template(Template::new(pieces, values)),
                };
                let mut record = Record::new(time, &level, callsite, message, fields);
                record.error = error.map(|e| e as &(dyn Error + 'static));
                record.thread = Some(thread);
                f(&record);
            });
        };
        let fields_count = reader.u32();
        if fields_count == FIELDS_APART {
            with_values(reader, &mut |reader, fields| rest(reader, fields));
        } else {
            rest(reader, values.get(..fields_count as usize).unwrap_or(values));
        }
    });
}

/// A message as it comes out of an entry (its values come later).
#[derive(Clone, Copy)]
enum Stored<'a> {
    Static(&'static str),
    Text(&'a str),
    Pieces(&'static [Piece]),
}

/// Read a list of values and give them to `f`: on the stack, in an array sized to the count
/// (filling a large array for a few values costs more than reading them), up to
/// [`INLINE_VALUES`]; a record with more takes a vector.
fn with_values<'a>(reader: &mut Reader<'a>, f: &mut dyn FnMut(&mut Reader<'a>, &Values<'a>)) {
    match reader.count() {
        0 => f(reader, &[]),
        count @ 1..=4 => with_array::<4>(reader, count, f),
        count @ 5..=8 => with_array::<8>(reader, count, f),
        count @ 9..=INLINE_VALUES => with_array::<INLINE_VALUES>(reader, count, f),
        count => {
            let values: Vec<_> = (0..count).map(|_| reader.value()).collect();
            f(reader, &values)
        }
    }
}

fn with_array<'a, const N: usize>(
    reader: &mut Reader<'a>,
    count: usize,
    f: &mut dyn FnMut(&mut Reader<'a>, &Values<'a>),
) {
    let mut values = [("", Value::Bool(false)); N];
    for slot in &mut values[..count] {
        *slot = reader.value();
    }
    f(reader, &values[..count])
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

/// Read `count` error texts and give `f` the first, whose `source()` chain is the rest.
fn with_causes(reader: &mut Reader<'_>, count: usize, f: &mut dyn FnMut(Option<&Cause>)) {
    if count == 0 {
        return f(None);
    }
    let mut texts = [""; MAX_CAUSES];
    let count = count.min(MAX_CAUSES);
    for text in &mut texts[..count] {
        *text = reader.text();
    }
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
        if len == 0 {
            return "";
        }
        // SAFETY: the caller's promise: `ptr..ptr + len` is a `&'static str`'s UTF-8.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr as *const u8, len)) }
    }

    /// Text written by `put_text` or `put_rendered`.
    fn text(&mut self) -> &'a str {
        let len = self.count();
        let Some((bytes, rest)) = self.0.split_at_checked(len) else {
            self.0 = &[];
            return "";
        };
        self.0 = rest;
        // SAFETY: `put_text` and `put_rendered` wrote a length, then that many bytes of a `&str`
        // (or of text a `fmt::Write` received as `&str`s, or hlog's own marker): UTF-8. The
        // ring hands the writer the entry's bytes exactly as `encode` left them. (Checking
        // again measured ~120 instructions a record on the writer thread.)
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    fn value(&mut self) -> (&'static str, Value<'a>) {
        // SAFETY: `put_values` wrote each value's `&'static str` name first.
        let name = unsafe { self.static_str() };
        let value = match self.u8() {
            STR => Value::Str(self.text()),
            I64 => Value::I64(i64::from_ne_bytes(self.take())),
            U64 => Value::U64(u64::from_ne_bytes(self.take())),
            I128 => Value::I128(i128::from_ne_bytes(self.take())),
            U128 => Value::U128(u128::from_ne_bytes(self.take())),
            F64 => Value::F64(f64::from_bits(u64::from_ne_bytes(self.take()))),
            F32 => Value::F32(f32::from_bits(u32::from_ne_bytes(self.take()))),
            BOOL => Value::Bool(self.u8() != 0),
            CHAR => Value::Char(char::from_u32(self.u32()).unwrap_or(char::REPLACEMENT_CHARACTER)),
            _ => Value::Str(""),
        };
        (name, value)
    }
}
