//! JSON strings: `{extra}` writes its keys and text values with this, and so will the JSON
//! sink.

use std::fmt;

/// Writes a JSON string: the opening quote now, the closing one on drop, escaping in between
/// (`"` `\` and the control characters; everything else, non-ASCII included, as is).
pub(crate) struct JsonEscaped<'a>(&'a mut Vec<u8>);

impl<'a> JsonEscaped<'a> {
    /// Start a string on `buf`.
    pub(crate) fn quoted(buf: &'a mut Vec<u8>) -> Self {
        buf.push(b'"');
        JsonEscaped(buf)
    }
}

impl Drop for JsonEscaped<'_> {
    fn drop(&mut self) {
        self.0.push(b'"');
    }
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
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let c = c as usize;
                    self.0.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[c >> 4], HEX[c & 15]]);
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
    use std::fmt::Write as _;

    fn quoted(text: &str) -> Vec<u8> {
        let mut buf = Vec::new();
        let _ = write!(JsonEscaped::quoted(&mut buf), "{text}");
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
            ("\x7f é 日本 🎉", "\"\x7f é 日本 🎉\""),
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
                '"', '\\', '/', '\n', '\r', '\t', '\0', '\x08', '\x0c', '\x1b', '\x7f', 'é', '€',
                '😀',
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
        }
    }
}
