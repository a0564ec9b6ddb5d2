//! Formats lowered for rendering: what a handler writes on a plain sink and on a colourised one,
//! decided once, here, for both callers. `hlog::fmt!` writes the lowered form out as
//! straight-line code and as constant data; a format parsed at run time renders the same form
//! with a loop.

use std::borrow::Cow;

use crate::{Ansi, DEFAULT_TIME_FORMAT, Field, Format, FormatPiece, FormatSpec, TimeFormat};

/// A format lowered for the two kinds of sink. Its data is borrowed in a constant (what
/// `hlog::fmt!` writes out) and owned when lowered at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowered {
    /// What a plain sink renders: styles dropped, neighbouring text merged.
    pub plain: Cow<'static, [Step]>,
    /// What a colourised sink renders: fixed colour codes merged into the text around them.
    pub colored: Cow<'static, [Step]>,
    /// True when the format shows `{exception}` itself; otherwise an attached error follows
    /// the line.
    pub shows_exception: bool,
}

/// One step of a [`Lowered`] format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Fixed text, never empty; on a colourised sink with the fixed colour codes around it.
    Text(Cow<'static, str>),
    /// `<level>`: the record's level colour (colourised sinks only).
    LevelStyle,
    /// `{time}` / `{time:PATTERN}`: the pattern parsed, loguru's default filled in.
    Time(TimeFormat),
    /// `{message}`.
    Message {
        /// Width, precision and alignment, only when they change something.
        spec: Option<FormatSpec>,
        /// `None` on a plain sink. On a colourised one, the styles open around the message,
        /// outermost first: the message's own closing tags restore them.
        outer: Option<Cow<'static, [Style]>>,
    },
    /// Any other record field (never [`Field::Time`] or [`Field::Message`]).
    Field {
        /// Which field.
        field: Field,
        /// Width, precision and alignment, only when they change something.
        spec: Option<FormatSpec>,
    },
}

/// A style open around `{message}`: an [`Ansi`] in a form a constant can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// Fixed SGR bytes.
    Sgr(Cow<'static, str>),
    /// The record's level colour.
    Level,
}

impl From<&Ansi> for Style {
    fn from(ansi: &Ansi) -> Self {
        match ansi {
            Ansi::Bytes(sgr) => Style::Sgr(sgr.clone().into()),
            Ansi::Level => Style::Level,
        }
    }
}

/// Lower a parsed format for plain and colourised sinks: literal text merged with its
/// neighbours (and with fixed colour codes when colourised), `{time}`'s default filled in, plain
/// specs dropped. Both `hlog::fmt!` and run-time formats go through this one function.
///
/// # Examples
///
/// ```
/// use hlog_template::{Field, Step, lower_format, parse_format};
///
/// let lowered = lower_format(&parse_format("<red>[{level}]</red> {message}").unwrap());
/// assert_eq!(lowered.plain[0], Step::Text("[".into()));
/// assert_eq!(lowered.plain[1], Step::Field { field: Field::Level, spec: None });
/// assert_eq!(lowered.colored[0], Step::Text("\x1b[31m[".into()));
/// assert_eq!(lowered.colored[2], Step::Text("]\x1b[0m ".into()));
/// ```
pub fn lower_format(format: &Format) -> Lowered {
    Lowered {
        plain: steps(&format.pieces, false).into(),
        colored: steps(&format.pieces, true).into(),
        shows_exception: format
            .pieces
            .iter()
            .any(|piece| matches!(piece, FormatPiece::Field { field: Field::Exception, .. })),
    }
}

fn steps(pieces: &[FormatPiece], colorize: bool) -> Vec<Step> {
    let mut steps = Vec::with_capacity(pieces.len());
    let mut text = String::new();
    let flush = |text: &mut String, steps: &mut Vec<Step>| {
        if !text.is_empty() {
            steps.push(Step::Text(std::mem::take(text).into()));
        }
    };
    for piece in pieces {
        match piece {
            FormatPiece::Literal(literal) => text.push_str(literal),
            FormatPiece::Style(styles) if colorize => {
                for style in styles {
                    match style {
                        Ansi::Bytes(sgr) => text.push_str(sgr),
                        Ansi::Level => {
                            flush(&mut text, &mut steps);
                            steps.push(Step::LevelStyle);
                        }
                    }
                }
            }
            FormatPiece::Style(_) => {}
            FormatPiece::Field { field, spec, active_style } => {
                flush(&mut text, &mut steps);
                let spec = (!spec.is_plain()).then_some(*spec);
                steps.push(match field {
                    // The parser takes `{time:...}`'s spec as the pattern: there is no other.
                    Field::Time(pattern) => {
                        Step::Time(pattern.clone().unwrap_or(DEFAULT_TIME_FORMAT))
                    }
                    Field::Message => Step::Message {
                        spec,
                        outer: colorize.then(|| active_style.iter().map(Style::from).collect()),
                    },
                    field => Step::Field { field: field.clone(), spec },
                });
            }
        }
    }
    flush(&mut text, &mut steps);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Align, TimeToken, parse_format};

    fn lowered(source: &str) -> Lowered {
        lower_format(&parse_format(source).unwrap())
    }

    fn text(text: &str) -> Step {
        Step::Text(text.to_owned().into())
    }

    fn field(field: Field) -> Step {
        Step::Field { field, spec: None }
    }

    #[test]
    fn steps_per_kind_of_sink() {
        let level8 = FormatSpec {
            fill: Some(' '),
            align: Some(Align::Left),
            width: Some(8),
            ..FormatSpec::default()
        };
        let hh_mm = TimeFormat {
            tokens: vec![TimeToken::Hour2, TimeToken::Literal(":".into()), TimeToken::Minute2]
                .into(),
            utc: false,
        };
        // (format, plain steps, colourised steps)
        let cases: Vec<(&str, Vec<Step>, Vec<Step>)> = vec![
            ("", vec![], vec![]),
            ("just text", vec![text("just text")], vec![text("just text")]),
            (
                "{message}",
                vec![Step::Message { spec: None, outer: None }],
                vec![Step::Message { spec: None, outer: Some(vec![].into()) }],
            ),
            (
                "a<red>b</red>c {line}",
                vec![text("abc "), field(Field::Line)],
                vec![text("a\x1b[31mb\x1b[0mc "), field(Field::Line)],
            ),
            (
                "<level>{level: <8}</level>|",
                vec![Step::Field { field: Field::Level, spec: Some(level8) }, text("|")],
                vec![
                    Step::LevelStyle,
                    Step::Field { field: Field::Level, spec: Some(level8) },
                    text("\x1b[0m|"),
                ],
            ),
            (
                "{time} {time:HH:mm} {time:!UTC}",
                vec![
                    Step::Time(DEFAULT_TIME_FORMAT),
                    text(" "),
                    Step::Time(hh_mm.clone()),
                    text(" "),
                    Step::Time(TimeFormat { utc: true, ..DEFAULT_TIME_FORMAT }),
                ],
                vec![
                    Step::Time(DEFAULT_TIME_FORMAT),
                    text(" "),
                    Step::Time(hh_mm),
                    text(" "),
                    Step::Time(TimeFormat { utc: true, ..DEFAULT_TIME_FORMAT }),
                ],
            ),
            (
                "<b><level>{message:.3}</level></b>{extra[k]}",
                vec![
                    Step::Message {
                        spec: Some(FormatSpec { precision: Some(3), ..FormatSpec::default() }),
                        outer: None,
                    },
                    field(Field::ExtraKey("k".into())),
                ],
                vec![
                    text("\x1b[1m"),
                    Step::LevelStyle,
                    Step::Message {
                        spec: Some(FormatSpec { precision: Some(3), ..FormatSpec::default() }),
                        outer: Some(vec![Style::Sgr("\x1b[1m".into()), Style::Level].into()),
                    },
                    // `</level>` re-applies the bold still open, `</b>` resets: one text.
                    text("\x1b[0m\x1b[1m\x1b[0m"),
                    field(Field::ExtraKey("k".into())),
                ],
            ),
        ];
        for (source, plain, colored) in cases {
            let lowered = lowered(source);
            assert_eq!(*lowered.plain, plain, "{source:?} plain");
            assert_eq!(*lowered.colored, colored, "{source:?} colourised");
            assert!(!lowered.shows_exception, "{source:?}");
        }
    }

    #[test]
    fn exception_shown_by_the_format() {
        assert!(lowered("{message}\n{exception}").shows_exception);
        assert!(!lowered("{message} exception").shows_exception);
    }
}
