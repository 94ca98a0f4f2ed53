//! The command surface: help, version and the subcommands that exist.

mod common;

use common::Project;

#[test]
fn help_on_every_command() {
    let p = Project::new();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["fmt", "--help"],
        &["catalog", "--help"],
        &["explain", "--help"],
        &["help", "fmt"],
    ] {
        let out = p.run(args);
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        assert!(
            out.stdout.contains("Usage: smm"),
            "{args:?}: {}",
            out.stdout
        );
    }
}

#[test]
fn top_level_help() {
    let out = Project::new().run(&["--help"]);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn version() {
    let out = Project::new().run(&["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        format!(
            "smm {} (built-in mapping, edition {})\n",
            env!("CARGO_PKG_VERSION"),
            smm_model::builtin::MAPPING_EDITION
        )
    );
}

#[test]
fn an_unknown_command_is_refused() {
    let out = Project::new().run(&["frobnicate"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("unrecognized subcommand"),
        "{}",
        out.stderr
    );
}

/// `smm lsp` answers `initialize` on standard output and exits when standard input closes.
#[test]
fn lsp_serves_over_stdio_and_exits_when_input_ends() {
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let message = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let p = Project::new();
    let out = p.output(p.smm(&["lsp"]).write_stdin(message));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("Content-Length: "), "{}", out.stdout);
    assert!(
        out.stdout.contains(r#""hoverProvider":true"#),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(r#""positionEncoding":"utf-16""#),
        "{}",
        out.stdout
    );
}
