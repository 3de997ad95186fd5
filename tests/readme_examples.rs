//! The README's examples are the command's real output. A block marked
//! `<!-- readme-test: exit N -->` before its ```` ```console ```` fence holds `$ gongwen …`
//! commands, each followed by the standard output it prints; each is run from the crate's root,
//! without colour, and its output and exit code compared with the text, a line `…` standing for
//! any number of lines. A block marked `<!-- readme-test: ci -->` is the CI workflow: its
//! `run:` steps that call gongwen are run through `sh` with the binary first on `PATH` and must
//! pass, and its install step must be one that builds from this checkout.

use std::path::Path;
use std::process::Command;

/// One marked block of the README: what the marker says, the line it starts on, its lines.
struct Block {
    mark: String,
    line: usize,
    body: Vec<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The marked blocks, in order.
fn blocks() -> Vec<Block> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(mark) = lines[i]
            .trim()
            .strip_prefix("<!-- readme-test:")
            .and_then(|m| m.strip_suffix("-->"))
        else {
            i += 1;
            continue;
        };
        let fence = i + 1;
        assert!(
            lines.get(fence).is_some_and(|l| l.starts_with("```")),
            "README.md:{}: a readme-test mark must stand right before a code fence",
            i + 1
        );
        let end = (fence + 1..lines.len())
            .find(|&k| lines[k].starts_with("```"))
            .unwrap_or_else(|| panic!("README.md:{}: the block does not end", fence + 1));
        out.push(Block {
            mark: mark.trim().to_string(),
            line: fence + 1,
            body: lines[fence + 1..end]
                .iter()
                .map(|l| l.to_string())
                .collect(),
        });
        i = end + 1;
    }
    out
}

/// Whether `actual` is `expected`, each line `…` of which stands for any lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    // can[i][j]: expected[i..] matches actual[j..]
    let (n, m) = (expected.len(), actual.len());
    let mut can = vec![vec![false; m + 1]; n + 1];
    can[n][m] = true;
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            can[i][j] = if expected[i] == "…" {
                can[i + 1][j] || (j < m && can[i][j + 1])
            } else {
                j < m && expected[i] == actual[j] && can[i + 1][j + 1]
            };
        }
    }
    can[0][0]
}

fn gongwen() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

#[test]
fn the_readme_examples_are_what_the_command_prints() {
    let blocks = blocks();
    let mut commands = Vec::new();
    for b in blocks.iter().filter(|b| b.mark.starts_with("exit ")) {
        let code: i32 = b.mark["exit ".len()..]
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("README.md:{}: not an exit code: {}", b.line, b.mark));
        let mut i = 0;
        while i < b.body.len() {
            let cmd = b.body[i].strip_prefix("$ ").unwrap_or_else(|| {
                panic!(
                    "README.md:{}: a block starts with a `$ ` command",
                    b.line + i + 1
                )
            });
            let expected: Vec<String> = b.body[i + 1..]
                .iter()
                .take_while(|l| !l.starts_with("$ "))
                .cloned()
                .collect();
            let args: Vec<&str> = cmd.split_whitespace().collect();
            assert_eq!(args.first(), Some(&"gongwen"), "README.md: {cmd}");
            let o = gongwen().args(&args[1..]).output().unwrap();
            let out = String::from_utf8_lossy(&o.stdout);
            let actual: Vec<&str> = out.lines().collect();
            assert!(
                matches(&expected, &actual),
                "README.md:{}: `{cmd}` prints\n{out}\nnot what the README shows:\n{}",
                b.line + i + 1,
                expected.join("\n")
            );
            assert_eq!(
                o.status.code(),
                Some(code),
                "README.md:{}: `{cmd}`: {}",
                b.line + i + 1,
                String::from_utf8_lossy(&o.stderr)
            );
            commands.push(cmd.to_string());
            i += 1 + expected.len();
        }
    }
    // the examples the README promises are among those run
    for want in ["gongwen outline", "gongwen check", "gongwen fix --diff"] {
        assert!(
            commands.iter().any(|c| c.starts_with(want)),
            "no `{want}` example is marked for this test: {commands:?}"
        );
    }
}

#[test]
fn the_readme_ci_workflow_runs_as_written() {
    let blocks = blocks();
    let ci: Vec<&Block> = blocks.iter().filter(|b| b.mark == "ci").collect();
    assert_eq!(ci.len(), 1, "one block marked readme-test: ci");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_gongwen")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let (mut installs, mut checks) = (0, 0);
    for (k, line) in ci[0].body.iter().enumerate() {
        let Some(run) = line.trim().strip_prefix("- run:") else {
            continue;
        };
        let run = run.trim();
        let at = ci[0].line + k + 1;
        if let Some(args) = run.strip_prefix("cargo install ") {
            // built from this checkout: no URL to go stale, and the lock file it asks for is here
            assert!(
                args.split_whitespace().any(|a| a == "."),
                "README.md:{at}: {run}"
            );
            if args.contains("--locked") {
                assert!(
                    root().join("Cargo.lock").exists(),
                    "--locked needs Cargo.lock"
                );
            }
            installs += 1;
        } else if run.starts_with("gongwen ") {
            let o = Command::new("sh")
                .arg("-c")
                .arg(run)
                .current_dir(root())
                .env("PATH", &path)
                .output()
                .unwrap();
            assert_eq!(
                o.status.code(),
                Some(0),
                "README.md:{at}: `{run}` fails: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(!o.stdout.is_empty() || !o.stderr.is_empty(), "{run}");
            checks += 1;
        } else {
            panic!("README.md:{at}: a step this test does not know how to run: {run}");
        }
    }
    assert_eq!(
        (installs, checks),
        (1, 1),
        "an install step and a check step"
    );
}

#[test]
fn an_ellipsis_stands_for_any_lines_and_nothing_else_does() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "…", "d"]), &["a", "d"]));
    assert!(!matches(&e(&["a", "…", "d"]), &["a", "b", "c"]));
    assert!(!matches(&e(&["a", "b"]), &["a", "b", "c"]));
    assert!(matches(&e(&[]), &[]));
}
