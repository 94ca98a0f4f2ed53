//! A diagnostic code's row: its id, default severity and explanation, in our own words. Each
//! crate that reports codes keeps its rows in one table and declares its code type over them
//! with `codes!`, so that a code string is written once and a misspelt code does not compile.

use Severity::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

crate::codes! {
    /// Stable codes for syntax errors; the model and the checker add their own beside these.
    pub enum SyntaxCode named "syntax" in SYNTAX {
        UnexpectedCharacter,
        UnterminatedString,
        InvalidEscape,
        UnterminatedComment,
        UnexpectedToken,
        MissingValue,
        InvalidValue,
        MissingLevel,
        DuplicateModifier,
        MissingBody,
        UnclosedBlock,
    }
}

impl SyntaxCode {
    pub fn as_str(self) -> &'static str {
        self.id()
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what was found.
    pub summary: &'static str,
    /// Why it matters and what to do.
    pub explanation: &'static str,
}

/// A row of a code table.
pub const fn code(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Code {
    Code {
        id,
        severity,
        summary,
        explanation,
    }
}

/// Declares an enum of codes whose variants are the rows of a table, in order, with `ALL`,
/// `row`, `id` and `from_id`, and a test that each variant is the row named for it under
/// `prefix` (`UnmetTarget` is `check::unmet-target`).
#[macro_export]
macro_rules! codes {
    (
        $(#[$meta:meta])* $vis:vis enum $name:ident named $prefix:literal in $table:path {
            $($code:ident),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($code),*
        }

        impl $name {
            pub const ALL: [$name; $table.len()] = [$($name::$code),*];

            /// Its row of the code table.
            pub fn row(self) -> &'static $crate::Code {
                &$table[self as usize]
            }

            pub fn id(self) -> &'static str {
                self.row().id
            }

            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|c| c.id() == id)
            }
        }

        #[cfg(test)]
        mod each_code_is_its_row {
            #[test]
            fn each_variant_is_the_row_named_for_it() {
                for (i, code) in super::$name::ALL.into_iter().enumerate() {
                    assert_eq!(code as usize, i);
                    let id = $crate::code::id_of_variant($prefix, &format!("{code:?}"));
                    assert_eq!(code.id(), id);
                    assert_eq!(super::$name::from_id(&id), Some(code));
                }
                let unknown = concat!($prefix, "::no-such-code");
                assert_eq!(super::$name::from_id(unknown), None);
            }
        }
    };
}

/// The id a variant's name stands for under `prefix`: `UnmetTarget` is `check::unmet-target`.
/// For the tests that hold each table to its type.
pub fn id_of_variant(prefix: &str, variant: &str) -> String {
    let mut id = format!("{prefix}::");
    for (n, c) in variant.chars().enumerate() {
        if n > 0 && c.is_ascii_uppercase() {
            id.push('-');
        }
        id.push(c.to_ascii_lowercase());
    }
    id
}

/// Syntax: reported by the parser, with a recovered tree. In the order of `SyntaxCode`.
#[rustfmt::skip]
pub const SYNTAX: [Code; 11] = [
    code("syntax::unexpected-character", Error, "A character that has no place in the language", "Only letters, digits, `-`, `_`, `.`, `:`, `/`, quotes, braces and comments make up a file. Remove the character, or put it inside a quoted string."),
    code("syntax::unterminated-string", Error, "A string without its closing quote", "A string ends at the next unescaped `\"` on the same line. Add the closing quote; write `\\\"` for a quote inside the text."),
    code("syntax::invalid-escape", Error, "An escape that strings do not know", "Strings know `\\\"`, `\\\\`, `\\n` and `\\t`. Write a backslash itself as `\\\\`."),
    code("syntax::unterminated-comment", Error, "A block comment without `*/`", "A `/*` comment runs to the next `*/`. Close it, or use `//` comments for single lines."),
    code("syntax::unexpected-token", Error, "Something the statement or block does not accept here", "The message lists what is accepted at that place. A keyword that belongs elsewhere gets a hint saying where it goes."),
    code("syntax::missing-value", Error, "A keyword without its value", "Settings take exactly one value on the same line (`role asset-owner`); a value on the next line starts a new statement."),
    code("syntax::invalid-value", Error, "A value of the wrong kind", "Names are lowercase words joined by hyphens, texts are quoted, dates are YYYY-MM-DD and clauses are STANDARD:CLAUSE. The message says which kind was expected."),
    code("syntax::missing-level", Error, "A target or practice line without `level N`", "Every `target` and `practice` line says its comprehensiveness level, 0 to 4: `target access-control level 3`."),
    code("syntax::duplicate-modifier", Error, "A modifier given twice in one statement", "`level`, `scope`, `implements`, `expires`, `link` and the `map` modifiers come at most once per line. Keep one."),
    code("syntax::missing-body", Error, "An item without its `{ … }` block", "Profiles, assessments, frameworks, standards, `extend` and `mapping` items hold their fields in braces, even when empty: `profile p { }`."),
    code("syntax::unclosed-block", Error, "A `{` that is never closed", "The error points at the block that is still open; add its `}`. The rest of the file is read as if it were there."),
];

#[cfg(test)]
mod tests {
    #[test]
    fn a_variant_name_is_its_id_in_kebab_case() {
        assert_eq!(
            super::id_of_variant("check", "UnmetTarget"),
            "check::unmet-target"
        );
    }
}
