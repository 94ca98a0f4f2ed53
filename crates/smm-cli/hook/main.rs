//! `smm-hook`: the `smm` command under the name pre-commit installs (the root package,
//! smm-pre-commit, exists for it; see the root Cargo.toml and .pre-commit-hooks.yaml).

fn main() -> std::process::ExitCode {
    smm_cli::main()
}
