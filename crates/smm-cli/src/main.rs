fn main() -> std::process::ExitCode {
    smm_cli::main()
}
