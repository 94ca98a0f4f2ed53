//! Inputs that would overflow a recursive parser: the grammar has a fixed depth and the
//! recovery counts braces instead of recursing, so these parse on a small stack.

fn parse_on_small_stack(src: String) -> usize {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let parse = smm_syntax::parse(&src);
            assert!(smm_syntax::format(&src).is_err());
            parse.errors.len()
        })
        .unwrap()
        .join()
        .expect("the parser must not overflow the stack")
}

#[test]
fn hundred_thousand_unmatched_open_braces_give_one_error() {
    assert_eq!(parse_on_small_stack("{".repeat(100_000)), 1);
}

#[test]
fn unmatched_braces_inside_an_item() {
    let src = format!("profile p {{\n{}", "{".repeat(100_000));
    // The skipped braces, and the profile's own block left open.
    assert_eq!(parse_on_small_stack(src), 2);
}

#[test]
fn hundred_thousand_closing_braces_give_one_error() {
    assert_eq!(parse_on_small_stack("}".repeat(100_000)), 1);
}

#[test]
fn many_nested_blocks_in_a_target() {
    let src = format!(
        "profile p {{\n  target a level 1 {{\n{}{}\n  }}\n}}\n",
        "{".repeat(50_000),
        "}".repeat(50_000)
    );
    assert_eq!(parse_on_small_stack(src), 1);
}

#[test]
fn many_quotes_and_comment_openers() {
    assert!(parse_on_small_stack("\"".repeat(100_001)) >= 1);
    assert_eq!(parse_on_small_stack("/* ".repeat(50_000)), 1);
}

#[test]
fn long_lines_do_not_make_the_parser_quadratic() {
    let strays = format!("profile p {{ industry x{} }}", " a".repeat(100_000));
    assert_eq!(parse_on_small_stack(strays), 1);
    let braces = format!("profile p {{ {}{}", "{".repeat(50_000), "}".repeat(50_000));
    assert_eq!(parse_on_small_stack(braces), 2);
}
