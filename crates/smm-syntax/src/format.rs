pub fn format(_src: &str) -> Result<String, Vec<crate::Diagnostic>> {
    todo!()
}
