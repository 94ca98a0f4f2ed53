//! Every node of a file's syntax tree as a span, blocks told apart: folding and selection
//! only need the shape of the tree, not what each node means, so one walk serves both.

use smm_syntax::ast::*;
use smm_syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// `{ ... }`, or up to the last entry when never closed.
    Block,
    /// An item or one entry of a block.
    Statement,
    /// A piece of a statement worth selecting on its own: `level 2`, `implements a:1 b:2`.
    Part,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// The nodes in source order, each before the nodes inside it.
pub(crate) fn nodes(file: &SourceFile) -> Vec<Node> {
    let mut out = Nodes(Vec::new());
    for item in &file.items {
        item.push_nodes(&mut out);
    }
    out.0
}

struct Nodes(Vec<Node>);

impl Nodes {
    fn push(&mut self, span: Span, kind: NodeKind) {
        self.0.push(Node { span, kind });
    }

    fn part<T>(&mut self, setting: Option<&Setting<T>>) {
        if let Some(setting) = setting {
            self.push(setting.span, NodeKind::Part);
        }
    }

    fn block<F: HasNodes>(&mut self, block: &Option<Block<F>>) {
        if let Some(block) = block {
            self.push(block.span, NodeKind::Block);
            for entry in &block.entries {
                entry.push_nodes(self);
            }
        }
    }

    fn statement(&mut self, span: Span) {
        self.push(span, NodeKind::Statement);
    }
}

trait HasNodes {
    fn push_nodes(&self, out: &mut Nodes);
}

impl<F: HasNodes> HasNodes for Declaration<F> {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span);
        out.block(&self.body);
    }
}

impl HasNodes for Item {
    fn push_nodes(&self, out: &mut Nodes) {
        match self {
            Item::Profile(p) => p.push_nodes(out),
            Item::Assessment(a) => a.push_nodes(out),
            Item::Framework(f) => f.push_nodes(out),
            Item::Standard(s) => s.push_nodes(out),
            Item::Mapping(m) => m.push_nodes(out),
            Item::Extension(e) => {
                out.statement(e.span);
                out.block(&e.body);
            }
            Item::Error(span) => out.statement(*span),
        }
    }
}

impl HasNodes for ProfileField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let ProfileField::Target(t) = self {
            t.push_nodes(out);
        }
    }
}

impl HasNodes for AssessmentField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        match self {
            AssessmentField::Practice(p) => p.push_nodes(out),
            AssessmentField::Waiver(w) => {
                out.part(w.practice.as_ref());
                out.part(w.expires.as_ref());
                out.block(&w.body);
            }
            _ => {}
        }
    }
}

/// Entries that are one statement with nothing worth selecting inside.
macro_rules! statements {
    ($($field:ty),*) => {$(
        impl HasNodes for $field {
            fn push_nodes(&self, out: &mut Nodes) {
                out.statement(self.span());
            }
        }
    )*};
}

statements!(WaiverField, TargetField, DefinitionField);

impl<F: HasNodes> HasNodes for Rating<F> {
    fn push_nodes(&self, out: &mut Nodes) {
        out.part(self.level.as_ref());
        out.part(self.scope.as_ref());
        out.block(&self.body);
    }
}

impl HasNodes for PracticeField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let PracticeField::Evidence(e) = self {
            if let (Some(implements), Some(last)) = (e.implements, e.clauses.last()) {
                out.push(implements.cover(last.span), NodeKind::Part);
            }
            out.part(e.expires.as_deref());
            out.part(e.link.as_deref());
        }
    }
}

impl HasNodes for FrameworkField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let FrameworkField::Domain(d)
        | FrameworkField::Subdomain(d)
        | FrameworkField::Practice(d) = self
        {
            d.push_nodes(out);
        }
    }
}

impl HasNodes for StandardField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let StandardField::Clause(c) = self {
            c.push_nodes(out);
        }
    }
}

impl<Id> HasNodes for Definition<Id> {
    fn push_nodes(&self, out: &mut Nodes) {
        out.part(self.parent.as_ref());
        out.block(&self.body);
    }
}

impl HasNodes for MappingField {
    fn push_nodes(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let MappingField::Map(m) = self {
            out.part(m.level.as_ref());
            out.part(m.clause.as_ref());
            out.part(m.relationship.as_ref());
            if let Some((keyword, roles)) = &m.roles {
                let end = roles.last().map_or(*keyword, |r| r.span);
                out.push(keyword.cover(end), NodeKind::Part);
            }
            out.part(m.via.as_ref());
            out.block(&m.body);
        }
        if let MappingField::Unmapped(u) = self {
            out.block(&u.body);
        }
    }
}
