//! JSON text: strings escaped per RFC 8259 (and a little more), and field values as typed JSON.
//! `{extra}` and the JSON lines format (`json_lines.rs`) both write with this.
//!
//! Strings are escaped **in place**: the text is written raw at the end of the buffer (a `&str`
//! copied, a `Display` written straight in, a message rendered plain), then checked byte by
//! byte; text with nothing to escape — nearly all of it — costs that one check. Text with
//! something to escape is escaped into the buffer's spare room after it and moved back, so the
//! hot path needs no second buffer and allocates nothing once the buffer has grown.
//!
//! Escaped: `"` and `\`, the C0 controls (`\n`, `\r`, `\t`, `\b`, `\f` by name, the others as
//! `\u00XX`), and, as values are escaped in text lines so that a log viewed in a terminal cannot
//! be driven by it, DEL, the C1 controls U+0080..U+009F, the line and paragraph separators
//! U+2028/9 and the bidi controls U+202A..E and U+2066..9 as `\uXXXX`. With `ensure_ascii`
//! (Python's `json.dumps` default), every non-ASCII character is `\uXXXX`, and those above
//! U+FFFF a surrogate pair (`😀` is `\ud83d\ude00`). Everything else is written as is.

use std::fmt::{self, Write as _};

use crate::out::{Verbatim, guard};
use crate::value::Value;

/// What a byte asks for: nothing, an escape, or a closer look (a lead byte of a character
/// that may be on the list).
const PLAIN: u8 = 0;
const ESCAPE: u8 = 1;
const LOOK: u8 = 2;
/// A non-ASCII byte: escaped only under `ensure_ascii`.
const NON_ASCII: u8 = 4;

static CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            0x00..=0x1f | b'"' | b'\\' | 0x7f => ESCAPE,
            // U+0080..U+009F are C2 80..C2 9F; U+2028..U+202E and U+2066..U+2069 start with E2.
            0xc2 | 0xe2 => LOOK | NON_ASCII,
            0x80..=0xff => NON_ASCII,
            _ => PLAIN,
        };
        b += 1;
    }
    table
};

/// Escape, in place, the text written to `buf` from `start` on (UTF-8: it came from a `&str`
/// or a `fmt::Write`), as a JSON string's inside.
#[inline]
pub(crate) fn escape_from(buf: &mut Vec<u8>, start: usize, ensure_ascii: bool) {
    if let Some(first) = first_to_escape(&buf[start..], ensure_ascii) {
        escape_slow(buf, start + first, ensure_ascii);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Where the first byte that needs an escape (or a closer look) is, if any. Words of eight
/// bytes are checked at once (the last one overlapping the one before, a short text read as
/// `append` reads it), so most text — no control character, `"`, `\\`, DEL or non-ASCII byte —
/// is passed in a few instructions; only a word that fails is looked at byte by byte.
#[inline(always)]
fn first_to_escape(bytes: &[u8], ensure_ascii: bool) -> Option<usize> {
    let len = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    if len >= 8 {
        let mut at = 0;
        while at + 8 < len {
            if flagged(word(at)) {
                return scan(bytes, at, ensure_ascii);
            }
            at += 8;
        }
        if !flagged(word(len - 8)) {
            return None;
        }
        scan(bytes, len - 8, ensure_ascii)
    } else if len >= 4 {
        let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        if !flagged(u64::from(half(0)) | u64::from(half(len - 4)) << 32) {
            return None;
        }
        scan(bytes, 0, ensure_ascii)
    } else if len > 0 {
        // The bytes present, padded with `A`.
        let padded = u64::from(bytes[0])
            | u64::from(bytes[len / 2]) << 8
            | u64::from(bytes[len - 1]) << 16
            | 0x4141_4141_4100_0000;
        if !flagged(padded) {
            return None;
        }
        scan(bytes, 0, ensure_ascii)
    } else {
        None
    }
}

/// Whether a word holds a control character, `"`, `\\`, DEL or a non-ASCII byte. Per byte
/// `b`: the high bit of `(b ^ c) - 1` with `!(b ^ c)` is set where `b == c`, of `b - 0x20` with
/// `!b` where `b < 0x20`; a borrow can only set one above a byte that is flagged anyway.
/// Non-ASCII bytes have their own high bit set.
#[inline(always)]
fn flagged(word: u64) -> bool {
    let equal = |c: u64| {
        let x = word ^ (ONES * c);
        x.wrapping_sub(ONES) & !x
    };
    (word | word.wrapping_sub(ONES * 0x20) & !word | equal(0x22) | equal(0x5c) | equal(0x7f))
        & HIGHS
        != 0
}

/// The first byte from `from` on that the table flags (`from` is at or before it).
#[inline(never)]
fn scan(bytes: &[u8], from: usize, ensure_ascii: bool) -> Option<usize> {
    let mask = if ensure_ascii { ESCAPE | NON_ASCII } else { ESCAPE | LOOK };
    bytes[from..].iter().position(|&b| CLASS[usize::from(b)] & mask != 0).map(|i| from + i)
}

/// `text` as the inside of a JSON string.
#[inline]
pub(crate) fn write_escaped(buf: &mut Vec<u8>, text: &str, ensure_ascii: bool) {
    let start = buf.len();
    crate::out::append(buf, text.as_bytes());
    escape_from(buf, start, ensure_ascii);
}

/// `text` as a JSON string, quotes included. Checked before it is copied: text with nothing
/// to escape (nearly all: names, paths, most values) is one check and one copy.
#[inline]
pub(crate) fn write_str(buf: &mut Vec<u8>, text: &str, ensure_ascii: bool) {
    if first_to_escape(text.as_bytes(), ensure_ascii).is_none() {
        buf.push(b'"');
        crate::out::append(buf, text.as_bytes());
        buf.push(b'"');
    } else {
        write_str_escaped(buf, text, ensure_ascii);
    }
}

/// [`write_str`] for text with something to escape.
#[inline(never)]
fn write_str_escaped(buf: &mut Vec<u8>, text: &str, ensure_ascii: bool) {
    buf.push(b'"');
    write_escaped(buf, text, ensure_ascii);
    buf.push(b'"');
}

/// `text` (a `Display` or `Debug` value: user code, which may panic) as a JSON string, quotes
/// included: `<Display panicked>` stands between the quotes if it panics.
pub(crate) fn write_display(
    buf: &mut Vec<u8>,
    trait_name: &str,
    text: &dyn fmt::Display,
    ensure_ascii: bool,
) {
    buf.push(b'"');
    let start = buf.len();
    guard(buf, trait_name, |buf| {
        let _ = write!(Verbatim(buf), "{text}");
    });
    escape_from(buf, start, ensure_ascii);
    buf.push(b'"');
}

/// [`escape_from`] once something at `first` needs a look: the escaped text from `first` on
/// is written after the raw text, then moved over it.
#[cold]
#[inline(never)]
fn escape_slow(buf: &mut Vec<u8>, first: usize, ensure_ascii: bool) {
    let end = buf.len();
    let mut run = first;
    let mut i = first;
    while i < end {
        let b = buf[i];
        let class = CLASS[usize::from(b)];
        if class == PLAIN || (class == NON_ASCII && !ensure_ascii) {
            i += 1;
            continue;
        }
        let (len, code) = if b < 0x80 { (1, u32::from(b)) } else { decode(&buf[i..end]) };
        let listed = b < 0x80
            || ensure_ascii
            || matches!(code, 0x80..=0x9f | 0x2028..=0x202e | 0x2066..=0x2069);
        if !listed {
            i += len;
            continue;
        }
        if run == first && buf.len() == end {
            // The first escape: room for the worst case (every byte a `\u00XX`), once, so the
            // pushes below never reallocate in the middle.
            buf.reserve((end - first) * 6);
        }
        buf.extend_from_within(run..i);
        push_escape(buf, code);
        i += len;
        run = i;
    }
    if buf.len() == end {
        // Only non-ASCII text that JSON takes as it is (`é`, `—`, `€`): nothing to move.
        return;
    }
    buf.extend_from_within(run..end);
    buf.copy_within(end.., first);
    buf.truncate(buf.len() - (end - first));
}

/// The character at the start of `bytes` (valid UTF-8, a lead byte first): its length and
/// code point.
#[inline]
fn decode(bytes: &[u8]) -> (usize, u32) {
    let cont = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0x80) & 0x3f);
    let b = u32::from(bytes[0]);
    match bytes[0] {
        0xc0..=0xdf => (2, (b & 0x1f) << 6 | cont(1)),
        0xe0..=0xef => (3, (b & 0x0f) << 12 | cont(1) << 6 | cont(2)),
        0xf0..=0xff => (4, (b & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)),
        // A continuation byte never starts a character of valid UTF-8.
        _ => (1, 0xfffd),
    }
}

/// One escape: `\"`, `\\`, `\n` (and the other short forms), `\u001b`, or a surrogate pair.
fn push_escape(buf: &mut Vec<u8>, code: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let unit = |buf: &mut Vec<u8>, u: u32| {
        let hex = |shift: u32| HEX[(u >> shift & 15) as usize];
        buf.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
    };
    match code {
        0x22 => buf.extend_from_slice(b"\\\""),
        0x5c => buf.extend_from_slice(b"\\\\"),
        0x0a => buf.extend_from_slice(b"\\n"),
        0x0d => buf.extend_from_slice(b"\\r"),
        0x09 => buf.extend_from_slice(b"\\t"),
        0x08 => buf.extend_from_slice(b"\\b"),
        0x0c => buf.extend_from_slice(b"\\f"),
        0x1_0000.. => {
            let c = code - 0x1_0000;
            unit(buf, 0xd800 | c >> 10);
            unit(buf, 0xdc00 | (c & 0x3ff));
        }
        _ => unit(buf, code),
    }
}

/// A field's value as JSON: integers (128-bit ones too) and finite floats as numbers, bools as
/// `true`/`false`, everything else as a string. A float is written as serde_json writes it
/// (zmij's shortest digits that read back as the same float: `1.0`, `0.1`, `1e+16`); a
/// non-finite one, which JSON has no number for, is the string `"NaN"`, `"inf"` or `"-inf"`
/// (the text the message shows).
#[inline]
pub(crate) fn write_value(buf: &mut Vec<u8>, value: &Value<'_>, ensure_ascii: bool) {
    match *value {
        Value::Str(s) => write_str(buf, s, ensure_ascii),
        Value::I64(v) => int(buf, v),
        Value::U64(v) => int(buf, v),
        Value::I128(v) => int(buf, v),
        Value::U128(v) => int(buf, v),
        Value::F64(v) => float(buf, v, v.is_finite(), v.is_nan(), v.is_sign_negative()),
        Value::F32(v) => float(buf, v, v.is_finite(), v.is_nan(), v.is_sign_negative()),
        Value::Bool(v) => buf.extend_from_slice(if v { b"true" } else { b"false" }),
        Value::Char(c) => write_str(buf, c.encode_utf8(&mut [0; 4]), ensure_ascii),
        Value::Display(d) => write_display(buf, "Display", &d, ensure_ascii),
        Value::Debug(d) => write_display(buf, "Debug", &format_args!("{d:?}"), ensure_ascii),
    }
}

#[inline]
fn int(buf: &mut Vec<u8>, value: impl itoa::Integer) {
    crate::out::append(buf, itoa::Buffer::new().format(value).as_bytes());
}

#[inline]
fn float(buf: &mut Vec<u8>, value: impl zmij::Float, finite: bool, nan: bool, negative: bool) {
    let text = match (finite, nan, negative) {
        (true, ..) => {
            return crate::out::append(buf, zmij::Buffer::new().format_finite(value).as_bytes());
        }
        (_, true, _) => "\"NaN\"",
        (_, _, false) => "\"inf\"",
        (_, _, true) => "\"-inf\"",
    };
    buf.extend_from_slice(text.as_bytes());
}

/// Fields as a JSON object's members, `"user":"alice","n":3` (`separators`: what goes between
/// two members and between a key and its value), with no braces.
///
/// A field's name is a Rust identifier (the macros take it from the call) and so never holds
/// anything JSON escapes, but bridges may make records with any name: it goes through the same
/// check as values, which passes an identifier eight bytes at a time. (A schema's own keys are
/// escaped once, when it is built.)
#[inline]
pub(crate) fn write_members<'v>(
    buf: &mut Vec<u8>,
    fields: impl IntoIterator<Item = (&'static str, Value<'v>)>,
    separators: (&[u8], &[u8]),
    ensure_ascii: bool,
) {
    for (i, (name, value)) in fields.into_iter().enumerate() {
        if i > 0 {
            buf.extend_from_slice(separators.0);
        }
        write_str(buf, name, ensure_ascii);
        buf.extend_from_slice(separators.1);
        write_value(buf, &value, ensure_ascii);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, ensure_ascii: bool) -> String {
        let mut buf = b"#".to_vec();
        write_str(&mut buf, text, ensure_ascii);
        String::from_utf8(buf).unwrap()[1..].to_owned()
    }

    #[test]
    fn escapes() {
        let cases = [
            ("", r#""""#),
            ("plain", r#""plain""#),
            ("a\"b\\c/", r#""a\"b\\c/""#),
            ("\n\r\t\x08\x0c", r#""\n\r\t\b\f""#),
            ("\0\x01\x1b\x1f", r#""\u0000\u0001\u001b\u001f""#),
            ("\x7f\u{80}\u{85}\u{9f}", r#""\u007f\u0080\u0085\u009f""#),
            ("\u{2028}\u{2029}\u{202a}\u{202e}", r#""\u2028\u2029\u202a\u202e""#),
            ("\u{2066}\u{2069}", r#""\u2066\u2069""#),
            ("\u{a0} é 日本 🎉 \u{2027}\u{202f}", "\"\u{a0} é 日本 🎉 \u{2027}\u{202f}\""),
            // Lead bytes the fast check hands to the slow path, with nothing to escape after
            // all, then something to escape after them.
            ("° £ — “q” … € • →", "\"° £ — “q” … € • →\""),
            ("— then\n", "\"— then\\n\""),
        ];
        for (text, json) in cases {
            assert_eq!(quoted(text, false), json, "{text:?}");
        }
    }

    #[test]
    fn ensure_ascii_escapes_every_non_ascii_character() {
        let cases = [
            ("plain \"q\"", r#""plain \"q\"""#),
            ("é", r#""\u00e9""#),
            ("\u{a0}日\n", r#""\u00a0\u65e5\n""#),
            ("😀", r#""\ud83d\ude00""#),
            ("\u{10ffff}\u{85}", r#""\udbff\udfff\u0085""#),
        ];
        for (text, json) in cases {
            assert_eq!(quoted(text, true), json, "{text:?}");
        }
    }

    #[test]
    fn values_are_typed() {
        let cases: [(Value<'_>, &str); 14] = [
            (Value::Str("a\"b"), r#""a\"b""#),
            (Value::I64(-42), "-42"),
            (Value::U64(u64::MAX), "18446744073709551615"),
            (Value::I128(i128::MIN), "-170141183460469231731687303715884105728"),
            (Value::U128(u128::MAX), "340282366920938463463374607431768211455"),
            (Value::F64(1.0), "1.0"),
            (Value::F64(-0.0), "-0.0"),
            (Value::F64(1e16), "1e+16"),
            (Value::F32(0.1), "0.1"),
            (Value::F64(f64::NAN), r#""NaN""#),
            (Value::F64(f64::NEG_INFINITY), r#""-inf""#),
            (Value::F32(f32::INFINITY), r#""inf""#),
            (Value::Char('\n'), r#""\n""#),
            (Value::Debug(&"x"), r#""\"x\"""#),
        ];
        for (value, json) in cases {
            let mut buf = Vec::new();
            write_value(&mut buf, &value, false);
            assert_eq!(String::from_utf8(buf).unwrap(), json, "{value:?}");
        }
    }

    /// The word-at-a-time check finds the first byte the table flags, at every length and
    /// position of every byte value.
    #[test]
    fn the_fast_check_misses_no_byte() {
        for ensure_ascii in [false, true] {
            let mask = if ensure_ascii { ESCAPE | NON_ASCII } else { ESCAPE | LOOK };
            for len in 1..=40 {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut bytes = vec![b'a'; len];
                        bytes[at] = byte;
                        let flagged = CLASS[usize::from(byte)] & mask != 0;
                        let expected = flagged.then_some(at);
                        assert_eq!(
                            first_to_escape(&bytes, ensure_ascii),
                            expected,
                            "{len} {at} {byte:#x}"
                        );
                    }
                }
            }
        }
    }

    /// A small deterministic generator (xorshift), so a failure reproduces.
    struct Chars(u64);

    impl Chars {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// Mostly the characters that need care: quotes, backslashes, control characters,
        /// multi-byte ones; sometimes any scalar value.
        fn char(&mut self) -> char {
            const TRICKY: &[char] = &[
                '"', '\\', '/', '\n', '\r', '\t', '\0', '\x08', '\x0c', '\x1b', '\x7f', '\u{80}',
                '\u{85}', '\u{9f}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}',
                '\u{2066}', '\u{2069}', 'é', '€', '😀',
            ];
            match self.next() % 4 {
                0 => TRICKY[(self.next() % TRICKY.len() as u64) as usize],
                1 => char::from(b' ' + (self.next() % 95) as u8),
                2 => char::from((self.next() % 0x20) as u8),
                _ => loop {
                    if let Some(c) = char::from_u32((self.next() % 0x11_0000) as u32) {
                        break c;
                    }
                },
            }
        }
    }

    /// Any text written as a JSON string reads back, with serde_json, as the same text, with
    /// none of the listed characters left raw (and, under `ensure_ascii`, nothing non-ASCII).
    #[test]
    fn any_text_round_trips_through_serde_json() {
        let mut chars = Chars(0x9E37_79B9_7F4A_7C15);
        for case in 0..5_000 {
            let len = (chars.next() % 40) as usize;
            let text: String = (0..len).map(|_| chars.char()).collect();
            for ensure_ascii in [false, true] {
                let json = quoted(&text, ensure_ascii);
                let back: String = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("case {case}: {text:?} gave {json:?}: {e}"));
                assert_eq!(back, text, "case {case}");
                let raw = json.chars().find(|c| {
                    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}')
                        || (ensure_ascii && !c.is_ascii())
                });
                assert_eq!(raw, None, "case {case}: {text:?} gave {json:?}");
            }
        }
    }
}
