// Positional, indexed, named, shorthand and captured arguments, field access, `{{`/`}}`
// escapes and trailing commas.
#![deny(warnings)]

use hlog::sink::Capture;
use hlog::{Logger, info};

struct User {
    name: &'static str,
    address: Address,
}

struct Address {
    city: String,
}

// The record keeps `{u.name}`'s root `u` as a structured field, which needs `Display` today (a
// non-`Display` root is ui/pending/field-access-on-non-display-value.rs).
impl std::fmt::Display for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message}").install().unwrap();

    info!(logger, "{} and {}", 1, "two");
    info!(logger, "{1} {0} {1}", "a", "b");
    info!(logger, "{0} then {}", 'x');
    info!(logger, "{n} items in {place}", n = 3, place = "cart");
    let a = 7;
    info!(logger, "shorthand {a}", a);
    let user = "alice";
    info!(logger, "captured {user}");
    info!(logger, "both {user} and {user}");
    let u = User { name: "bob", address: Address { city: "Oslo".to_owned() } };
    info!(logger, "{u.name} lives in {u.address.city}");
    info!(logger, "named field {who.name}", who = &u);
    info!(logger, r"raw {n}", n = 1);
    info!(logger, r#"raw "{n}""#, n = 2);
    info!(logger, "{{literal}} {{{n}}} }}", n = 1);
    info!(logger, "trailing {}", 1,);
    info!(logger, "trailing named {x}", x = 2,);
    info!(logger, "no arguments",);
    info!(logger, "");
    assert_eq!(
        capture.lines(),
        [
            "1 and two",
            "b a b",
            "x then x",
            "3 items in cart",
            "shorthand 7",
            "captured alice",
            "both alice and alice",
            "bob lives in Oslo",
            "named field bob",
            "raw 1",
            "raw \"2\"",
            "{literal} {1} }",
            "trailing 1",
            "trailing named 2",
            "no arguments",
            "",
        ]
    );
}
