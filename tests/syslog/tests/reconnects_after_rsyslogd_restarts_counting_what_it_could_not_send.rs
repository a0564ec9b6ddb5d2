//! The sink outlives a restart of rsyslogd: records logged while the server is down are
//! counted as lost (and the first failure reported), the sink connects again once the server
//! is back (after its backoff), and no record is lost silently: what rsyslogd stored plus what
//! `stats()` counts as lost is everything logged. Over TCP, with the handler writing on the
//! calling thread and with `enqueue(true)` (the logger's writer thread sends), and over a Unix
//! datagram socket (which rsyslogd makes anew when it starts).
//!
//! With a thread logging throughout the stop and the start, less can be asserted, honestly:
//! every record is counted once, written or lost; but plain TCP syslog (RFC 6587) has no
//! acknowledgements, so the records written after rsyslogd stopped reading and before its
//! close reached the sink are counted written and not stored (and a datagram left in the
//! socket's queue when rsyslogd exits is not read). What rsyslogd stored is in order, without
//! a duplicate, no more than was counted written, and ends with every record logged once the
//! sink was connected again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hlog::Logger;
use hlog::sink::SyslogSink;
use hlog_syslog_tests::{Input, Rsyslogd};

fn reconnects_after_a_restart(input: Input, enqueue: bool) {
    let Some(mut server) = Rsyslogd::start() else { return };
    let logger = Logger::new();
    let sink = match input {
        Input::Tcp => SyslogSink::tcp(&server.tcp),
        _ => SyslogSink::unix(&server.socket),
    };
    logger
        .add(sink.app_name("restart").hostname("h").procid("1"))
        .enqueue(enqueue)
        .install()
        .unwrap();
    let stats = || {
        logger.complete();
        let row = &logger.stats()[0];
        (row.written, row.lost, row.errors)
    };

    for i in 0..5 {
        hlog::info!(logger, "before {i}");
    }
    assert_eq!(stats(), (5, 0, 0));
    server.raw(input, 5);

    server.stop();
    for i in 0..5 {
        hlog::info!(logger, "down {i}");
    }
    // The first found the server gone (TCP: it had closed the connection, and connecting
    // again was refused; Unix: the send was refused); the others came while the sink waited
    // out its backoff.
    assert_eq!(stats(), (5, 5, 5));

    server.start_again();
    // The sink tries again once its backoff is over: records logged before that are lost
    // (counted), the first one after it goes through.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut after = 0;
    while stats().0 == 5 {
        assert!(Instant::now() < deadline, "the sink never connected again: {:?}", stats());
        hlog::info!(logger, "after {after}");
        after += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    for _ in 0..5 {
        hlog::info!(logger, "after {after}");
        after += 1;
    }
    let (written, lost, errors) = stats();
    let logged = 10 + after;
    assert_eq!(written + lost, logged);
    assert_eq!(lost, errors);
    // Stored: the five before, then every record from the first that went through after the
    // restart; nothing else.
    let stored: Vec<String> = server
        .raw(input, written as usize)
        .iter()
        .map(|line| {
            let words: Vec<&str> = line.rsplitn(3, ' ').collect();
            format!("{} {}", words[1], words[0])
        })
        .collect();
    let first_through = after - (written - 5);
    let expected: Vec<String> = (0..5)
        .map(|i| format!("before {i}"))
        .chain((first_through..after).map(|i| format!("after {i}")))
        .collect();
    assert_eq!(stored, expected);
    assert!(written - 5 >= 6, "{written}");
}

#[test]
fn tcp_on_the_calling_thread() {
    reconnects_after_a_restart(Input::Tcp, false);
}

#[test]
fn tcp_with_enqueue() {
    reconnects_after_a_restart(Input::Tcp, true);
}

#[test]
fn unix_datagram_socket() {
    reconnects_after_a_restart(Input::Unix, false);
}

fn a_thread_logs_throughout_a_restart(input: Input) {
    let Some(mut server) = Rsyslogd::start() else { return };
    let logger = Logger::new();
    let sink = match input {
        Input::Tcp => SyslogSink::tcp(&server.tcp),
        _ => SyslogSink::unix(&server.socket),
    };
    logger.add(sink.app_name("restart").hostname("h").procid("1")).install().unwrap();
    let stats = || {
        let row = &logger.stats()[0];
        (row.written, row.lost, row.errors)
    };
    let stop = AtomicBool::new(false);
    let logged = AtomicU64::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                hlog::info!(logger, "seq {i}");
                i += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            logged.store(i, Ordering::Relaxed);
        });
        std::thread::sleep(Duration::from_millis(100));
        server.stop();
        std::thread::sleep(Duration::from_millis(100));
        server.start_again();
        // Until 20 records more went through the new connection.
        let deadline = Instant::now() + Duration::from_secs(10);
        let written = stats().0;
        while stats().0 < written + 20 {
            assert!(Instant::now() < deadline, "the sink never connected again: {:?}", stats());
            std::thread::sleep(Duration::from_millis(10));
        }
        stop.store(true, Ordering::Relaxed);
    });
    let logged = logged.load(Ordering::Relaxed);
    for i in 0..5 {
        hlog::info!(logger, "final {i}");
    }
    let (written, lost, errors) = stats();
    assert_eq!(written + lost, logged + 5);
    assert_eq!(lost, errors);
    assert!(lost > 0, "nothing was counted lost while rsyslogd was down");

    let stored = server.raw_until(input, "final 4");
    let (finals, seqs): (Vec<&String>, Vec<&String>) =
        stored.iter().partition(|line| line.contains(" final "));
    let finals: Vec<&str> =
        finals.iter().map(|line| &line[line.rfind("final ").unwrap()..]).collect();
    let expected: Vec<String> = (0..5).map(|i| format!("final {i}")).collect();
    assert_eq!(finals, expected, "{stored:#?}");
    assert!(stored[stored.len() - 5..].iter().all(|line| line.contains(" final ")));
    let numbers: Vec<u64> =
        seqs.iter().map(|line| line.rsplit("seq ").next().unwrap().parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|pair| pair[0] < pair[1]), "out of order: {numbers:?}");
    assert!(numbers.iter().all(|&n| n < logged), "{numbers:?}");
    let stored_count = numbers.len() as u64 + 5;
    assert!(stored_count <= written, "stored {stored_count}, written {written}");
    assert!(stored_count + lost <= logged + 5);
    // Some before the stop, some after the start.
    assert!(numbers.len() > 20, "{numbers:?}");
}

#[test]
fn tcp_with_a_thread_logging_throughout() {
    a_thread_logs_throughout_a_restart(Input::Tcp);
}

#[test]
fn unix_datagram_socket_with_a_thread_logging_throughout() {
    a_thread_logs_throughout_a_restart(Input::Unix);
}
