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

/// What each run does instead of `build_builtin_model` when the binary carries the compiled
/// model (`builtin::install`): decode it and build its indexes. Goal: about 1 ms.
#[divan::bench]
fn load_compiled_builtin_model(bencher: divan::Bencher) {
    let bytes = smm_model::builtin::compile();
    bencher.bench(|| {
        let model = smm_model::builtin::decode(
            divan::black_box(&bytes),
            smm_model::builtin::Mappings::Builtin,
        )
        .expect("the compiled model decodes");
        model.practices().count()
    });
}
