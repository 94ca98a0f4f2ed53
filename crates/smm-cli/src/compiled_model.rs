//! The built-in model, compiled when smm is built (build.rs) and carried in the binary: `main`
//! installs it, so that a run decodes it instead of parsing the embedded catalogs.

const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-model.bin"));

/// Lets `smm_model::builtin::model_with` load the compiled model.
pub fn install() {
    smm_model::builtin::install(BYTES);
}

#[cfg(test)]
mod tests {
    use smm_model::builtin::{self, Mappings};

    #[test]
    fn the_binary_carries_the_compiled_model() {
        for mappings in [Mappings::Builtin, Mappings::OwnOnly] {
            let model =
                builtin::decode(super::BYTES, mappings).expect("the compiled model decodes");
            let parsed = builtin::builder_with(mappings).finish().0;
            assert!(model.clause("iec62443-3-3:SR1.1").is_some());
            assert_eq!(model.files().len(), parsed.files().len());
            assert_eq!(model.edges().len(), parsed.edges().len());
            assert_eq!(model.mappings().count(), parsed.mappings().count());
        }
        let with = builtin::decode(super::BYTES, Mappings::Builtin).unwrap();
        assert!(with.edges().len() > 500, "the built-in mapping is there");
    }
}
