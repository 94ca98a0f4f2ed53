//! Moving parts of a tree along the text: after an edit, the items that follow it keep their
//! parse and move by the edit's change in length (`reparse`).

use crate::ast::*;
use crate::{Span, Token};

/// Adds `by` to every byte offset held.
pub trait Shift {
    fn shift(&mut self, by: isize);
}

impl Shift for Span {
    fn shift(&mut self, by: isize) {
        self.start = self.start.wrapping_add_signed(by);
        self.end = self.end.wrapping_add_signed(by);
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, by: isize) {
        if let Some(inner) = self {
            inner.shift(by);
        }
    }
}

impl<T: Shift> Shift for [T] {
    fn shift(&mut self, by: isize) {
        self.iter_mut().for_each(|inner| inner.shift(by));
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, by: isize) {
        self.as_mut_slice().shift(by);
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift(&mut self, by: isize) {
        (**self).shift(by);
    }
}

impl<A: Shift, B: Shift> Shift for (A, B) {
    fn shift(&mut self, by: isize) {
        self.0.shift(by);
        self.1.shift(by);
    }
}

impl Shift for Token {
    fn shift(&mut self, by: isize) {
        self.span.shift(by);
    }
}

/// `Shift` for a struct: the fields before `;` hold offsets, those after do not. Every field
/// is named (the pattern has no `..`), so a field added to the tree without being listed here
/// does not compile.
macro_rules! fields {
    ($($ty:ident $(<$($p:ident),*>)? { $($field:ident),* $(; $($plain:ident),*)? })*) => {$(
        impl$(<$($p: Shift),*>)? Shift for $ty$(<$($p),*>)? {
            fn shift(&mut self, by: isize) {
                let $ty { $($field,)* $($($plain: _,)*)? } = self;
                $($field.shift(by);)*
            }
        }
    )*};
}

fields! {
    Declaration<F> { keyword, name, title, body, span }
    Block<F> { open, entries, close, span }
    Waiver { keyword, code, practice, expires, body, span }
    Rating<F> { keyword, practice, level, scope, body, span }
    Evidence { keyword, description, implements, clauses, expires, link, stub, span }
    Definition<Id> { keyword, id, title, parent, body, span }
    LevelText { keyword, level, text, span }
    Annex { keyword, label, standard, span }
    Extension { keyword, clause, body, span }
    MapEdge { keyword, practice, level, clause, relationship, roles, via, body, span }
    Unmapped { keyword, clause, body, span }
    Setting<T> { keyword, value, span }
    Name { span; text }
    Text { span; value }
    Int { span; text, value }
    Date { span; year, month, day }
    ClauseRef { span; standard, clause }
}

/// `Shift` for an enum whose every variant holds one shiftable value.
macro_rules! variants {
    ($($ty:ident { $($variant:ident),* })*) => {$(
        impl Shift for $ty {
            fn shift(&mut self, by: isize) {
                match self {
                    $($ty::$variant(inner) => inner.shift(by),)*
                }
            }
        }
    )*};
}

variants! {
    Item { Profile, Assessment, Framework, Standard, Extension, Mapping, Error }
    ProfileField { Industry, Extends, Follows, Role, Description, Target, Error }
    AssessmentField { Profile, Follows, Role, Date, Assessor, Description, Practice, Waiver, Error }
    WaiverField { Reason, Owner, Error }
    TargetField { Rationale, Note, Error }
    PracticeField { Evidence, Note, Error }
    FrameworkField { Description, Source, Domain, Subdomain, Practice, Error }
    StandardField { Description, Source, Edition, Supersedes, Role, Annex, Clause, Error }
    DefinitionField { Description, Objective, Comprehensiveness, Text, SecurityLevel, Error }
    MappingField { Description, Source, Edition, Map, Unmapped, Error }
}
