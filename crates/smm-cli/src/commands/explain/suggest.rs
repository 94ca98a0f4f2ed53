//! What the user may have meant by an id the model does not know.

use smm_model::Model;

/// How many ids a prefix hint names before it stops counting them out.
const SHOWN: usize = 6;

/// A `help:` line: the closest id, or where to look when nothing is close.
pub fn hint(model: &Model, id: &str) -> String {
    match id.split_once(':') {
        Some((standard, clause)) => clause_hint(model, id, standard, clause),
        None => plain_hint(model, id).unwrap_or_else(|| "`smm catalog` lists every id".into()),
    }
}

/// A practice, standard, domain, subdomain or framework: spelling first; then a clause of that
/// name in some standard, for a reference typed without its standard (`SR1.1`).
fn plain_hint(model: &Model, id: &str) -> Option<String> {
    let ids = model.complete("");
    if let Some(close) = smm_syntax::did_you_mean(id, ids.iter().map(String::as_str)) {
        return Some(format!("did you mean `{close}`?"));
    }
    let references: Vec<String> = model
        .standards()
        .flat_map(|s| model.clauses_of(s))
        .filter(|c| c.id == id)
        .map(|c| c.reference())
        .collect();
    match references.as_slice() {
        [] => None,
        [one] => Some(format!(
            "clauses are named with their standard: did you mean `{one}`?"
        )),
        many => Some(format!(
            "clauses are named with their standard: did you mean one of {}?",
            quoted(many)
        )),
    }
}

fn clause_hint(model: &Model, id: &str, standard: &str, clause: &str) -> String {
    if model.standard(standard).is_none() {
        // Prefer a standard that has the clause: `iec62443-3-4:SR1.1` is as close to 2-4 as to
        // 3-3, but only 3-3 has an SR1.1.
        let standards: Vec<&str> = model.standards().map(|s| s.id.as_str()).collect();
        let having = standards
            .iter()
            .copied()
            .filter(|s| model.clause(&format!("{s}:{clause}")).is_some());
        if let Some(close) = smm_syntax::did_you_mean(standard, having) {
            return format!("did you mean `{close}:{clause}`?");
        }
        return match smm_syntax::did_you_mean(standard, standards) {
            Some(close) => format!("there is no standard `{standard}`; did you mean `{close}`?"),
            None => format!("there is no standard `{standard}`; `smm catalog` lists them"),
        };
    }
    // Clause numbers are close in spelling to many others (SR1.9 is one edit from SR1.1), so
    // trust where the reference stops matching first: the longest prefix that names clauses.
    let mut prefix = id;
    while prefix.len() > standard.len() + 1 {
        let found = model.complete(prefix);
        if let [only] = found.as_slice() {
            return format!("did you mean `{only}`?");
        }
        // Only the part after the prefix counts, so a long standard name does not make a
        // distant clause look close.
        let tails = found.iter().map(|f| &f[prefix.len()..]);
        if let Some(tail) = smm_syntax::did_you_mean(&id[prefix.len()..], tails) {
            return format!("did you mean `{prefix}{tail}`?");
        }
        if !found.is_empty() {
            return format!("clauses starting with `{prefix}`: {}", listed(&found));
        }
        let last = prefix.char_indices().last().map_or(0, |(i, _)| i);
        prefix = &id[..last];
    }
    // Wrong from the first character (`sr1.1`, `SX1.1`): spelling is all there is to go by,
    // and the standard's name must not count towards how close it is.
    let own = model.complete(&format!("{standard}:"));
    let tails: Vec<&str> = own.iter().map(|c| &c[standard.len() + 1..]).collect();
    let same_but_case = tails.iter().find(|t| t.eq_ignore_ascii_case(clause));
    match same_but_case
        .copied()
        .or_else(|| smm_syntax::did_you_mean(clause, tails.iter().copied()))
    {
        Some(close) => format!("did you mean `{standard}:{close}`?"),
        None => format!("`smm explain {standard}` lists its clauses"),
    }
}

/// `a`, `b` or `c`
fn quoted(ids: &[String]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The first few ids, and how many more there are.
fn listed(ids: &[String]) -> String {
    let shown: Vec<String> = ids.iter().take(SHOWN).map(|id| format!("`{id}`")).collect();
    let more = ids.len().saturating_sub(SHOWN);
    if more == 0 {
        shown.join(", ")
    } else {
        format!("{} and {more} more", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint_for(id: &str) -> String {
        hint(&smm_model::builtin::model(), id)
    }

    #[test]
    fn a_misspelt_practice() {
        assert_eq!(hint_for("acces-control"), "did you mean `access-control`?");
    }

    #[test]
    fn a_clause_without_its_standard() {
        assert_eq!(
            hint_for("SR1.1"),
            "clauses are named with their standard: did you mean `iec62443-3-3:SR1.1`?"
        );
    }

    #[test]
    fn a_misspelt_standard_in_a_reference() {
        assert_eq!(
            hint_for("iec62443-3-4:SR1.1"),
            "did you mean `iec62443-3-3:SR1.1`?"
        );
        assert_eq!(
            hint_for("iso2700:Z.1"),
            "there is no standard `iso2700`; did you mean `iso27001`?"
        );
    }

    #[test]
    fn a_clause_is_suggested_by_the_longest_prefix_that_names_clauses() {
        let cases = [
            ("iec62443-3-3:SR1.99", "did you mean `iec62443-3-3:SR1.9`?"),
            (
                "iec62443-3-3:SR7.8-RE99",
                "did you mean `iec62443-3-3:SR7.8`?",
            ),
            ("iso27001:A.5.155", "did you mean `iso27001:A.5.15`?"),
        ];
        for (id, expected) in cases {
            assert_eq!(hint_for(id), expected, "{id}");
        }
        // A.5.19 is two edits from A.9.99, but nothing starts with A.9: say what does.
        let hint = hint_for("iso27001:A.9.99");
        let expected = "clauses starting with `iso27001:A.`: `iso27001:A.5`, `iso27001:A.5.1`,";
        assert!(hint.starts_with(expected), "{hint}");
        assert!(hint.ends_with("more"), "{hint}");
    }

    #[test]
    fn a_clause_wrong_from_its_first_character_is_suggested_by_spelling() {
        assert_eq!(
            hint_for("iec62443-3-3:sr1.1"),
            "did you mean `iec62443-3-3:SR1.1`?"
        );
        assert_eq!(
            hint_for("iec62443-4-1:XSM-1"),
            "did you mean `iec62443-4-1:SM-1`?"
        );
        assert_eq!(
            hint_for("iec62443-3-3:XYZ-99999"),
            "`smm explain iec62443-3-3` lists its clauses"
        );
    }

    #[test]
    fn an_unknown_standard_points_to_the_catalog() {
        assert_eq!(
            hint_for("foo:bar"),
            "there is no standard `foo`; `smm catalog` lists them"
        );
    }

    #[test]
    fn nothing_close_points_to_the_catalog() {
        assert_eq!(hint_for("zzzzzzzzzz"), "`smm catalog` lists every id");
    }

    #[test]
    fn long_lists_are_cut_short() {
        let ids: Vec<String> = (0..8).map(|i| i.to_string()).collect();
        assert_eq!(listed(&ids), "`0`, `1`, `2`, `3`, `4`, `5` and 2 more");
        assert_eq!(quoted(&ids[..3]), "`0`, `1` or `2`");
        assert_eq!(quoted(&ids[..1]), "`0`");
    }
}
