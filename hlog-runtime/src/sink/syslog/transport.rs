//! Getting a message to the syslog server: a UDP datagram, a TCP frame with octet counting
//! (RFC 6587: `LEN SP MSG`), or a Unix socket (a datagram, else a stream with a NUL after each
//! message, as glibc's `syslog()` writes it). A connection that breaks, or that the server
//! closes, is dropped, and the next attempt waits out an exponential backoff, so that log
//! calls do not stall on a server that is down: a record that arrives meanwhile is refused at
//! once, and counted. The backoff starts again from its shortest delay only once a connection
//! has stayed up for [`HEALTHY`]: a server that accepts connections and closes them (or stops
//! reading) is tried less and less often, not once per record.

use std::io;
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::{UnixDatagram, UnixStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Bytes kept free before a message in the sink's buffer, for the octet count of a TCP frame
/// (`LEN SP`: the digits of a `usize` and a space).
pub(super) const PREFIX: usize = 21;

/// How long a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// How long a write on a stream may block (a server that stopped reading) before the
/// connection is given up.
const SEND_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a connection must have stayed up, when it breaks, for the backoff to start again
/// from its shortest delay; one that breaks sooner doubles it.
pub(super) const HEALTHY: Duration = Duration::from_secs(5);

/// The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers): the longest
/// message a datagram can carry.
pub(super) const MAX_UDP: usize = 65_507;

/// Where messages go.
#[derive(Debug, Clone)]
pub(super) enum Target {
    Udp(Vec<SocketAddr>),
    Tcp(Vec<SocketAddr>),
    Unix(PathBuf),
}

/// An open way to the server.
enum Connection {
    Udp(UdpSocket),
    Tcp(TcpStream),
    UnixDatagram(UnixDatagram),
    UnixStream(UnixStream),
}

impl Connection {
    fn open(target: &Target) -> io::Result<Connection> {
        match target {
            Target::Udp(addrs) => first_of(addrs, |addr| {
                let local: SocketAddr = if addr.is_ipv4() {
                    (std::net::Ipv4Addr::UNSPECIFIED, 0).into()
                } else {
                    (std::net::Ipv6Addr::UNSPECIFIED, 0).into()
                };
                let socket = UdpSocket::bind(local)?;
                socket.connect(addr)?;
                Ok(Connection::Udp(socket))
            }),
            Target::Tcp(addrs) => first_of(addrs, |addr| {
                let stream = TcpStream::connect_timeout(addr, CONNECT_TIMEOUT)?;
                stream.set_write_timeout(Some(SEND_TIMEOUT))?;
                Ok(Connection::Tcp(stream))
            }),
            Target::Unix(path) => {
                let socket = UnixDatagram::unbound()?;
                match socket.connect(path) {
                    Ok(()) => Ok(Connection::UnixDatagram(socket)),
                    // A stream socket (syslog-ng's `unix-stream`): glibc falls back the same way.
                    Err(error) if error.raw_os_error() == Some(libc::EPROTOTYPE) => {
                        let stream = UnixStream::connect(path)?;
                        stream.set_write_timeout(Some(SEND_TIMEOUT))?;
                        Ok(Connection::UnixStream(stream))
                    }
                    Err(error) => Err(error),
                }
            }
        }
    }

    /// Send the message at `buf[PREFIX..]`, framed as this connection needs.
    fn send(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        let sent = |sent: usize, len: usize| {
            if sent == len {
                Ok(())
            } else {
                Err(io::Error::new(io::ErrorKind::WriteZero, "the message was sent in part"))
            }
        };
        match self {
            // Without waiting: a datagram socket whose reader stopped (a Unix one has a short
            // queue) refuses at once, and the record is counted, rather than block the caller.
            Connection::Udp(socket) => sent(
                send(socket.as_raw_fd(), &buf[PREFIX..], libc::MSG_DONTWAIT)?,
                buf.len() - PREFIX,
            ),
            Connection::UnixDatagram(socket) => sent(
                send(socket.as_raw_fd(), &buf[PREFIX..], libc::MSG_DONTWAIT)?,
                buf.len() - PREFIX,
            ),
            Connection::Tcp(stream) => {
                let mut digits = itoa::Buffer::new();
                let len = digits.format(buf.len() - PREFIX).as_bytes();
                let start = PREFIX - 1 - len.len();
                buf[start..PREFIX - 1].copy_from_slice(len);
                buf[PREFIX - 1] = b' ';
                send_all(stream.as_raw_fd(), &buf[start..])
            }
            Connection::UnixStream(stream) => {
                // The NUL ends the message: none may come from it.
                for b in &mut buf[PREFIX..] {
                    if *b == 0 {
                        *b = b' ';
                    }
                }
                buf.push(0);
                send_all(stream.as_raw_fd(), &buf[PREFIX..])
            }
        }
    }

    /// Whether the server closed a stream connection (it stopped, or restarts): a read that
    /// does not wait sees the end of the stream, or an error. Asked before each write, so
    /// that a record is not written into a connection the server has left, where it would be
    /// lost without an error.
    fn peer_closed(&self) -> bool {
        let fd = match self {
            Connection::Tcp(stream) => stream.as_raw_fd(),
            Connection::UnixStream(stream) => stream.as_raw_fd(),
            Connection::Udp(_) | Connection::UnixDatagram(_) => return false,
        };
        let mut byte = 0u8;
        // SAFETY: `fd` is an open socket that `self` owns for the duration of the call, and the
        // buffer is one writable byte that outlives it.
        let n = unsafe {
            libc::recv(fd, (&raw mut byte).cast(), 1, libc::MSG_PEEK | libc::MSG_DONTWAIT)
        };
        match n {
            0 => true,
            1.. => false,
            _ => {
                let error = io::Error::last_os_error();
                !matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted)
            }
        }
    }

    /// Whether the connection is still good after `error`: a UDP socket always is (each
    /// datagram stands alone: a refused one says only that nothing listened then), a Unix
    /// datagram socket whose queue is full is (the reader is slow, not gone), and so is any
    /// socket after a message too large to send.
    fn survives(&self, error: &io::Error) -> bool {
        match self {
            Connection::Udp(_) => true,
            Connection::UnixDatagram(_) => {
                matches!(error.raw_os_error(), Some(libc::EAGAIN | libc::EMSGSIZE | libc::ENOBUFS))
            }
            Connection::Tcp(_) | Connection::UnixStream(_) => {
                error.raw_os_error() == Some(libc::EMSGSIZE)
            }
        }
    }
}

/// `send(2)` of `bytes` on `fd` with `flags`: how many were sent.
fn send(fd: RawFd, bytes: &[u8], flags: libc::c_int) -> io::Result<usize> {
    loop {
        // SAFETY: `fd` is an open socket its caller owns for the duration of the call, and
        // `bytes` is readable for its whole length.
        let n = unsafe { libc::send(fd, bytes.as_ptr().cast(), bytes.len(), flags) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// Send all of `bytes` on the stream socket `fd`, waiting as its send timeout allows. With
/// `MSG_NOSIGNAL`: a server that is gone is an error (`EPIPE`), not a `SIGPIPE` that would end
/// a host program which does not ignore it.
fn send_all(fd: RawFd, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match send(fd, bytes, libc::MSG_NOSIGNAL) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            // The send timeout ran out: the server stopped reading.
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                return Err(io::ErrorKind::TimedOut.into());
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// The first address that `open` succeeds with, else the last error.
fn first_of(
    addrs: &[SocketAddr],
    open: impl Fn(&SocketAddr) -> io::Result<Connection>,
) -> io::Result<Connection> {
    let mut last = io::Error::new(io::ErrorKind::InvalidInput, "no address to connect to");
    for addr in addrs {
        match open(addr) {
            Ok(connection) => return Ok(connection),
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// The transport: a target, the connection to it when there is one, and when to try again.
pub(super) struct Transport {
    target: Target,
    connection: Option<Connection>,
    /// When the connection was opened.
    opened: Instant,
    backoff: Backoff,
}

impl Transport {
    pub(super) fn new(target: Target) -> Transport {
        Transport { target, connection: None, opened: Instant::now(), backoff: Backoff::default() }
    }

    /// Send the message at `buf[PREFIX..]`. An error means it was not sent.
    pub(super) fn send(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        if self.connection.as_ref().is_some_and(Connection::peer_closed) {
            // Left by the server, with no error yet: a failure like any other, so that a
            // server that accepts and closes at once is not connected to for every record.
            // (An allocation, once per connection: the record waits out the backoff.)
            self.drop_connection();
            return Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "the syslog server closed the connection",
            ));
        }
        let connection = match &mut self.connection {
            Some(connection) => connection,
            None => {
                if self.backoff.wait(Instant::now()).is_some() {
                    // No allocation: this is every record's path while the server is down (the
                    // failure that started the wait was reported).
                    return Err(io::ErrorKind::NotConnected.into());
                }
                let opened = Connection::open(&self.target);
                // After the attempt, which may have waited for its timeout.
                let now = Instant::now();
                match opened {
                    Ok(connection) => {
                        self.opened = now;
                        self.connection.insert(connection)
                    }
                    Err(error) => {
                        self.backoff.failed(now);
                        return Err(error);
                    }
                }
            }
        };
        match connection.send(buf) {
            Ok(()) => Ok(()),
            Err(error) => {
                if !connection.survives(&error) {
                    self.drop_connection();
                }
                Err(error)
            }
        }
    }

    /// Give up the connection after a failure (measured now, after a write that may have
    /// waited out its timeout): the backoff doubles, unless the connection had stayed up for
    /// [`HEALTHY`], when it starts again from its shortest delay.
    fn drop_connection(&mut self) {
        self.connection = None;
        let now = Instant::now();
        if now.saturating_duration_since(self.opened) >= HEALTHY {
            self.backoff = Backoff::default();
        }
        self.backoff.failed(now);
    }

    /// Connect anew for the next message, without waiting: after `hlog::reopen()`, and in a
    /// child process after `fork`, where the connection is the parent's too (two writers on
    /// one stream would mix their frames).
    pub(super) fn forget_connection(&mut self) {
        self.connection = None;
        self.backoff = Backoff::default();
    }

    /// Send to `target` from now on (its name resolved again by `hlog::reopen()`), connecting
    /// anew.
    pub(super) fn retarget(&mut self, target: Target) {
        self.target = target;
        self.forget_connection();
    }
}

/// When to try connecting again: 50 ms after a failure, doubling up to 3.2 s; the transport
/// starts it again ([`Backoff::default`]) once a connection has stayed up for [`HEALTHY`]. A
/// state machine over instants it is given, so tests drive its time.
#[derive(Debug)]
pub(super) struct Backoff {
    /// No attempt before this.
    next: Option<Instant>,
    delay: Duration,
}

impl Backoff {
    pub(super) const FIRST: Duration = Duration::from_millis(50);
    pub(super) const MAX: Duration = Duration::from_millis(3200);

    /// How long to wait still, at `now`; `None`: try now.
    pub(super) fn wait(&self, now: Instant) -> Option<Duration> {
        self.next.filter(|&next| next > now).map(|next| next - now)
    }

    /// An attempt (or a connection) failed at `now`.
    pub(super) fn failed(&mut self, now: Instant) {
        self.next = Some(now + self.delay);
        self.delay = (self.delay * 2).min(Self::MAX);
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: None, delay: Self::FIRST }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    #[test]
    fn backoff_doubles_up_to_its_maximum_and_resets() {
        let start = Instant::now();
        let ms = Duration::from_millis;
        let mut backoff = Backoff::default();
        assert_eq!(backoff.wait(start), None);
        let mut now = start;
        for expected in [50, 100, 200, 400, 800, 1600, 3200, 3200] {
            backoff.failed(now);
            assert_eq!(backoff.wait(now), Some(ms(expected)));
            assert_eq!(backoff.wait(now + ms(expected - 1)), Some(ms(1)));
            now += ms(expected);
            assert_eq!(backoff.wait(now), None);
        }
        let mut backoff = Backoff::default();
        backoff.failed(now);
        assert_eq!(backoff.wait(now), Some(ms(50)));
    }

    fn message(text: &str) -> Vec<u8> {
        let mut buf = vec![0; PREFIX];
        buf.extend_from_slice(text.as_bytes());
        buf
    }

    #[test]
    fn tcp_frames_are_octet_counted() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut transport = Transport::new(Target::Tcp(vec![listener.local_addr().unwrap()]));
        for text in ["<14>1 - - - - - - a", "<14>1 - - - - - - two\nlines"] {
            transport.send(&mut message(text)).unwrap();
        }
        drop(transport);
        let mut received = String::new();
        listener.accept().unwrap().0.read_to_string(&mut received).unwrap();
        assert_eq!(received, "19 <14>1 - - - - - - a27 <14>1 - - - - - - two\nlines");
    }

    #[test]
    fn udp_sends_one_datagram_per_message() {
        let server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut transport = Transport::new(Target::Udp(vec![server.local_addr().unwrap()]));
        for text in ["<14>first", "<14>second\nline"] {
            transport.send(&mut message(text)).unwrap();
        }
        let mut datagram = [0; 100];
        let n = server.recv(&mut datagram).unwrap();
        assert_eq!(&datagram[..n], b"<14>first");
        let n = server.recv(&mut datagram).unwrap();
        assert_eq!(&datagram[..n], b"<14>second\nline");
    }

    #[test]
    fn unix_stream_messages_end_with_a_nul() {
        let dir = std::env::temp_dir().join(format!("hlog-syslog-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("stream.sock");
        let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let mut transport = Transport::new(Target::Unix(path.clone()));
        transport.send(&mut message("<14>a\0b")).unwrap();
        drop(transport);
        let mut received = Vec::new();
        listener.accept().unwrap().0.read_to_end(&mut received).unwrap();
        assert_eq!(received, b"<14>a b\0");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_closed_server_is_seen_before_the_next_write() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut transport = Transport::new(Target::Tcp(vec![addr]));
        transport.send(&mut message("one")).unwrap();
        let (mut first, _) = listener.accept().unwrap();
        let mut received = [0; 5];
        first.read_exact(&mut received).unwrap();
        drop(first);
        // The server closed its side: a failure, so the next message waits out the backoff
        // (it is refused, not written into the closed connection), and the one after it goes
        // through a new connection.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !transport.connection.as_ref().is_some_and(Connection::peer_closed) {
            assert!(Instant::now() < deadline, "the close was never seen");
            std::thread::yield_now();
        }
        let refused = transport.send(&mut message("two")).unwrap_err();
        assert_eq!(refused.to_string(), "the syslog server closed the connection");
        let waiting = transport.send(&mut message("two")).unwrap_err();
        assert_eq!(waiting.kind(), io::ErrorKind::NotConnected);
        std::thread::sleep(Backoff::FIRST);
        transport.send(&mut message("three")).unwrap();
        let (mut second, _) = listener.accept().unwrap();
        let mut received = [0; 7];
        second.read_exact(&mut received).unwrap();
        assert_eq!(&received, b"5 three");
    }

    #[test]
    fn the_backoff_starts_again_only_after_a_connection_stayed_up() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut transport = Transport::new(Target::Tcp(vec![listener.local_addr().unwrap()]));
        let ms = Duration::from_millis;
        // Connections that break at once: each doubles the delay.
        for expected in [50, 100, 200] {
            transport.send(&mut message("x")).unwrap();
            transport.drop_connection();
            let wait = transport.backoff.wait(Instant::now()).unwrap();
            assert!(wait <= ms(expected) && wait > ms(expected) - ms(20), "{wait:?}");
            transport.backoff.next = None;
        }
        // One that stayed up for HEALTHY: back to the shortest delay.
        transport.send(&mut message("x")).unwrap();
        transport.opened = Instant::now().checked_sub(HEALTHY).unwrap();
        transport.drop_connection();
        assert!(transport.backoff.wait(Instant::now()).unwrap() <= ms(50));
    }

    #[test]
    fn a_stream_whose_reader_is_gone_is_an_error_not_a_sigpipe() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        drop(theirs);
        // As in a host program that does not ignore SIGPIPE (Rust's runtime does).
        // SAFETY: `signal` takes any signal number and disposition; the previous one is put
        // back below.
        let before = unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
        let result = send_all(ours.as_raw_fd(), b"x");
        // SAFETY: as above.
        unsafe { libc::signal(libc::SIGPIPE, before) };
        assert_eq!(result.unwrap_err().raw_os_error(), Some(libc::EPIPE));
    }

    #[test]
    fn a_refused_connection_waits_out_the_backoff() {
        let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let mut transport = Transport::new(Target::Tcp(vec![addr]));
        let refused = transport.send(&mut message("x")).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
        let waiting = transport.send(&mut message("x")).unwrap_err();
        assert_eq!(waiting.kind(), io::ErrorKind::NotConnected);
    }
}
