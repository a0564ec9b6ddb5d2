//! The text of values, escaped: no value can drive a terminal or start a line that reads as a
//! record. Escaped, in Rust's notation (a Rust string literal reads the same text back):
//!
//! - LF and CR as `\n` and `\r`; TAB stays as it is;
//! - the other C0 controls (ESC included) and DEL as `\x00`..`\x1f`, `\x7f`;
//! - the C1 controls U+0080..U+009F as `\u{80}`..`\u{9f}`;
//! - the line and paragraph separators U+2028/9 and the bidi embeddings, overrides and isolates
//!   U+202A..U+202E and U+2066..U+2069 as `\u{2028}`, `\u{202e}`, ...
//!
//! Everything else, backslashes included, is written as it is: the escapes are for display, not
//! a reversible encoding.

/// `bytes`, escaped, onto `buf`. A short text (up to 16 bytes: most values) is read once, as
/// [`append`](super::append) reads it, into at most two words that are checked at once and then
/// written; longer texts are checked a word at a time first. Only text that fails the check (a
/// control character, DEL, or any non-ASCII byte) takes the slow path, which looks closer.
#[inline(always)]
pub(crate) fn append_escaped(buf: &mut Vec<u8>, bytes: &[u8]) {
    let len = bytes.len();
    if len > 16 || buf.capacity() - buf.len() < 16 {
        append_long(buf, bytes);
        return;
    }
    // SAFETY: as in `append`: every read lies inside `bytes` (words at 0 and `len - 8` when
    // `len >= 8`, halves at 0 and `len - 4` when `len >= 4`, the bytes at 0, `len / 2` and
    // `len - 1` when `len >= 1`), and `dst..dst + len` inside the spare capacity (at least 16
    // bytes, `len <= 16`), every byte of it written before the length grows by `len`.
    unsafe {
        let src = bytes.as_ptr();
        let dst = buf.as_mut_ptr().add(buf.len());
        if len >= 8 {
            let head = src.cast::<u64>().read_unaligned();
            let tail = src.add(len - 8).cast::<u64>().read_unaligned();
            let mut flags = Flags::new(head);
            flags.add(tail);
            if !flags.none() {
                return escape(buf, bytes);
            }
            dst.cast::<u64>().write_unaligned(head);
            dst.add(len - 8).cast::<u64>().write_unaligned(tail);
        } else if len >= 4 {
            let head = src.cast::<u32>().read_unaligned();
            let tail = src.add(len - 4).cast::<u32>().read_unaligned();
            if !Flags::new(u64::from(head) | u64::from(tail) << 32).none() {
                return escape(buf, bytes);
            }
            dst.cast::<u32>().write_unaligned(head);
            dst.add(len - 4).cast::<u32>().write_unaligned(tail);
        } else if len > 0 {
            let (first, middle, last) = (*src, *src.add(len / 2), *src.add(len - 1));
            // The bytes present, padded with `A`.
            let word = u64::from(first)
                | u64::from(middle) << 8
                | u64::from(last) << 16
                | 0x4141_4141_4100_0000;
            if !Flags::new(word).none() {
                return escape(buf, bytes);
            }
            *dst = first;
            *dst.add(len / 2) = middle;
            *dst.add(len - 1) = last;
        }
        buf.set_len(buf.len() + len);
    }
}

/// [`append_escaped`] for a text longer than 16 bytes, or a buffer with less than 16 spare.
#[inline(never)]
fn append_long(buf: &mut Vec<u8>, bytes: &[u8]) {
    if is_plain(bytes) {
        buf.extend_from_slice(bytes);
    } else {
        escape(buf, bytes);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when `bytes` is printable ASCII: every byte in `0x20..=0x7e`. False says only "look
/// closer" (TAB and non-ASCII text are mostly written as they are).
#[inline]
fn is_plain(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let src = bytes.as_ptr();
    // SAFETY: every read lies inside `bytes`: words at `i` with `i + 8 < len` and at
    // `len - 8` when `len >= 8`; halves at 0 and `len - 4` when `4 <= len < 8`; the bytes at
    // 0, `len / 2` and `len - 1` when `1 <= len < 4`.
    unsafe {
        if len >= 8 {
            let mut flags = Flags::new(src.add(len - 8).cast::<u64>().read_unaligned());
            let mut i = 0;
            while i + 8 < len {
                flags.add(src.add(i).cast::<u64>().read_unaligned());
                i += 8;
            }
            flags.none()
        } else if len >= 4 {
            let head = u64::from(src.cast::<u32>().read_unaligned());
            let tail = u64::from(src.add(len - 4).cast::<u32>().read_unaligned());
            Flags::new(head | tail << 32).none()
        } else if len > 0 {
            let word = u64::from(*src)
                | u64::from(*src.add(len / 2)) << 8
                | u64::from(*src.add(len - 1)) << 16
                | 0x4141_4141_4100_0000;
            Flags::new(word).none()
        } else {
            true
        }
    }
}

/// The check of [`is_plain`] over words, accumulated. Per byte, with its high bit clear:
/// `b + 0x60` sets the high bit when `b >= 0x20`, `b + 0x01` when `b == 0x7f` (no carry leaves
/// a byte below 0x80). A byte with its high bit set fails the check at once, so the carries it
/// makes in the sums do not matter.
struct Flags {
    high: u64,
    del: u64,
    printable: u64,
}

impl Flags {
    #[inline(always)]
    fn new(word: u64) -> Self {
        Flags {
            high: word,
            del: word.wrapping_add(ONES),
            printable: word.wrapping_add(ONES * 0x60),
        }
    }

    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.high |= word;
        self.del |= word.wrapping_add(ONES);
        self.printable &= word.wrapping_add(ONES * 0x60);
    }

    #[inline(always)]
    fn none(&self) -> bool {
        (self.high | self.del | !self.printable) & HIGHS == 0
    }
}

/// The slow path: runs of text copied, the characters of the module's list escaped.
#[cold]
#[inline(never)]
fn escape(buf: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (len, code) = match bytes[i] {
            b'\t' => (0, 0),
            b @ (0x00..=0x1f | 0x7f) => (1, u32::from(b)),
            // U+0080..U+009F: C2 80..C2 9F.
            0xc2 => match bytes.get(i + 1) {
                Some(&b @ 0x80..=0x9f) => (2, u32::from(b)),
                _ => (0, 0),
            },
            // U+2028..U+202E: E2 80 A8..AE; U+2066..U+2069: E2 81 A6..A9.
            0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(&b @ 0xa8..=0xae)) | (Some(0x81), Some(&b @ 0xa6..=0xa9)) => {
                    (3, 0x2000 | u32::from(bytes[i + 1] & 0x3f) << 6 | u32::from(b & 0x3f))
                }
                _ => (0, 0),
            },
            _ => (0, 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        buf.extend_from_slice(&bytes[run..i]);
        write_escape(buf, code);
        i += len;
        run = i;
    }
    buf.extend_from_slice(&bytes[run..]);
}

/// One escape: `\n`, `\r`, `\x1b`, `\u{85}`, `\u{202e}`.
fn write_escape(buf: &mut Vec<u8>, code: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |shift: u32| HEX[(code >> shift & 15) as usize];
    match code {
        0x0a => buf.extend_from_slice(b"\\n"),
        0x0d => buf.extend_from_slice(b"\\r"),
        0..0x80 => buf.extend_from_slice(&[b'\\', b'x', hex(4), hex(0)]),
        0x80..0x100 => buf.extend_from_slice(&[b'\\', b'u', b'{', hex(4), hex(0), b'}']),
        _ => buf.extend_from_slice(&[b'\\', b'u', b'{', hex(12), hex(8), hex(4), hex(0), b'}']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = b"#".to_vec();
        append_escaped(&mut buf, text.as_bytes());
        String::from_utf8(buf).unwrap()[1..].to_owned()
    }

    #[test]
    fn escapes_the_listed_characters_only() {
        let cases = [
            ("", ""),
            ("plain text, 100% ASCII ~", "plain text, 100% ASCII ~"),
            ("a\tb", "a\tb"),
            ("x\ny\rz", "x\\ny\\rz"),
            ("\0\x01\x1b[31m\x1f\x7f", "\\x00\\x01\\x1b[31m\\x1f\\x7f"),
            ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
            ("\u{80}\u{85}\u{9f}\u{a0}é", "\\u{80}\\u{85}\\u{9f}\u{a0}é"),
            ("a\u{2028}b\u{2029}c", "a\\u{2028}b\\u{2029}c"),
            ("\u{2027}\u{202a}\u{202e}\u{202f}", "\u{2027}\\u{202a}\\u{202e}\u{202f}"),
            ("\u{2065}\u{2066}\u{2069}\u{206a}", "\u{2065}\\u{2066}\\u{2069}\u{206a}"),
            ("日本 🎉 \\n", "日本 🎉 \\n"),
        ];
        for (text, expected) in cases {
            assert_eq!(escaped(text), expected, "{text:?}");
        }
    }

    /// The word check agrees with a byte-by-byte one at every length and every position of
    /// every byte value, so no character on the list slips past the fast path.
    #[test]
    fn the_fast_check_misses_no_byte() {
        for len in 1..=40 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let plain = (0x20..=0x7e).contains(&byte);
                    assert_eq!(is_plain(&bytes), plain, "len {len}, {byte:#x} at {at}");
                }
            }
        }
        assert!(is_plain(b""));
    }

    /// The short path copies and escapes exactly what the slow path does, at every length,
    /// every fill of the spare capacity around 16, with and without a byte to escape.
    #[test]
    fn the_short_path_appends_exactly() {
        let source: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..=source.len() {
            for special in [None, Some(0), Some(len / 2), Some(len.saturating_sub(1))] {
                let mut text = source[..len].to_vec();
                if let Some(at) = special.filter(|_| len > 0) {
                    text[at] = b'\n';
                }
                let mut expected = vec![b'#'; 2];
                escape(&mut expected, &text);
                for capacity in [0, 8, 15, 16, 17, 18, 64] {
                    let mut buf = Vec::with_capacity(capacity);
                    buf.resize(2, b'#');
                    append_escaped(&mut buf, &text);
                    assert_eq!(buf, expected, "len {len}, capacity {capacity}, {special:?}");
                }
            }
        }
    }

    /// Every character: escaped exactly when it is on the list, and the escape reads back, as
    /// a Rust literal, as the character.
    #[test]
    fn every_character_is_escaped_as_listed() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let listed = matches!(c, '\0'..='\x08' | '\n'..='\x1f' | '\x7f'..='\u{9f}'
                | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            let text = format!("ab{c}cd");
            let out = escaped(&text);
            if !listed {
                assert_eq!(out, text, "{:#x}", c as u32);
                continue;
            }
            let escape = &out[2..out.len() - 2];
            let code = match escape {
                "\\n" => 0x0a,
                "\\r" => 0x0d,
                _ => match escape.strip_prefix("\\x") {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => {
                        let hex = escape.strip_prefix("\\u{").unwrap().strip_suffix('}').unwrap();
                        u32::from_str_radix(hex, 16).unwrap()
                    }
                },
            };
            assert_eq!(code, c as u32, "{escape}");
        }
    }
}
