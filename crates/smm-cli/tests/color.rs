//! `--color` and NO_COLOR.

mod common;

use common::{has_color, Project, MESSY, THREE_MISTAKES};

fn project() -> Project {
    let p = Project::new();
    p.file("bad.smm", THREE_MISTAKES);
    p
}

#[test]
fn a_pipe_gets_no_colour_by_default() {
    let out = project().run(&["check"]);
    assert!(!has_color(&out.stdout), "{}", out.stdout);
}

#[test]
fn always_forces_colour_even_with_no_color() {
    let p = project();
    let out = p.run(&["check", "--color", "always"]);
    assert!(has_color(&out.stdout));
    let out = p.output(p.smm(&["check", "--color=always"]).env("NO_COLOR", "1"));
    assert!(has_color(&out.stdout));
}

#[test]
fn never_disables_colour() {
    let out = project().run(&["check", "--color", "never"]);
    assert!(!has_color(&out.stdout));
    assert!(out.stdout.contains("bad.smm:3:3"));
}

#[test]
fn fmt_check_diff_is_coloured_on_request() {
    let p = Project::new();
    p.file("messy.smm", MESSY);
    let out = p.run(&["fmt", "--check", "--color", "always"]);
    assert!(has_color(&out.stdout), "{}", out.stdout);
    let out = p.run(&["fmt", "--check"]);
    assert!(!has_color(&out.stdout), "{}", out.stdout);
}

/// Runs `smm check` on a pseudo-terminal through util-linux `script`; None where it is missing.
#[cfg(unix)]
fn on_terminal(p: &Project, no_color: Option<&str>) -> Option<String> {
    let smm = assert_cmd::cargo::cargo_bin!("smm");
    let mut command = std::process::Command::new("script");
    command
        .args(["-q", "-e", "-c"])
        .arg(format!("'{}' check", smm.display()))
        .arg("/dev/null")
        .current_dir(&p.root)
        .env_remove("NO_COLOR");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let output = command.output().ok()?;
    output.status.code()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(unix)]
#[test]
fn auto_colours_a_terminal_unless_no_color_is_set() {
    let p = project();
    let Some(plain_env) = on_terminal(&p, None) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "util-linux `script` is required in CI"
        );
        eprintln!("skipped: util-linux `script` is not available");
        return;
    };
    assert!(plain_env.contains("bad.smm:3:3"), "{plain_env}");
    assert!(has_color(&plain_env), "{plain_env}");
    let no_color = on_terminal(&p, Some("1")).unwrap();
    assert!(no_color.contains("bad.smm:3:3"), "{no_color}");
    assert!(!has_color(&no_color), "{no_color}");
    let empty = on_terminal(&p, Some("")).unwrap();
    assert!(has_color(&empty), "an empty NO_COLOR does not count");
}
