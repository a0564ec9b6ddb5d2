//! The two rows written by hand in the harness:
//!
//! - `Baseline`: the lowest cost to aim for. The default format's line built by straight-line
//!   code: the date text cached per second, integers by itoa, the float by ryu, a reused line
//!   buffer, a 64 KiB `BufWriter<File>`. No dispatch, no lock, no level check.
//! - `Dynamic`: what loguru does, in Rust. The handler format
//!   (`{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}`)
//!   and the message template are both parsed at run time on every call, every placeholder is
//!   looked up by name in a small map (the call's keyword arguments, then the record's fields),
//!   the time pattern's tokens are interpreted on every call (the calendar fields are cached per
//!   second, as hlog and the baseline cache theirs), and the message is rendered into a new
//!   `String` (loguru's `record["message"]`). Same 64 KiB `BufWriter<File>`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// (year, month, day, hour, minute, second) of a Unix time in UTC (this machine's zone).
pub fn civil_utc(secs: i64) -> [u32; 6] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    [
        year as u32,
        month as u32,
        day as u32,
        (rem / 3600) as u32,
        (rem / 60 % 60) as u32,
        (rem % 60) as u32,
    ]
}

fn push_2(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&[b'0' + (v / 10 % 10) as u8, b'0' + (v % 10) as u8]);
}

fn push_3(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&[
        b'0' + (v / 100 % 10) as u8,
        b'0' + (v / 10 % 10) as u8,
        b'0' + (v % 10) as u8,
    ]);
}

fn push_4(buf: &mut Vec<u8>, v: u32) {
    push_2(buf, v / 100);
    push_2(buf, v % 100);
}

fn now() -> (i64, u32) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    (now.as_secs() as i64, now.subsec_millis())
}

fn open(path: &Path) -> BufWriter<File> {
    BufWriter::with_capacity(64 * 1024, File::create(path).expect("create the output file"))
}

// ---------------------------------------------------------------------------------------------

pub struct Baseline {
    out: BufWriter<File>,
    buf: Vec<u8>,
    cached_secs: i64,
    date: Vec<u8>,
}

impl Baseline {
    pub fn new(path: &Path) -> Self {
        Baseline {
            out: open(path),
            buf: Vec::with_capacity(512),
            cached_secs: i64::MIN,
            date: Vec::with_capacity(19),
        }
    }

    /// One INFO line; the location is this function's module, name and line, as
    /// `{name}:{function}:{line}` would render it.
    #[inline(never)]
    pub fn info(&mut self, user: &str, ip: &str, id: u64, ms: f64) {
        let (secs, millis) = now();
        if secs != self.cached_secs {
            self.cached_secs = secs;
            let [y, mo, d, h, mi, s] = civil_utc(secs);
            self.date.clear();
            push_4(&mut self.date, y);
            self.date.push(b'-');
            push_2(&mut self.date, mo);
            self.date.push(b'-');
            push_2(&mut self.date, d);
            self.date.push(b' ');
            push_2(&mut self.date, h);
            self.date.push(b':');
            push_2(&mut self.date, mi);
            self.date.push(b':');
            push_2(&mut self.date, s);
        }
        let buf = &mut self.buf;
        buf.clear();
        buf.extend_from_slice(&self.date);
        buf.push(b'.');
        push_3(buf, millis);
        buf.extend_from_slice(b" | INFO     | ");
        buf.extend_from_slice(module_path!().as_bytes());
        buf.extend_from_slice(b":info:");
        buf.extend_from_slice(itoa::Buffer::new().format(line!()).as_bytes());
        buf.extend_from_slice(b" - User ");
        buf.extend_from_slice(user.as_bytes());
        buf.extend_from_slice(b" logged in from ");
        buf.extend_from_slice(ip.as_bytes());
        buf.extend_from_slice(b" (id=");
        buf.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
        buf.extend_from_slice(b", ms=");
        buf.extend_from_slice(ryu::Buffer::new().format(ms).as_bytes());
        buf.extend_from_slice(b")\n");
        self.out.write_all(buf).expect("write the line");
    }

    pub fn flush(&mut self) {
        self.out.flush().expect("flush");
    }
}

// ---------------------------------------------------------------------------------------------

/// loguru's default format, without colour markup.
pub const LOGURU_FORMAT: &str =
    "{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}\n";

/// A value in the small name → value map.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Str(&'a str),
    U64(u64),
    F64(f64),
}

impl Value<'_> {
    fn render(self, out: &mut Vec<u8>) {
        match self {
            Value::Str(s) => out.extend_from_slice(s.as_bytes()),
            Value::U64(v) => out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()),
            Value::F64(v) => out.extend_from_slice(ryu::Buffer::new().format(v).as_bytes()),
        }
    }
}

fn lookup<'a>(map: &[(&str, Value<'a>)], key: &str) -> Option<Value<'a>> {
    map.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Where a call is and at which level: the record fields that are not the message or the time.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub level: &'a str,
    pub name: &'a str,
    pub function: &'a str,
    pub line: u32,
}

pub struct Dynamic {
    out: BufWriter<File>,
    line: Vec<u8>,
    cached_secs: i64,
    fields: [u32; 6],
}

impl Dynamic {
    pub fn new(path: &Path) -> Self {
        Dynamic {
            out: open(path),
            line: Vec::with_capacity(512),
            cached_secs: i64::MIN,
            fields: [0; 6],
        }
    }

    /// One record: `template` rendered with `kwargs` into the message, then the record rendered
    /// through `format`. Both strings are parsed here, on every call.
    #[inline(never)]
    pub fn log(
        &mut self,
        format: &str,
        site: &Site<'_>,
        template: &str,
        kwargs: &[(&str, Value<'_>)],
    ) {
        let Site { level, name, function, line } = *site;
        let (secs, millis) = now();
        if secs != self.cached_secs {
            self.cached_secs = secs;
            self.fields = civil_utc(secs);
        }
        let mut message = Vec::with_capacity(template.len() + 32);
        render(template, &mut message, |key, _spec, out| match lookup(kwargs, key) {
            Some(v) => {
                v.render(out);
                true
            }
            None => false,
        });
        // Valid UTF-8: the template and every rendered value are.
        let message = String::from_utf8(message).unwrap_or_default();
        let record = [
            ("level", Value::Str(level)),
            ("name", Value::Str(name)),
            ("function", Value::Str(function)),
            ("line", Value::U64(u64::from(line))),
            ("message", Value::Str(&message)),
        ];
        let fields = self.fields;
        let mut out = std::mem::take(&mut self.line);
        out.clear();
        render(format, &mut out, |key, spec, out| {
            if key == "time" {
                render_time(spec, fields, millis, out);
                return true;
            }
            match lookup(&record, key) {
                Some(v) => {
                    render_with_spec(v, spec, out);
                    true
                }
                None => false,
            }
        });
        self.out.write_all(&out).expect("write the line");
        self.line = out;
    }

    pub fn flush(&mut self) {
        self.out.flush().expect("flush");
    }
}

/// Walks `template`: literal text is copied (`{{` and `}}` unescaped); each `{key[:spec]}` is
/// handed to `field`, which renders it or returns false (then the placeholder is copied as is).
fn render(
    template: &str,
    out: &mut Vec<u8>,
    mut field: impl FnMut(&str, &str, &mut Vec<u8>) -> bool,
) {
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                out.push(b'{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                out.push(b'}');
                i += 2;
            }
            b'{' => {
                let Some(len) = template[i + 1..].find('}') else {
                    out.extend_from_slice(&bytes[i..]);
                    return;
                };
                let inner = &template[i + 1..i + 1 + len];
                let (key, spec) = inner.split_once(':').unwrap_or((inner, ""));
                if !field(key, spec, out) {
                    out.extend_from_slice(&bytes[i..i + len + 2]);
                }
                i += len + 2;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
}

/// `format!`'s `[[fill]align][width]`, read from `spec` on every call.
fn render_with_spec(value: Value<'_>, spec: &str, out: &mut Vec<u8>) {
    if spec.is_empty() {
        value.render(out);
        return;
    }
    let mut chars = spec.chars();
    let is_align = |c: char| matches!(c, '<' | '>' | '^');
    let (fill, align, rest) = match (chars.next(), chars.next()) {
        (Some(f), Some(a)) if is_align(a) => (f, a, &spec[f.len_utf8() + 1..]),
        (Some(a), _) if is_align(a) => (' ', a, &spec[1..]),
        _ => (' ', '<', spec),
    };
    let width: usize = rest.parse().unwrap_or(0);
    let start = out.len();
    value.render(out);
    let len = std::str::from_utf8(&out[start..]).map(|s| s.chars().count()).unwrap_or(0);
    if len >= width {
        return;
    }
    let pad = width - len;
    let (before, after) = match align {
        '>' => (pad, 0),
        '^' => (pad / 2, pad - pad / 2),
        _ => (0, pad),
    };
    let mut fill_buf = [0u8; 4];
    let fill = fill.encode_utf8(&mut fill_buf).as_bytes();
    if before > 0 {
        let text = out.split_off(start);
        for _ in 0..before {
            out.extend_from_slice(fill);
        }
        out.extend_from_slice(&text);
    }
    for _ in 0..after {
        out.extend_from_slice(fill);
    }
}

/// loguru's time tokens, interpreted on every call: YYYY MM DD HH mm ss SSS, the rest literal.
fn render_time(pattern: &str, [y, mo, d, h, mi, s]: [u32; 6], millis: u32, out: &mut Vec<u8>) {
    let mut rest = pattern;
    while !rest.is_empty() {
        let token =
            ["YYYY", "SSS", "MM", "DD", "HH", "mm", "ss"].into_iter().find(|t| rest.starts_with(t));
        match token {
            Some(t) => {
                match t {
                    "YYYY" => push_4(out, y),
                    "SSS" => push_3(out, millis),
                    "MM" => push_2(out, mo),
                    "DD" => push_2(out, d),
                    "HH" => push_2(out, h),
                    "mm" => push_2(out, mi),
                    _ => push_2(out, s),
                }
                rest = &rest[t.len()..];
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}
