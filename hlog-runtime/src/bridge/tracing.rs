//! `tracing` events into hlog's handlers (cargo feature `tracing`): [`HlogLayer`], a
//! `tracing_subscriber::Layer`.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::ops::Range;

use ::tracing::field::{Field, Visit};
use ::tracing::{Event, Subscriber, span};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

use super::LEVELS;
use super::location::{self, Text};
use crate::level::Level;
use crate::logger::{Logger, logger};
use crate::message::Message;
use crate::record::Record;
use crate::reentry;
use crate::value::Value;

/// A `tracing_subscriber::Layer` that turns `tracing` events into hlog records, beside any
/// other layers of a `tracing_subscriber::registry()`.
///
/// Each event becomes a record with the event's target as `{name}` (the module path that
/// `enable`/`disable` and filters see), its file and line, its level mapped (ERROR, WARN →
/// WARNING, INFO, DEBUG, TRACE), its `message` field as the message, and its other fields as
/// the record's fields, typed (`i64`, `u64`, `i128`, `u128`, `f64`, `bool`, text; `Debug`
/// values and errors as their text). The fields of the spans the event is in follow the event's
/// own, the innermost span's first; a name already there is not repeated (the nearest value
/// wins). Span fields are recorded when the span is created and when `Span::record` sets them.
///
/// `{function}` of a bridged record is `<unknown>` (`tracing` does not record it).
///
/// # Examples
///
/// ```
/// use tracing_subscriber::layer::SubscriberExt;
///
/// let capture = hlog::sink::Capture::new();
/// let logger = hlog::Logger::new();
/// logger.add(capture.clone()).format("{level} {message} {extra}").install().unwrap();
/// let subscriber =
///     tracing_subscriber::registry().with(hlog::bridge::tracing::HlogLayer::to(logger));
///
/// tracing::subscriber::with_default(subscriber, || {
///     let _request = tracing::info_span!("request", id = 7).entered();
///     tracing::warn!(ms = 1.5, cached = false, "slow {}", "query");
/// });
/// assert_eq!(
///     capture.text(),
///     "WARNING slow query {\"ms\": 1.5, \"cached\": false, \"id\": 7}\n"
/// );
/// ```
#[derive(Clone, Default)]
pub struct HlogLayer {
    /// `None`: the global logger.
    logger: Option<Logger>,
}

impl HlogLayer {
    /// A layer that logs to the global logger ([`logger()`](crate::logger())).
    ///
    /// # Examples
    ///
    /// ```
    /// use tracing_subscriber::layer::SubscriberExt;
    /// use tracing_subscriber::util::SubscriberInitExt;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// hlog::remove_all();
    /// hlog::add(capture.clone()).format("{level} {name} {message}").install().unwrap();
    /// tracing_subscriber::registry().with(hlog::bridge::tracing::HlogLayer::new()).init();
    ///
    /// tracing::info!(target: "app::db", "connected");
    /// assert_eq!(capture.text(), "INFO app::db connected\n");
    /// ```
    pub fn new() -> Self {
        HlogLayer { logger: None }
    }

    /// A layer that logs to `logger` (see the [type's example](HlogLayer)).
    ///
    /// # Examples
    ///
    /// ```
    /// use tracing_subscriber::layer::SubscriberExt;
    ///
    /// let capture = hlog::sink::Capture::new();
    /// let logger = hlog::Logger::new();
    /// logger.add(capture.clone()).format("{level} {name} {message}").install().unwrap();
    /// let subscriber = tracing_subscriber::registry().with(hlog::bridge::tracing::HlogLayer::to(logger));
    /// tracing::subscriber::with_default(subscriber, || tracing::warn!(target: "db", "slow"));
    /// assert_eq!(capture.text(), "WARNING db slow\n");
    /// ```
    pub fn to(logger: Logger) -> Self {
        HlogLayer { logger: Some(logger) }
    }

    fn logger(&self) -> &Logger {
        self.logger.as_ref().unwrap_or_else(|| logger())
    }
}

impl fmt::Debug for HlogLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HlogLayer").field("global", &self.logger.is_none()).finish()
    }
}

impl<S> Layer<S> for HlogLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &span::Attributes<'_>, id: &span::Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        span.extensions_mut().insert(SpanFields(fields));
    }

    fn on_record(&self, id: &span::Id, values: &span::Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut extensions = span.extensions_mut();
        match extensions.get_mut::<SpanFields>() {
            Some(SpanFields(fields)) => values.record(fields),
            None => {
                let mut fields = Fields::default();
                values.record(&mut fields);
                extensions.insert(SpanFields(fields));
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let metadata = event.metadata();
        let level = level_of(metadata.level());
        let logger = self.logger();
        // The level floor first: below it, no call site to find.
        if !logger.takes_level(level.no()) {
            return;
        }
        let callsite = location::callsite(
            Text::Static(metadata.target()),
            Text::Static(metadata.file().unwrap_or("<unknown>")),
            metadata.line().unwrap_or(0),
        );
        if !logger.enabled(callsite, level.no()) {
            return;
        }
        let time = logger.now();
        with_scratch(|fields| {
            event.record(fields);
            // The spans' fields go after the event's own, as fields of the record: they show
            // in `{extra}` and JSON as contextual fields do, and hlog's own contextual and
            // bound fields still join them in `Record::extra`.
            if let Some(scope) = ctx.event_scope(event) {
                for span in scope {
                    if let Some(SpanFields(span_fields)) = span.extensions().get::<SpanFields>() {
                        fields.add_absent(span_fields);
                    }
                }
            }
            let message = match &fields.message {
                Some(range) => Message::Text(&fields.text[range.clone()]),
                None => Message::Static(""),
            };
            let value = |(name, slot): &(&'static str, Slot)| (*name, slot.value(&fields.text));
            const INLINE: usize = 32;
            if fields.slots.len() <= INLINE {
                let mut values = [("", Value::Bool(false)); INLINE];
                for (to, from) in values.iter_mut().zip(&fields.slots) {
                    *to = value(from);
                }
                let values = &values[..fields.slots.len()];
                logger.log(&Record::new(time, level, callsite, message, values));
            } else {
                let values: Vec<_> = fields.slots.iter().map(value).collect();
                logger.log(&Record::new(time, level, callsite, message, &values));
            }
        });
    }
}

fn level_of(level: &::tracing::Level) -> &'static Level {
    use ::tracing::Level as L;
    let index = [L::ERROR, L::WARN, L::INFO, L::DEBUG, L::TRACE]
        .iter()
        .position(|l| l == level)
        .unwrap_or(2);
    &LEVELS[index]
}

/// The fields of a span, in its extensions.
struct SpanFields(Fields);

/// Fields as tracing gives them to a visitor, copied: text into one buffer.
#[derive(Default)]
struct Fields {
    text: String,
    slots: Vec<(&'static str, Slot)>,
    /// The `message` field's text (events only).
    message: Option<Range<usize>>,
}

#[derive(Clone)]
enum Slot {
    Str(Range<usize>),
    I64(i64),
    U64(u64),
    I128(i128),
    U128(u128),
    F64(f64),
    Bool(bool),
}

impl Slot {
    fn value<'a>(&self, text: &'a str) -> Value<'a> {
        match *self {
            Slot::Str(ref range) => Value::Str(text.get(range.clone()).unwrap_or_default()),
            Slot::I64(v) => Value::I64(v),
            Slot::U64(v) => Value::U64(v),
            Slot::I128(v) => Value::I128(v),
            Slot::U128(v) => Value::U128(v),
            Slot::F64(v) => Value::F64(v),
            Slot::Bool(v) => Value::Bool(v),
        }
    }
}

impl Fields {
    fn clear(&mut self) {
        self.text.clear();
        self.slots.clear();
        self.message = None;
    }

    /// Set a field: a field recorded again (`Span::record`) keeps its place, with the new value.
    fn set(&mut self, name: &'static str, slot: Slot) {
        match self.slots.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = slot,
            None => self.slots.push((name, slot)),
        }
    }

    /// Text written by `write`, as a field (or as the message).
    fn text(&mut self, field: &Field, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        let range = start..self.text.len();
        if field.name() == "message" {
            self.message = Some(range);
        } else {
            self.set(field.name(), Slot::Str(range));
        }
    }

    /// Add the fields of `other` whose names are not here yet.
    fn add_absent(&mut self, other: &Fields) {
        for (name, slot) in &other.slots {
            if self.slots.iter().any(|(n, _)| n == name) {
                continue;
            }
            let slot = match slot {
                Slot::Str(range) => {
                    let start = self.text.len();
                    self.text.push_str(other.text.get(range.clone()).unwrap_or_default());
                    Slot::Str(start..self.text.len())
                }
                number => number.clone(),
            };
            self.slots.push((name, slot));
        }
    }
}

impl Visit for Fields {
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.set(field.name(), Slot::F64(value));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.set(field.name(), Slot::I64(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.set(field.name(), Slot::U64(value));
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        self.set(field.name(), Slot::I128(value));
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        self.set(field.name(), Slot::U128(value));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.set(field.name(), Slot::Bool(value));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.text(field, |text| text.push_str(value));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.text(field, |text| {
            let _ = write!(text, "{value}");
        });
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.text(field, |text| {
            let _ = write!(text, "{value:?}");
        });
    }
}

/// Run `f` with this thread's scratch fields, cleared (see [`reentry::with_scratch`]).
fn with_scratch(f: impl FnOnce(&mut Fields)) {
    thread_local! {
        static SCRATCH: RefCell<Fields> = RefCell::default();
    }
    reentry::with_scratch(&SCRATCH, Fields::clear, f);
}
