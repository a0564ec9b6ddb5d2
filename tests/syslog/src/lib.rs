//! The harness of the syslog sink's tests: a real `rsyslogd` (Debian's `rsyslog` package),
//! started as a child process on loopback ports and sockets in a folder of its own, with a
//! generated configuration; the tests read what it stored.
//!
//! Each input has a ruleset that writes two files: `<input>.raw`, the message as received
//! (`%rawmsg%`), and `<input>.fields`, the fields rsyslog parsed from it
//! (`%pri%|%timereported:::date-rfc3339%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%`).
//! rsyslog writes control characters it receives as `#ooo` (a line break is `#012`).
//!
//! When `rsyslogd` is not installed, [`Rsyslogd::start`] fails the test if
//! `HLOG_REQUIRE_RSYSLOGD=1` (as `.ci/run` sets it), and otherwise says on stderr that the test
//! is skipped and returns `None`.

use std::fs;
use std::io::Write;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for rsyslogd to start, stop, or store what it was sent.
const PATIENCE: Duration = Duration::from_secs(15);

/// A probe message's marker: the harness sends probes until each input stores one, so that a
/// test starts once rsyslogd reads all of them; [`Rsyslogd::raw`] and
/// [`Rsyslogd::fields`] leave them out.
const PROBE: &str = "hlog-probe";

/// One of the inputs of the generated configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// `imudp` on [`Rsyslogd::udp`].
    Udp,
    /// `imtcp` on [`Rsyslogd::tcp`] (octet-counted framing is on by default).
    Tcp,
    /// `imuxsock` on [`Rsyslogd::socket`], read as `/dev/log` is (rsyslog's special parser
    /// for the local socket: RFC 3164 as glibc writes it, without hostname), keeping the
    /// message's timestamp.
    Unix,
    /// `imuxsock` on [`Rsyslogd::socket_5424`], read by the ordinary parsers (RFC 5424).
    Unix5424,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Input::Udp => "udp",
            Input::Tcp => "tcp",
            Input::Unix => "unix",
            Input::Unix5424 => "unix5424",
        }
    }
}

/// A running rsyslogd of the test's own. Stopped, and its folder removed, when dropped.
pub struct Rsyslogd {
    binary: PathBuf,
    dir: PathBuf,
    child: Option<Child>,
    /// `127.0.0.1:PORT` of its UDP input.
    pub udp: String,
    /// `127.0.0.1:PORT` of its TCP input.
    pub tcp: String,
    /// Its Unix socket read as `/dev/log`.
    pub socket: PathBuf,
    /// Its Unix socket read as RFC 5424.
    pub socket_5424: PathBuf,
}

impl Rsyslogd {
    /// Start an rsyslogd, once every input reads. `None` (with a notice on stderr) when
    /// `rsyslogd` is not installed, unless `HLOG_REQUIRE_RSYSLOGD=1`: then the test fails.
    pub fn start() -> Option<Rsyslogd> {
        let Some(binary) = find_rsyslogd() else {
            if std::env::var("HLOG_REQUIRE_RSYSLOGD").as_deref() == Ok("1") {
                panic!(
                    "rsyslogd not found (PATH, /usr/sbin, /sbin) and HLOG_REQUIRE_RSYSLOGD=1: \
                     install Debian's rsyslog (apt-get install rsyslog)"
                );
            }
            // Straight to stderr, past the test harness's capture: a passing test's `eprintln!`
            // is not shown.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: rsyslogd not found; install Debian's rsyslog (apt-get install rsyslog)"
            );
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("hlog-rsyslogd-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let udp = format!("127.0.0.1:{}", free_port(true));
        let tcp = format!("127.0.0.1:{}", free_port(false));
        let mut server = Rsyslogd {
            binary,
            socket: dir.join("log.sock"),
            socket_5424: dir.join("log5424.sock"),
            dir,
            child: None,
            udp,
            tcp,
        };
        fs::write(server.dir.join("rsyslog.conf"), server.config()).unwrap();
        server.start_again();
        Some(server)
    }

    /// The configuration: four inputs, each with a ruleset writing its two files.
    fn config(&self) -> String {
        let dir = self.dir.display();
        let port = |addr: &str| addr.rsplit(':').next().unwrap().to_owned();
        let mut conf = format!(
            "global(workDirectory=\"{dir}\")\n\
             module(load=\"imudp\")\n\
             module(load=\"imtcp\")\n\
             module(load=\"imuxsock\" SysSock.Use=\"off\")\n\
             template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n\
             template(name=\"fields\" type=\"string\" string=\"%pri%|%timereported:::date-rfc3339%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\\n\")\n"
        );
        for input in [Input::Udp, Input::Tcp, Input::Unix, Input::Unix5424] {
            let name = input.name();
            conf += &format!(
                "ruleset(name=\"{name}\") {{\n  \
                 action(type=\"omfile\" file=\"{dir}/{name}.raw\" template=\"raw\")\n  \
                 action(type=\"omfile\" file=\"{dir}/{name}.fields\" template=\"fields\")\n}}\n"
            );
        }
        conf += &format!(
            "input(type=\"imudp\" address=\"127.0.0.1\" port=\"{}\" ruleset=\"udp\")\n\
             input(type=\"imtcp\" address=\"127.0.0.1\" port=\"{}\" ruleset=\"tcp\")\n\
             input(type=\"imuxsock\" Socket=\"{}\" IgnoreTimestamp=\"off\" ruleset=\"unix\")\n\
             input(type=\"imuxsock\" Socket=\"{}\" IgnoreTimestamp=\"off\" UseSpecialParser=\"off\" ruleset=\"unix5424\")\n",
            port(&self.udp),
            port(&self.tcp),
            self.socket.display(),
            self.socket_5424.display(),
        );
        conf
    }

    /// Start rsyslogd (again, after [`stop`](Self::stop): the same ports, sockets and files),
    /// and wait until every input stores a probe.
    pub fn start_again(&mut self) {
        assert!(self.child.is_none(), "rsyslogd is running");
        let output = fs::File::create(self.dir.join("rsyslogd.out")).unwrap();
        let child = Command::new(&self.binary)
            .arg("-n")
            .arg("-f")
            .arg(self.dir.join("rsyslog.conf"))
            .arg("-i")
            .arg(self.dir.join("rsyslogd.pid"))
            .stdin(Stdio::null())
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.binary.display()));
        self.child = Some(child);
        self.wait_until_ready();
    }

    /// Send probes until each input has stored one.
    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        let probe = format!("<14>1 - - {PROBE} - - - probe");
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let probes_before = |input: Input| self.lines(input, "raw", true).len();
        let waiting: Vec<(Input, usize)> = [Input::Udp, Input::Tcp, Input::Unix, Input::Unix5424]
            .into_iter()
            .map(|input| (input, probes_before(input)))
            .collect();
        let mut tcp: Option<TcpStream> = None;
        for (input, before) in waiting {
            loop {
                if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                    panic!("rsyslogd exited ({status}): {}", self.output());
                }
                let sent = match input {
                    Input::Udp => udp.send_to(probe.as_bytes(), &self.udp).map(drop),
                    Input::Tcp => match &mut tcp {
                        Some(stream) => {
                            stream.write_all(format!("{} {probe}", probe.len()).as_bytes())
                        }
                        None => TcpStream::connect(&self.tcp).map(|stream| tcp = Some(stream)),
                    },
                    Input::Unix | Input::Unix5424 => {
                        let path =
                            if input == Input::Unix { &self.socket } else { &self.socket_5424 };
                        UnixDatagram::unbound()
                            .and_then(|socket| socket.send_to(probe.as_bytes(), path))
                            .map(drop)
                    }
                };
                std::thread::sleep(Duration::from_millis(20));
                if sent.is_ok() && self.lines(input, "raw", true).len() > before {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "rsyslogd's {input:?} input never stored a probe: {}",
                    self.output()
                );
            }
        }
    }

    /// Stop rsyslogd (SIGTERM) and wait until it has exited.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        // SAFETY: `kill` takes any pid and signal number; the pid is our running child's.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let deadline = Instant::now() + PATIENCE;
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("rsyslogd did not stop on SIGTERM: {}", self.output());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The messages `input` stored, as received (`%rawmsg%`), once there are `n` (probes left
    /// out). Fails the test, showing what there is, if they do not come.
    pub fn raw(&self, input: Input, n: usize) -> Vec<String> {
        self.wait_for(input, "raw", n)
    }

    /// The messages `input` stored, as received, once one of them ends with `last` (probes
    /// left out): for a test that cannot know how many were stored. Fails the test, showing
    /// what there is, if it does not come.
    pub fn raw_until(&self, input: Input, last: &str) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let lines = self.lines(input, "raw", false);
            if lines.iter().any(|line| line.ends_with(last)) {
                return lines;
            }
            assert!(
                Instant::now() < deadline,
                "rsyslogd's {input:?} never stored {last:?}: {lines:#?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The fields rsyslog parsed from the messages `input` stored, once there are `n`.
    pub fn fields(&self, input: Input, n: usize) -> Vec<String> {
        self.wait_for(input, "fields", n)
    }

    fn wait_for(&self, input: Input, kind: &str, n: usize) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let lines = self.lines(input, kind, false);
            if lines.len() >= n || Instant::now() > deadline {
                assert_eq!(lines.len(), n, "rsyslogd's {input:?} {kind} lines: {lines:#?}");
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The lines of `<input>.<kind>`: the probes, or the others.
    fn lines(&self, input: Input, kind: &str, probes: bool) -> Vec<String> {
        let path = self.dir.join(format!("{}.{kind}", input.name()));
        let text = fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned());
        let text = text.unwrap_or_default();
        // Only whole lines: rsyslog may be writing the last one.
        let whole = text.rfind('\n').map_or("", |end| &text[..end]);
        whole
            .split('\n')
            .filter(|line| !line.is_empty() && line.contains(PROBE) == probes)
            .map(str::to_owned)
            .collect()
    }

    /// What rsyslogd printed.
    fn output(&self) -> String {
        fs::read_to_string(self.dir.join("rsyslogd.out")).unwrap_or_default()
    }

    /// The folder the files are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Rsyslogd {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// `rsyslogd` on the PATH, else where Debian installs it.
fn find_rsyslogd() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .map(|dir| dir.join("rsyslogd"))
        .find(|candidate| candidate.is_file())
}

/// A loopback port free at this moment, below the kernel's range of ephemeral ports
/// (`net.ipv4.ip_local_port_range`): no connection's source port is taken from there, so while
/// a test has stopped its rsyslogd (a restart) no other test's connection can take the port.
/// Tried from a place that depends on the process id, so that test processes running at once
/// (other checkouts on the machine) start apart; a port that does not bind is skipped.
fn free_port(udp: bool) -> u16 {
    const LOWEST: u16 = 10_000;
    let ephemeral = fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32_768);
    let span = usize::from(ephemeral.saturating_sub(LOWEST));
    if span == 0 {
        // An unusual range: any port the kernel gives.
        return if udp {
            UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
        } else {
            TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
        };
    }
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    for _ in 0..span.min(1000) {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let offset = (std::process::id() as usize).wrapping_mul(7919).wrapping_add(n) % span;
        let port = LOWEST + offset as u16;
        let free = if udp {
            UdpSocket::bind(("127.0.0.1", port)).is_ok()
        } else {
            TcpListener::bind(("127.0.0.1", port)).is_ok()
        };
        if free {
            return port;
        }
    }
    panic!("no free loopback port between {LOWEST} and {ephemeral}");
}
