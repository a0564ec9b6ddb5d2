// Fields the message does not show: named arguments no placeholder uses, an identifier alone,
// and tracing's order (fields before the template), with and without a logger and a level.
#![deny(warnings)]

use hlog::sink::Capture;
use hlog::{Level, Logger, info, log};

fn main() {
    let logger = Logger::new();
    let capture = Capture::new();
    logger.add(capture.clone()).format("{message} {extra}").install().unwrap();

    let id = 7_u32;
    let order_id = 9;
    info!(logger, "Order placed", order_id = id, total = 12.5);
    info!(logger, "Order placed", order_id);
    info!(logger, "Order placed", order_id,);
    info!(logger, order_id = id, total = 12.5, "Order placed");
    info!(logger, order_id = id, "Order {n} of {}", 3, n = 1, late = true);
    log!(logger, Level::INFO, order_id = id, "Order placed");
    let list = vec![1, 2];
    info!(logger, "Order placed", items = format_args!("{list:?}"));
    hlog::remove_all(); // the global logger's console would print the next line
    info!(order_id = id, "Order placed through the global logger");
    assert_eq!(
        capture.lines(),
        [
            "Order placed {\"order_id\": 7, \"total\": 12.5}",
            "Order placed {\"order_id\": 9}",
            "Order placed {\"order_id\": 9}",
            "Order placed {\"order_id\": 7, \"total\": 12.5}",
            "Order 1 of 3 {\"n\": 1, \"order_id\": 7, \"late\": true}",
            "Order placed {\"order_id\": 7}",
            "Order placed {\"items\": \"[1, 2]\"}",
        ]
    );
}
