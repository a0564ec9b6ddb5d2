//! Sinks: where formatted lines go. A sink receives finished bytes, one record a call; the
//! handler that owns it did the formatting.

mod capture;
mod console;
pub mod file;
mod func;
mod writer;

use std::io;

pub use capture::Capture;
pub use console::{Console, color_from_env};
pub use file::FileSink;
pub use func::{FnSink, from_fn};
pub use writer::{WriterSink, from_writer};

use crate::record::Record;

/// A destination for formatted records.
///
/// Implement it for your own destinations; the built-in ones are [`Console`], [`Capture`],
/// [`from_fn`] and [`from_writer`].
///
/// # Examples
///
/// ```
/// use std::io;
/// use hlog::{Record, sink::Sink};
///
/// struct Count(usize);
///
/// impl Sink for Count {
///     fn write(&mut self, _line: &[u8], _record: &Record<'_>) -> io::Result<()> {
///         self.0 += 1;
///         Ok(())
///     }
/// }
///
/// let logger = hlog::Logger::new();
/// logger.add(Count(0)).install().unwrap();
/// ```
pub trait Sink: Send + 'static {
    /// Write one formatted record (`line` ends with `\n`). An error is counted in `stats()` and
    /// reported once on stderr; logging carries on.
    fn write(&mut self, line: &[u8], record: &Record<'_>) -> io::Result<()>;

    /// Push buffered bytes to their destination (`hlog::complete()`).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// The program is exiting: flush, and finish what the sink owes its destination (a file
    /// sink without rotation compresses its file, as loguru does at exit).
    fn at_exit(&mut self) {
        let _ = self.flush();
    }

    /// Close and reopen the destination (after logrotate moved a file away, on SIGHUP):
    /// `hlog::reopen()`.
    fn reopen(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Whether the handler should colourise when its colour setting is automatic. Only consoles
    /// say yes (when the environment and the terminal agree).
    fn auto_color(&self) -> bool {
        false
    }

    /// A short description for `stats()` and error reports.
    fn describe(&self) -> String {
        std::any::type_name::<Self>().rsplit("::").next().unwrap_or("sink").to_owned()
    }
}

/// Anything `add()` accepts as a sink: a [`Sink`], a path (`"logs/app.log"`: a [`FileSink`])
/// or a [`FileSink`] with settings. Made when the handler is installed, so a handler that fails
/// to install leaves nothing behind (no empty file).
pub trait IntoSink {
    /// Make the sink, or say why it cannot be made (a bad rotation string, an unwritable path).
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError>;
}

impl<S: Sink> IntoSink for S {
    fn into_sink(self) -> Result<Box<dyn Sink>, crate::ConfigError> {
        Ok(Box::new(self))
    }
}
