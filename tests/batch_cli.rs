//! Many inputs at once: `convert --out-dir` keeps the inputs' layout and every output reads
//! back, `outline` over several files prints them in input order, a file that cannot be read
//! among good ones gives its error, the others' output and exit 2, and `--jobs 1` and
//! `--jobs 2` print the same bytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gongwen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The bundled samples that convert reads (.txt and .md), by name.
fn sample_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "docx")
        })
        .collect();
    v.sort();
    assert!(v.len() >= 3, "{v:?}");
    v
}

/// A folder holding the samples at its top and again in `sub/deeper/`.
fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let deep = d.path().join("in/sub/deeper");
    std::fs::create_dir_all(&deep).unwrap();
    for f in sample_files() {
        std::fs::copy(&f, d.path().join("in").join(f.file_name().unwrap())).unwrap();
        std::fs::copy(&f, deep.join(f.file_name().unwrap())).unwrap();
    }
    d
}

/// The outline rows other than the title's, without their line numbers: what a conversion
/// must carry (a title split over two lines may come back as one).
fn headings(dir: &Path, file: &Path) -> Vec<String> {
    let o = gongwen(dir, &["outline", "-f", "tsv", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}: {}", file.display(), stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t').map(|(_, rest)| rest.to_string()))
        .filter(|r| !r.starts_with("title\t"))
        .collect()
}

#[test]
fn a_folder_converts_to_docx_markdown_and_yaml_keeping_its_layout() {
    let d = tree();
    let sources: Vec<PathBuf> = ["", "sub/deeper"]
        .iter()
        .flat_map(|sub| {
            sample_files()
                .into_iter()
                .map(move |f| Path::new(sub).join(f.file_name().unwrap()))
        })
        .collect();
    for to in ["docx", "md", "yaml"] {
        let out = format!("out-{to}");
        let o = gongwen(
            d.path(),
            &["convert", "in", "--out-dir", &out, "--to", to, "-j", "2"],
        );
        assert_eq!(code(&o), 0, "{to}: {}", stderr(&o));
        let n = sources.len();
        assert!(
            stderr(&o).contains(&format!("{n} files, 0 failed; {n} written")),
            "{}",
            stderr(&o)
        );
        let mut made: Vec<PathBuf> = walk(&d.path().join(&out))
            .into_iter()
            .map(|p| p.strip_prefix(d.path().join(&out)).unwrap().to_path_buf())
            .collect();
        made.sort();
        let mut want: Vec<PathBuf> = sources.iter().map(|s| s.with_extension(to)).collect();
        want.sort();
        assert_eq!(made, want, "{to}");
        for s in &sources {
            let src = d.path().join("in").join(s);
            let got = d.path().join(&out).join(s.with_extension(to));
            if to == "yaml" {
                let text = std::fs::read_to_string(&got).unwrap();
                let v: serde_yaml::Value = serde_yaml::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", got.display()));
                assert_eq!(
                    v["schema"].as_str(),
                    Some("gongwen.tree/9"),
                    "{}",
                    got.display()
                );
            } else {
                assert_eq!(
                    headings(d.path(), &got),
                    headings(d.path(), &src),
                    "{} -> {}",
                    src.display(),
                    got.display()
                );
            }
        }
    }
    // -o still converts one input, and refuses several
    let o = gongwen(d.path(), &["convert", "in/通知.txt", "-o", "one.docx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(d.path().join("one.docx").is_file());
    let o = gongwen(
        d.path(),
        &["convert", "in/通知.txt", "in/办法.md", "-o", "two.docx"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--out-dir"), "{}", stderr(&o));
}

#[test]
fn one_run_writes_every_format_asked_for() {
    let d = tree();
    let o = gongwen(
        d.path(),
        &["convert", "in", "--out-dir", "all", "-t", "docx,md,yaml"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut want = Vec::new();
    for sub in ["", "sub/deeper"] {
        for f in sample_files() {
            let rel = Path::new(sub).join(f.file_name().unwrap());
            for to in ["docx", "md", "yaml"] {
                want.push(rel.with_extension(to));
            }
        }
    }
    want.sort();
    let root = d.path().join("all");
    let mut made: Vec<PathBuf> = walk(&root)
        .into_iter()
        .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    made.sort();
    assert_eq!(made, want);
    // standard error is no terminal here (as in a CI log): no progress bar in it
    assert!(
        !stderr(&o).contains("files/s") && !stderr(&o).contains('█'),
        "{}",
        stderr(&o)
    );
    // the files are counted once, the outputs each
    let files = want.len() / 3;
    assert!(
        stderr(&o).contains(&format!("{files} files, 0 failed; {} written", want.len())),
        "{}",
        stderr(&o)
    );
    // each output is the one --to alone gives
    let o = gongwen(d.path(), &["convert", "in", "--out-dir", "md", "-t", "md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in sample_files() {
        let name = Path::new(f.file_name().unwrap()).with_extension("md");
        assert_eq!(
            std::fs::read(root.join(&name)).unwrap(),
            std::fs::read(d.path().join("md").join(&name)).unwrap(),
            "{}",
            name.display()
        );
    }
    // -o writes one format
    let o = gongwen(
        d.path(),
        &["convert", "in/通知.txt", "-o", "x.docx", "-t", "docx,md"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("one format"), "{}", stderr(&o));
    assert!(!d.path().join("x.docx").exists());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_glob_selects_files_and_keeps_the_layout_below_its_folder() {
    let d = tree();
    let o = gongwen(
        d.path(),
        &["convert", "in/**/*.txt", "--out-dir", "g", "-t", "md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let txts: Vec<_> = sample_files()
        .into_iter()
        .filter(|f| f.extension().unwrap() == "txt")
        .collect();
    for f in &txts {
        let name = Path::new(f.file_name().unwrap()).with_extension("md");
        assert!(d.path().join("g").join(&name).is_file(), "{name:?}");
        assert!(
            d.path().join("g/sub/deeper").join(&name).is_file(),
            "{name:?}"
        );
    }
    assert_eq!(walk(&d.path().join("g")).len(), 2 * txts.len());
    let o = gongwen(d.path(), &["check", "in/*.nothing"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no file matches") || stdout(&o).contains("no file matches"));
}

#[test]
fn outline_prints_many_files_in_the_order_given() {
    let files = sample_files();
    let mut order: Vec<&PathBuf> = files.iter().collect();
    order.reverse();
    order.rotate_left(1);
    let names: Vec<&str> = order.iter().map(|p| p.to_str().unwrap()).collect();
    let here = samples();
    let one = |f: &str| stdout(&gongwen(&here, &["outline", "-f", "tsv", f]));
    for jobs in ["1", "2"] {
        let mut args = vec!["outline", "-f", "tsv", "-j", jobs];
        args.extend(&names);
        let o = gongwen(&here, &args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("path\tline\tkind\tlevel\tmarker\ttitle"));
        // each file's rows, in the order given, each row led by its path
        let mut want = String::new();
        for f in &names {
            for row in one(f).lines().skip(1) {
                want.push_str(&format!("{f}\t{row}\n"));
            }
        }
        let got: String = lines.map(|l| format!("{l}\n")).collect();
        assert_eq!(got, want, "jobs {jobs}");
    }
    // JSON: an array of the files' documents, in order
    let mut args = vec!["outline", "-f", "json"];
    args.extend(&names);
    let v: serde_json::Value = serde_json::from_str(&stdout(&gongwen(&here, &args))).unwrap();
    let got: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(got, names);
    // one file prints as it always has: no path column
    let single = one(names[0]);
    assert!(single.starts_with("line\tkind"), "{single}");
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_others_go_on() {
    let d = tempfile::tempdir().unwrap();
    let good: Vec<PathBuf> = sample_files()
        .into_iter()
        .filter(|f| f.extension().unwrap() == "txt")
        .collect();
    for f in &good {
        std::fs::copy(f, d.path().join(f.file_name().unwrap())).unwrap();
    }
    // a zip header and nothing of a package after it
    std::fs::write(d.path().join("broken.docx"), b"PK\x03\x04not a package").unwrap();
    let names: Vec<String> = good
        .iter()
        .map(|f| f.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["outline", "-f", "tsv", names[0].as_str(), "broken.docx"];
    args.extend(names[1..].iter().map(String::as_str));
    let o = gongwen(d.path(), &args);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("gongwen: error: broken.docx: "),
        "{}",
        stderr(&o)
    );
    let n = names.len() + 1;
    assert!(
        stderr(&o).contains(&format!("{n} files, 1 failed")),
        "{}",
        stderr(&o)
    );
    let shown: Vec<String> = stdout(&o)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .fold(Vec::new(), |mut v, p| {
            if v.last() != Some(&p) {
                v.push(p);
            }
            v
        });
    assert_eq!(shown, names);
    // check and convert over the folder: the same
    let o = gongwen(d.path(), &["check", "-f", "json", "."]);
    assert_eq!(code(&o), 2);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), names.len());
    assert!(
        v["errors"][0]
            .as_str()
            .unwrap()
            .starts_with("broken.docx: "),
        "{v}"
    );
    assert!(stderr(&o).contains("broken.docx"));
    let o = gongwen(d.path(), &["convert", ".", "--out-dir", "out"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("broken.docx"), "{}", stderr(&o));
    for n in &names {
        assert!(d
            .path()
            .join("out")
            .join(Path::new(n).with_extension("docx"))
            .is_file());
    }
    assert!(!d.path().join("out/broken.docx").exists());
}

#[test]
fn one_job_and_two_print_the_same_bytes() {
    // enough files, of different sizes, that two threads finish them out of order
    let d = tempfile::tempdir().unwrap();
    let texts: Vec<String> = sample_files()
        .iter()
        .filter(|f| f.extension().unwrap() != "docx")
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for i in 0..40 {
        let mut t = texts[i % texts.len()].clone();
        if i % 3 == 0 {
            // a numbering gap, so that there are findings and fixes
            t.push_str("\n一、甲\n三、乙\n");
        }
        let ext = if i % texts.len() == 0 { "md" } else { "txt" };
        std::fs::write(d.path().join(format!("f{i:02}.{ext}")), t.repeat(1 + i % 7)).unwrap();
    }
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "."],
        vec!["check", "-f", "json", "."],
        vec!["check", "-f", "sarif", "."],
        vec!["check", "-f", "rdjson", "."],
        vec!["check", "-f", "github", "."],
        vec!["fix", "--diff", "."],
        vec!["outline", "-f", "tsv", "."],
        vec!["outline", "-f", "json", "."],
    ];
    for args in runs {
        let with = |j: &str| {
            let mut a = args.clone();
            a.extend(["--jobs", j]);
            gongwen(d.path(), &a)
        };
        let (one, two) = (with("1"), with("2"));
        assert!(!one.stdout.is_empty(), "{args:?}");
        assert_eq!(code(&one), code(&two), "{args:?}");
        assert!(
            one.stdout == two.stdout,
            "{args:?} differs between --jobs 1 and 2"
        );
    }
    // the streamed JSON is a whole document
    let o = gongwen(d.path(), &["check", "-f", "json", "."]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 40);
    assert_eq!(v["files"][0]["path"], "f00.md");
}

#[test]
fn paths_from_a_walk_have_no_leading_dot() {
    let d = tree();
    let here = d.path().join("in");
    for dir in [".", "./", "./sub", "sub"] {
        let o = gongwen(&here, &["outline", "-f", "tsv", dir]);
        assert_eq!(code(&o), 0, "{dir}: {}", stderr(&o));
        let out = stdout(&o);
        let paths: Vec<&str> = out
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        assert!(!paths.is_empty(), "{dir}");
        for p in paths {
            assert!(!p.starts_with("./"), "{dir}: {p}");
        }
    }
    // a glob written with ./ selects what the same glob without it does
    let a = gongwen(&here, &["outline", "-f", "tsv", "./sub/deeper/*.txt"]);
    let b = gongwen(&here, &["outline", "-f", "tsv", "sub/deeper/*.txt"]);
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    // check and fix --diff name the files the same way
    let o = gongwen(&here, &["check", "-f", "github", "./sub"]);
    assert!(!stdout(&o).contains("file=./"), "{}", stdout(&o));
}

#[test]
fn convert_run_twice_into_a_folder_below_the_input_does_not_read_its_own_output() {
    let d = tree();
    let here = d.path().join("in");
    let first = gongwen(&here, &["convert", ".", "--out-dir", "out", "-t", "md"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let second = gongwen(&here, &["convert", ".", "--out-dir", "out", "-t", "md"]);
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    assert_eq!(
        stderr(&first),
        stderr(&second),
        "the second run converts what the first did"
    );
    assert!(!here.join("out/out").exists());
    // named by another path, the folder is still known
    let third = gongwen(&here, &["convert", "./", "--out-dir", "./out/", "-t", "md"]);
    assert_eq!(stderr(&first), stderr(&third).replace("./out/", "out"));
    assert!(!here.join("out/out").exists());
}
