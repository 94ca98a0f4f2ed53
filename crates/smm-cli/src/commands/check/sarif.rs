//! `--format sarif`: SARIF 2.1.0 for code scanning tools. One rule per code of the shared code
//! table, whose help is the `smm explain CODE` page; file locations relative to the report's
//! root (`uriBaseId` `%SRCROOT%`, which code scanning services map to the checkout, and never
//! an absolute URI, so that every clone gives the same bytes); columns counted in UTF-16 code
//! units as `columnKind` says; fixes where the checker has them; and a fingerprint per result
//! that follows a finding when lines move (`partialFingerprints`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Component, Path};

use serde_json::{json, Value};
use smm_syntax::ast::{self, Item};
use smm_syntax::{lines, Diagnostic, Severity, Span};

use crate::check_report::{FileReport, Report, Reported};

/// The `partialFingerprints` key; a new version if what goes into the hash ever changes.
const FINGERPRINT: &str = "smmFinding/v1";

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = smm_check::codes::CODES
        .iter()
        .map(|code| {
            json!({
                "id": code.id,
                "shortDescription": { "text": code.summary },
                "fullDescription": { "text": code.explanation },
                "help": { "text": crate::commands::explain::code::page(code) },
                "defaultConfiguration": { "level": level(code.severity) },
            })
        })
        .collect();
    let bases: serde_json::Map<String, Value> = report
        .roots
        .iter()
        .enumerate()
        .map(|(i, root)| (base(i), base_location(report, i, root)))
        .collect();
    let mut seen = HashMap::new();
    let mut results = Vec::new();
    for file in &report.files {
        let places = NamedPlaces::of(&file.text);
        for reported in &file.checks.diagnostics {
            let key = fingerprint_key(file, &places.at(&reported.diagnostic), reported);
            let occurrence = seen.entry(key.clone()).or_insert(0usize);
            *occurrence += 1;
            let mut result = result(file, reported);
            result["partialFingerprints"] = json!({
                FINGERPRINT: format!("{:016x}:{occurrence}", fnv1a(key.as_bytes())),
            });
            results.push(result);
        }
    }
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "smm",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // The category code scanning files the results under; no run id after the `/`.
            "automationDetails": { "id": "smm/check/" },
            // The mappings the results rest on, so that an audit names the one it used.
            "properties": { "mappings": report.mappings.iter().map(|m| json!({
                "id": m.id,
                "title": m.title,
                "edition": m.edition,
                "source": m.source,
            })).collect::<Vec<_>>() },
            "originalUriBaseIds": bases,
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}

/// The first root is `%SRCROOT%`, which code scanning services resolve to the checkout; each
/// further root has a base id of its own.
fn base(root: usize) -> String {
    match root {
        0 => "%SRCROOT%".to_string(),
        _ => format!("ROOT{root}"),
    }
}

/// Never an absolute URI: a further root is placed relative to the first when it lies inside
/// it, and is otherwise only described.
fn base_location(report: &Report, index: usize, root: &Path) -> Value {
    if index == 0 {
        let text = "Where the paths start: the repository root, else the workspace root";
        return json!({ "description": { "text": text } });
    }
    let text = "Where the paths of another root checked in the same run start";
    match root.strip_prefix(&report.roots[0]) {
        Ok(inside) if !inside.as_os_str().is_empty() => json!({
            "uri": format!("{}/", encode_uri_path(inside)),
            "uriBaseId": base(0),
            "description": { "text": text },
        }),
        _ => json!({ "description": { "text": text } }),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// What identifies a finding whatever its line: its code, its file, the item that holds it and
/// the practice (or catalog entry) it is about; never a line, a column or a byte offset.
/// Several findings with one key are told apart by their order (the `:N` of the fingerprint).
fn fingerprint_key(file: &FileReport, place: &NamedPlace, reported: &Reported) -> String {
    let item = place
        .item
        .as_ref()
        .map(|(kind, name)| format!("{kind} {name}"));
    [
        reported.diagnostic.code,
        &base(file.root),
        &encode_uri_path(&file.relative_path),
        item.as_deref().unwrap_or(""),
        place.subject.as_deref().unwrap_or(""),
    ]
    .join("\0")
}

/// 64-bit FNV-1a: the same value on every platform and with every compiler, unlike the
/// standard library's hashers.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Where a finding sits in its file, by name rather than by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NamedPlace {
    /// The item that holds it: its keyword and name (`("assessment", "plant")`; an `extend`
    /// item is named by its clause).
    pub item: Option<(&'static str, String)>,
    /// What the statement under it is about: the practice of a `target`, `practice`, `waive`
    /// or `map` line, the id of a catalog definition. Elsewhere the first id the message names
    /// in backticks (a target not assessed is reported at the assessment's name, and its
    /// message names the practice first).
    pub subject: Option<String>,
}

/// A file's items, for naming the place of each of its findings. The report carries the
/// checker's diagnostics, not its findings' subjects, so the place is read back from the
/// file's own text: the same text the spans point into.
pub(crate) struct NamedPlaces {
    file: ast::SourceFile,
}

impl NamedPlaces {
    pub fn of(text: &str) -> NamedPlaces {
        NamedPlaces {
            file: smm_syntax::parse(text).file,
        }
    }

    pub fn at(&self, diagnostic: &Diagnostic) -> NamedPlace {
        let offset = diagnostic.span.start;
        let Some(item) = self.file.items.iter().find(|i| holds(i.span(), offset)) else {
            return NamedPlace {
                item: None,
                subject: first_id(&diagnostic.message),
            };
        };
        let name = |n: Option<&ast::Name>| n.map_or(String::new(), |n| n.text.clone());
        let clause = |c: &ast::ClauseRef| format!("{}:{}", c.standard, c.clause);
        let (kind, item_name, subject) = match item {
            Item::Profile(p) => (
                "profile",
                name(p.name.as_ref()),
                entry(&p.body, offset, |f| match f {
                    ast::ProfileField::Target(t) => {
                        Some((t.span, t.practice.as_ref()?.text.clone()))
                    }
                    _ => None,
                }),
            ),
            Item::Assessment(a) => (
                "assessment",
                name(a.name.as_ref()),
                entry(&a.body, offset, |f| match f {
                    ast::AssessmentField::Practice(p) => {
                        Some((p.span, p.practice.as_ref()?.text.clone()))
                    }
                    ast::AssessmentField::Waiver(w) => {
                        Some((w.span, w.practice.as_ref()?.value.as_ref()?.text.clone()))
                    }
                    _ => None,
                }),
            ),
            Item::Framework(f) => (
                "framework",
                name(f.name.as_ref()),
                entry(&f.body, offset, |field| match field {
                    ast::FrameworkField::Domain(d)
                    | ast::FrameworkField::Subdomain(d)
                    | ast::FrameworkField::Practice(d) => {
                        Some((d.span, d.id.as_ref()?.text.clone()))
                    }
                    _ => None,
                }),
            ),
            Item::Standard(s) => (
                "standard",
                name(s.name.as_ref()),
                entry(&s.body, offset, |f| match f {
                    ast::StandardField::Clause(c) => Some((c.span, clause(c.id.as_ref()?))),
                    _ => None,
                }),
            ),
            Item::Mapping(m) => (
                "mapping",
                name(m.name.as_ref()),
                entry(&m.body, offset, |f| match f {
                    ast::MappingField::Map(edge) => {
                        Some((edge.span, edge.practice.as_ref()?.text.clone()))
                    }
                    _ => None,
                }),
            ),
            Item::Extension(e) => (
                "extend",
                e.clause.as_ref().map_or(String::new(), clause),
                None,
            ),
            Item::Error(_) => {
                return NamedPlace {
                    item: None,
                    subject: first_id(&diagnostic.message),
                }
            }
        };
        NamedPlace {
            item: Some((kind, item_name)),
            subject: subject.or_else(|| first_id(&diagnostic.message)),
        }
    }
}

/// Whether `offset` lies in `span`; an empty span holds its own offset.
fn holds(span: Span, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

/// The id of the entry of `block` that holds `offset`, for the entries `id` names.
fn entry<F>(
    block: &Option<ast::Block<F>>,
    offset: usize,
    id: impl Fn(&F) -> Option<(Span, String)>,
) -> Option<String> {
    block
        .iter()
        .flat_map(|b| &b.entries)
        .filter_map(id)
        .find(|(span, _)| holds(*span, offset))
        .map(|(_, id)| id)
}

/// The first text in backticks that looks like an id: no spaces, starting with a letter.
fn first_id(message: &str) -> Option<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .next()
        .filter(|id| {
            id.starts_with(|c: char| c.is_ascii_alphabetic()) && !id.contains(char::is_whitespace)
        })
        .map(str::to_string)
}

fn result(file: &FileReport, reported: &Reported) -> Value {
    let d = &reported.diagnostic;
    let rule = smm_check::codes::CODES.iter().position(|c| c.id == d.code);
    let message = d.message_with_remarks();
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical(file, d.span) }],
    });
    if let Some(index) = rule {
        result["ruleIndex"] = json!(index);
    }
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i,
                    "message": { "text": r.message },
                    "physicalLocation": physical(file, r.span),
                })
            })
            .collect();
    }
    if let Some(waived) = &reported.waived {
        result["suppressions"] = json!([{
            "kind": "inSource",
            "status": "accepted",
            "justification": format!(
                "waived until {} by {}: {}",
                waived.expires, waived.owner, waived.reason
            ),
        }]);
    }
    if let Some(fix) = &reported.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|(span, text)| {
                json!({
                    "deletedRegion": region(file, *span),
                    "insertedContent": { "text": text },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": artifact(file),
                "replacements": replacements,
            }],
        }]);
    }
    result
}

fn artifact(file: &FileReport) -> Value {
    json!({ "uri": encode_uri_path(&file.relative_path), "uriBaseId": base(file.root) })
}

fn physical(file: &FileReport, span: Span) -> Value {
    json!({ "artifactLocation": artifact(file), "region": region(file, span) })
}

/// 1-based lines and UTF-16 columns; an empty span still covers a column.
fn region(file: &FileReport, span: Span) -> Value {
    let (start_line, start_column) = utf16_position(file, span.start);
    let (end_line, end_column) = utf16_position(file, span.end.max(span.start));
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column.max(if end_line == start_line { start_column } else { 1 }),
    })
}

/// 1-based line and UTF-16 column of a byte offset, lines counted as everywhere in smm
/// (`smm_syntax::lines`).
fn utf16_position(file: &FileReport, offset: usize) -> (usize, usize) {
    let offset = lines::clamp(&file.text, offset);
    let (line, _) = file.line_column(offset);
    let start = file.lines.start_of(line - 1).unwrap_or(0);
    (line, file.text[start..offset].encode_utf16().count() + 1)
}

/// A relative path as a URI reference (RFC 3986): unreserved characters and `/` kept, every
/// other byte of the path percent-encoded, so that a name in UTF-8 gets its UTF-8 bytes
/// (`Stra%C3%9Fe.smm`) and one that is not UTF-8 its own bytes (`caf%E9.smm`): decoding the URI
/// gives back the file's name exactly.
fn encode_uri_path(path: &Path) -> String {
    let mut out = String::new();
    for (i, part) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        if part == Component::RootDir {
            continue;
        }
        for &byte in bytes(part.as_os_str()).iter() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(unix)]
fn bytes(name: &OsStr) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(name.as_bytes())
}

/// Elsewhere names are Unicode (on Windows, UTF-16 that may hold an unpaired surrogate, which
/// no URI can name): their UTF-8 bytes.
#[cfg(not(unix))]
fn bytes(name: &OsStr) -> Cow<'_, [u8]> {
    match name.to_string_lossy() {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn further_roots_have_base_ids_of_their_own_and_no_absolute_uri() {
        let report = Report {
            roots: vec!["/w".into(), "/w/sub dir".into(), "/elsewhere".into()],
            ..Report::default()
        };
        let bases: Vec<(String, Value)> = (0..3)
            .map(|i| (base(i), base_location(&report, i, &report.roots[i])))
            .collect();
        assert_eq!(bases[0].0, "%SRCROOT%");
        assert!(bases[0].1.get("uri").is_none());
        assert_eq!(bases[1].0, "ROOT1");
        assert_eq!(bases[1].1["uri"], "sub%20dir/");
        assert_eq!(bases[1].1["uriBaseId"], "%SRCROOT%");
        assert_eq!(bases[2].0, "ROOT2");
        assert!(bases[2].1.get("uri").is_none(), "{}", bases[2].1);
    }

    fn diagnostic(text: &str, at: &str, message: &str) -> Diagnostic {
        let start = text.find(at).unwrap();
        Diagnostic::new(
            Severity::Warning,
            "check::x",
            Span::new(start, start + at.len()),
            message,
        )
    }

    #[test]
    fn places_name_the_item_and_the_practice_not_the_line() {
        let text = "profile base {\n  target access-control level 3\n}\n\nassessment plant {\n  profile base\n  practice access-control level 2 {\n    evidence \"E\" implements iso27002:5.15 expires 2026-01-01\n  }\n  waive unmet-target for patch-management expires 2027-01-01 {\n    reason \"r\"\n    owner \"o\"\n  }\n}\n\nstandard acme \"A\" {\n  clause acme:1\n}\n";
        let places = NamedPlaces::of(text);
        let at = |at: &str, message: &str| places.at(&diagnostic(text, at, message));
        let place = |item: (&'static str, &str), subject: Option<&str>| NamedPlace {
            item: Some((item.0, item.1.to_string())),
            subject: subject.map(str::to_string),
        };
        assert_eq!(
            at("target", "x"),
            place(("profile", "base"), Some("access-control"))
        );
        assert_eq!(
            at("expires 2026", "x"),
            place(("assessment", "plant"), Some("access-control"))
        );
        assert_eq!(
            at("waive", "x"),
            place(("assessment", "plant"), Some("patch-management"))
        );
        // A target not assessed is reported at the assessment's name; its message names the
        // practice first.
        assert_eq!(
            at(
                "plant",
                "`monitoring` is targeted at level 2 by `base` but not assessed"
            ),
            place(("assessment", "plant"), Some("monitoring"))
        );
        assert_eq!(
            at("plant", "level 2 is outside 0–4"),
            place(("assessment", "plant"), None)
        );
        assert_eq!(
            at("clause", "x"),
            place(("standard", "acme"), Some("acme:1"))
        );
        assert_eq!(
            places.at(&diagnostic(text, "\n\nassessment", "x")).item,
            None
        );
    }

    #[test]
    fn fingerprints_hash_the_same_everywhere() {
        // FNV-1a's published test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "ab\n\"ß ℝ 💣\" x";
        let x = text.find('x').unwrap();
        let file = FileReport {
            root: 0,
            relative: "a.smm".into(),
            relative_path: "a.smm".into(),
            shown: "a.smm".into(),
            text: text.into(),
            lines: smm_syntax::lines::LineIndex::new(text).into(),
            checks: Default::default(),
            dependent: false,
        };
        // `"ß ℝ 💣" ` is 9 UTF-16 units (💣 takes two), so `x` is column 10.
        assert_eq!(utf16_position(&file, x), (2, 10));
        assert_eq!(utf16_position(&file, 0), (1, 1));
    }

    #[test]
    fn paths_become_uri_references() {
        let encode = |path: &str| encode_uri_path(Path::new(path));
        assert_eq!(encode("a b/Straße.smm"), "a%20b/Stra%C3%9Fe.smm");
        assert_eq!(encode("x-y_z~1.smm"), "x-y_z~1.smm");
        assert_eq!(encode("50%:#?.smm"), "50%25%3A%23%3F.smm");
        assert_eq!(encode("bidi\u{202e}\x1b.smm"), "bidi%E2%80%AE%1B.smm");
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_percent_encoded_as_they_are() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(OsStr::from_bytes(b"dir/caf\xe9.smm"));
        assert_eq!(encode_uri_path(path), "dir/caf%E9.smm");
    }
}
