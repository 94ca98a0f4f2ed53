//! `security-level N` in a clause's block or an `extend` block: the lowest IEC 62443 security
//! level (1–4) that asks for a requirement or an enhancement. A catalog states it once; an
//! `extend` may add it to a clause that lacks it, but not change it.

use smm_syntax::ast::{self, DefinitionField};

use super::ModelBuilder;
use crate::entities::FileId;
use crate::ModelCode;

impl ModelBuilder {
    /// The one valid `security-level` of a block, reporting a value out of range or a second
    /// line.
    pub(super) fn security_level(
        &mut self,
        file: FileId,
        key: &str,
        body: &Option<ast::Block<DefinitionField>>,
    ) -> Option<u8> {
        let mut found: Option<(u8, smm_syntax::Span)> = None;
        for field in body.iter().flat_map(|b| &b.entries) {
            let DefinitionField::SecurityLevel(setting) = field else {
                continue;
            };
            let Some(int) = &setting.value else { continue };
            let Some(level) = int.value.filter(|v| (1..=4).contains(v)) else {
                let e = ModelCode::SecurityLevelOutOfRange
                    .diagnostic(
                        int.span,
                        format!("security levels are 1 to 4, not {}", int.text),
                    )
                    .with_help("IEC 62443 grades capabilities SL 1 to SL 4");
                self.report(file, e, Vec::new());
                continue;
            };
            if let Some((_, first)) = found {
                self.second_security_level(file, key, setting.keyword, Some(first));
                continue;
            }
            found = Some((level as u8, setting.keyword));
        }
        found.map(|(level, _)| level)
    }

    /// An `extend` block's security level for the clause at `key`: kept when the clause has
    /// none, accepted silently when it repeats the clause's, reported when it differs.
    pub(super) fn extend_security_level(
        &mut self,
        file: FileId,
        key: &str,
        body: &Option<ast::Block<DefinitionField>>,
    ) {
        let Some(level) = self.security_level(file, key, body) else {
            return;
        };
        let clause = self.model.clauses.get_mut(key).expect("an extended clause");
        match clause.security_level {
            None => clause.security_level = Some(level),
            Some(same) if same == level => {}
            Some(_) => {
                let span = body
                    .iter()
                    .flat_map(|b| &b.entries)
                    .find_map(|f| match f {
                        DefinitionField::SecurityLevel(s) => Some(s.keyword),
                        _ => None,
                    })
                    .expect("a security-level line");
                self.second_security_level(file, key, span, None);
            }
        }
    }

    fn second_security_level(
        &mut self,
        file: FileId,
        key: &str,
        span: smm_syntax::Span,
        first: Option<smm_syntax::Span>,
    ) {
        let help = match first {
            Some(_) => "keep one `security-level` line".to_string(),
            None => format!(
                "the catalog already gives `{key}` a different security level; an `extend` can add one, not change it"
            ),
        };
        let mut e = ModelCode::DuplicateSecurityLevel
            .diagnostic(span, format!("`{key}` is given a second security level"))
            .with_label("second security level")
            .with_help(help);
        if let Some(first) = first {
            e = e.with_related(first, "first given here");
        }
        self.report(file, e, Vec::new());
    }
}
