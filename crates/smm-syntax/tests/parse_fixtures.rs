//! One snapshot per fixture: the recovered tree and the rendered errors. Adding a case means
//! adding a file under tests/fixtures/parse/.

mod common;

#[test]
fn parse_fixtures() {
    insta::glob!("fixtures/parse/*.smm", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let parse = smm_syntax::parse(&src);
        let name = path.file_name().unwrap().to_string_lossy();
        let errors = smm_syntax::render(&parse.errors, &name, &src, false);
        insta::assert_snapshot!(format!(
            "{}\n--- {} error(s)\n{}",
            common::dump(&src, &parse.file),
            parse.errors.len(),
            errors
        ));
    });
}
