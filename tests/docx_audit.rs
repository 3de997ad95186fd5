//! Every DOCX gongwen writes validates with `openxml-audit -f microsoft365`, with zero errors.
//!
//! Looks for `openxml-audit` on PATH, then in `$OPENXML_AUDIT`; the tests are ignored by
//! default and fail when it is absent. The inputs include `samples/report-blocks.md`, whose
//! table, lists, quotation, picture and footnote are audited with the rest; pictures are taken
//! from each input's folder, as `convert` takes them.

mod docx_common;
use docx_common as common;

use gongwen::write::docx::{DocxOptions, ElisionMode, Style};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `path` converted under `opts`, its pictures taken from its folder.
fn convert(path: &Path, opts: &DocxOptions) -> (gongwen::Document, Vec<u8>) {
    let opts = DocxOptions {
        base_dir: path.parent().map(Path::to_path_buf),
        ..opts.clone()
    };
    common::convert(path, &opts)
}

/// Converts every input, and the last one again under each option variant, into `dir`;
/// returns how many files were written.
fn write_all(inputs: &[PathBuf], dir: &Path) -> usize {
    assert!(!inputs.is_empty());
    let mut written = 0;
    for (i, path) in inputs.iter().enumerate() {
        let (_, bytes) = convert(path, &DocxOptions::default());
        let name = format!(
            "{i:03}-{}.docx",
            path.file_stem().unwrap().to_string_lossy()
        );
        std::fs::write(dir.join(name), bytes).unwrap();
        written += 1;
    }
    // the options change what is written: plain style, bold headings, full-width dots, drops
    let variants = [
        DocxOptions {
            style: Style::Plain,
            ..Default::default()
        },
        DocxOptions {
            bold_levels: vec![1, 2, 3],
            arabic_dot: Some('．'),
            elisions: ElisionMode::Drop,
            ..Default::default()
        },
        DocxOptions {
            elisions: ElisionMode::Raw,
            ..Default::default()
        },
    ];
    for (i, o) in variants.iter().enumerate() {
        let (_, bytes) = convert(&inputs[inputs.len() - 1], o);
        std::fs::write(dir.join(format!("variant-{i}.docx")), bytes).unwrap();
        written += 1;
    }
    written
}

#[test]
#[ignore = "needs openxml-audit"]
fn own_inputs_pass_openxml_audit() {
    let inputs = common::own_inputs();
    let blocks = common::root().join("samples/report-blocks.md");
    assert!(inputs.contains(&blocks), "{} is audited", blocks.display());
    audit(&inputs);
}

/// The sample with every block, under each option variant (the last input gets them all).
#[test]
#[ignore = "needs openxml-audit"]
fn the_blocks_sample_passes_openxml_audit_in_every_variant() {
    let blocks = common::root().join("samples/report-blocks.md");
    let (_, bytes) = convert(&blocks, &DocxOptions::default());
    // the picture is embedded, not left as its text
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(
        z.file_names()
            .any(|n| n.starts_with("word/media/") && !n.ends_with('/')),
        "no picture in the DOCX of {}",
        blocks.display()
    );
    audit(&[blocks]);
}

/// The GB/T samples, each with a 版头 or a special format (通知, 请示, joint issuance, 信函, 令,
/// 纪要), every one audited.
#[test]
#[ignore = "needs openxml-audit"]
fn the_gbt_samples_pass_openxml_audit() {
    let dir = common::root().join("samples/gbt");
    let inputs: Vec<PathBuf> = ["通知", "请示", "联合行文", "信函", "令", "纪要"]
        .iter()
        .map(|n| dir.join(format!("{n}.txt")))
        .collect();
    for p in &inputs {
        assert!(p.is_file(), "no sample {}", p.display());
    }
    audit(&inputs);
}

#[test]
#[ignore = "needs openxml-audit, ../shared/seeds and ../shared/corpus"]
fn shared_inputs_pass_openxml_audit() {
    audit(&common::shared_inputs());
}

fn audit(inputs: &[PathBuf]) {
    let tool = common::require_tool("openxml-audit", "OPENXML_AUDIT");
    let dir = tempfile::tempdir().unwrap();
    let written = write_all(inputs, dir.path());
    // one process over the whole directory
    let out = Command::new(&tool)
        .args(["-f", "microsoft365", "-r", "-o", "json", "-m", "0"])
        .arg(dir.path())
        .output()
        .expect("openxml-audit runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit output is not JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let files = report.as_array().expect("a list of files");
    assert_eq!(files.len(), written, "every file audited");
    let mut bad = Vec::new();
    for f in files {
        let errors = f["error_count"].as_u64().unwrap_or(u64::MAX);
        if errors != 0 || f["valid"] != serde_json::Value::Bool(true) {
            bad.push(format!("{}: {} errors: {}", f["file"], errors, f["errors"]));
        }
    }
    eprintln!(
        "openxml-audit: {} files, {} with errors",
        files.len(),
        bad.len()
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
