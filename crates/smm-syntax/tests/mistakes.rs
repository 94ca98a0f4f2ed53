//! The commonest mistakes, one file each under tests/fixtures/mistakes/: each must give exactly
//! one error, worded for a practitioner, and leave the rest of the file parsed.

mod common;

#[test]
fn each_mistake_gives_one_clear_error() {
    insta::glob!("fixtures/mistakes/*.smm", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let parse = smm_syntax::parse(&src);
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(
            parse.errors.len(),
            1,
            "{name}: {:#?}",
            parse.errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        );
        insta::assert_snapshot!(smm_syntax::render(&parse.errors, &name, &src, false));
    });
}
