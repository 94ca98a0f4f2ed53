//! An imported assessment as a formatted `.smm` file, laid out as the examples are: the
//! assessment's own lines (profile, role, follows, date, assessor, description), a blank line,
//! then its practices in the order first seen, each with its evidence in row order and its
//! note last; evidence modifiers in the order implements, expires, link, stub.

use super::columns::Field;
use super::rows::Assessment;

/// The file's text, formatted; `profile` is used when no row gives one.
pub fn render(assessment: &Assessment, profile: Option<&str>) -> Result<String, String> {
    let field = |f: Field| assessment.fields.get(&f).map(|g| g.value.as_str());
    let mut text = format!("assessment {}", assessment.id);
    if let Some(title) = field(Field::Title) {
        text.push(' ');
        text.push_str(&quoted(title));
    }
    text.push_str(" {\n");
    let mut own = String::new();
    if let Some(profile) = field(Field::Profile).or(profile) {
        own.push_str(&format!("profile {profile}\n"));
    }
    if let Some(role) = field(Field::Role) {
        own.push_str(&format!("role {role}\n"));
    }
    for id in field(Field::Follows)
        .into_iter()
        .flat_map(str::split_whitespace)
    {
        own.push_str(&format!("follows {id}\n"));
    }
    if let Some(date) = field(Field::Date) {
        own.push_str(&format!("date {date}\n"));
    }
    if let Some(assessor) = field(Field::Assessor) {
        own.push_str(&format!("assessor {}\n", quoted(assessor)));
    }
    if let Some(description) = field(Field::Description) {
        own.push_str(&format!("description {}\n", quoted(description)));
    }
    text.push_str(&own);
    if !own.is_empty() && !assessment.practices.is_empty() {
        text.push('\n');
    }
    for practice in &assessment.practices {
        let value = |f: Field| practice.fields.get(&f).map(|g| g.value.as_str());
        text.push_str(&format!(
            "practice {} level {}",
            practice.id,
            value(Field::Level).unwrap_or("0")
        ));
        if let Some(scope) = value(Field::Scope) {
            text.push_str(&format!(" scope {scope}"));
        }
        let note = value(Field::Note);
        if practice.evidence.is_empty() && note.is_none() {
            text.push('\n');
            continue;
        }
        text.push_str(" {\n");
        for e in &practice.evidence {
            text.push_str(&format!("evidence {}", quoted(&e.text)));
            if !e.implements.is_empty() {
                text.push_str(&format!(" implements {}", e.implements.join(" ")));
            }
            if let Some(expires) = &e.expires {
                text.push_str(&format!(" expires {expires}"));
            }
            if let Some(link) = &e.link {
                text.push_str(&format!(" link {}", quoted(link)));
            }
            if e.stub {
                text.push_str(" stub");
            }
            text.push('\n');
        }
        if let Some(note) = note {
            text.push_str(&format!("note {}\n", quoted(note)));
        }
        text.push_str("}\n");
    }
    text.push_str("}\n");
    smm_syntax::format(&text).map_err(|_| {
        format!(
            "internal error: the assessment `{}` written from the sheet does not parse",
            assessment.id
        )
    })
}

/// `text` as a string of the language: in double quotes, with `"`, `\`, line breaks and tabs
/// escaped (a carriage return, alone or before a line feed, is a line break).
pub fn quoted(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_as_the_language_reads_them() {
        assert_eq!(
            quoted("A \"B\" \\ C\r\nD\rE\tF"),
            "\"A \\\"B\\\" \\\\ C\\nD\\nE\\tF\""
        );
    }
}
