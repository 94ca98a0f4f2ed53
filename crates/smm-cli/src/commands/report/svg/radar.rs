//! The radar chart: one axis per practice, rings for the levels, one polygon per series.

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::{escape, level, num, open, wrap, GRID, INK, MAX_LEVEL, MUTED};

mod series;

use series::{legend, style_class};
pub use series::{Series, SeriesStyle};

const WIDTH: f64 = 740.0;
const CX: f64 = 370.0;
const CY: f64 = 222.0;
const RADIUS: f64 = 160.0;
/// Between the outer ring and an axis label.
const LABEL_GAP: f64 = 14.0;
const LINE: f64 = 12.0;
/// Axis labels wrap at this many characters near the top and bottom, up to `EXTRA` more at
/// the sides (where they have room), on at most `LABEL_LINES` lines.
const LABEL_WIDTH: usize = 18;
const EXTRA: usize = 8;
const LABEL_LINES: usize = 3;
/// The first legend row's baseline, and the rows' spacing.
const LEGEND_TOP: f64 = 462.0;
const LEGEND_ROW: f64 = 18.0;
const UNRATED_FILL: &str = "#ffffff";

/// Where level `value` of axis `i` of `n` sits: axis 0 points up, the others follow clockwise.
fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
    let r = RADIUS * value / f64::from(MAX_LEVEL);
    (CX + r * angle.cos(), CY + r * angle.sin())
}

/// A radar chart of `series` over `axes` (one per practice), titled and described for screen
/// readers by `title` and `description` (not drawn: the page around the chart shows them).
pub fn radar(title: &str, description: &str, axes: &[&str], series: &[Series]) -> String {
    let n = axes.len();
    let unrated = series.iter().any(|s| (0..n).any(|i| s.value(i).is_none()));
    let rows = series.len() + usize::from(unrated);
    let height = LEGEND_TOP - LEGEND_ROW + LEGEND_ROW * rows as f64 + 10.0;
    let mut rules = vec![
        (".ring", format!("fill:none;stroke:{GRID}")),
        (".axis", format!("stroke:{GRID}")),
        (".ring-label", format!("fill:{MUTED};font-size:9px")),
    ];
    for style in [
        SeriesStyle::Target,
        SeriesStyle::Current,
        SeriesStyle::Baseline,
    ] {
        let c = style.colour();
        rules.push((style_class(style), format!("fill:{c};stroke:{c}")));
    }
    rules.push((".marker.unrated", format!("fill:{UNRATED_FILL}")));
    let mut out = String::new();
    open(
        &mut out,
        "radar",
        (title, description),
        (WIDTH, height),
        &rules,
    );

    out.push_str("<g class=\"grid\">\n");
    for l in 1..=MAX_LEVEL {
        let r = RADIUS * f64::from(l) / f64::from(MAX_LEVEL);
        let _ = writeln!(
            out,
            "<circle class=\"ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{GRID}\"/>",
            num(CX),
            num(CY),
            num(r)
        );
    }
    for i in 0..n {
        let (x, y) = point(i, n, f64::from(MAX_LEVEL));
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            num(CX),
            num(CY),
            num(x),
            num(y)
        );
    }
    for l in 1..=MAX_LEVEL {
        let r = RADIUS * f64::from(l) / f64::from(MAX_LEVEL);
        let _ = writeln!(
            out,
            "<text class=\"ring-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"9\" \
             fill=\"{MUTED}\">{l}</text>",
            num(CX - 7.0),
            num(CY - r + 10.0)
        );
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"axis-labels\">\n");
    for (i, axis) in axes.iter().enumerate() {
        axis_label(&mut out, axis, point(i, n, f64::from(MAX_LEVEL)), i, n);
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"plot\">\n");
    if n == 0 {
        let _ = writeln!(
            out,
            "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">\
             No practices to chart</text>",
            num(CX),
            num(CY + 4.0)
        );
    }
    for s in series.iter().filter(|_| n > 0) {
        let points: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, level(s.value(i)));
                format!("{},{}", num(x), num(y))
            })
            .collect();
        let style = s.style;
        let _ = writeln!(
            out,
            "<polygon class=\"series series-{word}\" data-series=\"{name}\" points=\"{points}\" \
             fill=\"{c}\" fill-opacity=\"{opacity}\" stroke=\"{c}\" stroke-width=\"2\" \
             stroke-linejoin=\"round\" stroke-dasharray=\"{dash}\"/>",
            word = style.word(),
            name = escape(s.name),
            points = points.join(" "),
            c = style.colour(),
            opacity = style.fill_opacity(),
            dash = style.dash(),
        );
    }
    out.push_str("</g>\n");

    out.push_str("<g class=\"markers\">\n");
    for s in series.iter().filter(|_| n > 0) {
        let _ = writeln!(
            out,
            "<g class=\"series-{}\" data-series=\"{}\" fill=\"{c}\" stroke=\"{c}\" \
             stroke-width=\"1.5\">",
            s.style.word(),
            escape(s.name),
            c = s.style.colour()
        );
        for (i, axis) in axes.iter().enumerate() {
            let value = s.value(i);
            let shown = value.map_or("not rated".to_string(), |v| v.to_string());
            let title = format!("{axis}: {} {shown}{}", s.style.word(), s.named());
            s.style
                .marker(&mut out, point(i, n, level(value)), value.is_some(), &title);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");

    legend(&mut out, series, unrated);
    out.push_str("</svg>\n");
    out
}

/// Axis `i`'s label just outside the outer ring at `(x, y)`, wrapped; the full text in its
/// `<title>`. Labels on the right start there, those on the left end there, and the block of
/// lines moves from above the point (top) through centred (sides) to below it (bottom).
/// (Tuned for the SMM's 18 practices, with labels of up to three lines.)
fn axis_label(out: &mut String, axis: &str, (x, y): (f64, f64), i: usize, n: usize) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
    let (cos, sin) = (angle.cos(), angle.sin());
    let (x, y) = (x + LABEL_GAP * cos, y + LABEL_GAP * sin);
    let anchor = match cos {
        c if c > 0.3 => "start",
        c if c < -0.3 => "end",
        _ => "middle",
    };
    // Truncation towards zero: at most EXTRA.
    let width = LABEL_WIDTH + (EXTRA as f64 * cos.abs()) as usize;
    let lines = wrap(axis, width, LABEL_LINES);
    let half = LINE * lines.len().saturating_sub(1) as f64 / 2.0;
    // sin³ keeps oblique blocks near centred, so that neighbours near the top and bottom,
    // whose points are close in height, do not collide.
    let first = y - half + 4.0 + sin.powi(3) * (half + 7.0);
    let _ = write!(
        out,
        "<text class=\"axis-label\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" fill=\"{INK}\">\
         <title>{title}</title>",
        x = num(x),
        y = num(first),
        title = escape(axis)
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(x),
            num(first + LINE * k as f64),
            escape(line)
        );
    }
    out.push_str("</text>\n");
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has_class, hostile_read_back, title_of, validate, HOSTILE};
    use super::*;

    /// The SMM's 18 practices, in the model's order.
    const PRACTICES: [&str; 18] = [
        "Security Program Management",
        "Compliance Management",
        "Threat Modeling",
        "Risk Attitude",
        "Product Supply Chain Risk Management",
        "Services Third-Party Dependencies Management",
        "Establishing and Maintaining Identities",
        "Access Control",
        "Asset, Change and Configuration Management",
        "Physical Protection",
        "Protection Model and Policy for Data",
        "Implementation of Data Protection Controls",
        "Vulnerability Assessment",
        "Patch Management",
        "Monitoring Practices",
        "Situation Awareness and Information Sharing",
        "Event Detection and Response Plan",
        "Remediation, Recovery and Continuity of Operations",
    ];

    fn three_series(n: usize) -> Vec<Series<'static>> {
        let value = |i: usize, k: usize| match (i + k) % 6 {
            5 => None,
            v => Some(v as u8),
        };
        vec![
            Series {
                name: "Smart factory baseline",
                values: (0..n).map(|i| value(i, 2)).collect(),
                style: SeriesStyle::Target,
            },
            Series {
                name: "current",
                values: (0..n).map(|i| value(i, 0)).collect(),
                style: SeriesStyle::Current,
            },
            Series {
                name: "Previous assessment",
                values: (0..n).map(|i| value(i, 1)).collect(),
                style: SeriesStyle::Baseline,
            },
        ]
    }

    fn points(polygon: roxmltree::Node) -> Vec<(f64, f64)> {
        let points = polygon.attribute("points").unwrap_or_default();
        points
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn small_radar_snapshot() {
        let axes = [
            "Threat Modeling",
            "Access Control",
            "Patch Management",
            "Physical Protection",
            "Services Third-Party Dependencies Management",
        ];
        let series = [
            Series {
                name: "Factory baseline",
                values: vec![Some(2), Some(3), Some(2), Some(1), Some(2)],
                style: SeriesStyle::Target,
            },
            Series {
                name: "Line 4, 2026-10-01",
                values: vec![Some(1), Some(3), None, Some(9), Some(0)],
                style: SeriesStyle::Current,
            },
            Series {
                name: "Line 4, 2025-10-01",
                values: vec![Some(1), Some(2)],
                style: SeriesStyle::Baseline,
            },
        ];
        let svg = radar(
            "Plant 7, line 4",
            "Levels of five practices: target, current and last year's.",
            &axes,
            &series,
        );
        validate(&svg).unwrap();
        insta::assert_snapshot!("radar_small", svg);
    }

    #[test]
    fn an_18_practice_radar_has_one_point_label_and_marker_per_axis() {
        let series = three_series(18);
        let svg = radar("Line 4", "All practices", &PRACTICES, &series);
        let doc = validate(&svg).unwrap();
        let polygons: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(*n, "series"))
            .collect();
        assert_eq!(polygons.len(), 3);
        for (polygon, s) in polygons.iter().zip(&series) {
            assert!(polygon.has_tag_name("polygon"));
            assert!(has_class(*polygon, &format!("series-{}", s.style.word())));
            assert_eq!(polygon.attribute("data-series"), Some(s.name));
            let points = points(*polygon);
            assert_eq!(points.len(), 18);
            for (i, (x, y)) in points.into_iter().enumerate() {
                let r = (x - CX).hypot(y - CY);
                let expected = RADIUS * level(s.values[i]) / 4.0;
                assert!((r - expected).abs() < 0.2, "axis {i}: {r} != {expected}");
            }
        }
        let labels: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(*n, "axis-label"))
            .collect();
        assert_eq!(labels.len(), 18);
        for (label, practice) in labels.iter().zip(PRACTICES) {
            assert_eq!(title_of(*label), Some(practice));
            let shown: String = label
                .descendants()
                .filter(|n| n.has_tag_name("tspan"))
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                shown.len() > 5 && practice.starts_with(shown.trim_end_matches('…')),
                "{shown}"
            );
        }
        let groups: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.is_element() && n.parent_element().is_some_and(|p| has_class(p, "markers"))
            })
            .collect();
        assert_eq!(groups.len(), 3);
        for (group, s) in groups.iter().zip(&series) {
            let markers: Vec<_> = group
                .children()
                .filter(|n| has_class(*n, "marker"))
                .collect();
            assert_eq!(markers.len(), 18);
            for (i, marker) in markers.iter().enumerate() {
                let expected = match s.values[i] {
                    Some(v) => format!("{}: {} {v}", PRACTICES[i], s.style.word()),
                    None => format!("{}: {} not rated", PRACTICES[i], s.style.word()),
                };
                let title = title_of(*marker).unwrap();
                assert!(
                    title == expected || title.starts_with(&format!("{expected} (")),
                    "{title}"
                );
                assert_eq!(has_class(*marker, "unrated"), s.values[i].is_none());
            }
        }
        let shapes: Vec<_> = groups
            .iter()
            .map(|g| g.first_element_child().unwrap().tag_name().name())
            .collect();
        assert_eq!(shapes, ["rect", "circle", "path"]);
        assert_eq!(
            title_of(groups[1].first_element_child().unwrap()),
            Some("Security Program Management: current 0")
        );
        assert_eq!(
            title_of(groups[0].first_element_child().unwrap()),
            Some("Security Program Management: target 2 (Smart factory baseline)")
        );
        let dashes: Vec<_> = polygons
            .iter()
            .map(|p| p.attribute("stroke-dasharray").unwrap())
            .collect();
        assert_eq!(dashes, ["6 4", "none", "2 3"]);
        let legend: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(*n, "legend-item"))
            .collect();
        assert_eq!(legend.len(), 4, "three series and the not-rated marker");
    }

    #[test]
    fn odd_inputs_render_without_panicking() {
        let long = "Practice ".repeat(40);
        let axes = ["One", "Two", "Three", "", long.as_str()];
        for n in 0..=axes.len() {
            for k in 0..=3 {
                let series = three_series(n).into_iter().take(k).collect::<Vec<_>>();
                let svg = radar("", "", &axes[..n], &series);
                let doc = validate(&svg).unwrap();
                for polygon in doc.descendants().filter(|n| n.has_tag_name("polygon")) {
                    assert_eq!(points(polygon).len(), n);
                }
                assert!(!svg.contains("NaN") && !svg.contains("-0 ") && !svg.contains("\n\n"));
            }
        }
        let clamped = [Series {
            name: "",
            values: vec![Some(200), Some(4), None, Some(5), Some(255), Some(1)],
            style: SeriesStyle::Current,
        }];
        let svg = radar("Clamped", "", &axes[..5], &clamped);
        let doc = validate(&svg).unwrap();
        let polygon = doc
            .descendants()
            .find(|n| n.has_tag_name("polygon"))
            .unwrap();
        let radii: Vec<f64> = points(polygon)
            .iter()
            .map(|(x, y)| (x - CX).hypot(y - CY).round())
            .collect();
        assert_eq!(radii, [160.0, 160.0, 0.0, 160.0, 160.0]);
        assert!(svg.contains("<title>One: current 4</title>"));
        assert!(svg.contains("<title>Three: current not rated</title>"));
        assert!(svg.contains("<title>: current 4</title>"));
        let long_label = doc
            .descendants()
            .rfind(|n| has_class(*n, "axis-label"))
            .unwrap();
        assert_eq!(title_of(long_label), Some(long.as_str()));
        let tspans: Vec<_> = long_label
            .children()
            .filter(|n| n.has_tag_name("tspan"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(tspans.len(), LABEL_LINES);
        assert!(tspans
            .iter()
            .all(|t| t.chars().count() <= LABEL_WIDTH + EXTRA));
        assert!(tspans[2].ends_with('…'));
    }

    #[test]
    fn hostile_strings_stay_text() {
        let series = [
            Series {
                name: HOSTILE,
                values: vec![Some(1); 3],
                style: SeriesStyle::Current,
            },
            Series {
                name: HOSTILE,
                values: vec![None; 3],
                style: SeriesStyle::Target,
            },
        ];
        let svg = radar(
            HOSTILE,
            HOSTILE,
            &[HOSTILE, "Access Control", HOSTILE],
            &series,
        );
        assert!(!svg.contains("<img") && !svg.contains("<script"));
        let doc = validate(&svg).unwrap();
        let read_back = hostile_read_back();
        assert_eq!(
            doc.root_element()
                .first_element_child()
                .and_then(|t| t.text()),
            Some(read_back.as_str())
        );
        let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
        assert_eq!(desc.text(), Some(read_back.as_str()));
        for polygon in doc.descendants().filter(|n| n.has_tag_name("polygon")) {
            assert_eq!(polygon.attribute("data-series"), Some(read_back.as_str()));
        }
        let labels: Vec<_> = doc
            .descendants()
            .filter(|n| has_class(*n, "axis-label"))
            .collect();
        assert_eq!(title_of(labels[0]), Some(read_back.as_str()));
        // The id comes from the title, yet only letters, digits and dashes reach it.
        let id = doc.root_element().attribute("id").unwrap();
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{id}"
        );
    }

    #[test]
    fn output_is_deterministic_and_ids_follow_the_title() {
        let series = three_series(18);
        let a = radar("Line 4", "d", &PRACTICES, &series);
        assert_eq!(a, radar("Line 4", "d", &PRACTICES, &series));
        let b = radar("Line 5", "d", &PRACTICES, &series);
        let id = |svg: &str| {
            roxmltree::Document::parse(svg)
                .unwrap()
                .root_element()
                .attribute("id")
                .unwrap()
                .to_string()
        };
        assert_ne!(id(&a), id(&b));
        assert!(
            a.contains(&format!("#{} .series-current{{", id(&a))),
            "the style sheet is scoped"
        );
    }
}
