//! The file sink: one `info!` through the default format into a real file, without rotation,
//! with size rotation (every 1 MB, so several rotations happen during a run), and with
//! rotation plus gzip compression on the background worker.
//!
//! Run: `cd benches && cargo bench --bench file_sink`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hlog::sink::FileSink;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hlog-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bench(c: &mut Criterion, name: &str, sink: impl Fn(PathBuf) -> FileSink) {
    let dir = folder(name);
    let logger = hlog::Logger::new();
    logger.add(sink(dir.join("app.log"))).colorize(false).install().unwrap();
    let user = "alice";
    let mut id = 0u64;
    c.bench_function(&format!("file_sink/{name}"), |b| {
        b.iter(|| {
            id += 1;
            hlog::info!(
                logger,
                "User {user} logged in from {ip} (id={id}, ms={ms})",
                ip = black_box("10.0.0.1"),
                id = black_box(id),
                ms = black_box(12.345)
            );
        })
    });
    logger.complete();
    drop(logger);
    let _ = std::fs::remove_dir_all(&dir);
}

fn file_sink(c: &mut Criterion) {
    bench(c, "no_rotation", FileSink::new);
    bench(c, "rotation_1mb", |path| FileSink::new(path).rotation("1 MB"));
    bench(c, "rotation_1mb_gzip_keep_3", |path| {
        FileSink::new(path).rotation("1 MB").compression("gz").retention(3)
    });
    bench(c, "unbuffered", |path| FileSink::new(path).buffer_size(0));
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = file_sink
}
criterion_main!(benches);
