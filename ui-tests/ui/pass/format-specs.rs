// Format specs after `:`, as in `format!`.
#![deny(warnings)]

use hlog::sink::Capture;
use hlog::{Logger, info};

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    let x = 42;
    let f = 3.14159;
    let s = "ab";
    let v = vec![1, 2];
    info!(logger, "[{x:>8}]");
    info!(logger, "[{s: <8}]");
    info!(logger, "[{f:.3}]");
    info!(logger, "[{v:?}]");
    info!(logger, "[{x:#x}]");
    info!(logger, "[{f:08.2}]");
    info!(logger, "[{x:+}]");
    info!(logger, "[{s:^10}]");
    info!(logger, "[{s:*^6}] [{x:X}] [{x:b}] [{x:o}] [{f:e}]");
    info!(logger, "[{:>4}] [{0:?}]", "p");
    info!(logger, "[{n:05}]", n = -7);
    info!(logger, "[{x:}]");
    assert_eq!(
        capture.lines(),
        [
            "[      42]",
            "[ab      ]",
            "[3.142]",
            "[[1, 2]]",
            "[0x2a]",
            "[00003.14]",
            "[+42]",
            "[    ab    ]",
            "[**ab**] [2A] [101010] [52] [3.14159e0]",
            "[   p] [\"p\"]",
            "[-0007]",
            "[42]",
        ]
    );
}
