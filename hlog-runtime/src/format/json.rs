//! JSON strings: `{extra}` writes its keys and text values with this, and so will the JSON
//! sink.

use std::fmt;

/// Writes the inside of a JSON string, escaping `"` `\`, the control characters C0, DEL and C1,
/// the line and paragraph separators U+2028/9 and the bidi controls U+202A..E and U+2066..9, as
/// values escape them; everything else, non-ASCII included, as is. The quotes are the caller's
/// (see [`write_string`]).
pub(crate) struct JsonEscaped<'a>(pub(crate) &'a mut Vec<u8>);

/// `text` as a JSON string, quotes included.
pub(crate) fn write_string(buf: &mut Vec<u8>, text: &dyn fmt::Display) {
    buf.push(b'"');
    let _ = fmt::Write::write_fmt(&mut JsonEscaped(buf), format_args!("{text}"));
    buf.push(b'"');
}

impl fmt::Write for JsonEscaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            match c {
                '"' => self.0.extend_from_slice(b"\\\""),
                '\\' => self.0.extend_from_slice(b"\\\\"),
                '\n' => self.0.extend_from_slice(b"\\n"),
                '\r' => self.0.extend_from_slice(b"\\r"),
                '\t' => self.0.extend_from_slice(b"\\t"),
                '\0'..='\x1f'
                | '\x7f'..='\u{9f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let c = c as usize;
                    let hex = |shift: usize| HEX[c >> shift & 15];
                    self.0.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
                }
                c => self.0.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<u8> {
        let mut buf = Vec::new();
        write_string(&mut buf, &text);
        buf
    }

    #[test]
    fn escapes() {
        let cases = [
            ("", r#""""#),
            ("plain", r#""plain""#),
            ("a\"b\\c", r#""a\"b\\c""#),
            ("\n\r\t", r#""\n\r\t""#),
            ("\0\x01\x1b\x1f", r#""\u0000\u0001\u001b\u001f""#),
            ("\x7f\u{80}\u{85}\u{9f}", r#""\u007f\u0080\u0085\u009f""#),
            ("\u{2028}\u{2029}\u{202a}\u{202e}", r#""\u2028\u2029\u202a\u202e""#),
            ("\u{2066}\u{2069}", r#""\u2066\u2069""#),
            ("\u{a0} é 日本 🎉 \u{2027}\u{202f}", "\"\u{a0} é 日本 🎉 \u{2027}\u{202f}\""),
        ];
        for (text, json) in cases {
            assert_eq!(String::from_utf8(quoted(text)).unwrap(), json, "{text:?}");
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

    /// Any text written as a JSON string reads back, with serde_json, as the same text.
    #[test]
    fn any_text_round_trips_through_serde_json() {
        let mut chars = Chars(0x9E37_79B9_7F4A_7C15);
        for case in 0..5_000 {
            let len = (chars.next() % 40) as usize;
            let text: String = (0..len).map(|_| chars.char()).collect();
            let json = quoted(&text);
            let back: String = serde_json::from_slice(&json)
                .unwrap_or_else(|e| panic!("case {case}: {text:?} gave {json:?}: {e}"));
            assert_eq!(back, text, "case {case}");
            let raw = std::str::from_utf8(&json).unwrap().chars().find(|c| {
                matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}')
            });
            assert_eq!(raw, None, "case {case}: {text:?} gave {json:?}");
        }
    }
}
