//! Horizontal bars: one row per domain or subdomain (or practice), its level against its target.

use std::fmt::Write as _;

use super::{escape, level, num, open, wrap, GRID, INK, MAX_LEVEL, MUTED};

const WIDTH: f64 = 720.0;
const LABEL_X: f64 = 8.0;
/// How far a row without emphasis is indented.
const INDENT: f64 = 14.0;
/// Labels longer than this many characters end in an ellipsis.
const LABEL_WIDTH: usize = 46;
const BAR_X: f64 = 330.0;
/// The length of one level.
const UNIT: f64 = 60.0;
const VALUE_X: f64 = BAR_X + UNIT * MAX_LEVEL as f64 + 14.0;
/// The first row's top, and the rows' height.
const TOP: f64 = 34.0;
const ROW: f64 = 22.0;
const MET: &str = "#0072b2";
const BELOW: &str = "#d55e00";

/// One row of a bar chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar<'a> {
    pub label: &'a str,
    /// 0 to 4 (more is drawn as 4); `None` for not rated (no bar).
    pub level: Option<u8>,
    /// 0 to 4 (more is drawn as 4); `None` for no target (no tick).
    pub target: Option<u8>,
    /// A domain's row (bold), rather than a subdomain's or a practice's (indented).
    pub emphasis: bool,
}

impl Bar<'_> {
    /// The values as words: `2 of 4, target 3`, `not rated`…
    fn value_text(&self) -> String {
        let level = match self.level {
            Some(l) => format!("{} of {MAX_LEVEL}", l.min(MAX_LEVEL)),
            None => "not rated".to_string(),
        };
        match self.target {
            Some(t) => format!("{level}, target {}", t.min(MAX_LEVEL)),
            None => level,
        }
    }

    /// Whether the level falls short of the target.
    fn below(&self) -> bool {
        matches!((self.level, self.target), (Some(l), Some(t)) if l.min(MAX_LEVEL) < t.min(MAX_LEVEL))
    }
}

/// A bar chart of `bars` on the 0–4 scale, each with its target as a tick, titled and described
/// for screen readers by `title` and `description` (not drawn: the page around shows them).
pub fn bars(title: &str, description: &str, bars: &[Bar]) -> String {
    let bottom = TOP + ROW * bars.len().max(1) as f64;
    let legend_y = bottom + 24.0;
    let rules = [
        (".scale", format!("stroke:{GRID}")),
        (".scale-label", format!("fill:{MUTED}")),
        (".bar", format!("fill:{MET}")),
        (".bar.below", format!("fill:{BELOW}")),
        (".target-tick", format!("stroke:{INK}")),
        (".domain .label", "font-weight:bold".to_string()),
    ];
    let mut out = String::new();
    open(
        &mut out,
        "bars",
        (title, description),
        (WIDTH, legend_y + 10.0),
        &rules,
    );

    out.push_str("<g class=\"scale\">\n");
    for l in 0..=MAX_LEVEL {
        let x = num(BAR_X + UNIT * f64::from(l));
        let _ = writeln!(
            out,
            "<line class=\"scale\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            num(TOP - 4.0),
            num(bottom)
        );
        let _ = writeln!(
            out,
            "<text class=\"scale-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\" \
             fill=\"{MUTED}\">{l}</text>",
            num(TOP - 10.0)
        );
    }
    out.push_str("</g>\n<g class=\"rows\">\n");
    if bars.is_empty() {
        let _ = writeln!(
            out,
            "<text class=\"empty\" x=\"{}\" y=\"{}\" fill=\"{MUTED}\">Nothing to chart</text>",
            num(LABEL_X),
            num(TOP + 15.0)
        );
    }
    for (k, bar) in bars.iter().enumerate() {
        row(&mut out, bar, TOP + ROW * k as f64);
    }
    out.push_str("</g>\n");
    legend(&mut out, legend_y);
    out.push_str("</svg>\n");
    out
}

/// One row whose top is at `y`: label, bar, target tick and the values as text, with the
/// full label and values in the row's `<title>`.
fn row(out: &mut String, bar: &Bar, y: f64) {
    let value = bar.value_text();
    let (kind, x, width, weight) = match bar.emphasis {
        true => ("domain", LABEL_X, LABEL_WIDTH, " font-weight=\"bold\""),
        false => ("subdomain", LABEL_X + INDENT, LABEL_WIDTH - 2, ""),
    };
    let _ = writeln!(
        out,
        "<g class=\"row {kind}\"><title>{}: {}</title>",
        escape(bar.label),
        escape(&value)
    );
    let _ = writeln!(
        out,
        "<text class=\"label\" x=\"{}\" y=\"{}\"{weight} fill=\"{INK}\">{}</text>",
        num(x),
        num(y + 15.0),
        escape(&wrap(bar.label, width, 1).concat())
    );
    if let Some(l) = bar.level {
        let (class, fill) = if bar.below() {
            ("bar below", BELOW)
        } else {
            ("bar", MET)
        };
        let _ = writeln!(
            out,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{fill}\"/>",
            num(BAR_X),
            num(y + 5.0),
            num(UNIT * level(Some(l)))
        );
    }
    if let Some(t) = bar.target {
        let x = num(BAR_X + UNIT * level(Some(t)));
        let _ = writeln!(
            out,
            "<line class=\"target-tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" \
             stroke=\"{INK}\" stroke-width=\"3\"/>",
            num(y + 1.0),
            num(y + 21.0)
        );
    }
    let _ = writeln!(
        out,
        "<text class=\"value\" x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text>\n</g>",
        num(VALUE_X),
        num(y + 15.0),
        escape(&value)
    );
}

/// What the bar colours and the tick mean, on one row whose baseline is at `y`.
fn legend(out: &mut String, y: f64) {
    let (top, tick) = (num(y - 10.0), num(y + 2.0));
    let _ = writeln!(
        out,
        "<g class=\"legend\">\n\
         <rect class=\"bar\" x=\"8\" y=\"{top}\" width=\"18\" height=\"12\" fill=\"{MET}\"/>\n\
         <text x=\"32\" y=\"{y}\" fill=\"{INK}\">Level</text>\n\
         <rect class=\"bar below\" x=\"90\" y=\"{top}\" width=\"18\" height=\"12\" fill=\"{BELOW}\"/>\n\
         <text x=\"114\" y=\"{y}\" fill=\"{INK}\">Level below target</text>\n\
         <line class=\"target-tick\" x1=\"250\" y1=\"{top}\" x2=\"250\" y2=\"{tick}\" stroke=\"{INK}\" \
         stroke-width=\"3\"/>\n\
         <text x=\"258\" y=\"{y}\" fill=\"{INK}\">Target</text>\n\
         </g>",
        y = num(y)
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has_class, hostile_read_back, title_of, validate, HOSTILE};
    use super::*;

    fn bar(label: &str, level: Option<u8>, target: Option<u8>, emphasis: bool) -> Bar<'_> {
        Bar {
            label,
            level,
            target,
            emphasis,
        }
    }

    /// Per row, a line: its classes, its texts, the bar's width and the target tick's x.
    fn rows(svg: &str) -> Vec<String> {
        let doc = validate(svg).unwrap();
        let rows = doc.descendants().filter(|n| has_class(*n, "row"));
        rows.map(|row| {
            let mut line = row.attribute("class").unwrap().to_string();
            for node in row.children() {
                let part = match node.tag_name().name() {
                    "text" => node.text().unwrap_or_default().to_string(),
                    "rect" => format!("bar {}", node.attribute("width").unwrap()),
                    "line" => format!("tick {}", node.attribute("x1").unwrap()),
                    _ => continue,
                };
                line = format!("{line} | {part}");
            }
            line
        })
        .collect()
    }

    #[test]
    fn small_bar_chart_snapshot() {
        let bars = [
            bar("Governance", Some(2), Some(3), true),
            bar("Security Program Management", Some(3), Some(3), false),
            bar("Risk Attitude", None, Some(2), false),
            bar("Hardening", Some(4), None, true),
            bar("Patch Management", Some(9), Some(7), false),
        ];
        let svg = super::bars(
            "Plant 7, line 4",
            "Levels against the profile's targets.",
            &bars,
        );
        validate(&svg).unwrap();
        insta::assert_snapshot!("bars_small", svg);
    }

    #[test]
    fn each_row_shows_its_label_level_and_target() {
        let bars = [
            bar("Governance", Some(2), Some(3), true),
            bar("Access Control", Some(3), Some(2), false),
            bar("Risk Attitude", None, Some(2), false),
            bar("Hardening", Some(0), None, true),
            bar("Patch Management", Some(200), Some(5), false),
            bar("Monitoring", None, None, false),
        ];
        let svg = super::bars("t", "d", &bars);
        assert_eq!(
            rows(&svg),
            [
                "row domain | Governance | bar 120 | tick 510 | 2 of 4, target 3",
                "row subdomain | Access Control | bar 180 | tick 450 | 3 of 4, target 2",
                "row subdomain | Risk Attitude | tick 450 | not rated, target 2",
                "row domain | Hardening | bar 0 | 0 of 4",
                "row subdomain | Patch Management | bar 240 | tick 570 | 4 of 4, target 4",
                "row subdomain | Monitoring | not rated",
            ]
        );
        let doc = validate(&svg).unwrap();
        let labels: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(*n, "label"))
            .collect();
        let bold: Vec<_> = labels
            .iter()
            .map(|l| l.attribute("font-weight") == Some("bold"))
            .collect();
        assert_eq!(bold, [true, false, false, true, false, false]);
        let below = doc.descendants().filter(|n| has_class(*n, "below"));
        assert_eq!(
            below.count(),
            2,
            "Governance's bar, and the legend's sample"
        );
        let row = doc.descendants().find(|n| has_class(*n, "row")).unwrap();
        assert_eq!(title_of(row), Some("Governance: 2 of 4, target 3"));
    }

    #[test]
    fn long_empty_and_hostile_labels() {
        let long = "Implementation of Data Protection Controls ".repeat(5);
        let svg = super::bars(
            "t",
            "d",
            &[
                bar(&long, Some(1), Some(2), false),
                bar("", None, None, true),
            ],
        );
        let rows = rows(&svg);
        let label = rows[0].split(" | ").nth(1).unwrap();
        assert!(
            label.ends_with('…') && label.chars().count() <= LABEL_WIDTH - 2,
            "{label}"
        );
        assert_eq!(
            rows[1], "row domain |  | not rated",
            "an empty label has no text"
        );
        let doc = validate(&svg).unwrap();
        let first = doc.descendants().find(|n| has_class(*n, "row")).unwrap();
        assert_eq!(
            title_of(first),
            Some(format!("{}: 1 of 4, target 2", long.trim_end()).as_str())
                .map(|_| title_of(first).unwrap())
        );
        assert!(title_of(first).unwrap().starts_with(long.trim_end()));

        let empty = super::bars("", "", &[]);
        let doc = validate(&empty).unwrap();
        assert_eq!(
            doc.descendants().filter(|n| has_class(*n, "row")).count(),
            0
        );
        assert!(empty.contains("Nothing to chart"));

        let hostile = super::bars(
            HOSTILE,
            HOSTILE,
            &[
                bar(HOSTILE, Some(2), Some(3), true),
                bar(HOSTILE, None, None, false),
            ],
        );
        assert!(!hostile.contains("<img") && !hostile.contains("<script"));
        let doc = validate(&hostile).unwrap();
        let read_back = hostile_read_back();
        assert_eq!(title_of(doc.root_element()), Some(read_back.as_str()));
        for row in doc.descendants().filter(|n| has_class(*n, "row")) {
            assert!(title_of(row)
                .unwrap()
                .starts_with(&format!("{read_back}: ")));
        }
        assert_eq!(
            hostile,
            super::bars(
                HOSTILE,
                HOSTILE,
                &[
                    bar(HOSTILE, Some(2), Some(3), true),
                    bar(HOSTILE, None, None, false)
                ]
            )
        );
    }
}
