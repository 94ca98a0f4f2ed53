//! `--format sarif`: SARIF 2.1.0 for code scanning tools. One rule per code of the shared code
//! table, file locations relative to the workspace root (`uriBaseId`), columns counted in UTF-16
//! code units as `columnKind` says, and fixes where the checker has them.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::path::{Component, Path};

use serde_json::{json, Value};
use smm_syntax::{lines, Severity, Span};

use crate::report::{FileReport, Report, Reported};

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = smm_check::codes::CODES
        .iter()
        .map(|code| {
            json!({
                "id": code.id,
                "shortDescription": { "text": code.summary },
                "fullDescription": { "text": code.explanation },
                "help": { "text": code.explanation },
                "defaultConfiguration": { "level": level(code.severity) },
            })
        })
        .collect();
    let bases: serde_json::Map<String, Value> = (0..report.roots.len())
        .map(|i| {
            let description =
                "The workspace root: the folder holding smm.toml, or the folder checked";
            (base(i), json!({ "description": { "text": description } }))
        })
        .collect();
    let results: Vec<Value> = report
        .files
        .iter()
        .flat_map(|file| file.checks.diagnostics.iter().map(move |d| result(file, d)))
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "smm",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": bases,
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}

fn base(root: usize) -> String {
    format!("ROOT{root}")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn result(file: &FileReport, reported: &Reported) -> Value {
    let d = &reported.diagnostic;
    let rule = smm_check::codes::CODES.iter().position(|c| c.id == d.code);
    let mut message = d.message.clone();
    for note in d.help.iter().chain(&d.notes) {
        message.push('\n');
        message.push_str(note);
    }
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
                    "deletedRegion": region(&file.text, *span),
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
    json!({ "artifactLocation": artifact(file), "region": region(&file.text, span) })
}

/// 1-based lines and UTF-16 columns; an empty span still covers a column.
fn region(text: &str, span: Span) -> Value {
    let (start_line, start_column) = utf16_position(text, span.start);
    let (end_line, end_column) = utf16_position(text, span.end.max(span.start));
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column.max(if end_line == start_line { start_column } else { 1 }),
    })
}

/// 1-based line and UTF-16 column of a byte offset, lines counted as everywhere in smm
/// (`smm_syntax::lines`).
fn utf16_position(text: &str, offset: usize) -> (usize, usize) {
    let offset = lines::clamp(text, offset);
    let (line, _) = lines::line_column(text, offset);
    let line_text = &text[lines::line_start(text, offset)..offset];
    (line, line_text.encode_utf16().count() + 1)
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
    fn columns_count_utf16_code_units() {
        let text = "ab\n\"ß ℝ 💣\" x";
        let x = text.find('x').unwrap();
        // `"ß ℝ 💣" ` is 9 UTF-16 units (💣 takes two), so `x` is column 10.
        assert_eq!(utf16_position(text, x), (2, 10));
        assert_eq!(utf16_position(text, 0), (1, 1));
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
