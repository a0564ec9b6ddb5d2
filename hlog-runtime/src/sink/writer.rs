use std::io::{self, Write};

use super::Sink;
use crate::record::Record;

/// A sink over any `io::Write + Send` (a `Vec<u8>`, a socket, a `BufWriter<File>`). Each record
/// is one `write_all`; wrap the writer in a `BufWriter` to batch, and call `hlog::complete()` (or
/// remove the handler) to flush.
///
/// # Examples
///
/// ```
/// let logger = hlog::Logger::new();
/// logger.add(hlog::sink::from_writer(std::io::sink())).install().unwrap();
/// ```
pub fn from_writer<W: Write + Send + 'static>(writer: W) -> WriterSink<W> {
    WriterSink { writer }
}

/// The sink made by [`from_writer`].
#[derive(Debug)]
pub struct WriterSink<W> {
    writer: W,
}

impl<W: Write + Send + 'static> Sink for WriterSink<W> {
    fn write(&mut self, line: &[u8], _record: &Record<'_>) -> io::Result<()> {
        self.writer.write_all(line)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    fn describe(&self) -> String {
        format!("writer<{}>", std::any::type_name::<W>())
    }
}
