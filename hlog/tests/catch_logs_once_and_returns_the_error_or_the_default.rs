//! `#[hlog::catch]` logs a function's `Err` once, with its chain, at its level and with its
//! message, then returns it or the `default`; with `catch_panics` it logs a panic (location and
//! payload) and returns `default` or resumes. `hlog::catch` and `hlog::Catch` do the same for
//! a closure or a future. Each test file is a process of its own: the records here go to the
//! global logger, which only this file's tests use, one at a time (the lock).

use std::sync::{Mutex, MutexGuard};

use hlog::sink::Capture;

#[derive(Debug)]
struct DivError {
    source: std::num::ParseIntError,
}

impl std::fmt::Display for DivError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bad divisor")
    }
}

impl std::error::Error for DivError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The global logger to a fresh capture, for one test at a time.
fn capture(format: &str) -> (MutexGuard<'static, ()>, Capture) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    hlog::remove_all();
    let capture = Capture::new();
    hlog::add(capture.clone()).format(format).install().unwrap();
    (guard, capture)
}

#[hlog::catch]
fn divide(a: i32, b: &str) -> Result<i32, DivError> {
    let b: i32 = b.parse().map_err(|source| DivError { source })?;
    Ok(a / b)
}

#[test]
fn an_err_is_logged_once_with_its_chain_and_returned() {
    let (_guard, capture) = capture("{level} {function} | {message}");
    assert_eq!(divide(10, "2").unwrap(), 5);
    assert_eq!(capture.text(), "");
    let error = divide(10, "x").unwrap_err();
    assert_eq!(error.to_string(), "bad divisor");
    assert_eq!(
        capture.text(),
        "ERROR divide | An error has been caught in function 'divide'\n\
         Error: bad divisor\nCaused by: invalid digit found in string\n"
    );
}

#[hlog::catch(level = WARNING, message = "Could not divide {a} by {b:?}", default = Ok(-1))]
fn divide_or_minus_one(a: i32, b: &str) -> Result<i32, DivError> {
    let b: i32 = b.parse().map_err(|source| DivError { source })?;
    Ok(a / b)
}

#[test]
fn level_message_and_default() {
    let (_guard, capture) = capture("{level} | {message}");
    assert_eq!(divide_or_minus_one(7, "seven").unwrap(), -1);
    assert_eq!(
        capture.text(),
        "WARNING | Could not divide 7 by \"seven\"\n\
         Error: bad divisor\nCaused by: invalid digit found in string\n"
    );
}

/// loguru's README: `@logger.catch` on `my_function(x, y, z): return 1 / (x + y + z)`, called
/// with zeros. Rust's division by zero panics.
const MY_FUNCTION_AT: u32 = line!() + 1;
#[hlog::catch(catch_panics, default = 0)]
fn my_function(x: i32, y: i32, z: i32) -> i32 {
    1 / (x + y + z)
}

#[test]
fn a_panic_is_logged_once_with_location_and_payload_and_the_default_returned() {
    let (_guard, capture) = capture("{level} {function}:{line} | {message}");
    assert_eq!(my_function(0, 0, 0), 0);
    assert_eq!(my_function(1, 0, 0), 1);
    // The record is the attribute's; the panic's location, the division's.
    let (line, division) = (MY_FUNCTION_AT, MY_FUNCTION_AT + 2);
    let text = capture.text();
    let expected = format!(
        "ERROR my_function:{line} | An error has been caught in function 'my_function'\n\
         Error: panicked at {file}:{division}:5: attempt to divide by zero\n",
        file = file!(),
    );
    assert_eq!(text, expected);
}

#[hlog::catch(catch_panics, reraise, level = CRITICAL)]
fn must_not_fail(items: &[u8]) -> u8 {
    items[3]
}

#[test]
fn reraise_resumes_the_panic_after_logging_it_once() {
    let (_guard, capture) = capture("{level} | {message}");
    let unwound = std::panic::catch_unwind(|| must_not_fail(&[1, 2]));
    let payload = unwound.unwrap_err();
    let message = payload.downcast_ref::<String>().unwrap();
    assert_eq!(message, "index out of bounds: the len is 2 but the index is 3");
    let text = capture.text();
    assert!(text.starts_with("CRITICAL | An error has been caught in function 'must_not_fail'\n"));
    assert!(text.ends_with(": index out of bounds: the len is 2 but the index is 3\n"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[hlog::catch(catch_panics)]
fn result_and_panics(fail: bool) -> Result<u8, std::io::Error> {
    if fail {
        return Err(std::io::Error::other("early return"));
    }
    panic!("no default: resumed")
}

#[test]
fn early_returns_are_caught_and_a_panic_without_default_is_resumed() {
    let (_guard, capture) = capture("{message}");
    assert_eq!(result_and_panics(true).unwrap_err().to_string(), "early return");
    assert!(std::panic::catch_unwind(|| result_and_panics(false)).is_err());
    let text = capture.text();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[1], "Error: early return");
    assert!(lines[3].ends_with(": no default: resumed"), "{text}");
}

#[hlog::catch(level = "AUDIT", default = Err(anyhow::anyhow!("replaced")))]
fn with_anyhow() -> anyhow::Result<()> {
    use anyhow::Context as _;
    Err(std::io::Error::other("disk full")).context("saving")?;
    Ok(())
}

#[test]
fn anyhow_results_and_registered_levels() {
    let (_guard, capture) = capture("{level} | {message}");
    hlog::level("AUDIT", 35, "<magenta>", "🔎").unwrap();
    assert_eq!(with_anyhow().unwrap_err().to_string(), "replaced");
    assert_eq!(
        capture.text(),
        "AUDIT | An error has been caught in function 'with_anyhow'\n\
         Error: saving\nCaused by: disk full\n"
    );
}

struct Account {
    balance: i64,
}

impl Account {
    #[hlog::catch(message = "Cannot withdraw {amount}")]
    fn withdraw(&mut self, amount: i64) -> Result<i64, std::io::Error> {
        if amount > self.balance {
            return Err(std::io::Error::other("insufficient funds"));
        }
        self.balance -= amount;
        Ok(self.balance)
    }
}

#[test]
fn methods_are_caught_too() {
    let (_guard, capture) = capture("{function} | {message}");
    let mut account = Account { balance: 10 };
    assert_eq!(account.withdraw(4).unwrap(), 6);
    assert!(account.withdraw(7).is_err());
    assert_eq!(capture.text(), "withdraw | Cannot withdraw 7\nError: insufficient funds\n");
}

#[hlog::catch(catch_panics, default = Ok(0))]
async fn fetch(fail: bool) -> Result<u32, std::io::Error> {
    std::future::ready(()).await;
    if fail {
        return Err(std::io::Error::other("timed out"));
    }
    panic!("connection lost")
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

#[test]
fn async_functions_are_caught() {
    let (_guard, capture) = capture("{function} | {message}");
    assert_eq!(block_on(fetch(true)).unwrap(), 0);
    assert_eq!(block_on(fetch(false)).unwrap(), 0);
    let text = capture.text();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines[0], "fetch | An error has been caught in function 'fetch'");
    assert_eq!(lines[1], "Error: timed out");
    assert!(lines[3].ends_with(": connection lost"), "{text}");
    assert_eq!(lines.len(), 4, "{text}");
}

#[test]
fn the_closure_form_logs_a_panic_once_at_the_callers_line() {
    let (_guard, capture) = capture("{level} {line} | {message}");
    let values = [1, 2];
    let index = values.len() + 1;
    let line = line!() + 1;
    assert_eq!(hlog::catch(|| values[index]), None);
    assert_eq!(hlog::catch(|| values[1]), Some(2));
    let text = capture.text();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], format!("ERROR {line} | An error has been caught in a block"));
    assert_eq!(
        lines[1],
        format!(
            "Error: panicked at {}:{line}:31: index out of bounds: the len is 2 but the index is 3",
            file!()
        )
    );
}

#[test]
fn the_async_form_and_the_builder() {
    let (_guard, capture) = capture("{level} | {message}");
    let logger = hlog::Logger::new();
    let own = Capture::new();
    logger.add(own.clone()).format("{level} | {message}").install().unwrap();
    let task = async { panic!("task failed") };
    let caught: Option<()> =
        block_on(hlog::Catch::new().logger(&logger).level(hlog::Level::WARNING).run_async(task));
    assert_eq!(caught, None);
    assert_eq!(block_on(hlog::catch_async(async { 5 })), Some(5));
    assert_eq!(capture.text(), "");
    let text = own.text();
    assert!(text.starts_with("WARNING | An error has been caught in a block\nError: panicked at "));
    assert!(text.ends_with(": task failed\n"), "{text}");
}

#[test]
fn a_panic_is_logged_by_the_innermost_catch_only_and_never_outside_one() {
    let (_guard, capture) = capture("{message}");
    let _ = hlog::catch(|| ()); // hlog's panic hook is installed
    let outside = std::panic::catch_unwind(|| panic!("outside any catch"));
    assert!(outside.is_err());
    assert_eq!(capture.text(), "");
    let nested = hlog::catch(|| hlog::catch(|| panic!("inner")));
    assert_eq!(nested, Some(None));
    let text = capture.text();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.ends_with(": inner\n"), "{text}");
}

static AUDIT_LOG: std::sync::LazyLock<(hlog::Logger, Capture)> = std::sync::LazyLock::new(|| {
    let logger = hlog::Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{level} | {message}").install().unwrap();
    (logger, capture)
});

#[hlog::catch(logger = AUDIT_LOG.0, level = INFO, default = Ok(false))]
fn through_a_logger(fail: bool) -> Result<bool, std::io::Error> {
    if fail {
        return Err(std::io::Error::other("refused"));
    }
    Ok(true)
}

#[test]
fn a_given_logger_takes_the_record() {
    let (_guard, global) = capture("{message}");
    assert!(through_a_logger(false).unwrap());
    assert!(!through_a_logger(true).unwrap());
    assert_eq!(global.text(), "");
    assert_eq!(
        AUDIT_LOG.1.text(),
        "INFO | An error has been caught in function 'through_a_logger'\nError: refused\n"
    );
}

#[test]
fn a_payload_that_is_not_text_is_named_by_its_type() {
    let (_guard, capture) = capture("{message}");
    assert_eq!(hlog::catch(|| std::panic::panic_any(42_u8)), None::<()>);
    let text = capture.text();
    assert!(text.ends_with(": Box<dyn Any>\n"), "{text}");
}
