//! `--format github`: GitHub Actions workflow commands, one annotation per finding. Values are
//! escaped as the runner expects, so that a `%`, a line break, a `:` or a `,` in a message or
//! a path cannot end the command early.

use smm_syntax::Severity;

use crate::report::Report;
use smm_check::line_column;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for reported in &file.checks.diagnostics {
            let d = &reported.diagnostic;
            let command = match d.severity {
                _ if reported.waived.is_some() => "notice",
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let title = match reported.waived {
                Some(_) => format!("{} (waived)", d.code),
                None => d.code.to_string(),
            };
            let (line, column) = line_column(&file.text, d.span.start);
            let (end_line, end_column) = line_column(&file.text, d.span.end);
            let mut message = d.message.clone();
            for extra in d.help.iter().chain(&d.notes) {
                message.push('\n');
                message.push_str(extra);
            }
            out.push_str(&format!(
                "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
                property(&file.relative),
                property(&title),
                data(&message)
            ));
        }
    }
    out
}

fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
