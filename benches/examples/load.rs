//! The load check: 8 threads × 1,000,000 numbered records into one file sink that rotates
//! ("10 MB") and gzips the rotated files, then every file (live and archives) is read back and
//! each thread's numbers must appear exactly once. Prints records/s, the files made
//! and the peak RSS. `cargo run --release --example load [-- THREADS RECORDS]`.
//!
//! A check of "never loses a record" under load, not a timed benchmark: the seconds printed
//! include compression and retention on the sink's background thread.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let threads: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let records: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("hlog-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let logger = hlog::Logger::new();
    logger
        .add(hlog::sink::FileSink::new(dir.join("app.log")).rotation("10 MB").compression("gz"))
        .format("{thread.id} {message}")
        .install()
        .expect("the sink installs");

    let start = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..threads {
            let logger = &logger;
            scope.spawn(move || {
                for n in 0..records {
                    hlog::info!(logger, "t={t} n={n}");
                }
            });
        }
    });
    logger.complete();
    let logged = start.elapsed();
    drop(logger);
    // Before the files are read back (that reading holds every line in memory).
    let rss = peak_rss_kib();

    let (files, lines) = read_back(&dir);
    // Each (thread, number) exactly once; rotated files are read in name order, which is not
    // always the order they were written in (two rotations in one microsecond), so order is
    // not checked across files.
    let mut seen = vec![vec![false; records as usize]; threads as usize];
    let mut problems = 0u64;
    for line in lines.lines() {
        match parse(line) {
            Some((t, n)) if t < threads && n < records && !seen[t as usize][n as usize] => {
                seen[t as usize][n as usize] = true;
            }
            _ => problems += 1,
        }
    }
    let complete = seen.iter().all(|numbers| numbers.iter().all(|seen| *seen));
    println!(
        "{threads} threads x {records} records in {:.2} s ({:.0} records/s), {files} files, \
         peak RSS {} KiB",
        logged.as_secs_f64(),
        (threads * records) as f64 / logged.as_secs_f64(),
        rss
    );
    println!(
        "read back: {} lines, every record exactly once: {complete}, duplicates or strays: {problems}",
        lines.lines().count()
    );
    let _ = std::fs::remove_dir_all(&dir);
    if !complete || problems > 0 {
        std::process::exit(1);
    }
}

/// Every file in the folder, archives decompressed.
fn read_back(dir: &Path) -> (usize, String) {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort_by_key(|name| (name == "app.log", name.clone()));
    let mut text = String::new();
    for name in &names {
        let file = std::fs::File::open(dir.join(name)).unwrap();
        if name.ends_with(".gz") {
            flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap();
        } else {
            std::io::BufReader::new(file).read_to_string(&mut text).unwrap();
        }
    }
    (names.len(), text)
}

/// `<thread id> t=<t> n=<n>` → `(t, n)`.
fn parse(line: &str) -> Option<(u64, u64)> {
    let rest = line.split_once(" t=")?.1;
    let (t, n) = rest.split_once(" n=")?;
    Some((t.parse().ok()?, n.parse().ok()?))
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
