use super::*;

mod inert;
mod sample;

use sample::{assert_tidy, meta, sample_page, unknown_targets_page};

#[test]
fn page_with_charts_beside() {
    let page = sample_page();
    let rendered = super::page(&page, &meta(), Charts::Beside { stem: "plant" });
    assert_tidy(&rendered.text);
    let names: Vec<&str> = rendered.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plant-radar.svg", "plant-domains.svg"]);
    assert_eq!(rendered.files[0].1, charts::radar(&page));
    assert_eq!(rendered.files[1].1, charts::bars(&page));
    assert!(rendered
        .text
        .contains("\n\n![Practices: current against target](plant-radar.svg)\n\n"));
    assert!(rendered
        .text
        .contains("\n\n![Domains and subdomains](plant-domains.svg)\n\n"));
    assert!(!rendered.text.contains("<svg"));
    insta::assert_snapshot!("page_beside", rendered.text);
}

#[test]
fn page_with_charts_inline() {
    let page = sample_page();
    let rendered = super::page(&page, &meta(), Charts::Inline);
    assert_tidy(&rendered.text);
    assert!(rendered.files.is_empty());
    let text = &rendered.text;
    for svg in [charts::radar(&page), charts::bars(&page)] {
        let block = format!("\n\n{}\n\n", svg.trim_end());
        assert!(
            text.contains(&block),
            "the chart is an HTML block of its own"
        );
    }
    assert_eq!(text.matches("<svg").count(), 2);
    // Each block runs from `<svg` to `</svg>` with no blank line inside.
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("<svg") {
            inside = true;
        }
        if inside {
            assert!(
                !line.trim().is_empty(),
                "a blank line would end the HTML block"
            );
        }
        if line == "</svg>" {
            inside = false;
        }
    }
    insta::assert_snapshot!("page_inline", rendered.text);
}

#[test]
fn page_without_known_targets() {
    let page = unknown_targets_page();
    let text = super::page(&page, &meta(), Charts::Beside { stem: "store-7" }).text;
    assert_tidy(&text);
    assert!(
        text.starts_with("# store-7\n"),
        "the id stands in for the title"
    );
    assert!(text.contains(
        "**Status: no targets are known.** The profile retail-pos-2027 was not found, so no practice has a target"
    ));
    assert!(text.contains("| target unknown |"));
    assert!(text.contains("Evidence expiry is not judged"));
    assert!(text.contains("No targets are known, so there is no roadmap."));
    assert!(text.contains("\n## Findings\n\nNo findings.\n"));
    assert!(!text.contains("Baseline"));
}

#[test]
fn index_of_two_assessments() {
    let (first, second) = (sample_page(), unknown_targets_page());
    let entries = [
        IndexEntry {
            page: &first,
            href: "line-4.md".to_string(),
        },
        IndexEntry {
            page: &second,
            href: "stores/store 7.md".to_string(),
        },
    ];
    let text = index(&entries, &meta());
    assert_tidy(&text);
    assert!(text.contains("| [Packaging line 4](line-4.md) |"));
    assert!(text.contains("| [store-7](stores/store%207.md) |"));
    insta::assert_snapshot!("index", text);
    assert_eq!(
        index(&[], &meta()).lines().nth(2),
        Some("No assessments found.")
    );
}

#[test]
fn mapping_note_names_whose_mapping() {
    let used = |id: &str| MappingUsed {
        id: id.to_string(),
        title: String::new(),
        edition: None,
        source: None,
    };
    assert!(mapping_note(&[used("smm-project-hardening")]).contains("smm project's own"));
    assert!(mapping_note(&[used("iic-published")]).contains("from the workspace"));
    let mixed = mapping_note(&[used("smm-project-hardening"), used("ours")]);
    assert!(mixed.contains("smm project's own") && mixed.contains("the others"));
}

#[test]
fn output_is_deterministic() {
    let render = || super::page(&sample_page(), &meta(), Charts::Inline).text;
    assert_eq!(render(), render());
}
