//! Compiles the built-in model when smm is built (`smm_model::builtin::compile`): each run then
//! loads it (`src/compiled_model.rs`) instead of parsing the embedded catalogs again. Cargo runs
//! this again whenever smm-model changes, as it is a build dependency.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&out).join("builtin-model.bin");
    std::fs::write(&path, smm_model::builtin::compile())
        .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
