//! Text from the files stays text: escaping, encoded links, and hostile strings in every field.

use super::sample::{clause, meta, named, sample_page};
use super::*;
use crate::check_report::Waived;

#[test]
fn escape_makes_text_inert() {
    assert_eq!(
        escape("</script><img src=x onerror=alert(1)>"),
        "&lt;/script&gt;&lt;img src=x onerror=alert\\(1\\)&gt;"
    );
    assert_eq!(
        escape("[x](javascript:alert(1))"),
        "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"
    );
    assert_eq!(escape("![i](http://x)"), "\\!\\[i\\]\\(http\\://x\\)");
    assert_eq!(escape("| a | b |"), "\\| a \\| b \\|");
    assert_eq!(escape("# heading"), "\\#<wbr> heading");
    assert_eq!(escape("`a` ``b``"), "\\`a\\` \\`\\`b\\`\\`");
    assert_eq!(escape("\"'&<>"), "\"'&amp;&lt;&gt;");
    assert_eq!(escape(" one\r\ntwo\nthree\t "), "one  two three");
    assert_eq!(escape("- item, a-b + c"), "\\- item, a-b + c");
    assert_eq!(escape("+ item"), "\\+ item");
    assert_eq!(
        escape("*a* _b_ ~c~ $d$ {e}"),
        "\\*a\\* \\_b\\_ \\~c\\~ \\$d\\$ \\{e\\}"
    );
    assert_eq!(
        escape("www.x.org a@b.org"),
        "www\\.x\\.org a\\@<wbr>b\\.org"
    );
    assert_eq!(escape("a\\"), "a\\\\");
    assert_eq!(escape("&lt;img&gt;"), "&amp;lt;img&amp;gt;");
    assert_eq!(escape("ab\u{202e}cd"), "ab\\\\u\\{202e\\}cd");
}

#[test]
fn hrefs_are_relative_paths() {
    assert_eq!(href("line-4.md"), "line-4.md");
    assert_eq!(href("a b/(c).md"), "a%20b/%28c%29.md");
    assert_eq!(href("javascript:alert(1)"), "javascript%3Aalert%281%29");
    assert_eq!(href("//evil.example/x"), ".//evil.example/x");
    assert_eq!(href("ä<>"), "%C3%A4%3C%3E");
}

const HOSTILE: &[&str] = &[
    "</script><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://x)",
    "| a | b |",
    "# heading",
    "`code` ``` fence",
    "\"'&<>",
    "line\n# heading\n\n<script>alert(1)</script>\n| x |",
    "<!-- comment",
    "*bold* _em_ ~~strike~~ $x$",
    "- item",
    "www.example.com http://example.com a@b.example",
    "ends with \\",
    "&lt;img src=x&gt;",
    "<https://example.com>",
    "[^note] [ref]: http://x",
];

/// `page` with every string it holds set to `s`.
fn hostile_page(s: &'static str) -> Page {
    let own = || s.to_string();
    let mut page = sample_page();
    let a = &mut page.assessment;
    a.id = own();
    a.title = Some(own());
    a.path = own();
    a.profile = Some(own());
    a.role = Some(s);
    a.date = Some(own());
    a.assessor = Some(own());
    for p in &mut a.practices {
        p.id = own();
        p.title = own();
        p.domain = named(s, s);
        p.subdomain = named(s, s);
        if let Some(t) = &mut p.target {
            t.set_by = own();
            t.rationale = Some(own());
        }
        if let Some(w) = &mut p.waived {
            *w = Waived {
                reason: own(),
                owner: own(),
                expires: own(),
            };
        }
        p.missing = vec![own()];
        p.implemented = vec![own()];
        p.note = Some(own());
        for e in &mut p.evidence {
            e.text = own();
            e.implements = vec![own(), own()];
            e.expires = Some(own());
            e.link = Some(own());
        }
    }
    for g in &mut a.summary.groups {
        g.id = own();
        g.title = own();
    }
    for c in &mut a.summary.standards {
        c.standard = own();
    }
    if let Some(b) = &mut page.baseline {
        b.label = own();
        b.date = Some(own());
    }
    page.as_of = Some(own());
    for g in &mut page.groups {
        g.id = own();
        g.title = own();
    }
    for c in &mut page.coverage {
        c.standard = own();
        c.title = own();
        c.missing = vec![clause(s, s), clause(s, s)];
    }
    for step in &mut page.roadmap {
        step.practice = own();
        step.title = own();
        step.domain = own();
        step.next_level_name = s;
        step.clauses = vec![clause(s, s)];
    }
    for e in &mut page.evidence {
        e.practice = own();
        e.practice_title = own();
        e.text = own();
        e.implements = vec![own()];
        e.expires = Some(own());
        e.link = Some(own());
    }
    for f in &mut page.findings {
        f.severity = s;
        f.code = own();
        f.message = own();
        f.waived = Some(own());
    }
    for m in &mut page.mappings {
        *m = MappingUsed {
            id: own(),
            title: own(),
            edition: Some(own()),
            source: Some(own()),
        };
    }
    page
}

/// Where `needle` occurs in `text` not escaped by a backslash.
fn unescaped(text: &str, needle: char) -> Vec<usize> {
    let bytes = text.as_bytes();
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
            backslashes % 2 == 0
        })
        .collect()
}

/// `text` with the destination of every `](…)` cut out.
fn without_destinations(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        let end = rest[i..].find(')').expect("a closed destination") + i;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `text` (Markdown outside the inline charts) holds no markup but the page's own.
fn assert_inert(text: &str, own_links: usize, own_headings: usize) {
    assert_tidy(text);
    let lower = text.to_lowercase();
    for banned in [
        "<img",
        "<script",
        "</script",
        "<!--",
        "](javascript:",
        "](http",
        "<http",
    ] {
        assert!(!lower.contains(banned), "{banned:?} in\n{text}");
    }
    // Tags: only the page's own.
    for i in unescaped(text, '<') {
        let rest = &text[i..];
        assert!(
            [
                "<details>",
                "</details>",
                "<summary>",
                "</summary>",
                "<br>",
                "<wbr>",
                "<code>",
                "</code>",
            ]
            .iter()
            .any(|tag| rest.starts_with(tag)),
            "a tag of the text's own at {:?}",
            &rest[..rest.len().min(40)]
        );
    }
    // Links and images: only the page's own.
    assert_eq!(unescaped(text, '[').len(), own_links, "links in\n{text}");
    assert_eq!(unescaped(text, ']').len(), own_links, "links in\n{text}");
    // Past this point, the page's own link destinations (percent-encoded paths, which may
    // keep `_` and `~`) are left out.
    let text = &without_destinations(text);
    assert!(unescaped(text, '`').is_empty(), "code span in\n{text}");
    assert!(unescaped(text, '_').is_empty(), "emphasis in\n{text}");
    assert!(unescaped(text, '~').is_empty(), "strikethrough in\n{text}");
    assert!(unescaped(text, '$').is_empty(), "math in\n{text}");
    for i in unescaped(text, ':') {
        assert!(!text[i..].starts_with("://"), "a bare URL in\n{text}");
    }
    // Headings: only the page's own.
    let headings = text.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, own_headings, "headings in\n{text}");
    // Table rows: as many cells as their header.
    let mut columns = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let pipes = unescaped(line, '|').len();
            assert_eq!(*columns.get_or_insert(pipes), pipes, "cells in {line:?}");
        } else {
            columns = None;
        }
    }
}

#[test]
fn hostile_strings_stay_text() {
    let sample = super::page(&sample_page(), &meta(), Charts::Beside { stem: "plant" }).text;
    let headings = sample.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, 8);
    for &s in HOSTILE {
        let page = hostile_page(s);
        let hostile_meta = Meta {
            tool: s.to_string(),
        };
        let rendered = super::page(&page, &hostile_meta, Charts::Beside { stem: s });
        assert_inert(&rendered.text, 2, headings);
        for (name, _) in &rendered.files {
            assert!(
                name.starts_with(s),
                "the files are named by the stem as given"
            );
        }
        // The inline charts escape for XML; the Markdown around them as above.
        let inline = super::page(&page, &hostile_meta, Charts::Inline).text;
        let mut outside = String::new();
        let mut inside = false;
        for line in inline.lines() {
            inside |= line.starts_with("<svg");
            if inside {
                let lower = line.to_lowercase();
                assert!(
                    !lower.contains("<img") && !lower.contains("<script"),
                    "{line}"
                );
            } else {
                outside.push_str(line);
                outside.push('\n');
            }
            if line == "</svg>" {
                inside = false;
            }
        }
        while outside.contains("\n\n\n") {
            outside = outside.replace("\n\n\n", "\n\n");
        }
        assert_inert(&outside, 0, headings);

        let entries = [
            IndexEntry {
                page: &page,
                href: s.to_string(),
            },
            IndexEntry {
                page: &page,
                href: "javascript:alert(1)".to_string(),
            },
        ];
        let text = index(&entries, &hostile_meta);
        assert_inert(&text, 2, 1);
        // A relative path, whatever the name: the scheme's colon is encoded.
        assert!(text.contains("](javascript%3Aalert%281%29)"));
    }
}
