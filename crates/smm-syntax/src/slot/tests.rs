use super::*;

/// What may be typed where `$0` stands, and the text typed so far.
fn next(text: &str) -> (String, Expect) {
    let offset = text.find("$0").unwrap();
    let src = text.replace("$0", "");
    let parse = crate::parse(&src);
    let next = next_at(&src, &parse, offset);
    (src[next.typed.range()].to_string(), next.expects)
}

fn value(text: &str) -> Slot {
    match next(text).1 {
        Expect::Value(slot) => slot,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn a_value_after_each_keyword_fills_its_slot() {
    use Use::Refer;
    let cases = [
        ("profile p {\n  target $0\n}", Slot::Practice(Refer)),
        ("profile p {\n  target acc$0\n}", Slot::Practice(Refer)),
        ("profile p {\n  target a level $0\n}", Slot::Level),
        ("profile p {\n  target a level 2 scope $0\n}", Slot::Scope),
        (
            "profile p {\n  target a level 2 scope indus$0\n}",
            Slot::Scope,
        ),
        (
            "profile p {\n  target a level 2 scope industry$0\n}",
            Slot::Scope,
        ),
        ("profile p {\n  role $0\n}", Slot::Role),
        ("profile p {\n  extends $0\n}", Slot::Profile(Refer)),
        ("profile p {\n  follows $0\n}", Slot::Standard(Refer)),
        ("assessment a {\n  profile $0\n}", Slot::Profile(Refer)),
        ("assessment a {\n  waive $0\n}", Slot::Code),
        ("assessment a {\n  waive c for $0\n}", Slot::Practice(Refer)),
        (
            "assessment a {\n  practice p level 1 {\n    evidence \"e\" implements a:1 $0\n  }\n}",
            Slot::Clause(Refer),
        ),
        ("mapping m {\n  map p level 1 to $0\n}", Slot::Clause(Refer)),
        (
            "mapping m {\n  map p level 1 to a:1 for operator $0\n}",
            Slot::Role,
        ),
        ("mapping m {\n  unmapped $0\n}", Slot::Clause(Refer)),
        (
            "profile p {\n  target iec62443-3-3:$0\n}",
            Slot::Clause(Refer),
        ),
    ];
    for (text, slot) in cases {
        assert_eq!(value(text), slot, "{text}");
    }
}

#[test]
fn the_typed_part_ends_at_the_cursor() {
    assert_eq!(next("profile p {\n  target acc$0ess\n}").0, "acc");
    assert_eq!(next("profile p {\n  target $0\n}").0, "");
}

#[test]
fn a_word_first_on_its_line_starts_a_statement_of_its_block() {
    use Keyword as K;
    let statements = |text| match next(text).1 {
        Expect::Statement(keywords) => keywords,
        other => panic!("{text}: {other:?}"),
    };
    assert!(statements("$0").contains(&K::Profile));
    assert!(statements("profile p {\n  tar$0\n}").contains(&K::Target));
    assert!(
        statements("profile p {\n  target a level 1 {\n    $0\n  }\n}").contains(&K::Rationale)
    );
    assert!(statements("assessment a {\n  practice a level 1 { $0 }\n}").contains(&K::Evidence));
    assert!(statements("assessment a {\n  waive c {\n    $0\n  }\n}").contains(&K::Owner));
    assert!(statements("framework f {\n  $0\n}").contains(&K::Subdomain));
    assert!(statements("standard s {\n  clause s:1 {\n    $0\n  }\n}").contains(&K::SecurityLevel));
    assert!(statements("extend s:1 {\n  $0\n}").contains(&K::Text));
    assert_eq!(
        statements("mapping m {\n  unmapped s:1 {\n    $0\n  }\n}"),
        [K::Rationale]
    );
    // A misspelt keyword first on its line continues nothing.
    assert!(statements("profile p {\n  target a level 2\n  rol$0\n}").contains(&K::Role));
}

#[test]
fn nothing_is_expected_where_no_value_goes() {
    assert_eq!(
        next("profile p {\n  target a level 2 $0\n}").1,
        Expect::Nothing
    );
    assert_eq!(
        next("profile p {\n  description \"d\" $0\n}").1,
        Expect::Nothing
    );
}

#[test]
fn the_practice_of_a_rating_line() {
    let src = "profile p {\n  target access-control level 2\n}\nmapping m {\n  map patch-management level 1 to a:1\n}";
    let parse = crate::parse(src);
    let at = |word: &str| src.find(word).unwrap();
    assert_eq!(
        rated_practice(&parse.file, at("2\n")),
        Some("access-control")
    );
    assert_eq!(
        rated_practice(&parse.file, at("1 to")),
        Some("patch-management")
    );
    assert_eq!(rated_practice(&parse.file, 0), None);
}
