//! A page of labelled fields, as `smm explain` prints it: a heading, then one label a line with
//! its value beside it, long values wrapped under the value column so the labels stay scannable.
//! Titles, text and notes come from users' catalog files, so everything put on a page goes
//! through `smm_syntax::visible` (before wrapping, so that an escape counts as the columns it
//! takes): an escape or a bidirectional override is shown as `\e` or `\u{202e}`.

use smm_syntax::visible::{is_unsafe, visible};

/// Where values start; wide enough for the longest label (`Licensed text`).
const VALUE_COLUMN: usize = 15;
/// How much further a list value's continuation lines are indented than the value.
const LIST_HANG: usize = 4;
/// Lines are wrapped to fit an 80-column terminal with room to spare.
const WIDTH: usize = 88;

pub struct Page {
    text: String,
}

impl Page {
    /// `id  title`, the form `smm catalog` lists entries in, then a blank line.
    pub fn new(id: &str, title: &str) -> Page {
        Page {
            text: format!("{}  {}\n\n", visible(id), visible(title)),
        }
    }

    /// A short value, or prose that is wrapped.
    pub fn field(&mut self, label: &str, value: &str) -> &mut Page {
        let first = format!("{:VALUE_COLUMN$}", visible(label));
        self.text
            .push_str(&wrap(value, &first, &" ".repeat(VALUE_COLUMN)));
        self
    }

    /// One value a line, each wrapped on its own and its continuation indented further, so it
    /// is not taken for the next value; nothing at all when there are none.
    pub fn list(&mut self, label: &str, values: impl IntoIterator<Item = String>) -> &mut Page {
        let mut first = format!("{:VALUE_COLUMN$}", visible(label));
        let next = " ".repeat(VALUE_COLUMN);
        let continued = " ".repeat(VALUE_COLUMN + LIST_HANG);
        for value in values {
            self.text.push_str(&wrap(&value, &first, &continued));
            first.clone_from(&next);
        }
        self
    }

    /// A heading line on its own, with nothing in the value column.
    pub fn heading(&mut self, text: &str) -> &mut Page {
        self.text.push('\n');
        self.text.push_str(&visible(text));
        self.text.push('\n');
        self
    }

    /// A list value whose first line is `head` and whose `detail` is wrapped beneath it, indented
    /// as a list value's continuation; `label` only on the first entry of a list.
    pub fn entry(&mut self, label: &str, head: &str, detail: &str) -> &mut Page {
        let first = format!("{:VALUE_COLUMN$}", visible(label));
        let continued = " ".repeat(VALUE_COLUMN + LIST_HANG);
        self.text.push_str(&wrap(head, &first, &continued));
        if !detail.is_empty() {
            self.text.push_str(&wrap(detail, &continued, &continued));
        }
        self
    }

    /// A value that must not be wrapped, such as a path that may hold spaces.
    pub fn line(&mut self, label: &str, value: &str) -> &mut Page {
        let line = format!("{:VALUE_COLUMN$}{}", visible(label), visible(value));
        self.text.push_str(line.trim_end());
        self.text.push('\n');
        self
    }

    /// Paragraphs under one label, a blank line between them.
    pub fn paragraphs(&mut self, label: &str, paragraphs: &[String]) -> &mut Page {
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            self.field(if i == 0 { label } else { "" }, paragraph);
        }
        self
    }

    /// The page's text. Every method escapes what it is given; this makes sure of it.
    pub fn finish(self) -> String {
        if self.text.contains(is_unsafe) {
            visible(&self.text).into_owned()
        } else {
            self.text
        }
    }
}

/// Greedy word wrap: `first` before the first line, `rest` before the others. Runs of spaces
/// inside a line are kept (`id  title` stays two columns); a line break replaces the run it falls
/// on. A word longer than the line (a URL) gets a line of its own rather than being broken.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let text = visible(text);
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for (gap, word) in words(&text) {
        if !empty && width(&line) + width(gap) + width(word) > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push_str(gap);
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Each word with the spaces before it; a gap holding a line break counts as one space, since
/// the page decides where lines end.
fn words(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        let (gap, tail) = rest.split_at(word_start);
        let word_end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let (word, tail) = tail.split_at(word_end);
        if !word.is_empty() {
            let gap = if gap.chars().all(|c| c == ' ') {
                gap
            } else {
                " "
            };
            found.push((gap, word));
        }
        rest = tail;
    }
    found
}

fn width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_wrap_under_the_value_column() {
        let words = "word ".repeat(30);
        let mut page = Page::new("x", "X");
        page.field("Objective", &words);
        let text = page.finish();
        let lines: Vec<&str> = text.lines().skip(2).collect();
        assert!(lines.len() > 1, "{text}");
        assert!(lines[0].starts_with("Objective      word word"), "{text}");
        for line in &lines {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        for line in &lines[1..] {
            assert!(
                line.starts_with(&format!("{:VALUE_COLUMN$}word", "")),
                "{line:?}"
            );
        }
        assert_eq!(text.matches("word").count(), 30);
    }

    #[test]
    fn an_overlong_word_stays_whole() {
        let url = format!("https://example.invalid/{}", "a".repeat(100));
        assert_eq!(
            wrap(&format!("see {url}"), "", "  "),
            format!("see\n  {url}\n")
        );
    }

    #[test]
    fn double_spaces_survive_but_line_breaks_do_not() {
        assert_eq!(
            wrap("SR1.1  Human user\nidentification", "", ""),
            "SR1.1  Human user identification\n"
        );
        let long = format!("{}  {}", "a".repeat(50), "b".repeat(50));
        assert_eq!(
            wrap(&long, "", "  "),
            format!("{}\n  {}\n", "a".repeat(50), "b".repeat(50))
        );
    }

    #[test]
    fn a_wrapped_list_value_hangs_below_its_first_line() {
        let mut page = Page::new("x", "X");
        let long = format!("a  {}", "word ".repeat(20));
        page.list("Children", [long, "b  B".to_string()]);
        let text = page.finish();
        let lines: Vec<&str> = text.lines().skip(2).collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("Children       a  word"), "{text}");
        assert!(lines[1].starts_with(&format!("{:19}word", "")), "{text}");
        assert_eq!(lines[2], format!("{:15}b  B", ""));
    }

    #[test]
    fn a_line_is_never_wrapped() {
        let path = format!("/My Documents/{}", "x ".repeat(60));
        let mut page = Page::new("x", "X");
        page.line("Defined at", &path);
        assert_eq!(
            page.finish(),
            format!("x  X\n\nDefined at     {}\n", path.trim_end())
        );
    }

    #[test]
    fn nothing_on_a_page_reaches_the_terminal_raw() {
        let evil = "a\x1b]0;owned\x07\x1b[2J\r\0\u{202e}\u{2028}b";
        let shown = "a\\e]0;owned\\u{7}\\e[2J\\r\\0\\u{202e}\\u{2028}b";
        let mut page = Page::new(evil, evil);
        page.field(evil, evil)
            .list(evil, [evil.to_string()])
            .heading(evil)
            .entry(evil, evil, evil)
            .line(evil, evil)
            .paragraphs(evil, &[evil.to_string()]);
        let text = page.finish();
        assert!(!text.contains(is_unsafe), "{text:?}");
        assert_eq!(text.matches(shown).count(), 14, "{text}");
        assert!(text.starts_with(&format!("{shown}  {shown}\n\n")), "{text}");
    }

    #[test]
    fn escapes_count_as_the_columns_they_take() {
        // `\e` is two columns: 44 of them and their spaces do not fit one line of 88.
        let text = wrap(&"\x1b ".repeat(44), "", "");
        assert_eq!(text.lines().count(), 2, "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
    }

    #[test]
    fn a_list_labels_only_its_first_line() {
        let mut page = Page::new("x", "X");
        page.list("Children", ["a  A".to_string(), "b  B".to_string()]);
        page.list("Nothing", Vec::new());
        assert_eq!(
            page.finish(),
            "x  X\n\nChildren       a  A\n               b  B\n"
        );
    }
}
