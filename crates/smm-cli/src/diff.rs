//! Unified diffs between a file and its formatted text.

use similar::TextDiff;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn unified(shown: &str, old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(shown, &format!("{shown} (formatted)"))
        .to_string();
    if !color {
        return diff;
    }
    let mut painted = String::with_capacity(diff.len() * 2);
    for line in diff.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let paint = if body.starts_with("---") || body.starts_with("+++") {
            BOLD
        } else if body.starts_with('-') {
            RED
        } else if body.starts_with('+') {
            GREEN
        } else if body.starts_with("@@") {
            CYAN
        } else {
            ""
        };
        if paint.is_empty() {
            painted.push_str(line);
        } else {
            painted.push_str(&format!("{paint}{body}{RESET}{newline}"));
        }
    }
    painted
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn plain_diff_has_headers_and_hunks() {
        let diff = unified("a.smm", "x\ny\n", "x\nz\n", false);
        assert_eq!(
            diff,
            "--- a.smm\n+++ a.smm (formatted)\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
        );
    }

    #[test]
    fn coloured_diff_paints_changed_lines() {
        let diff = unified("a.smm", "y\n", "z\n", true);
        assert!(diff.contains("\x1b[31m-y\x1b[0m\n"), "{diff:?}");
        assert!(diff.contains("\x1b[32m+z\x1b[0m\n"), "{diff:?}");
    }
}
