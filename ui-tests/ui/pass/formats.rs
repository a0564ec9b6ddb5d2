// `hlog::format!` with loguru's time tokens and every record field.
#![deny(warnings)]

fn main() {
    let formats = [
        hlog::format!("{time}"),
        hlog::format!("{time:YYYY-MM-DD HH:mm:ss.SSS}"),
        hlog::format!("{time:YY Q M MM MMM MMMM D DD Do DDD DDDD d E ddd dddd}"),
        hlog::format!("{time:H HH h hh m mm s ss S SSSSSS SSSSSSSSS X x A Z ZZ zz}"),
        hlog::format!("{time:HH:mm [at] X!UTC}"),
        hlog::format!("{level} {level.no} {level.icon} {level.name} {message}"),
        hlog::format!("{module} {function} {line} {file} {file.name} {file.path} {name}"),
        hlog::format!("{thread} {thread.id} {thread.name} {process} {process.id} {elapsed}"),
        hlog::format!("{extra} {extra[user]} {exception}"),
        hlog::format!("{level: <8} | {line:>4} | {name:.10}"),
        hlog::format!("{{braces}} \\<tag>"),
        hlog::format!(
            "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | \
             <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>"
        ),
    ];
    assert_eq!(formats[5].source(), "{level} {level.no} {level.icon} {level.name} {message}");

    let logger = hlog::Logger::new();
    let capture = hlog::sink::Capture::new();
    logger
        .add(capture.clone())
        .format(hlog::format!("{level}:{line}:{message}"))
        .install()
        .unwrap();
    hlog::info!(logger, "x");
    assert_eq!(capture.text(), format!("INFO:{}:x\n", line!() - 1));
}
