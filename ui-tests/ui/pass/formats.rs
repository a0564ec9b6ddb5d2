// `hlog::fmt!` with loguru's time tokens and every record field.
#![deny(warnings)]

fn main() {
    let formats = [
        hlog::fmt!("{time}"),
        hlog::fmt!("{time:YYYY-MM-DD HH:mm:ss.SSS}"),
        hlog::fmt!("{time:YY Q M MM MMM MMMM D DD Do DDD DDDD d E ddd dddd}"),
        hlog::fmt!("{time:H HH h hh m mm s ss S SSSSSS SSSSSSSSS X x A Z ZZ zz}"),
        hlog::fmt!("{time:HH:mm [at] X!UTC}"),
        hlog::fmt!("{level} {level.no} {level.icon} {level.name} {message}"),
        hlog::fmt!("{module} {function} {line} {file} {file.name} {file.path} {name}"),
        hlog::fmt!("{thread} {thread.id} {thread.name} {process} {process.id} {elapsed}"),
        hlog::fmt!("{extra} {extra[user]} {exception}"),
        hlog::fmt!("{level: <8} | {line:>4} | {name:.10}"),
        hlog::fmt!("{{braces}} \\<tag>"),
        hlog::fmt!(
            "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | \
             <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>"
        ),
    ];
    assert_eq!(formats[5].source(), "{level} {level.no} {level.icon} {level.name} {message}");

    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger
        .add(capture.clone())
        .format(hlog::fmt!("{level}:{line}:{message}"))
        .install()
        .unwrap();
    hlog::info!(logger, "x");
    assert_eq!(capture.text(), format!("INFO:{}:x\n", line!() - 1));
}
