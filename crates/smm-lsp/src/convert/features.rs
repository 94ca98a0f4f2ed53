//! smm-ide's answers for a whole file as protocol types: outline, folding, selection ranges,
//! semantic tokens, inlay hints, code lenses and code actions.

use smm_ide::{FoldKind, SymbolKind as Kind};
use smm_syntax::Span;
use tower_lsp_server::ls_types::*;

use super::places;
use crate::convert;
use crate::convert::line_map::{Encoding, LineMap};
use crate::documents::Documents;
use crate::state::World;

/// A file of the state with its text and line map.
pub struct InFile<'a> {
    pub file: smm_ide::FileId,
    pub text: &'a str,
    pub map: &'a LineMap,
    pub encoding: Encoding,
}

impl InFile<'_> {
    pub fn range(&self, span: Span) -> Range {
        convert::range(self.map, self.text, span, self.encoding)
    }

    pub fn offset(&self, position: Position) -> usize {
        self.map.offset(self.text, position, self.encoding)
    }

    pub fn span(&self, range: Range) -> Span {
        Span::new(self.offset(range.start), self.offset(range.end))
    }
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Profile => SymbolKind::CLASS,
        Kind::Assessment => SymbolKind::OBJECT,
        Kind::Target | Kind::Practice => SymbolKind::FIELD,
        Kind::Evidence => SymbolKind::STRING,
        Kind::Waiver => SymbolKind::EVENT,
        Kind::Framework | Kind::Standard => SymbolKind::NAMESPACE,
        Kind::Domain | Kind::Subdomain => SymbolKind::PACKAGE,
        Kind::Annex | Kind::Clause => SymbolKind::CONSTANT,
        Kind::Extension => SymbolKind::PROPERTY,
        Kind::Mapping => SymbolKind::MODULE,
        Kind::Edge => SymbolKind::OPERATOR,
        // A clause that nothing maps to, on purpose.
        Kind::Unmapped => SymbolKind::NULL,
    }
}

pub fn document_symbols(world: &World, at: &InFile<'_>) -> Vec<DocumentSymbol> {
    fn convert(at: &InFile<'_>, symbol: smm_ide::Symbol) -> DocumentSymbol {
        #[allow(deprecated)]
        DocumentSymbol {
            name: symbol.name,
            detail: symbol.detail,
            kind: symbol_kind(symbol.kind),
            tags: None,
            deprecated: None,
            range: at.range(symbol.range),
            selection_range: at.range(symbol.selection),
            children: Some(
                symbol
                    .children
                    .into_iter()
                    .map(|c| convert(at, c))
                    .collect(),
            ),
        }
    }
    smm_ide::document_symbols(&world.snapshot(), at.file)
        .into_iter()
        .map(|s| convert(at, s))
        .collect()
}

pub fn workspace_symbols(
    world: &World,
    documents: &Documents,
    query: &str,
    encoding: Encoding,
) -> Vec<SymbolInformation> {
    smm_ide::workspace_symbols(&world.snapshot(), query)
        .into_iter()
        .filter_map(|symbol| {
            let target = smm_ide::NavTarget::File {
                file: symbol.file,
                span: symbol.span,
            };
            let location = places::location(world, documents, target, encoding)?;
            #[allow(deprecated)]
            Some(SymbolInformation {
                name: symbol.name,
                kind: symbol_kind(symbol.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: symbol.container,
            })
        })
        .collect()
}

pub fn folding_ranges(world: &World, at: &InFile<'_>) -> Vec<FoldingRange> {
    smm_ide::folding_ranges(&world.snapshot(), at.file)
        .into_iter()
        .map(|fold| {
            let range = at.range(fold.span);
            FoldingRange {
                start_line: range.start.line,
                start_character: None,
                end_line: range.end.line,
                end_character: None,
                kind: Some(match fold.kind {
                    FoldKind::Block => FoldingRangeKind::Region,
                    FoldKind::Comment => FoldingRangeKind::Comment,
                }),
                collapsed_text: None,
            }
        })
        .collect()
}

pub fn selection_ranges(
    world: &World,
    at: &InFile<'_>,
    positions: &[Position],
) -> Vec<SelectionRange> {
    let offsets: Vec<usize> = positions.iter().map(|p| at.offset(*p)).collect();
    smm_ide::selection_ranges(&world.snapshot(), at.file, &offsets)
        .into_iter()
        .zip(positions)
        .map(|(chain, position)| {
            // The protocol nests from the outside in; an empty chain is the position itself.
            let mut nested: Option<SelectionRange> = None;
            for span in chain.iter().rev() {
                nested = Some(SelectionRange {
                    range: at.range(*span),
                    parent: nested.map(Box::new),
                });
            }
            nested.unwrap_or(SelectionRange {
                range: Range::new(*position, *position),
                parent: None,
            })
        })
        .collect()
}

pub fn semantic_tokens_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: smm_ide::TokenType::ALL
            .iter()
            .map(|t| SemanticTokenType::new(t.name()))
            .collect(),
        token_modifiers: smm_ide::Modifiers::ALL
            .iter()
            .map(|m| SemanticTokenModifier::new(m.name()))
            .collect(),
    }
}

/// Tokens in the protocol's relative encoding: each one's line and start relative to the one
/// before, its length in the negotiated units.
pub fn semantic_tokens(world: &World, at: &InFile<'_>, range: Option<Range>) -> SemanticTokens {
    let span = range.map(|r| at.span(r));
    let mut data = Vec::new();
    let (mut line, mut start) = (0, 0);
    for token in smm_ide::semantic_tokens(&world.snapshot(), at.file, span) {
        let position = at.map.position(at.text, token.span.start, at.encoding);
        let word = &at.text[token.span.range()];
        let length = match at.encoding {
            Encoding::Utf8 => word.len(),
            Encoding::Utf16 => word.encode_utf16().count(),
        } as u32;
        let delta_line = position.line - line;
        let delta_start = if delta_line == 0 {
            position.character - start
        } else {
            position.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: token.kind.index(),
            token_modifiers_bitset: token.modifiers.bits(),
        });
        (line, start) = (position.line, position.character);
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}

pub fn inlay_hints(world: &World, at: &InFile<'_>, range: Range) -> Vec<InlayHint> {
    let span = at.span(range);
    smm_ide::inlay_hints(&world.snapshot(), at.file, span)
        .into_iter()
        .map(|hint| InlayHint {
            position: at.map.position(at.text, hint.offset, at.encoding),
            label: InlayHintLabel::String(hint.label),
            kind: None,
            text_edits: None,
            tooltip: hint.tooltip.map(|markdown| {
                InlayHintTooltip::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: markdown,
                })
            }),
            padding_left: Some(hint.padding_left),
            padding_right: None,
            data: None,
        })
        .collect()
}

pub fn code_lenses(world: &World, at: &InFile<'_>) -> Vec<CodeLens> {
    smm_ide::code_lenses(&world.snapshot(), at.file)
        .into_iter()
        .map(|lens| CodeLens {
            range: at.range(lens.span),
            // A title only: the lens informs, it has nothing to run.
            command: Some(Command::new(lens.title, String::new(), None)),
            data: None,
        })
        .collect()
}

pub fn code_actions(
    world: &World,
    documents: &Documents,
    at: &InFile<'_>,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let span = at.span(params.range);
    smm_ide::code_actions(&world.snapshot(), at.file, span)
        .into_iter()
        .map(|action| {
            // The client's own diagnostics for the finding the action addresses.
            let diagnostics: Vec<Diagnostic> = action
                .finding
                .map(|addressed| {
                    let (code, range) = (addressed.code, at.range(addressed.span));
                    params
                        .context
                        .diagnostics
                        .iter()
                        .filter(|d| {
                            d.range == range
                                && d.code == Some(NumberOrString::String(code.to_string()))
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let kind = match action.kind {
                smm_ide::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                smm_ide::ActionKind::Scaffold => CodeActionKind::REFACTOR_REWRITE,
            };
            CodeActionOrCommand::CodeAction(CodeAction {
                title: action.title,
                kind: Some(kind),
                diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
                edit: Some(places::workspace_edit(
                    world,
                    documents,
                    &action.edits,
                    at.encoding,
                )),
                command: None,
                is_preferred: action.preferred.then_some(true),
                disabled: None,
                data: None,
            })
        })
        .collect()
}
