//! What each word stands for: one snapshot per fixture, a line per token. The reading at a
//! single offset (`slot_at`) must agree with the reading of the whole file at every word.

#[test]
fn slot_fixtures() {
    insta::glob!("fixtures/slots/*.smm", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let parse = smm_syntax::parse(&src);
        let lines: Vec<String> = smm_syntax::slot::slots(&src, &parse)
            .filter(|w| !w.token.kind.is_comment())
            .map(|w| {
                let slot = w.slot.map_or("-".to_string(), |s| format!("{s:?}"));
                format!("{:<28} {slot}", &src[w.token.span.range()])
            })
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
    });
}

#[test]
fn the_slot_at_a_word_is_the_slot_the_whole_file_gives_it() {
    let mut words = 0;
    for dir in ["slots", "parse", "mistakes", "format"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "smm") {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            let parse = smm_syntax::parse(&src);
            for word in smm_syntax::slot::slots(&src, &parse) {
                if word.token.kind.is_comment() {
                    continue;
                }
                let span = word.token.span;
                // From its end: at its start, a word ending there would win.
                let expected = word.slot.map(|s| (s, span));
                let found = smm_syntax::slot::slot_at(&src, &parse, span.end);
                assert_eq!(found, expected, "{} at {span:?}", path.display());
                words += 1;
            }
        }
    }
    assert!(words > 1000, "only {words} words compared");
}
