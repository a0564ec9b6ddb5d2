//! Several processes, one rotating file: with `FileSink::shared(true)` in each, every record of
//! each process is in exactly one of the files, and no file passes the size limit; without it,
//! a second process's rotating sink on the path is refused at `install()`.
//!
//! The processes are this test binary run again, its role chosen by an environment variable.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

use hlog::ConfigError;
use hlog::sink::FileSink;

const ROLE: &str = "HLOG_TEST_SHARED_ROLE";
const DIR: &str = "HLOG_TEST_SHARED_DIR";
const LINES: u32 = 50_000;
const LIMIT: u64 = 200_000;
/// Makes a line 61 bytes: 3,278 of them fill a file (199,958 bytes), 100,000 fill 31 files.
const FILLER: &str = "the quick brown fox jumps over the lazy dog, again";

fn fresh_dir(tag: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("hlog-shared-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// This test binary again, running only `test` in `role` on `dir`.
fn spawn(test: &str, role: &str, dir: &Path) -> Child {
    Command::new(env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Wait for `child` at most `limit` (killed then, and the test fails); its stderr.
fn finish(mut child: Child, limit: Duration) -> String {
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("a child process did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "child failed: {status}\n{stderr}");
    stderr
}

/// Wait until `path` exists, at most `limit`.
fn wait_for(path: &Path, limit: Duration) {
    let start = Instant::now();
    while !path.exists() {
        assert!(start.elapsed() < limit, "{} did not appear within {limit:?}", path.display());
        thread::sleep(Duration::from_millis(10));
    }
}

/// The role of a child, if this process is one.
fn role() -> Option<(String, PathBuf)> {
    Some((env::var(ROLE).ok()?, PathBuf::from(env::var(DIR).ok()?)))
}

#[test]
fn two_shared_processes_write_every_line_once() {
    if let Some((role, dir)) = role() {
        let who = role.strip_prefix("writer:").expect("a writer");
        let logger = hlog::Logger::new();
        let sink = FileSink::new(dir.join("app.log")).rotation("200 KB").shared(true);
        logger.add(sink).format("{message}").install().unwrap();
        // Both start together.
        wait_for(&dir.join("go"), Duration::from_secs(60));
        for i in 0..LINES {
            let n = format!("{i:06}");
            hlog::info!(logger, "{who} {n} {FILLER}");
        }
        logger.complete();
        return;
    }
    let dir = fresh_dir("two");
    let test = "two_shared_processes_write_every_line_once";
    let children = ["p0", "p1"].map(|who| spawn(test, &format!("writer:{who}"), &dir));
    fs::write(dir.join("go"), b"").unwrap();
    for child in children {
        let stderr = finish(child, Duration::from_secs(120));
        assert!(!stderr.contains("hlog:"), "a child reported: {stderr}");
    }

    let mut seen: HashMap<(String, u32), u32> = HashMap::new();
    let (mut files, mut strays) = (0, Vec::new());
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if [".app.log.lock", "go"].map(std::ffi::OsStr::new).contains(&path.file_name().unwrap()) {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(&path).unwrap();
        if path.file_name().unwrap() != "app.log" {
            // Filled line by line to the limit from the real size, whoever wrote the lines.
            assert_eq!(text.len() as u64, LIMIT / 61 * 61, "{}", path.display());
        }
        assert!(text.len() as u64 <= LIMIT, "{} holds {} bytes", path.display(), text.len());
        assert!(
            text.is_empty() || text.ends_with('\n'),
            "{} ends in a partial line",
            path.display()
        );
        for line in text.lines() {
            let mut parts = line.splitn(3, ' ');
            let (who, n, rest) = (parts.next(), parts.next(), parts.next());
            match (who, n.and_then(|n| n.parse::<u32>().ok()), rest) {
                (Some(who @ ("p0" | "p1")), Some(n), Some(FILLER)) if n < LINES => {
                    *seen.entry((who.to_owned(), n)).or_default() += 1;
                }
                _ => strays.push(line.to_owned()),
            }
        }
    }
    assert!(strays.is_empty(), "{} lines not written as logged: {:?}", strays.len(), &strays[..1]);
    let twice: Vec<_> = seen.iter().filter(|&(_, &count)| count > 1).take(3).collect();
    assert!(twice.is_empty(), "lines written more than once, e.g. {twice:?}");
    for who in ["p0", "p1"] {
        let missing = (0..LINES).filter(|&n| !seen.contains_key(&(who.to_owned(), n))).count();
        assert_eq!(missing, 0, "{who}: lines missing");
    }
    assert_eq!(files, 31, "rotated 30 times");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_second_process_rotating_without_shared_is_refused() {
    if let Some((role, dir)) = role() {
        assert_eq!(role, "holder");
        let logger = hlog::Logger::new();
        let sink = FileSink::new(dir.join("app.log")).rotation("1 MB");
        logger.add(sink).format("{message}").install().unwrap();
        hlog::info!(logger, "from the holder");
        logger.complete();
        fs::write(dir.join("ready"), b"").unwrap();
        wait_for(&dir.join("release"), Duration::from_secs(60));
        return;
    }
    let dir = fresh_dir("refused");
    let path = dir.join("app.log");
    let holder = spawn("a_second_process_rotating_without_shared_is_refused", "holder", &dir);
    wait_for(&dir.join("ready"), Duration::from_secs(60));

    let logger = hlog::Logger::new();
    let error = logger.add(FileSink::new(&path).rotation("1 MB")).install().unwrap_err();
    assert!(matches!(&error, ConfigError::PathLocked { path: p, shared: false } if *p == path));
    assert_eq!(
        error.to_string(),
        format!(
            "{}: another process's file sink writes this file, and this one rotates it; give \
             every process's sink .shared(true), or use one path per process",
            path.display()
        )
    );
    // A shared sink does not join a process that rotates without it.
    let error = logger.add(FileSink::new(&path).rotation("1 MB").shared(true)).install();
    assert!(matches!(error, Err(ConfigError::PathLocked { shared: true, .. })), "{error:?}");
    // Appending without rotating renames nothing: allowed.
    logger.add(FileSink::new(&path).buffer_size(0)).format("{message}").install().unwrap();
    hlog::info!(logger, "appended by a second process");
    // A sink that opens the file later (`delay`) finds it held then: it says so once on stderr
    // and writes on without rotating (its 10-byte limit would rename the holder's file).
    let late = hlog::Logger::new();
    let sink = FileSink::new(&path).rotation(10_u64).delay(true).buffer_size(0);
    late.add(sink).format("{message}").install().unwrap();
    hlog::info!(late, "late one");
    hlog::info!(late, "late two");
    late.remove_all();

    fs::write(dir.join("release"), b"").unwrap();
    finish(holder, Duration::from_secs(60));
    logger.remove_all();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text, "from the holder\nappended by a second process\nlate one\nlate two\n");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["app.log", "ready", "release"], "nothing rotated");
    fs::remove_dir_all(&dir).unwrap();
}
