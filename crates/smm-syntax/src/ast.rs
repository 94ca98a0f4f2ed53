//! The syntax tree. Every node carries its byte span; every value a user may get wrong is an
//! `Option` or an error placeholder, so a tree always exists, whatever the input.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SourceFile {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Profile(Profile),
    Assessment(Assessment),
    /// Tokens at the top level that form no item; the error was reported.
    Error(Span),
}

pub type Profile = Declaration<ProfileField>;
pub type Assessment = Declaration<AssessmentField>;

/// `profile NAME "Title" { ... }` and `assessment NAME "Title" { ... }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration<F> {
    pub keyword: Span,
    pub name: Option<Name>,
    pub title: Option<Text>,
    pub body: Option<Block<F>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block<F> {
    pub open: Span,
    pub entries: Vec<F>,
    /// `None` when the block was never closed (reported as an error).
    pub close: Option<Span>,
    /// From `{` to `}`, or to the end of the last entry when unclosed.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileField {
    Industry(Setting<Name>),
    Extends(Setting<Name>),
    Role(Setting<Name>),
    Description(Setting<Text>),
    Target(Box<Target>),
    Error(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssessmentField {
    Profile(Setting<Name>),
    Role(Setting<Name>),
    Date(Setting<Date>),
    Assessor(Setting<Text>),
    Description(Setting<Text>),
    Practice(Box<Practice>),
    Error(Span),
}

pub type Target = Rating<TargetField>;
pub type Practice = Rating<PracticeField>;

/// `target PRACTICE level N scope S { ... }` in a profile and `practice PRACTICE level N scope S
/// { ... }` in an assessment share one shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating<F> {
    pub keyword: Span,
    pub practice: Option<Name>,
    pub level: Option<Setting<Int>>,
    pub scope: Option<Setting<Name>>,
    pub body: Option<Block<F>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetField {
    Rationale(Setting<Text>),
    Note(Setting<Text>),
    Error(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PracticeField {
    Evidence(Evidence),
    Note(Setting<Text>),
    Error(Span),
}

/// `evidence "What" implements CLAUSE... expires DATE link "path"`; modifiers in any order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub keyword: Span,
    pub description: Option<Text>,
    /// The `implements` keyword's span, when present.
    pub implements: Option<Span>,
    pub clauses: Vec<ClauseRef>,
    pub expires: Option<Setting<Date>>,
    pub link: Option<Setting<Text>>,
    pub span: Span,
}

/// `keyword value`. `value` is `None` when it was missing or malformed (reported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub keyword: Span,
    pub value: Option<T>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string literal with its escapes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Int {
    pub text: String,
    /// `None` when the integer does not fit in an `i64`.
    pub value: Option<i64>,
    pub span: Span,
}

/// A date-shaped token, `YYYY-MM-DD`; whether it is on the calendar is the checker's question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub span: Span,
}

/// `STANDARD:CLAUSE` as written: `iec62443-3-3:SR1.1-RE1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseRef {
    pub standard: String,
    pub clause: String,
    pub span: Span,
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Profile(p) => p.span,
            Item::Assessment(a) => a.span,
            Item::Error(span) => *span,
        }
    }

    pub fn name(&self) -> Option<&Name> {
        match self {
            Item::Profile(p) => p.name.as_ref(),
            Item::Assessment(a) => a.name.as_ref(),
            Item::Error(_) => None,
        }
    }
}

impl ProfileField {
    pub fn span(&self) -> Span {
        match self {
            ProfileField::Industry(s) | ProfileField::Extends(s) | ProfileField::Role(s) => s.span,
            ProfileField::Description(s) => s.span,
            ProfileField::Target(t) => t.span,
            ProfileField::Error(span) => *span,
        }
    }
}

impl AssessmentField {
    pub fn span(&self) -> Span {
        match self {
            AssessmentField::Profile(s) | AssessmentField::Role(s) => s.span,
            AssessmentField::Date(s) => s.span,
            AssessmentField::Assessor(s) | AssessmentField::Description(s) => s.span,
            AssessmentField::Practice(p) => p.span,
            AssessmentField::Error(span) => *span,
        }
    }
}

impl TargetField {
    pub fn span(&self) -> Span {
        match self {
            TargetField::Rationale(s) | TargetField::Note(s) => s.span,
            TargetField::Error(span) => *span,
        }
    }
}

impl PracticeField {
    pub fn span(&self) -> Span {
        match self {
            PracticeField::Evidence(e) => e.span,
            PracticeField::Note(s) => s.span,
            PracticeField::Error(span) => *span,
        }
    }
}

impl SourceFile {
    /// The start offset of every item and statement, outermost first within each item. The
    /// formatter breaks lines exactly there.
    pub fn statement_starts(&self) -> Vec<usize> {
        let mut starts = Vec::new();
        for item in &self.items {
            starts.push(item.span().start);
            match item {
                Item::Profile(p) => {
                    for field in p.body.iter().flat_map(|b| &b.entries) {
                        starts.push(field.span().start);
                        if let ProfileField::Target(t) = field {
                            starts.extend(
                                t.body
                                    .iter()
                                    .flat_map(|b| &b.entries)
                                    .map(|f| f.span().start),
                            );
                        }
                    }
                }
                Item::Assessment(a) => {
                    for field in a.body.iter().flat_map(|b| &b.entries) {
                        starts.push(field.span().start);
                        if let AssessmentField::Practice(p) = field {
                            starts.extend(
                                p.body
                                    .iter()
                                    .flat_map(|b| &b.entries)
                                    .map(|f| f.span().start),
                            );
                        }
                    }
                }
                Item::Error(_) => {}
            }
        }
        starts
    }
}
