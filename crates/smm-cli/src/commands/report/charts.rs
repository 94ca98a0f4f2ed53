//! The two charts of a report page, drawn from the page's data: the radar of every practice
//! (target, current, and the baseline when there is one) and the bars of each domain and
//! subdomain. HTML and Markdown draw the same charts.

use super::page::Page;
use super::svg::{self, Bar, Series, SeriesStyle};

/// The radar of the page's practices, in the catalog's order.
pub fn radar(page: &Page) -> String {
    let a = &page.assessment;
    let axes: Vec<&str> = a.practices.iter().map(|p| p.title.as_str()).collect();
    let mut series = vec![
        Series {
            name: "Target",
            values: a
                .practices
                .iter()
                .map(|p| p.target.as_ref().map(|t| t.level))
                .collect(),
            style: SeriesStyle::Target,
        },
        Series {
            name: "Current",
            values: a
                .practices
                .iter()
                .map(|p| p.current.map(|r| r.level))
                .collect(),
            style: SeriesStyle::Current,
        },
    ];
    if let Some(baseline) = &page.baseline {
        series.push(Series {
            name: "Baseline",
            values: baseline.levels.clone(),
            style: SeriesStyle::Baseline,
        });
    }
    let description = format!(
        "Comprehensiveness level 0 to 4 of each of the {} practices of assessment {}: the target its profile sets, the current level{}.",
        axes.len(),
        a.id,
        match &page.baseline {
            Some(b) => format!(", and the level in the baseline {}", b.label),
            None => String::new(),
        }
    );
    svg::radar(
        &format!("Practices of {}: current against target", a.id),
        &description,
        &axes,
        &series,
    )
}

/// The bars of the roll-up: each domain (emphasised) followed by its subdomains, the lowest
/// level reached against the highest target.
pub fn bars(page: &Page) -> String {
    let bars: Vec<Bar> = page
        .groups
        .iter()
        .map(|g| Bar {
            label: &g.title,
            level: g.level,
            target: g.highest_target,
            emphasis: g.kind == "domain",
        })
        .collect();
    svg::bars(
        &format!("Domains and subdomains of {}", page.assessment.id),
        "For each domain and subdomain with targets, the lowest level reached among its targeted practices (a practice not assessed counts as 0), against the highest target among them.",
        &bars,
    )
}
