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
    assert_eq!(out.stdout, format!("smm {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn commands_still_to_come_do_not_exist_yet() {
    let p = Project::new();
    for name in ["lsp", "report"] {
        let out = p.run(&[name]);
        assert_eq!(out.code, 2, "{name}: {out:?}");
        assert!(
            out.stderr.contains("unrecognized subcommand"),
            "{name}: {}",
            out.stderr
        );
    }
}
