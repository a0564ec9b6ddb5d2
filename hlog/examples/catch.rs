//! Catching errors and panics for the logs: `cargo run --example catch`. loguru's
//! `@logger.catch` is `#[hlog::catch]` on a function; `with logger.catch():` is
//! `hlog::catch(|| ...)` around a block.

/// loguru's README example, translated: integer division by zero panics in Rust, so the
/// function catches panics and returns a default.
#[hlog::catch(catch_panics, default = 0)]
fn my_function(x: i32, y: i32, z: i32) -> i32 {
    1 / (x + y + z)
}

/// A function returning `Result`: an `Err` is logged once, with its causes, then returned.
#[hlog::catch(level = WARNING, message = "Could not parse the port {text:?}")]
fn parse_port(text: &str) -> Result<u16, std::num::ParseIntError> {
    text.parse()
}

fn demo() -> (i32, bool, Option<i32>) {
    let divided = my_function(0, 0, 0);
    let parsed = parse_port("80a").is_ok();
    let numbers = [1, 2, 3];
    let index = numbers.len();
    let in_block = hlog::catch(|| numbers[index]);
    (divided, parsed, in_block)
}

fn main() {
    let (divided, parsed, in_block) = demo();
    hlog::info!("my_function returned {divided}, parsed: {parsed}, the block: {in_block:?}");
}

#[test]
fn logs_each_error_once_and_returns_the_defaults() {
    hlog::remove_all();
    let capture = hlog::sink::Capture::new();
    hlog::add(capture.clone()).format("{level} | {function} | {message}").install().unwrap();
    assert_eq!(demo(), (0, false, None));
    let text = capture.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(
        lines[0],
        "ERROR | my_function | An error has been caught in function 'my_function'"
    );
    assert!(
        lines[1].starts_with("Error: panicked at ")
            && lines[1].ends_with(": attempt to divide by zero")
    );
    assert_eq!(lines[2], "WARNING | parse_port | Could not parse the port \"80a\"");
    assert_eq!(lines[3], "Error: invalid digit found in string");
    assert_eq!(lines[4], "ERROR | catch | An error has been caught in a block");
    assert!(lines[5].ends_with(": index out of bounds: the len is 3 but the index is 3"), "{text}");
}
