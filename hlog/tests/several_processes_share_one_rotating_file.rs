//! Several processes, one rotating file: with `FileSink::shared(true)` in each, every record of
//! each process is in exactly one of the files, and no file passes the size limit; without it,
//! a second process's rotating sink on the path is refused at `install()`; a process forked
//! after adding a shared sink takes turns with its parent.
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

    let files = check_files(&dir, &["p0", "p1"], LINES, LIMIT);
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

/// Every line of `who` (`0..lines`) exactly once in the files of `dir` (the lock file and the
/// test's own marker files aside), and each rotated file filled to `limit`; how many files.
fn check_files(dir: &Path, writers: &[&str], lines: u32, limit: u64) -> usize {
    let mut seen: HashMap<(String, u32), u32> = HashMap::new();
    let (mut files, mut strays) = (0, Vec::new());
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        if !name.starts_with("app.") {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(&path).unwrap();
        if name == "app.log" {
            assert!(text.len() as u64 <= limit, "{name}: {} bytes", text.len());
        } else {
            // Filled line by line to the limit from the real size, whoever wrote the lines.
            assert_eq!(text.len() as u64, limit / 61 * 61, "{name}");
        }
        for line in text.lines() {
            let mut parts = line.splitn(3, ' ');
            let (who, n, rest) = (parts.next(), parts.next(), parts.next());
            match (who, n.and_then(|n| n.parse::<u32>().ok()), rest) {
                (Some(who), Some(n), Some(FILLER)) if writers.contains(&who) && n < lines => {
                    *seen.entry((who.to_owned(), n)).or_default() += 1;
                }
                _ => strays.push(line.to_owned()),
            }
        }
    }
    assert!(strays.is_empty(), "{} lines not written as logged: {:?}", strays.len(), &strays[..1]);
    let twice: Vec<_> = seen.iter().filter(|&(_, &count)| count > 1).take(3).collect();
    assert!(twice.is_empty(), "lines written more than once, e.g. {twice:?}");
    assert_eq!(seen.len(), writers.len() * lines as usize, "lines missing");
    files
}

/// A process that forks after adding a shared sink: parent and child share the lock file's
/// open file description, whose `flock` would not keep them apart; the child opens its own.
/// Run in a child process of the test, so that no other test's thread is forked.
#[cfg(target_os = "linux")]
#[test]
fn a_forked_child_takes_turns_with_its_parent() {
    const FORKED: u32 = 5_000;
    let test = "a_forked_child_takes_turns_with_its_parent";
    let Some((role, dir)) = role() else {
        let dir = fresh_dir("fork");
        finish(spawn(test, "forker", &dir), Duration::from_secs(120));
        let files = check_files(&dir, &["pa", "ch"], FORKED, 20_000);
        assert_eq!(files, 31, "610,000 bytes in files of 19,947");
        fs::remove_dir_all(&dir).unwrap();
        return;
    };
    assert_eq!(role, "forker");
    let logger = hlog::Logger::new();
    let sink = FileSink::new(dir.join("app.log")).rotation("20 KB").shared(true).buffer_size(0);
    logger.add(sink).format("{message}").install().unwrap();
    let log = |who: &str| {
        for i in 0..FORKED {
            let n = format!("{i:06}");
            hlog::info!(logger, "{who} {n} {FILLER}");
        }
    };
    // SAFETY: the child only logs through this logger (no other thread of this process holds
    // its locks: the sink is unbuffered, so its worker has nothing to flush) and leaves with
    // `_exit`.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        log("ch");
        // SAFETY: ends the child at once, running no destructor the parent's state owns.
        unsafe { libc::_exit(0) };
    }
    log("pa");
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: waits for the child forked above, without blocking.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            // SAFETY: the child forked above.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the forked child did not finish within a minute");
        }
        thread::sleep(Duration::from_millis(10));
    }
    logger.remove_all();
}
