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
    Framework(Framework),
    Standard(Standard),
    Extension(Extension),
    Mapping(Mapping),
    /// Tokens at the top level that form no item; the error was reported.
    Error(Span),
}

pub type Profile = Declaration<ProfileField>;
pub type Assessment = Declaration<AssessmentField>;
pub type Framework = Declaration<FrameworkField>;
pub type Standard = Declaration<StandardField>;
pub type Mapping = Declaration<MappingField>;

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
    /// `follows iec62443-2-1-2010`: an older edition this file follows instead of the newest.
    Follows(Setting<Name>),
    Role(Setting<Name>),
    Description(Setting<Text>),
    Target(Box<Target>),
    Error(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssessmentField {
    Profile(Setting<Name>),
    Follows(Setting<Name>),
    Role(Setting<Name>),
    Date(Setting<Date>),
    Assessor(Setting<Text>),
    Description(Setting<Text>),
    Practice(Box<Practice>),
    Waiver(Box<Waiver>),
    Error(Span),
}

/// `waive CODE for PRACTICE expires DATE { reason "…" owner "…" }`: one accepted finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiver {
    pub keyword: Span,
    /// The check code without its `check::` prefix: `unmet-target`.
    pub code: Option<Name>,
    pub practice: Option<Setting<Name>>,
    pub expires: Option<Setting<Date>>,
    pub body: Option<Block<WaiverField>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaiverField {
    Reason(Setting<Text>),
    Owner(Setting<Text>),
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

impl<F> Rating<F> {
    /// The line without its block: where a finding or a hint about the rating goes.
    pub fn line(&self) -> Span {
        let ends = [
            self.practice.as_ref().map(|p| p.span.end),
            self.level.as_ref().map(|l| l.span.end),
            self.scope.as_ref().map(|s| s.span.end),
        ];
        let end = ends.into_iter().flatten().max();
        Span::new(self.keyword.start, end.unwrap_or(self.keyword.end))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetField {
    Rationale(Setting<Text>),
    Note(Setting<Text>),
    Error(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PracticeField {
    Evidence(Box<Evidence>),
    Note(Setting<Text>),
    Error(Span),
}

/// `evidence "What" implements CLAUSE... expires DATE link "path" stub`; modifiers in any
/// order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub keyword: Span,
    pub description: Option<Text>,
    /// The `implements` keyword's span, when present.
    pub implements: Option<Span>,
    pub clauses: Vec<ClauseRef>,
    // Boxed: few evidence lines have either, and a workspace may hold a hundred thousand.
    pub expires: Option<Box<Setting<Date>>>,
    pub link: Option<Box<Setting<Text>>>,
    /// The `stub` keyword's span: a placeholder still to be filled in, which implements
    /// nothing yet.
    pub stub: Option<Span>,
    pub span: Span,
}

/// `framework smm "Title" { ... }`: a maturity framework's structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameworkField {
    Description(Setting<Text>),
    Source(Setting<Text>),
    Domain(Box<Definition<Name>>),
    Subdomain(Box<Definition<Name>>),
    Practice(Box<Definition<Name>>),
    Error(Span),
}

/// `standard iso27002 "Title" { ... }`: a catalog of clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandardField {
    Description(Setting<Text>),
    Source(Setting<Text>),
    Edition(Setting<Text>),
    Supersedes(Setting<Name>),
    Role(Setting<Name>),
    Annex(Annex),
    Clause(Box<Definition<ClauseRef>>),
    Error(Span),
}

/// `domain ID "Title"`, `subdomain ID "Title" parent ID`, `practice ID "Title" parent ID { ... }`
/// in a framework and `clause STD:ID "Title" parent STD:ID { ... }` in a standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition<Id> {
    pub keyword: Span,
    pub id: Option<Id>,
    pub title: Option<Text>,
    pub parent: Option<Setting<Id>>,
    pub body: Option<Block<DefinitionField>>,
    pub span: Span,
}

/// What a definition's block (or an `extend` block) may hold; which fields fit which
/// definition is the model's question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefinitionField {
    Description(Setting<Text>),
    Objective(Setting<Text>),
    Comprehensiveness(LevelText),
    /// Text the user holds a licence for; never shipped in built-in data.
    Text(Setting<Text>),
    /// `security-level 3`: the lowest IEC 62443 security level (SL 1–4) that asks for a
    /// requirement or enhancement.
    SecurityLevel(Setting<Int>),
    Error(Span),
}

/// `comprehensiveness 3 "What level 3 means for this practice"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelText {
    pub keyword: Span,
    pub level: Option<Int>,
    pub text: Option<Text>,
    pub span: Span,
}

/// `annex "A" iso27002`: clause `A.x` of this standard is clause `x` of the other one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annex {
    pub keyword: Span,
    pub label: Option<Text>,
    pub standard: Option<Name>,
    pub span: Span,
}

/// `extend STD:CLAUSE { text "..." }`: the user's own text attached to an existing clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    pub keyword: Span,
    pub clause: Option<ClauseRef>,
    pub body: Option<Block<DefinitionField>>,
    pub span: Span,
}

/// `mapping ID "Title" { ... }`: edges from practices and levels to clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingField {
    Description(Setting<Text>),
    Source(Setting<Text>),
    /// The mapping's version, which an audit names.
    Edition(Setting<Text>),
    Map(Box<MapEdge>),
    Unmapped(Box<Unmapped>),
    Error(Span),
}

/// `map PRACTICE level N to STD:CLAUSE as RELATIONSHIP for ROLE... [via STD:CLAUSE]
/// [{ rationale "..." }]`; modifiers in any order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEdge {
    pub keyword: Span,
    pub practice: Option<Name>,
    pub level: Option<Setting<Int>>,
    pub clause: Option<Setting<ClauseRef>>,
    pub relationship: Option<Setting<Name>>,
    /// The `for` keyword and the roles after it.
    pub roles: Option<(Span, Vec<Name>)>,
    pub via: Option<Setting<ClauseRef>>,
    pub body: Option<Block<TargetField>>,
    pub span: Span,
}

/// `unmapped STD:CLAUSE { rationale "..." }`: a clause that no practice maps to on purpose,
/// and why. The block holds `rationale` only (the parser accepts nothing else in it); the
/// model requires it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    pub keyword: Span,
    pub clause: Option<ClauseRef>,
    pub body: Option<Block<TargetField>>,
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
            Item::Framework(f) => f.span,
            Item::Standard(s) => s.span,
            Item::Extension(e) => e.span,
            Item::Mapping(m) => m.span,
            Item::Error(span) => *span,
        }
    }

    pub fn name(&self) -> Option<&Name> {
        match self {
            Item::Profile(p) => p.name.as_ref(),
            Item::Assessment(a) => a.name.as_ref(),
            Item::Framework(f) => f.name.as_ref(),
            Item::Standard(s) => s.name.as_ref(),
            Item::Mapping(m) => m.name.as_ref(),
            Item::Extension(_) | Item::Error(_) => None,
        }
    }
}

impl ProfileField {
    pub fn span(&self) -> Span {
        match self {
            ProfileField::Industry(s)
            | ProfileField::Extends(s)
            | ProfileField::Follows(s)
            | ProfileField::Role(s) => s.span,
            ProfileField::Description(s) => s.span,
            ProfileField::Target(t) => t.span,
            ProfileField::Error(span) => *span,
        }
    }
}

impl AssessmentField {
    pub fn span(&self) -> Span {
        match self {
            AssessmentField::Profile(s)
            | AssessmentField::Follows(s)
            | AssessmentField::Role(s) => s.span,
            AssessmentField::Date(s) => s.span,
            AssessmentField::Assessor(s) | AssessmentField::Description(s) => s.span,
            AssessmentField::Practice(p) => p.span,
            AssessmentField::Waiver(w) => w.span,
            AssessmentField::Error(span) => *span,
        }
    }
}

impl WaiverField {
    pub fn span(&self) -> Span {
        match self {
            WaiverField::Reason(s) | WaiverField::Owner(s) => s.span,
            WaiverField::Error(span) => *span,
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

    /// The text of the first `rationale` in a target's, map line's or unmapped line's block.
    pub fn rationale_in(body: &Option<Block<TargetField>>) -> Option<&str> {
        body.iter().flat_map(|b| &b.entries).find_map(|f| match f {
            TargetField::Rationale(s) => s.value.as_ref().map(|t| t.value.as_str()),
            _ => None,
        })
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

impl FrameworkField {
    pub fn span(&self) -> Span {
        match self {
            FrameworkField::Description(s) | FrameworkField::Source(s) => s.span,
            FrameworkField::Domain(d)
            | FrameworkField::Subdomain(d)
            | FrameworkField::Practice(d) => d.span,
            FrameworkField::Error(span) => *span,
        }
    }

    fn body(&self) -> Option<&Block<DefinitionField>> {
        match self {
            FrameworkField::Domain(d)
            | FrameworkField::Subdomain(d)
            | FrameworkField::Practice(d) => d.body.as_ref(),
            _ => None,
        }
    }
}

impl StandardField {
    pub fn span(&self) -> Span {
        match self {
            StandardField::Description(s)
            | StandardField::Source(s)
            | StandardField::Edition(s) => s.span,
            StandardField::Supersedes(s) | StandardField::Role(s) => s.span,
            StandardField::Annex(a) => a.span,
            StandardField::Clause(c) => c.span,
            StandardField::Error(span) => *span,
        }
    }

    fn body(&self) -> Option<&Block<DefinitionField>> {
        match self {
            StandardField::Clause(c) => c.body.as_ref(),
            _ => None,
        }
    }
}

impl MappingField {
    pub fn span(&self) -> Span {
        match self {
            MappingField::Description(s) | MappingField::Source(s) | MappingField::Edition(s) => {
                s.span
            }
            MappingField::Map(m) => m.span,
            MappingField::Unmapped(u) => u.span,
            MappingField::Error(span) => *span,
        }
    }

    fn body(&self) -> Option<&Block<TargetField>> {
        match self {
            MappingField::Map(m) => m.body.as_ref(),
            MappingField::Unmapped(u) => u.body.as_ref(),
            _ => None,
        }
    }
}

impl DefinitionField {
    pub fn span(&self) -> Span {
        match self {
            DefinitionField::Description(s)
            | DefinitionField::Objective(s)
            | DefinitionField::Text(s) => s.span,
            DefinitionField::SecurityLevel(s) => s.span,
            DefinitionField::Comprehensiveness(l) => l.span,
            DefinitionField::Error(span) => *span,
        }
    }
}

impl SourceFile {
    /// The start offset of every item and statement. The formatter breaks lines exactly there.
    pub fn statement_starts(&self) -> Vec<usize> {
        fn nested<F, G>(
            starts: &mut Vec<usize>,
            body: &Option<Block<F>>,
            span: impl Fn(&F) -> Span,
            inner: impl Fn(&F) -> Option<&Block<G>>,
            inner_span: impl Fn(&G) -> Span,
        ) {
            for field in body.iter().flat_map(|b| &b.entries) {
                starts.push(span(field).start);
                if let Some(block) = inner(field) {
                    starts.extend(block.entries.iter().map(|f| inner_span(f).start));
                }
            }
        }
        let mut starts = Vec::new();
        for item in &self.items {
            starts.push(item.span().start);
            match item {
                Item::Profile(p) => nested(
                    &mut starts,
                    &p.body,
                    ProfileField::span,
                    |f| match f {
                        ProfileField::Target(t) => t.body.as_ref(),
                        _ => None,
                    },
                    TargetField::span,
                ),
                Item::Assessment(a) => {
                    nested(
                        &mut starts,
                        &a.body,
                        AssessmentField::span,
                        |f| match f {
                            AssessmentField::Practice(p) => p.body.as_ref(),
                            _ => None,
                        },
                        PracticeField::span,
                    );
                    // The second kind of block in an assessment: a waiver's.
                    let waivers = a
                        .body
                        .iter()
                        .flat_map(|b| &b.entries)
                        .filter_map(|f| match f {
                            AssessmentField::Waiver(w) => w.body.as_ref(),
                            _ => None,
                        });
                    for block in waivers {
                        starts.extend(block.entries.iter().map(|f| f.span().start));
                    }
                }
                Item::Framework(f) => nested(
                    &mut starts,
                    &f.body,
                    FrameworkField::span,
                    FrameworkField::body,
                    DefinitionField::span,
                ),
                Item::Standard(s) => nested(
                    &mut starts,
                    &s.body,
                    StandardField::span,
                    StandardField::body,
                    DefinitionField::span,
                ),
                Item::Mapping(m) => nested(
                    &mut starts,
                    &m.body,
                    MappingField::span,
                    MappingField::body,
                    TargetField::span,
                ),
                Item::Extension(e) => starts.extend(
                    e.body
                        .iter()
                        .flat_map(|b| &b.entries)
                        .map(|f| f.span().start),
                ),
                Item::Error(_) => {}
            }
        }
        starts
    }
}
