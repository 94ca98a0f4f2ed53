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
        item.visit(&mut out);
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

    fn block<F: Visit>(&mut self, block: &Option<Block<F>>) {
        if let Some(block) = block {
            self.push(block.span, NodeKind::Block);
            for entry in &block.entries {
                entry.visit(self);
            }
        }
    }

    fn statement(&mut self, span: Span) {
        self.push(span, NodeKind::Statement);
    }
}

trait Visit {
    fn visit(&self, out: &mut Nodes);
}

impl<F: Visit> Visit for Declaration<F> {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span);
        out.block(&self.body);
    }
}

impl Visit for Item {
    fn visit(&self, out: &mut Nodes) {
        match self {
            Item::Profile(p) => p.visit(out),
            Item::Assessment(a) => a.visit(out),
            Item::Framework(f) => f.visit(out),
            Item::Standard(s) => s.visit(out),
            Item::Mapping(m) => m.visit(out),
            Item::Extension(e) => {
                out.statement(e.span);
                out.block(&e.body);
            }
            Item::Error(span) => out.statement(*span),
        }
    }
}

impl Visit for ProfileField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let ProfileField::Target(t) = self {
            t.visit(out);
        }
    }
}

impl Visit for AssessmentField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
        match self {
            AssessmentField::Practice(p) => p.visit(out),
            AssessmentField::Waiver(w) => {
                out.part(w.practice.as_ref());
                out.part(w.expires.as_ref());
                out.block(&w.body);
            }
            _ => {}
        }
    }
}

impl<F: Visit> Visit for Rating<F> {
    fn visit(&self, out: &mut Nodes) {
        out.part(self.level.as_ref());
        out.part(self.scope.as_ref());
        out.block(&self.body);
    }
}

impl Visit for WaiverField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
    }
}

impl Visit for TargetField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
    }
}

impl Visit for PracticeField {
    fn visit(&self, out: &mut Nodes) {
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

impl Visit for FrameworkField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let FrameworkField::Domain(d)
        | FrameworkField::Subdomain(d)
        | FrameworkField::Practice(d) = self
        {
            d.visit(out);
        }
    }
}

impl Visit for StandardField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
        if let StandardField::Clause(c) = self {
            c.visit(out);
        }
    }
}

impl<Id> Visit for Definition<Id> {
    fn visit(&self, out: &mut Nodes) {
        out.part(self.parent.as_ref());
        out.block(&self.body);
    }
}

impl Visit for DefinitionField {
    fn visit(&self, out: &mut Nodes) {
        out.statement(self.span());
    }
}

impl Visit for MappingField {
    fn visit(&self, out: &mut Nodes) {
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
