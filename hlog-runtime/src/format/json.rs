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
}
