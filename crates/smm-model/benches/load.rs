//! Loading the built-in model runs at every CLI call and every server start: parse the
//! embedded catalog files and build the model from them. Goal: under 10 ms (it was 5 ms before
//! the mapping data more than doubled the embedded text; parsing is linear, about 45 MB/s).

fn main() {
    divan::main();
}

#[divan::bench]
fn parse_builtin_files() -> usize {
    smm_model::builtin::FILES
        .iter()
        .map(|(_, text)| smm_syntax::parse(divan::black_box(text)).tokens.len())
        .sum()
}

#[divan::bench]
fn build_builtin_model() -> usize {
    let (model, diagnostics) = smm_model::builtin::builder().finish();
    model.practices().count() + diagnostics.len()
}
