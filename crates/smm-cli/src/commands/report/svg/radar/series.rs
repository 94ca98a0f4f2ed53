//! The series of a radar: how each is drawn (colour, dash pattern, marker) and the legend
//! that names them.

use std::fmt::Write as _;

use super::super::{escape, num, wrap, INK, MAX_LEVEL, MUTED};
use super::{LEGEND_ROW, LEGEND_TOP, UNRATED_FILL};

/// One polygon of a radar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series<'a> {
    /// Shown in the legend and in the polygon's `data-series`.
    pub name: &'a str,
    /// One level per axis, in the axes' order: 0 to 4 (more is drawn as 4), `None` for not
    /// rated (drawn at the centre, with a hollow marker). Missing values are not rated; values
    /// beyond the last axis are ignored.
    pub values: Vec<Option<u8>>,
    pub style: SeriesStyle,
}

/// How a series is drawn: colour, dash pattern and marker shape all differ, so that colour is
/// never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesStyle {
    /// Dashed, square markers, unfilled.
    Target,
    /// Solid, round markers, lightly filled.
    Current,
    /// Dotted, diamond markers, unfilled.
    Baseline,
}

impl SeriesStyle {
    pub(super) fn word(self) -> &'static str {
        match self {
            SeriesStyle::Target => "target",
            SeriesStyle::Current => "current",
            SeriesStyle::Baseline => "baseline",
        }
    }

    /// Okabe–Ito colours, told apart with the common colour-vision deficiencies.
    pub(super) fn colour(self) -> &'static str {
        match self {
            SeriesStyle::Target => "#0072b2",
            SeriesStyle::Current => "#d55e00",
            SeriesStyle::Baseline => "#595959",
        }
    }

    pub(super) fn dash(self) -> &'static str {
        match self {
            SeriesStyle::Target => "6 4",
            SeriesStyle::Current => "none",
            SeriesStyle::Baseline => "2 3",
        }
    }

    pub(super) fn fill_opacity(self) -> &'static str {
        match self {
            SeriesStyle::Current => "0.15",
            SeriesStyle::Target | SeriesStyle::Baseline => "0",
        }
    }

    /// A marker centred on `(x, y)`, hollow if `rated` is false, with a `<title>` unless empty.
    pub(super) fn marker(self, out: &mut String, (x, y): (f64, f64), rated: bool, title: &str) {
        let (name, geometry) = match self {
            SeriesStyle::Current => (
                "circle",
                format!("cx=\"{}\" cy=\"{}\" r=\"3.5\"", num(x), num(y)),
            ),
            SeriesStyle::Target => (
                "rect",
                format!(
                    "x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"",
                    num(x - 3.5),
                    num(y - 3.5)
                ),
            ),
            SeriesStyle::Baseline => (
                "path",
                format!(
                    "d=\"M{x},{top} L{right},{y} L{x},{bottom} L{left},{y} Z\"",
                    x = num(x),
                    y = num(y),
                    top = num(y - 4.5),
                    right = num(x + 4.5),
                    bottom = num(y + 4.5),
                    left = num(x - 4.5),
                ),
            ),
        };
        if rated {
            let _ = write!(out, "<{name} class=\"marker\" {geometry}");
        } else {
            let _ = write!(
                out,
                "<{name} class=\"marker unrated\" {geometry} fill=\"{UNRATED_FILL}\""
            );
        }
        if title.is_empty() {
            out.push_str("/>\n");
        } else {
            let _ = writeln!(out, "><title>{}</title></{name}>", escape(title));
        }
    }
}

impl Series<'_> {
    /// The value on axis `i`, clamped; `None` if not rated.
    pub(super) fn value(&self, i: usize) -> Option<u8> {
        self.values
            .get(i)
            .copied()
            .flatten()
            .map(|v| v.min(MAX_LEVEL))
    }

    /// `(name)` after the style's word, unless the name is empty or that word.
    pub(super) fn named(&self) -> String {
        match self.name.trim() {
            "" => String::new(),
            name if name.eq_ignore_ascii_case(self.style.word()) => String::new(),
            name => format!(" ({name})"),
        }
    }
}

pub(super) fn style_class(style: SeriesStyle) -> &'static str {
    match style {
        SeriesStyle::Target => ".series-target",
        SeriesStyle::Current => ".series-current",
        SeriesStyle::Baseline => ".series-baseline",
    }
}

/// One row per series (line sample, marker, name and style), and one for hollow markers if
/// any value is not rated.
pub(super) fn legend(out: &mut String, series: &[Series], unrated: bool) {
    out.push_str("<g class=\"legend\">\n");
    let mut y = LEGEND_TOP;
    for s in series {
        let c = s.style.colour();
        let _ = writeln!(
            out,
            "<g class=\"legend-item series-{}\" fill=\"{c}\" stroke=\"{c}\">",
            s.style.word()
        );
        let _ = writeln!(
            out,
            "<line x1=\"24\" y1=\"{ly}\" x2=\"52\" y2=\"{ly}\" stroke-width=\"2\" \
             stroke-dasharray=\"{}\"/>",
            s.style.dash(),
            ly = num(y - 4.0)
        );
        s.style.marker(out, (38.0, y - 4.0), true, "");
        let label = match s.named().as_str() {
            "" if s.name.trim().is_empty() => s.style.word().to_string(),
            "" => s.name.trim().to_string(),
            _ => format!("{} ({})", s.name.trim(), s.style.word()),
        };
        let _ = writeln!(
            out,
            "<text x=\"60\" y=\"{}\" fill=\"{INK}\" stroke=\"none\"><title>{}</title>{}</text>\n</g>",
            num(y),
            escape(&label),
            escape(&wrap(&label, 90, 1).concat())
        );
        y += LEGEND_ROW;
    }
    if unrated {
        let _ = writeln!(
            out,
            "<g class=\"legend-item\">\n<circle class=\"marker unrated\" cx=\"38\" cy=\"{}\" \
             r=\"3.5\" fill=\"{UNRATED_FILL}\" stroke=\"{MUTED}\" stroke-width=\"1.5\"/>\n\
             <text x=\"60\" y=\"{}\" fill=\"{INK}\">Hollow marker at the centre: not rated</text>\n\
             </g>",
            num(y - 4.0),
            num(y)
        );
    }
    out.push_str("</g>\n");
}
