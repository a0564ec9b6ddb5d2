//! The syslog sink (cargo feature `syslog`): records as RFC 5424 or RFC 3164 messages, over
//! UDP, TCP or a Unix socket such as `/dev/log`. See [`SyslogSink`].

mod message;
mod transport;

use std::fmt;
use std::io;
use std::net::ToSocketAddrs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use self::message::{Fields, Header, Protocol};
use self::transport::{MAX_UDP, PREFIX, Target, Transport};
use super::{IntoSink, Sink, SinkDefaults};
use crate::error::{ConfigError, SpecError};
use crate::record::Record;
use crate::time::Zone;

/// The SD-ID of the structured data that holds a record's fields, unless
/// [`SyslogSink::sd_id`] says otherwise. 32473 is the private enterprise number RFC 5612
/// reserves for documentation and examples.
///
/// # Examples
///
/// ```
/// assert_eq!(hlog::sink::syslog::DEFAULT_SD_ID, "fields@32473");
/// ```
pub const DEFAULT_SD_ID: &str = "fields@32473";

/// The longest message sent, in bytes, unless [`SyslogSink::max_len`] says otherwise:
/// rsyslog's default `maxMessageSize` (8 KiB), which syslog-ng's default (64 KiB) and
/// journald's `/dev/log` also take.
///
/// # Examples
///
/// ```
/// assert_eq!(hlog::sink::syslog::DEFAULT_MAX_LEN, 8192);
/// ```
pub const DEFAULT_MAX_LEN: usize = 8192;

/// The shortest [`SyslogSink::max_len`]: RFC 5424 §6.1's size every receiver must accept.
const MIN_MAX_LEN: usize = 480;

/// A syslog sink: each record one message to a syslog server, over UDP, TCP (RFC 6587
/// octet-counting framing) or a Unix socket (`/dev/log`: a datagram socket, else a stream one,
/// as glibc's `syslog()` does).
///
/// - **Format.** RFC 5424 by default over UDP and TCP, `<PRI>1 TIMESTAMP HOSTNAME APP-NAME
///   PROCID MSGID [SD] MSG`; RFC 3164 by default on a Unix socket (`<PRI>Mmm dd hh:mm:ss
///   APP-NAME[PROCID]: MSG`, without hostname, as glibc writes to `/dev/log`: what the local
///   daemons read best). [`rfc5424`](Self::rfc5424) and [`rfc3164`](Self::rfc3164) choose.
/// - **MSG** is the handler's formatted line without its newline. The sink brings the format
///   `{message}` ([`IntoSink::defaults`]): syslog has a header of its own. A handler's
///   `.format(...)` replaces it.
/// - **Severity** follows the level's number: TRACE and DEBUG are 7 (debug), INFO 6, SUCCESS
///   5 (notice), WARNING 4, ERROR 3, CRITICAL 2; a custom level takes the severity of the
///   built-in level at or below its number.
/// - **Timestamps** are the record's time, in the local zone unless [`zone`](Self::zone) says
///   another: RFC 3339 with microseconds and the offset for RFC 5424
///   (`2026-12-02T09:00:00.123456+01:00`), `Mmm dd hh:mm:ss` for RFC 3164.
/// - **Fields** (every field of the record, as [`Record::extra`] walks them) become RFC 5424
///   STRUCTURED-DATA, one element with the SD-ID [`DEFAULT_SD_ID`] (`fields@32473`: 32473 is
///   the enterprise number RFC 5612 reserves for examples; use your organisation's with
///   [`sd_id`](Self::sd_id)): `[fields@32473 user="alice" n="3"]`. A value is its text as the
///   message shows it (control characters escaped as on every sink, a line break as `\n`:
///   RFC 5424 has no escape of its own for them), then `"`, `\` and `]` take a backslash (RFC
///   5424 §6.3.3), so `"a\nb"` is sent as `"a\\nb"`; a field's name becomes a
///   PARAM-NAME with each character RFC 5424 does not allow there (anything but printable
///   US-ASCII, and `=`, space, `]`, `"`) replaced by `_`, cut at 32 characters (an empty name
///   is `_`). RFC 3164 has no structured data: put `{extra}` in the format to keep them.
/// - **No forged records.** Values are escaped (above), and TCP frames carry their length and
///   a datagram holds one message, so a line break of the message itself (the template's own,
///   an attached error's chain) stays inside its record; with RFC 3164 line breaks in the
///   message are written `\n` and `\r` (receivers of the old format read a line as a message).
/// - **Length.** A message longer than [`max_len`](Self::max_len) ([`DEFAULT_MAX_LEN`], 8 KiB,
///   unless set) has its MSG cut at a UTF-8 character boundary; the header and the structured
///   data are never cut: a record whose header and structured data alone are longer is
///   counted as lost (a template's arguments are fields too: with RFC 5424, raise `max_len`
///   to the server's limit when they can be long). MSG is written as UTF-8 without a byte order mark (RFC 5424's
///   `MSG-ANY`).
/// - **Failures.** A message that cannot be sent is counted in `stats()` (`lost`, `errors`)
///   and the first failure is reported on stderr; logging carries on. A TCP or Unix socket
///   connection that fails, or that the server closes, is dropped, and connecting again
///   waits 50 ms, then twice as long after each failure up to 3.2 s; the wait starts again at
///   50 ms only after a connection that stayed up for 5 s. A record logged while the sink
///   waits is refused at once (and counted), so a server that is down costs a log call
///   little; but a server that accepts connections and then stops reading can hold a log
///   call for up to 2 s (the write timeout) once per connection, and connections that last
///   less than 5 s come further and further apart. Before each write the sink checks that the server has not closed the
///   connection (a restart). Plain TCP syslog (RFC 6587) has no acknowledgements, though:
///   records written after the server stopped reading and before its close reaches the sink
///   are lost without anyone knowing, and are counted as written (so are datagrams still
///   queued on a Unix socket when its daemon exits). A datagram socket whose
///   reader is slow refuses at once when its queue is full (the record is counted, the call
///   does not wait). UDP cannot tell a datagram nobody received; a refusal (nothing listens
///   at the port) makes the next send fail, and that record is counted. Addresses are
///   resolved when the handler is installed, and again by `hlog::reopen()`, which also
///   connects anew; a connection attempt waits at most 1 s, a write at most 2 s. A child
///   process after `fork` opens its own connection.
///
/// The message is built in a buffer the sink reuses: a record costs no allocation once the
/// buffer has grown. Works as well with `enqueue(true)` (the writer thread sends).
///
/// # Examples
///
/// ```no_run
/// use hlog::sink::SyslogSink;
/// use hlog::sink::syslog::Facility;
///
/// hlog::add(
///     SyslogSink::tcp("127.0.0.1:601")
///         .facility(Facility::Local0)
///         .app_name("shop")
///         .msgid("audit"),
/// )
/// .level("INFO")
/// .install()
/// .unwrap();
/// hlog::info!("User {user} logged in", user = "alice");
/// // <134>1 2026-12-02T09:00:00.123456+01:00 myhost shop 4242 audit [fields@32473 user="alice"] User alice logged in
///
/// // The local daemon, as glibc's syslog() reaches it; a facility by name:
/// let facility: Facility = "daemon".parse().unwrap();
/// hlog::add(SyslogSink::unix("/dev/log").facility(facility)).install().unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct SyslogSink {
    target: TargetSpec,
    protocol: Option<Protocol>,
    facility: Facility,
    app_name: Option<String>,
    hostname: Option<String>,
    procid: Option<String>,
    msgid: Option<String>,
    sd_id: Option<String>,
    zone: Option<Zone>,
    max_len: Option<usize>,
}

#[derive(Debug, Clone)]
enum TargetSpec {
    Udp(String),
    Tcp(String),
    Unix(PathBuf),
}

impl SyslogSink {
    fn new(target: TargetSpec) -> Self {
        SyslogSink {
            target,
            protocol: None,
            facility: Facility::User,
            app_name: None,
            hostname: None,
            procid: None,
            msgid: None,
            sd_id: None,
            zone: None,
            max_len: None,
        }
    }

    /// Messages as UDP datagrams to `addr`, `host:port` (`"127.0.0.1:514"`,
    /// `"logs.example.com:514"`), resolved when the handler is installed.
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// logger.add(hlog::sink::SyslogSink::udp("127.0.0.1:514")).install().unwrap();
    /// let error = logger.add(hlog::sink::SyslogSink::udp("localhost")).install().unwrap_err();
    /// assert!(error.to_string().starts_with("invalid syslog address \"localhost\""));
    /// ```
    pub fn udp(addr: impl Into<String>) -> Self {
        SyslogSink::new(TargetSpec::Udp(addr.into()))
    }

    /// Messages over a TCP connection to `addr` (`host:port`), framed by octet counting
    /// (RFC 6587), reconnecting with backoff when it breaks.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::tcp("logs.example.com:601")).install().unwrap();
    /// ```
    pub fn tcp(addr: impl Into<String>) -> Self {
        SyslogSink::new(TargetSpec::Tcp(addr.into()))
    }

    /// Messages to the Unix socket at `path`, usually `/dev/log`: datagrams, or, when the
    /// socket is a stream one, each message followed by a NUL (a NUL inside one is sent as a
    /// space), as glibc does. The socket may appear after the handler is installed.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::unix("/dev/log")).install().unwrap();
    /// ```
    pub fn unix(path: impl AsRef<Path>) -> Self {
        SyslogSink::new(TargetSpec::Unix(path.as_ref().to_owned()))
    }

    /// Write RFC 5424 messages (the default over UDP and TCP).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::unix("/run/rsyslog.sock").rfc5424()).install().unwrap();
    /// ```
    pub fn rfc5424(mut self) -> Self {
        self.protocol = Some(Protocol::Rfc5424);
        self
    }

    /// Write RFC 3164 (BSD) messages (the default on a Unix socket, where they go without
    /// the hostname, as glibc's are).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::udp("10.0.0.5:514").rfc3164()).install().unwrap();
    /// ```
    pub fn rfc3164(mut self) -> Self {
        self.protocol = Some(Protocol::Rfc3164 { local: false });
        self
    }

    /// The facility (default: [`Facility::User`], as glibc's).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use hlog::sink::{SyslogSink, syslog::Facility};
    /// hlog::add(SyslogSink::unix("/dev/log").facility(Facility::Local3)).install().unwrap();
    /// ```
    pub fn facility(mut self, facility: Facility) -> Self {
        self.facility = facility;
        self
    }

    /// The APP-NAME (RFC 3164's TAG): 1 to 48 printable US-ASCII characters (no space; with
    /// RFC 3164 no `[`, `]` or `:` either), checked when the handler is installed. Default:
    /// the program's name (from `argv[0]`), with characters outside that set replaced by `_`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::SyslogSink;
    /// let logger = hlog::Logger::new();
    /// let error = logger.add(SyslogSink::udp("127.0.0.1:514").app_name("my shop")).install();
    /// assert_eq!(
    ///     error.unwrap_err().to_string(),
    ///     "invalid syslog app-name \"my shop\": expected 1 to 48 printable US-ASCII characters \
    ///      (no space, no control or non-ASCII character), or `-` for none"
    /// );
    /// ```
    pub fn app_name(mut self, app_name: impl Into<String>) -> Self {
        self.app_name = Some(app_name.into());
        self
    }

    /// The HOSTNAME: 1 to 255 printable US-ASCII characters, checked when the handler is
    /// installed. Default: the machine's name (`gethostname`), or `-` (NILVALUE) when it is
    /// unknown or not printable US-ASCII.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::udp("10.0.0.5:514").hostname("web-1.example.com"))
    ///     .install()
    ///     .unwrap();
    /// ```
    pub fn hostname(mut self, hostname: impl Into<String>) -> Self {
        self.hostname = Some(hostname.into());
        self
    }

    /// The PROCID: 1 to 128 printable US-ASCII characters. Default: the process id (the
    /// child's own after a `fork`).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::udp("10.0.0.5:514").procid("worker-3")).install().unwrap();
    /// ```
    pub fn procid(mut self, procid: impl Into<String>) -> Self {
        self.procid = Some(procid.into());
        self
    }

    /// The MSGID of RFC 5424 (the type of message): 1 to 32 printable US-ASCII characters.
    /// Default: `-` (NILVALUE). RFC 3164 has none.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// hlog::add(hlog::sink::SyslogSink::tcp("10.0.0.5:601").msgid("audit")).install().unwrap();
    /// ```
    pub fn msgid(mut self, msgid: impl Into<String>) -> Self {
        self.msgid = Some(msgid.into());
        self
    }

    /// The SD-ID of the structured data holding the record's fields: `name@number`, with
    /// your organisation's private enterprise number. Default: [`DEFAULT_SD_ID`].
    ///
    /// # Examples
    ///
    /// ```
    /// let logger = hlog::Logger::new();
    /// let sink = hlog::sink::SyslogSink::udp("127.0.0.1:514").sd_id("app@99999");
    /// logger.add(sink).install().unwrap();
    /// let refused = hlog::sink::SyslogSink::udp("127.0.0.1:514").sd_id("app");
    /// assert!(logger.add(refused).install().is_err());
    /// ```
    pub fn sd_id(mut self, sd_id: impl Into<String>) -> Self {
        self.sd_id = Some(sd_id.into());
        self
    }

    /// The time zone of the timestamps (default: [`Zone::local`]). RFC 5424's carry their
    /// offset; RFC 3164's are wall-clock times without one.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use hlog::{sink::SyslogSink, time::Zone};
    /// hlog::add(SyslogSink::udp("10.0.0.5:514").rfc3164().zone(Zone::utc())).install().unwrap();
    /// ```
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = Some(zone);
        self
    }

    /// The longest message to send, in bytes (a TCP frame's octet count and a Unix stream's
    /// NUL not counted): a longer one has its MSG cut at a UTF-8 character boundary, and one
    /// whose header and structured data alone are longer is counted as lost. 480 (what RFC 5424
    /// says every receiver accepts) to 65,507 over UDP (the most a datagram carries), at least
    /// 480 otherwise; checked when the handler is installed. Default: [`DEFAULT_MAX_LEN`]
    /// (8 KiB, rsyslog's `maxMessageSize`); raise it with the server's limit, or lower it to
    /// 1024 for an old RFC 3164 receiver.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::SyslogSink;
    /// let logger = hlog::Logger::new();
    /// logger.add(SyslogSink::udp("127.0.0.1:514").max_len(2048)).install().unwrap();
    /// let error = logger.add(SyslogSink::udp("127.0.0.1:514").max_len(100_000)).install();
    /// assert_eq!(
    ///     error.unwrap_err().to_string(),
    ///     "invalid syslog max_len \"100000\": expected 480 to 65507 bytes over UDP (a \
    ///      datagram carries no more)"
    /// );
    /// ```
    pub fn max_len(mut self, bytes: usize) -> Self {
        self.max_len = Some(bytes);
        self
    }

    /// The sink, its settings checked and its address resolved.
    fn build(self) -> Result<SyslogWriter, SpecError> {
        let target = target(&self.target)?;
        let description = match &self.target {
            TargetSpec::Udp(addr) => format!("syslog udp {addr}"),
            TargetSpec::Tcp(addr) => format!("syslog tcp {addr}"),
            TargetSpec::Unix(path) => format!("syslog unix {}", path.display()),
        };
        let udp = matches!(target, Target::Udp(_));
        let max_len = self.max_len.unwrap_or(DEFAULT_MAX_LEN);
        if max_len < MIN_MAX_LEN || (udp && max_len > MAX_UDP) {
            let expected = if udp {
                format!(
                    "expected {MIN_MAX_LEN} to {MAX_UDP} bytes over UDP (a datagram carries no more)"
                )
            } else {
                format!("expected at least {MIN_MAX_LEN} bytes (RFC 5424's minimum)")
            };
            return Err(SpecError::new("syslog max_len", &max_len.to_string(), expected));
        }
        let local = matches!(target, Target::Unix(_));
        let protocol = match self.protocol {
            None if local => Protocol::Rfc3164 { local: true },
            None | Some(Protocol::Rfc5424) => Protocol::Rfc5424,
            Some(Protocol::Rfc3164 { .. }) => Protocol::Rfc3164 { local },
        };
        let tag_forbids = tag_forbids(protocol);
        let given = |value: &Option<String>, what, max, forbidden| match value {
            Some(value) => message::check_field(what, value, max, forbidden).map(|()| true),
            None => Ok(false),
        };
        given(&self.app_name, "syslog app-name", 48, tag_forbids)?;
        given(&self.hostname, "syslog hostname", 255, "")?;
        given(&self.procid, "syslog procid", 128, tag_forbids)?;
        given(&self.msgid, "syslog msgid", 32, "")?;
        let sd_id = self.sd_id.as_deref().unwrap_or(DEFAULT_SD_ID);
        message::check_sd_id(sd_id)?;
        Ok(SyslogWriter {
            header: header(&self, protocol),
            transport: Transport::new(target),
            buf: Vec::with_capacity(PREFIX + 256),
            max_len,
            description,
            settings: self,
            protocol,
        })
    }
}

/// Where to send, its name resolved (when the handler is installed, and again on
/// `hlog::reopen()`).
fn target(spec: &TargetSpec) -> Result<Target, SpecError> {
    Ok(match spec {
        TargetSpec::Udp(addr) => Target::Udp(resolve(addr)?),
        TargetSpec::Tcp(addr) => Target::Tcp(resolve(addr)?),
        TargetSpec::Unix(path) if path.as_os_str().is_empty() => {
            return Err(SpecError::new(
                "syslog socket path",
                "",
                "give the path of a Unix socket, such as \"/dev/log\"",
            ));
        }
        TargetSpec::Unix(path) => Target::Unix(path.clone()),
    })
}

/// `addr` as socket addresses: `host:port`.
fn resolve(addr: &str) -> Result<Vec<std::net::SocketAddr>, SpecError> {
    let invalid = |why: String| {
        SpecError::new(
            "syslog address",
            addr,
            format!(
                "expected host:port, such as \"127.0.0.1:514\" or \"logs.example.com:514\" ({why})"
            ),
        )
    };
    let addrs: Vec<_> = addr.to_socket_addrs().map_err(|e| invalid(e.to_string()))?.collect();
    if addrs.is_empty() {
        return Err(invalid("it resolves to no address".to_owned()));
    }
    Ok(addrs)
}

impl IntoSink for SyslogSink {
    fn into_sink(self) -> Result<Box<dyn Sink>, ConfigError> {
        Ok(Box::new(self.build()?))
    }

    /// The format `{message}`: syslog's header carries the time, level and process.
    fn defaults(&self) -> SinkDefaults {
        SinkDefaults {
            format: Some(hlog_macros::__format!(crate, "{message}")),
            ..SinkDefaults::default()
        }
    }
}

/// The running sink.
struct SyslogWriter {
    /// Made from the settings; made again in a child after `fork` (its PROCID).
    header: Header,
    transport: Transport,
    /// The message of the record being sent, after [`PREFIX`] bytes kept for its framing.
    buf: Vec<u8>,
    /// The longest message sent.
    max_len: usize,
    description: String,
    settings: SyslogSink,
    protocol: Protocol,
}

/// The characters an APP-NAME (and a PROCID) may not hold beyond RFC 5424's: RFC 3164's TAG
/// ends at `[`, `]` or `:`.
fn tag_forbids(protocol: Protocol) -> &'static str {
    if matches!(protocol, Protocol::Rfc3164 { .. }) { "[]:" } else { "" }
}

/// The header, from the settings (and, for what they leave out, the machine and the process).
fn header(settings: &SyslogSink, protocol: Protocol) -> Header {
    let s = settings;
    let app_name = match &s.app_name {
        Some(name) => name.clone(),
        // The same characters as a given one: RFC 3164's TAG ends at `[`, `]` or `:`.
        None => message::sanitize_field(&program_name(), 48, tag_forbids(protocol)),
    };
    let hostname = match &s.hostname {
        Some(name) => name.clone(),
        None => machine_hostname(),
    };
    let procid = match &s.procid {
        Some(procid) => procid.clone(),
        None => std::process::id().to_string(),
    };
    let msgid = s.msgid.as_deref().unwrap_or("-");
    let fields = Fields { hostname: &hostname, app_name: &app_name, procid: &procid, msgid };
    let sd_id = s.sd_id.as_deref().unwrap_or(DEFAULT_SD_ID);
    let zone = s.zone.clone().unwrap_or_else(|| Zone::local().clone());
    Header::new(protocol, s.facility.code(), &fields, sd_id, zone)
}

impl Sink for SyslogWriter {
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()> {
        let msg = line.strip_suffix(b"\n").unwrap_or(line);
        self.buf.clear();
        self.buf.resize(PREFIX, 0);
        let severity = message::severity(record.level().no());
        let msg_start =
            self.header.write(&mut self.buf, severity, record.time(), record.extra(), msg);
        if !message::truncate_msg(&mut self.buf, msg_start, PREFIX + self.max_len) {
            return Err(too_long(msg_start - PREFIX, self.max_len));
        }
        self.transport.send(&mut self.buf)
    }

    /// `hlog::reopen()`: the address is resolved again and the next record connects anew
    /// (after a server moved, say). When the name no longer resolves, the sink keeps the
    /// addresses it had.
    fn reopen(&mut self) -> io::Result<()> {
        match target(&self.settings.target) {
            Ok(target) => {
                self.transport.retarget(target);
                Ok(())
            }
            Err(error) => {
                self.transport.forget_connection();
                Err(io::Error::other(error.to_string()))
            }
        }
    }

    fn after_fork_in_child(&mut self) {
        self.transport.forget_connection();
        // The default PROCID is the process id: the child's own from now on.
        if self.settings.procid.is_none() {
            self.header = header(&self.settings, self.protocol);
        }
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}

/// The error for a record whose header and structured data (`head` bytes) are longer than
/// `max_len`.
#[cold]
fn too_long(head: usize, max_len: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "the message's header and structured data take {head} bytes, more than max_len \
             ({max_len}): the record is not sent"
        ),
    )
}

/// The program's name, as glibc's `syslog()` takes it: the last part of `argv[0]`.
fn program_name() -> String {
    let arg0 = std::env::args_os().next().unwrap_or_default();
    let name = Path::new(&arg0).file_name().unwrap_or(&arg0);
    name.to_string_lossy().into_owned()
}

/// The machine's name from `gethostname`, or `-` when it is unknown or not printable
/// US-ASCII.
fn machine_hostname() -> String {
    let mut name = [0u8; 256];
    // SAFETY: `name` is writable for its whole length, which is what the call is given; the
    // last byte is never written (`len - 1`), so the text is NUL-terminated within it.
    let rc = unsafe { libc::gethostname(name.as_mut_ptr().cast(), name.len() - 1) };
    let len = name.iter().position(|&b| b == 0).unwrap_or(0);
    let name = &name[..len];
    if rc != 0 || name.is_empty() || !name.iter().copied().all(message::is_printable_ascii) {
        return "-".to_owned();
    }
    String::from_utf8_lossy(name).into_owned()
}

/// A syslog facility: what kind of program the messages come from.
///
/// Parsed from its name (`"local0"`, `"daemon"`; any case, with or without `LOG_`), which its
/// `Display` writes.
///
/// # Examples
///
/// ```
/// use hlog::sink::syslog::Facility;
///
/// assert_eq!("local0".parse::<Facility>().unwrap(), Facility::Local0);
/// assert_eq!("LOG_DAEMON".parse::<Facility>().unwrap().code(), 3);
/// assert_eq!(Facility::Local7.to_string(), "local7");
/// let error = "locl0".parse::<Facility>().unwrap_err();
/// assert!(error.to_string().starts_with("invalid syslog facility \"locl0\": expected one of kern, user,"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Facility {
    /// Kernel messages (0).
    Kern,
    /// User-level messages (1): the default.
    User,
    /// The mail system (2).
    Mail,
    /// System daemons (3).
    Daemon,
    /// Security and authorisation (4).
    Auth,
    /// Messages of syslogd itself (5).
    Syslog,
    /// The line printer subsystem (6).
    Lpr,
    /// Network news (7).
    News,
    /// UUCP (8).
    Uucp,
    /// The clock daemon, cron (9).
    Cron,
    /// Private security and authorisation (10).
    Authpriv,
    /// The FTP daemon (11).
    Ftp,
    /// NTP (12).
    Ntp,
    /// Log audit (13).
    Audit,
    /// Log alert (14).
    Alert,
    /// The clock daemon (15).
    Clock,
    /// Local use 0 (16).
    Local0,
    /// Local use 1 (17).
    Local1,
    /// Local use 2 (18).
    Local2,
    /// Local use 3 (19).
    Local3,
    /// Local use 4 (20).
    Local4,
    /// Local use 5 (21).
    Local5,
    /// Local use 6 (22).
    Local6,
    /// Local use 7 (23).
    Local7,
}

/// Every facility, by code, with its name.
const FACILITIES: [(Facility, &str); 24] = [
    (Facility::Kern, "kern"),
    (Facility::User, "user"),
    (Facility::Mail, "mail"),
    (Facility::Daemon, "daemon"),
    (Facility::Auth, "auth"),
    (Facility::Syslog, "syslog"),
    (Facility::Lpr, "lpr"),
    (Facility::News, "news"),
    (Facility::Uucp, "uucp"),
    (Facility::Cron, "cron"),
    (Facility::Authpriv, "authpriv"),
    (Facility::Ftp, "ftp"),
    (Facility::Ntp, "ntp"),
    (Facility::Audit, "audit"),
    (Facility::Alert, "alert"),
    (Facility::Clock, "clock"),
    (Facility::Local0, "local0"),
    (Facility::Local1, "local1"),
    (Facility::Local2, "local2"),
    (Facility::Local3, "local3"),
    (Facility::Local4, "local4"),
    (Facility::Local5, "local5"),
    (Facility::Local6, "local6"),
    (Facility::Local7, "local7"),
];

impl Facility {
    /// The facility's code, 0 (kern) to 23 (local7): PRI is `code * 8 + severity`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::syslog::Facility;
    /// assert_eq!(Facility::Kern.code(), 0);
    /// assert_eq!(Facility::Local0.code(), 16);
    /// ```
    pub fn code(self) -> u8 {
        // The variants are declared in the order of their codes.
        self as u8
    }

    /// The facility's name, as [`FromStr`] reads it (`"local0"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::syslog::Facility;
    /// assert_eq!(Facility::Authpriv.name(), "authpriv");
    /// assert_eq!(Facility::Authpriv.name().parse::<Facility>().unwrap(), Facility::Authpriv);
    /// ```
    pub fn name(self) -> &'static str {
        FACILITIES[usize::from(self.code())].1
    }
}

impl fmt::Display for Facility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Facility {
    type Err = SpecError;

    fn from_str(input: &str) -> Result<Facility, SpecError> {
        let name = input.trim();
        let name = match name.get(..4) {
            Some(prefix) if prefix.eq_ignore_ascii_case("log_") => &name[4..],
            _ => name,
        };
        // `security` is the old name of auth.
        let name = if name.eq_ignore_ascii_case("security") { "auth" } else { name };
        FACILITIES.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)).map(|(f, _)| *f).ok_or_else(
            || {
                let names: Vec<&str> = FACILITIES.iter().map(|(_, n)| *n).collect();
                SpecError::new(
                    "syslog facility",
                    input,
                    format!("expected one of {} (any case, `LOG_` allowed)", names.join(", ")),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facilities_parse_by_name_and_code_in_order() {
        for (code, (facility, name)) in FACILITIES.iter().enumerate() {
            assert_eq!(facility.code() as usize, code);
            assert_eq!(name.parse::<Facility>().unwrap(), *facility);
            assert_eq!(name.to_uppercase().parse::<Facility>().unwrap(), *facility);
            assert_eq!(
                format!("LOG_{}", name.to_uppercase()).parse::<Facility>().unwrap(),
                *facility
            );
            assert_eq!(facility.to_string(), *name);
        }
        assert_eq!("security".parse::<Facility>().unwrap(), Facility::Auth);
        for bad in ["", "local8", "log_", "user "] {
            let parsed = bad.parse::<Facility>();
            if bad == "user " {
                assert_eq!(parsed.unwrap(), Facility::User);
                continue;
            }
            let error = parsed.unwrap_err();
            assert_eq!(error.input, bad);
            assert!(error.to_string().ends_with("local7 (any case, `LOG_` allowed)"), "{error}");
        }
    }

    #[test]
    fn settings_are_checked_when_built() {
        let cases: [(SyslogSink, &str); 9] = [
            (
                SyslogSink::udp("localhost"),
                "invalid syslog address \"localhost\": expected host:port",
            ),
            (SyslogSink::udp("127.0.0.1:514").hostname("a b"), "invalid syslog hostname \"a b\""),
            (SyslogSink::udp("127.0.0.1:514").procid(""), "invalid syslog procid \"\""),
            (SyslogSink::udp("127.0.0.1:514").msgid("x".repeat(33)), "invalid syslog msgid \"xxx"),
            (
                SyslogSink::udp("127.0.0.1:514").rfc3164().app_name("a:b"),
                "invalid syslog app-name \"a:b\"",
            ),
            (SyslogSink::unix(""), "invalid syslog socket path \"\""),
            (
                SyslogSink::udp("127.0.0.1:514").max_len(65_508),
                "invalid syslog max_len \"65508\": expected 480 to 65507 bytes over UDP",
            ),
            (
                SyslogSink::udp("127.0.0.1:514").max_len(479),
                "invalid syslog max_len \"479\": expected 480 to 65507",
            ),
            (
                SyslogSink::unix("/dev/log").max_len(100),
                "invalid syslog max_len \"100\": expected at least 480 bytes",
            ),
        ];
        for (sink, start) in cases {
            let error = sink.build().err().unwrap();
            assert!(error.to_string().starts_with(start), "{error}");
        }
        assert!(SyslogSink::udp("127.0.0.1:514").app_name("a:b").build().is_ok());
        assert!(SyslogSink::udp("127.0.0.1:514").max_len(65_507).build().is_ok());
        assert!(SyslogSink::tcp("127.0.0.1:514").max_len(1 << 20).build().is_ok());
    }

    #[test]
    fn reopen_resolves_the_address_again() {
        let old = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let new = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut writer = SyslogSink::udp(old.local_addr().unwrap().to_string()).build().unwrap();
        // As when the server's name resolves to another address: the text is resolved anew.
        writer.settings.target = TargetSpec::Udp(new.local_addr().unwrap().to_string());
        writer.reopen().unwrap();
        let mut buf = vec![0; PREFIX];
        buf.extend_from_slice(b"<14>x");
        writer.transport.send(&mut buf).unwrap();
        let mut received = [0; 16];
        let n = new.recv(&mut received).unwrap();
        assert_eq!(&received[..n], b"<14>x");
        // A name that no longer resolves: an error, and the addresses it had are kept.
        writer.settings.target = TargetSpec::Udp("no-port".to_owned());
        let error = writer.reopen().unwrap_err();
        assert!(error.to_string().starts_with("invalid syslog address \"no-port\""), "{error}");
        writer.transport.send(&mut buf).unwrap();
        let n = new.recv(&mut received).unwrap();
        assert_eq!(&received[..n], b"<14>x");
    }

    #[test]
    fn the_machine_hostname_is_printable_or_nil() {
        let name = machine_hostname();
        assert!(name == "-" || name.bytes().all(message::is_printable_ascii), "{name:?}");
    }
}
