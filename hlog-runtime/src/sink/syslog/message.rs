//! One syslog message, byte for byte: the header of RFC 5424 or RFC 3164, RFC 5424's
//! STRUCTURED-DATA from the record's fields, then the MSG. Written into the sink's reused
//! buffer; nothing here allocates once the buffer has grown.
//!
//! ```text
//! RFC 5424:  <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [SP MSG]
//!            TIMESTAMP      = 2026-12-02T08:00:00.123456+01:00 (or ...Z in UTC)
//!            STRUCTURED-DATA = "-" / "[" SD-ID *(SP PARAM-NAME "=" DQUOTE PARAM-VALUE DQUOTE) "]"
//! RFC 3164:  <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PROCID]: MSG   (no HOSTNAME on a local socket)
//! ```

use crate::out::Out;
use crate::time::{Civil, Timestamp, Zone};
use crate::value::Value;

/// The message format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Protocol {
    /// RFC 5424: version 1, RFC 3339 timestamps, structured data.
    Rfc5424,
    /// RFC 3164, the BSD format; `local` (a Unix socket such as `/dev/log`) leaves the
    /// hostname out, as glibc's `syslog()` does.
    Rfc3164 { local: bool },
}

/// The longest PARAM-NAME (and SD-NAME) RFC 5424 allows.
const MAX_NAME: usize = 32;

/// What stays the same from one message to the next, rendered once: the header fields after
/// the timestamp, and the SD-ID.
pub(super) struct Header {
    protocol: Protocol,
    /// The facility's code (0..=23).
    facility: u8,
    /// 5424: ` HOSTNAME APP-NAME PROCID MSGID ` (between the timestamp and the structured
    /// data); 3164: ` HOSTNAME TAG[PROCID]: ` (between the timestamp and the message).
    fixed: Box<[u8]>,
    sd_id: Box<str>,
    zone: Zone,
    stamp: StampCache,
}

/// The header fields, checked (printable US-ASCII within RFC 5424's lengths; `-` is
/// NILVALUE).
pub(super) struct Fields<'a> {
    pub(super) hostname: &'a str,
    pub(super) app_name: &'a str,
    pub(super) procid: &'a str,
    pub(super) msgid: &'a str,
}

impl Header {
    pub(super) fn new(
        protocol: Protocol,
        facility: u8,
        fields: &Fields<'_>,
        sd_id: &str,
        zone: Zone,
    ) -> Header {
        let Fields { hostname, app_name, procid, msgid } = *fields;
        let fixed = match protocol {
            Protocol::Rfc5424 => format!(" {hostname} {app_name} {procid} {msgid} "),
            Protocol::Rfc3164 { local: false } => format!(" {hostname} {app_name}[{procid}]: "),
            Protocol::Rfc3164 { local: true } => format!(" {app_name}[{procid}]: "),
        };
        Header {
            protocol,
            facility,
            fixed: fixed.into_bytes().into(),
            sd_id: sd_id.into(),
            zone,
            stamp: StampCache::default(),
        }
    }

    /// Append the message of one record: `severity` (0..=7), its time, its fields (written
    /// as structured data by RFC 5424, left out by RFC 3164) and `msg`, the formatted line
    /// without its newline. Returns where in `buf` the MSG starts (its end when it is empty):
    /// what comes before is the header and the structured data.
    pub(super) fn write<'v>(
        &mut self,
        buf: &mut Vec<u8>,
        severity: u8,
        time: Timestamp,
        fields: impl Iterator<Item = (&'static str, Value<'v>)>,
        msg: &[u8],
    ) -> usize {
        buf.push(b'<');
        crate::out::append(
            buf,
            itoa::Buffer::new().format(self.facility * 8 + severity).as_bytes(),
        );
        buf.push(b'>');
        match self.protocol {
            Protocol::Rfc5424 => {
                buf.extend_from_slice(b"1 ");
                self.stamp.rfc3339(buf, time, &self.zone);
                buf.extend_from_slice(&self.fixed);
                write_structured_data(buf, &self.sd_id, fields);
                if !msg.is_empty() {
                    buf.push(b' ');
                }
                let start = buf.len();
                buf.extend_from_slice(msg);
                start
            }
            Protocol::Rfc3164 { .. } => {
                self.stamp.bsd(buf, time, &self.zone);
                buf.extend_from_slice(&self.fixed);
                let start = buf.len();
                buf.extend_from_slice(msg);
                // A 3164 receiver reading a stream ends a message at a line break: none may
                // come from the message.
                escape_in_place(buf, start, |b| match b {
                    b'\n' => Some(b'n'),
                    b'\r' => Some(b'r'),
                    _ => None,
                });
                start
            }
        }
    }
}

/// Cut the message in `buf` so that it ends at `end` at the latest, inside its MSG (which
/// starts at `msg_start`) and at a UTF-8 character boundary, so that a receiver never sees half
/// a character. `false`, and `buf` left as it is, when the header and the structured data
/// alone reach past `end`: the message cannot be sent whole enough to mean anything.
pub(super) fn truncate_msg(buf: &mut Vec<u8>, msg_start: usize, end: usize) -> bool {
    if buf.len() <= end {
        return true;
    }
    if msg_start > end {
        return false;
    }
    let mut cut = end;
    // A continuation byte (10xxxxxx) is never the first of a character.
    while cut > msg_start && buf[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    buf.truncate(cut);
    true
}

/// The syslog severity of a level number: TRACE and DEBUG (below 20) 7 debug, INFO (20..25) 6
/// informational, SUCCESS (25..30) 5 notice, WARNING (30..40) 4 warning, ERROR (40..50) 3
/// error, CRITICAL (50 and above) 2 critical. A custom level takes the severity of the range
/// its number is in.
pub(super) fn severity(level_no: u32) -> u8 {
    match level_no {
        0..20 => 7,
        20..25 => 6,
        25..30 => 5,
        30..40 => 4,
        40..50 => 3,
        _ => 2,
    }
}

/// `-` for no fields, else one SD-ELEMENT, `[SD-ID name="value" ...]`: names mapped by
/// [`write_param_name`]; a value is its text as the message shows it (control characters,
/// line breaks included, escaped as on every sink: RFC 5424 has no escape for them, receivers
/// store them each their own way, and no value may drive a terminal), then escaped as RFC 5424
/// §6.3.3 says: `"`, `\` and `]` take a backslash. Non-ASCII text is written as it is.
fn write_structured_data<'v>(
    buf: &mut Vec<u8>,
    sd_id: &str,
    mut fields: impl Iterator<Item = (&'static str, Value<'v>)>,
) {
    let Some(first) = fields.next() else {
        buf.push(b'-');
        return;
    };
    buf.push(b'[');
    buf.extend_from_slice(sd_id.as_bytes());
    for (name, value) in std::iter::once(first).chain(fields) {
        buf.push(b' ');
        write_param_name(buf, name);
        buf.extend_from_slice(b"=\"");
        let start = buf.len();
        // The value's text as the message shows it, then RFC 5424's escapes.
        Out::plain(buf).value(&value);
        escape_in_place(buf, start, |b| matches!(b, b'"' | b'\\' | b']').then_some(b));
        buf.push(b'"');
    }
    buf.push(b']');
}

/// A field's name as a PARAM-NAME: each character that RFC 5424 does not allow there (anything
/// but printable US-ASCII, and `=`, space, `]`, `"`) becomes `_`, the result is cut at 32
/// bytes, and an empty name is `_`. Deterministic, so a name always maps to the same one.
fn write_param_name(buf: &mut Vec<u8>, name: &str) {
    if name.is_empty() {
        buf.push(b'_');
    }
    for c in name.chars().take(MAX_NAME) {
        buf.push(if is_name_char(c) { c as u8 } else { b'_' });
    }
}

/// A byte of printable US-ASCII (33..=126, no space): what every RFC 5424 header field is made
/// of.
pub(super) fn is_printable_ascii(b: u8) -> bool {
    (33..=126).contains(&b)
}

/// A character RFC 5424 allows in an SD-NAME.
fn is_name_char(c: char) -> bool {
    c.is_ascii() && is_printable_ascii(c as u8) && !matches!(c, '=' | ']' | '"')
}

/// Escape, in place, the bytes of `buf` from `start` on that `escape` names: each becomes a
/// backslash and the byte `escape` returns. Text with nothing to escape costs one scan.
fn escape_in_place(buf: &mut Vec<u8>, start: usize, escape: impl Fn(u8) -> Option<u8>) {
    let extra = buf[start..].iter().filter(|&&b| escape(b).is_some()).count();
    if extra == 0 {
        return;
    }
    let end = buf.len();
    buf.resize(end + extra, 0);
    // From the back: each byte moves right by the escapes before it.
    let mut write = end + extra;
    for read in (start..end).rev() {
        let b = buf[read];
        match escape(b) {
            Some(second) => {
                buf[write - 1] = second;
                buf[write - 2] = b'\\';
                write -= 2;
            }
            None => {
                buf[write - 1] = b;
                write -= 1;
            }
        }
    }
}

/// Checks a header field given to the builder: printable US-ASCII (33..=126), 1 to `max`
/// bytes, and none of `forbidden`. `-` (NILVALUE) passes.
pub(super) fn check_field(
    what: &'static str,
    value: &str,
    max: usize,
    forbidden: &str,
) -> Result<(), crate::error::SpecError> {
    let printable = value.bytes().all(is_printable_ascii);
    let clean = !value.chars().any(|c| forbidden.contains(c));
    if !value.is_empty() && value.len() <= max && printable && clean {
        return Ok(());
    }
    let but = if forbidden.is_empty() {
        String::new()
    } else {
        let listed: Vec<String> = forbidden.chars().map(|c| format!("`{c}`")).collect();
        format!(" other than {}", listed.join(", "))
    };
    Err(crate::error::SpecError::new(
        what,
        value,
        format!(
            "expected 1 to {max} printable US-ASCII characters{but} (no space, no control or \
             non-ASCII character), or `-` for none"
        ),
    ))
}

/// Checks an SD-ID for the record's fields: `name@number` (a private enterprise number, with
/// dotted sub-identifiers allowed), at most 32 characters of an SD-NAME.
pub(super) fn check_sd_id(sd_id: &str) -> Result<(), crate::error::SpecError> {
    let valid = sd_id.len() <= MAX_NAME
        && sd_id.chars().all(is_name_char)
        && match sd_id.split_once('@') {
            Some((name, number)) => {
                !name.is_empty()
                    && !number.contains('@')
                    && number
                        .split('.')
                        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            }
            None => false,
        };
    if valid {
        return Ok(());
    }
    Err(crate::error::SpecError::new(
        "syslog SD-ID",
        sd_id,
        "an SD-ID of your own is `name@number` (a private enterprise number, such as \
         `fields@32473`), at most 32 printable US-ASCII characters without space, `=`, `]` or \
         `\"`; names without `@` are reserved for the IANA-registered ones",
    ))
}

/// A header field that is not given: the text as it is when it is valid, else with every
/// character outside printable US-ASCII, or in `forbidden` (RFC 3164's TAG ends at `[`, `]` or
/// `:`), replaced by `_`, cut at `max` bytes; `-` when empty.
pub(super) fn sanitize_field(value: &str, max: usize, forbidden: &str) -> String {
    let allowed = |c: char| c.is_ascii() && is_printable_ascii(c as u8) && !forbidden.contains(c);
    let mapped: String =
        value.chars().map(|c| if allowed(c) { c } else { '_' }).take(max).collect();
    if mapped.is_empty() { "-".to_owned() } else { mapped }
}

/// The timestamp text of the last second rendered, so that records of the same second only add
/// their fraction.
#[derive(Default)]
struct StampCache {
    /// The second the text is for, and whether it is RFC 3339's or the BSD form.
    key: Option<(i64, bool)>,
    /// RFC 3339: `2026-12-02T08:00:00` then the offset (`Z`, `+01:00`) at `split`; BSD:
    /// `Dec  2 08:00:00`.
    text: [u8; 32],
    len: usize,
    split: usize,
}

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

impl StampCache {
    /// `time` as RFC 5424's TIMESTAMP: RFC 3339 with microseconds and the zone's offset (`Z`
    /// for UTC). An offset with leftover seconds (a local mean time before 1900), which RFC
    /// 3339 cannot write, is rendered in UTC; a year outside 0..=9999 is NILVALUE.
    fn rfc3339(&mut self, buf: &mut Vec<u8>, time: Timestamp, zone: &Zone) {
        if self.key != Some((time.secs(), true)) {
            self.fill(time, zone, true);
        }
        if self.len == 1 {
            buf.push(b'-');
            return;
        }
        buf.extend_from_slice(&self.text[..self.split]);
        let micros = time.nanos() / 1000;
        let mut digits = *b".000000";
        for (i, d) in digits[1..].iter_mut().enumerate() {
            *d = b'0' + (micros / 10u32.pow(5 - i as u32) % 10) as u8;
        }
        buf.extend_from_slice(&digits);
        buf.extend_from_slice(&self.text[self.split..self.len]);
    }

    /// `time` as RFC 3164's TIMESTAMP, `Mmm dd hh:mm:ss` (the day padded with a space), in
    /// the zone's local time.
    fn bsd(&mut self, buf: &mut Vec<u8>, time: Timestamp, zone: &Zone) {
        if self.key != Some((time.secs(), false)) {
            self.fill(time, zone, false);
        }
        buf.extend_from_slice(&self.text[..self.len]);
    }

    #[cold]
    fn fill(&mut self, time: Timestamp, zone: &Zone, rfc3339: bool) {
        let utc = Zone::utc();
        let mut civil = Civil::new(time, zone);
        if rfc3339 && civil.offset % 60 != 0 {
            civil = Civil::new(time, &utc);
        }
        let mut text = Text { bytes: [0; 32], len: 0 };
        if !rfc3339 {
            text.push(MONTHS[usize::from(civil.month.clamp(1, 12) - 1)]);
            let day = civil.day;
            text.push(&[
                b' ',
                if day < 10 { b' ' } else { b'0' + day / 10 },
                b'0' + day % 10,
                b' ',
            ]);
            text.time(&civil);
        } else if !(0..=9999).contains(&civil.year) {
            text.push(b"-");
            self.split = 1;
        } else {
            let year = civil.year as u16;
            text.two((year / 100) as u8);
            text.two((year % 100) as u8);
            text.push(b"-");
            text.two(civil.month);
            text.push(b"-");
            text.two(civil.day);
            text.push(b"T");
            text.time(&civil);
            self.split = text.len;
            if civil.offset == 0 {
                text.push(b"Z");
            } else {
                let minutes = civil.offset.unsigned_abs() / 60;
                text.push(if civil.offset < 0 { b"-" } else { b"+" });
                text.two((minutes / 60) as u8);
                text.push(b":");
                text.two((minutes % 60) as u8);
            }
        }
        self.text = text.bytes;
        self.len = text.len;
        self.key = Some((time.secs(), rfc3339));
    }
}

/// A timestamp's text, built on the stack.
struct Text {
    bytes: [u8; 32],
    len: usize,
}

impl Text {
    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Two digits (`n` is below 100).
    fn two(&mut self, n: u8) {
        self.push(&[b'0' + n / 10 % 10, b'0' + n % 10]);
    }

    /// `hh:mm:ss`.
    fn time(&mut self, civil: &Civil<'_>) {
        self.two(civil.hour);
        self.push(b":");
        self.two(civil.minute);
        self.push(b":");
        self.two(civil.second);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields<'static> {
        Fields { hostname: "host", app_name: "app", procid: "42", msgid: "-" }
    }

    fn message(
        protocol: Protocol,
        zone: Zone,
        time: Timestamp,
        fields: &[(&'static str, Value<'_>)],
        msg: &str,
    ) -> String {
        let mut header = Header::new(protocol, 16, &super::tests::fields(), "fields@32473", zone);
        let mut buf = Vec::new();
        header.write(&mut buf, 6, time, fields.iter().copied(), msg.as_bytes());
        String::from_utf8(buf).unwrap()
    }

    /// 2026-03-26 13:30:00.123456789 UTC.
    const TIME: Timestamp = Timestamp::from_unix(1_774_531_800, 123_456_789);

    #[test]
    fn headers_are_byte_exact() {
        let paris = Zone::from_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let ny = Zone::from_posix_tz("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let early = Timestamp::from_unix(1_767_312_000, 5_000); // 2026-01-02 00:00:00.000005 UTC
        let cases: [(Protocol, &Zone, Timestamp, &str); 7] = [
            (
                Protocol::Rfc5424,
                &Zone::utc(),
                TIME,
                "<134>1 2026-03-26T13:30:00.123456Z host app 42 - - hi",
            ),
            (
                Protocol::Rfc5424,
                &paris,
                TIME,
                "<134>1 2026-03-26T14:30:00.123456+01:00 host app 42 - - hi",
            ),
            (
                Protocol::Rfc5424,
                &ny,
                TIME,
                "<134>1 2026-03-26T09:30:00.123456-04:00 host app 42 - - hi",
            ),
            (
                Protocol::Rfc5424,
                &Zone::fixed(561),
                TIME,
                "<134>1 2026-03-26T13:30:00.123456Z host app 42 - - hi",
            ),
            (
                Protocol::Rfc3164 { local: false },
                &paris,
                TIME,
                "<134>Mar 26 14:30:00 host app[42]: hi",
            ),
            (
                Protocol::Rfc3164 { local: true },
                &Zone::utc(),
                early,
                "<134>Jan  2 00:00:00 app[42]: hi",
            ),
            (
                Protocol::Rfc5424,
                &Zone::utc(),
                early,
                "<134>1 2026-01-02T00:00:00.000005Z host app 42 - - hi",
            ),
        ];
        for (protocol, zone, time, expected) in cases {
            assert_eq!(message(protocol, zone.clone(), time, &[], "hi"), expected, "{protocol:?}");
        }
    }

    #[test]
    fn an_empty_message_ends_after_the_structured_data() {
        let text = message(Protocol::Rfc5424, Zone::utc(), TIME, &[], "");
        assert_eq!(text, "<134>1 2026-03-26T13:30:00.123456Z host app 42 - -");
    }

    #[test]
    fn fields_become_structured_data_escaped() {
        let cases: [(&[(&'static str, Value<'_>)], &str); 9] = [
            (&[("user", Value::Str("alice"))], r#"[fields@32473 user="alice"]"#),
            (
                &[("n", Value::U64(3)), ("ok", Value::Bool(true))],
                r#"[fields@32473 n="3" ok="true"]"#,
            ),
            (&[("q", Value::Str(r#"a"b\c]d"#))], r#"[fields@32473 q="a\"b\\c\]d"]"#),
            (&[("nl", Value::Str("one\ntwo"))], r#"[fields@32473 nl="one\\ntwo"]"#),
            (&[("esc", Value::Str("\x1b[31m"))], r#"[fields@32473 esc="\\x1b[31m"]"#),
            (&[("u", Value::Str("é ✓ 日本"))], "[fields@32473 u=\"é ✓ 日本\"]"),
            (
                &[("x", Value::F64(0.5)), ("c", Value::Char(']'))],
                r#"[fields@32473 x="0.5" c="\]"]"#,
            ),
            (
                &[("d", Value::Display(&"[x]")), ("g", Value::Debug(&"q"))],
                r#"[fields@32473 d="[x\]" g="\"q\""]"#,
            ),
            (&[("", Value::I64(-1))], r#"[fields@32473 _="-1"]"#),
        ];
        for (fields, sd) in cases {
            let text = message(Protocol::Rfc5424, Zone::utc(), TIME, fields, "m");
            let expected = format!("<134>1 2026-03-26T13:30:00.123456Z host app 42 - {sd} m");
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn names_map_to_param_names() {
        let cases = [
            ("user_id", "user_id"),
            ("http.method", "http.method"),
            ("a b=c]d\"e", "a_b_c_d_e"),
            ("café", "caf_"),
            ("a\n", "a_"),
            ("", "_"),
            ("a_name_that_is_longer_than_thirty_two_bytes", "a_name_that_is_longer_than_thirt"),
        ];
        for (name, expected) in cases {
            let mut buf = Vec::new();
            write_param_name(&mut buf, name);
            assert_eq!(String::from_utf8(buf).unwrap(), expected, "{name:?}");
        }
    }

    #[test]
    fn rfc3164_escapes_line_breaks_in_the_message() {
        let text = message(
            Protocol::Rfc3164 { local: false },
            Zone::utc(),
            TIME,
            &[("n", Value::U64(1))],
            "a\nb\r\nc\\",
        );
        assert_eq!(text, "<134>Mar 26 13:30:00 host app[42]: a\\nb\\r\\nc\\");
    }

    #[test]
    fn long_messages_are_cut_inside_the_msg_at_a_character_boundary() {
        let mut header = Header::new(Protocol::Rfc5424, 16, &fields(), "fields@32473", Zone::utc());
        let head = "<134>1 2026-03-26T13:30:00.123456Z host app 42 - [fields@32473 k=\"v\"] ";
        // (end, the message kept): "aé✓b" is a, é (2 bytes), ✓ (3 bytes), b.
        let cases: [(usize, &str); 8] = [
            (100, "aé✓b"),
            (7, "aé✓b"),
            (6, "aé✓"),
            (5, "aé"),
            (4, "aé"),
            (3, "aé"),
            (2, "a"),
            (0, ""),
        ];
        for (room, kept) in cases {
            let mut buf = b"PREFIX".to_vec();
            let start = header.write(
                &mut buf,
                6,
                TIME,
                [("k", Value::Str("v"))].into_iter(),
                "aé✓b".as_bytes(),
            );
            assert_eq!(&buf[6..start], head.as_bytes());
            assert!(truncate_msg(&mut buf, start, start + room));
            let expected = format!("PREFIX{head}{}", kept);
            assert_eq!(String::from_utf8(buf).unwrap(), expected, "{room}");
        }
        // The header and structured data never get cut: past them, the message is refused.
        let mut buf = Vec::new();
        let start = header.write(&mut buf, 6, TIME, std::iter::empty(), b"msg");
        let before = buf.clone();
        assert!(!truncate_msg(&mut buf, start, start - 1));
        assert_eq!(buf, before);
        assert!(truncate_msg(&mut buf, start, start));
        assert_eq!(buf.len(), start);
    }

    #[test]
    fn severities_follow_the_level_numbers() {
        let cases = [
            (5, 7),
            (10, 7),
            (19, 7),
            (20, 6),
            (25, 5),
            (30, 4),
            (35, 4),
            (40, 3),
            (50, 2),
            (99, 2),
        ];
        for (no, severity_) in cases {
            assert_eq!(severity(no), severity_, "{no}");
        }
    }

    #[test]
    fn header_fields_are_checked() {
        assert!(check_field("syslog app-name", "my-app", 48, "").is_ok());
        assert!(check_field("syslog app-name", "-", 48, "").is_ok());
        let error = check_field("syslog app-name", "my app", 48, "").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid syslog app-name \"my app\": expected 1 to 48 printable US-ASCII \
             characters (no space, no control or non-ASCII character), or `-` for none"
        );
        assert!(check_field("syslog app-name", &"a".repeat(49), 48, "").is_err());
        assert!(check_field("syslog msgid", "", 32, "").is_err());
        assert!(check_field("syslog hostname", "é", 255, "").is_err());
        let error = check_field("syslog app-name", "a:b", 48, "[]:").unwrap_err();
        assert!(error.to_string().contains("other than `[`, `]`, `:`"), "{error}");
    }

    #[test]
    fn sd_ids_are_checked() {
        for good in ["fields@32473", "x@1.2.3", "a@0"] {
            assert!(check_sd_id(good).is_ok(), "{good}");
        }
        for bad in [
            "fields",
            "@1",
            "a@",
            "a@b",
            "a@1.",
            "a@1..2",
            "a@.1",
            "a@1.b",
            "a b@1",
            "a@1@2",
            "a=b@1",
            "x@1234567890123456789012345678901",
        ] {
            let error = check_sd_id(bad).unwrap_err();
            assert!(
                error.to_string().starts_with(&format!("invalid syslog SD-ID {bad:?}: ")),
                "{error}"
            );
        }
    }

    #[test]
    fn defaults_are_sanitized() {
        assert_eq!(sanitize_field("my app", 48, ""), "my_app");
        assert_eq!(sanitize_field("", 48, ""), "-");
        assert_eq!(sanitize_field("ünï", 48, ""), "_n_");
        assert_eq!(sanitize_field("abcdef", 3, ""), "abc");
        // A program named `a[1]:b` would end RFC 3164's TAG early.
        assert_eq!(sanitize_field("a[1]:b", 48, "[]:"), "a_1__b");
        assert_eq!(sanitize_field("a[1]:b", 48, ""), "a[1]:b");
    }
}
