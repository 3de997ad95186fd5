//! `gongwen check --layout`: a DOCX the library writes passes; each deviation injected into its
//! XML is found under its rule, and only that one (or the rules named as coming along); the
//! command's exit codes and JSON; real Word and WPS files are read without a panic.

use gongwen::check::{layout, Config, Rule};
use gongwen::{parse, Format, Source};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

/// The DOCX the library writes for a text.
fn convert(text: &str) -> Vec<u8> {
    let src = Source::from_str(text, Format::Text);
    let mut out = Vec::new();
    gongwen::write::docx::write(&parse(&src), &src, &Default::default(), &mut out).unwrap();
    out
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .unwrap()
}

/// Every part of a package, in order.
fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, b) in parts {
        w.start_file(n.as_str(), o).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// How to change a part: replace `from` by `to` everywhere, or only inside the `w:p` element
/// whose text holds `para`.
struct Patch<'a> {
    part: &'a str,
    para: Option<&'a str>,
    from: &'a str,
    to: &'a str,
}

/// `docx` with the patches applied; each must change something.
fn patched(docx: &[u8], patches: &[Patch]) -> Vec<u8> {
    let mut ps = parts(docx);
    for p in patches {
        let mut hit = false;
        for (name, bytes) in ps.iter_mut() {
            let matches = match p.part.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == p.part,
            };
            if !matches {
                continue;
            }
            let xml = String::from_utf8(bytes.clone()).unwrap();
            let new = match p.para {
                None => xml.replace(p.from, p.to),
                Some(t) => {
                    let at = xml.find(t).unwrap_or_else(|| panic!("{t} not in {name}"));
                    let start = xml[..at]
                        .rfind("<w:p>")
                        .or_else(|| xml[..at].rfind("<w:p "))
                        .unwrap();
                    let end = at + xml[at..].find("</w:p>").unwrap();
                    let para = xml[start..end].replace(p.from, p.to);
                    format!("{}{para}{}", &xml[..start], &xml[end..])
                }
            };
            hit |= new != xml;
            *bytes = new.into_bytes();
        }
        assert!(hit, "{} → {} changed nothing in {}", p.from, p.to, p.part);
    }
    zip(&ps)
}

/// The layout findings' codes (and the text check's, so that a deviation that the text rules
/// would also see shows).
fn codes(docx: Vec<u8>) -> Vec<String> {
    let src = Source::from_bytes("x.docx", docx).unwrap();
    let doc = parse(&src);
    let cfg = Config::default();
    let mut all = gongwen::check::check(&doc, &src, &cfg);
    all.extend(layout::check(&src, &doc, &cfg));
    let mut c: Vec<String> = all.iter().map(|d| d.rule.code().to_string()).collect();
    c.sort();
    c.dedup();
    c
}

/// A 通知 with a 版头 (发文机关标志 over the 发文字号), so that every role is there.
const BANNERED: &str = "青山县人民政府办公室文件\n\n青政办发〔2024〕3号\n\n关于做好春季防火工作的通知\n\n各乡镇人民政府：\n为做好春季防火工作，现将有关事项通知如下。\n一、提高认识\n各地要高度重视，切实加强领导。\n（一）压实责任\n层层签订责任书，明确责任人。\n1.加强巡查。每日巡查一次。\n\n青山县人民政府办公室\n2024年3月1日\n";

#[test]
fn what_the_library_writes_passes() {
    for name in [
        "通知.txt",
        "调研报告.txt",
        "调研报告-正文.txt",
        // every 版头 and format: a 版记 at the foot of an even page, frames, sections
        "gbt/通知.txt",
        "gbt/请示.txt",
        "gbt/联合行文.txt",
        "gbt/信函.txt",
        "gbt/令.txt",
        "gbt/纪要.txt",
    ] {
        let text = sample(name);
        let src = Source::from_bytes("x.docx", convert(&text)).unwrap();
        let doc = parse(&src);
        let found = layout::check(&src, &doc, &Config::default());
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
    assert!(codes(convert(BANNERED)).is_empty());
    assert!(codes(convert(&sample("通知.txt"))).is_empty());
}

#[test]
fn every_injected_deviation_is_found_under_its_rule() {
    let base = convert(&sample("通知.txt"));
    let doc = "word/document.xml";
    let footer = "word/footer1.xml";
    let body = "春季农业生产是全年农业生产的基础";
    let p = |part, para, from, to| Patch {
        part,
        para,
        from,
        to,
    };
    // (what, patches, the rules expected)
    let cases: Vec<(&str, Vec<Patch>, Vec<&str>)> = vec![
        (
            "Letter paper",
            vec![p(
                doc,
                None,
                r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
                r#"<w:pgSz w:w="12240" w:h="15840"/>"#,
            )],
            // the margins stay, so the type area is shorter and wider: the lines and the
            // characters a line come along
            vec!["GW401", "GW403", "GW404"],
        ),
        (
            "margins moved right by 3.8 mm, the type area kept",
            vec![
                p(doc, None, r#"w:right="1474""#, r#"w:right="1261""#),
                p(doc, None, r#"w:left="1587""#, r#"w:left="1800""#),
            ],
            vec!["GW402"],
        ),
        (
            "a 32 pt line pitch",
            vec![p(
                "word/styles.xml",
                None,
                r#"w:line="579" w:lineRule="exact""#,
                r#"w:line="640" w:lineRule="exact""#,
            )],
            vec!["GW403"],
        ),
        (
            "a character grid of 17 pt",
            vec![p(
                doc,
                None,
                r#"<w:docGrid w:type="lines" w:linePitch="579"/>"#,
                r#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="4096"/>"#,
            )],
            vec!["GW404"],
        ),
        (
            "a body paragraph in 宋体",
            vec![p(doc, Some(body), "仿宋_GB2312", "宋体")],
            vec!["GW405"],
        ),
        (
            "a body paragraph in 4号",
            vec![p(doc, Some(body), r#"w:val="32""#, r#"w:val="28""#)],
            vec!["GW406"],
        ),
        (
            "the title in 宋体",
            vec![p(
                doc,
                Some("春季农业生产工作的通知"),
                "方正小标宋简体",
                "宋体",
            )],
            vec!["GW407"],
        ),
        (
            "the title in 小二",
            vec![p(
                doc,
                Some("春季农业生产工作的通知"),
                r#"w:val="44""#,
                r#"w:val="36""#,
            )],
            vec!["GW408"],
        ),
        (
            "a level-1 heading in 仿宋",
            vec![p(
                doc,
                Some("充分认识做好春季农业生产工作的重要意义"),
                "黑体",
                "仿宋_GB2312",
            )],
            vec!["GW409"],
        ),
        (
            "a level-2 heading in 黑体",
            vec![p(doc, Some("分解落实种植任务"), "楷体_GB2312", "黑体")],
            vec!["GW409"],
        ),
        (
            "a body paragraph not indented",
            vec![p(
                doc,
                Some(body),
                r#"w:firstLine="630" w:firstLineChars="200""#,
                r#"w:firstLine="0""#,
            )],
            vec!["GW410"],
        ),
        (
            "no PAGE field",
            vec![p(
                "word/footer*",
                None,
                "<w:instrText>PAGE</w:instrText>",
                "<w:instrText>DATE</w:instrText>",
            )],
            vec!["GW411"],
        ),
        (
            "a bare page number",
            vec![
                p(footer, None, r#"<w:t xml:space="preserve">— </w:t>"#, ""),
                p(footer, None, r#"<w:t xml:space="preserve"> —</w:t>"#, ""),
            ],
            vec!["GW412"],
        ),
        (
            "hyphens for the dashes",
            vec![p(footer, None, "— ", "- "), p(footer, None, " —", " -")],
            vec!["GW412"],
        ),
        (
            "a 3号 page number",
            vec![p(footer, None, r#"w:val="28""#, r#"w:val="32""#)],
            vec!["GW413"],
        ),
        (
            "a page number in 黑体",
            vec![p(footer, None, "宋体", "黑体")],
            vec!["GW413"],
        ),
        (
            "a centred odd page number",
            vec![p(
                footer,
                None,
                r#"<w:jc w:val="right"/>"#,
                r#"<w:jc w:val="center"/>"#,
            )],
            vec!["GW414"],
        ),
        (
            "odd and even footers the same",
            vec![p("word/settings.xml", None, "<w:evenAndOddHeaders/>", "")],
            vec!["GW414"],
        ),
        (
            "the 发文字号 with square brackets (the text rule)",
            vec![p(doc, None, "县政办发〔2024〕12号", "县政办发[2024]12号")],
            vec!["GW201"],
        ),
    ];
    assert!(cases.len() >= 10);
    let mut failed = Vec::new();
    for (what, patches, want) in &cases {
        let got = codes(patched(&base, patches));
        if got != *want {
            failed.push(format!("{what}: want {want:?}, got {got:?}"));
        }
    }
    // the 版头: a black 发文机关标志, or one set flush left
    let bannered = convert(BANNERED);
    for (what, patches) in [
        (
            "a black 发文机关标志",
            vec![p(doc, Some("青山县人民政府办公室文件"), "FF0000", "000000")],
        ),
        (
            "a 发文机关标志 flush left",
            vec![p(
                doc,
                Some("青山县人民政府办公室文件"),
                r#"<w:jc w:val="center"/>"#,
                r#"<w:jc w:val="left"/>"#,
            )],
        ),
    ] {
        let got = codes(patched(&bannered, &patches));
        if got != ["GW415"] {
            failed.push(format!("{what}: want [\"GW415\"], got {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn settings_choose_where_practice_disagrees() {
    let base = convert(&sample("通知.txt"));
    let src = Source::from_bytes("x.docx", base).unwrap();
    let doc = parse(&src);
    let mut cfg = Config::default();
    // a house that wants the folk 28 pt line spacing
    cfg.layout.line_pitch = Some(560);
    let found = layout::check(&src, &doc, &cfg);
    assert_eq!(
        found.iter().map(|d| d.rule).collect::<Vec<_>>(),
        [Rule::LinesPerPage]
    );
    // and one whose footers sit 20 mm from the edge
    let mut cfg = Config::default();
    cfg.layout.footer_distance_mm = Some(20.0);
    let found = layout::check(&src, &doc, &cfg);
    assert!(found.iter().all(|d| d.rule == Rule::PageNumberPosition) && !found.is_empty());
    // a rule switched off is not reported
    let mut cfg = Config::default();
    cfg.rules.insert(Rule::PageNumberPosition, None);
    cfg.layout.footer_distance_mm = Some(20.0);
    assert!(layout::check(&src, &doc, &cfg).is_empty());
}

fn gongwen(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_command_s_exit_codes_and_json() {
    let d = tempfile::tempdir().unwrap();
    let good = convert(&sample("通知.txt"));
    std::fs::write(d.path().join("good.docx"), &good).unwrap();
    let letter = patched(
        &good,
        &[Patch {
            part: "word/document.xml",
            para: None,
            from: r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
            to: r#"<w:pgSz w:w="12240" w:h="15840"/>"#,
        }],
    );
    std::fs::write(d.path().join("letter.docx"), &letter).unwrap();
    let warn = patched(
        &good,
        &[Patch {
            part: "word/footer1.xml",
            para: None,
            from: r#"<w:jc w:val="right"/>"#,
            to: r#"<w:jc w:val="center"/>"#,
        }],
    );
    std::fs::write(d.path().join("warn.docx"), &warn).unwrap();
    let code = |o: &std::process::Output| o.status.code().unwrap_or(-1);
    let o = gongwen(d.path(), &["check", "--layout", "good.docx"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    let o = gongwen(
        d.path(),
        &["check", "--layout", "--deny", "warnings", "good.docx"],
    );
    assert_eq!(code(&o), 0);
    // without --layout the page is not looked at
    assert_eq!(code(&gongwen(d.path(), &["check", "letter.docx"])), 0);
    let o = gongwen(d.path(), &["check", "--layout", "letter.docx"]);
    assert_eq!(code(&o), 1);
    let human = String::from_utf8_lossy(&o.stdout);
    assert!(
        human.contains("error[GW401]") && human.contains("letter.docx:1:1"),
        "{human}"
    );
    // a warning fails only with --deny warnings
    assert_eq!(
        code(&gongwen(d.path(), &["check", "--layout", "warn.docx"])),
        0
    );
    assert_eq!(
        code(&gongwen(
            d.path(),
            &["check", "--layout", "--deny", "warnings", "warn.docx"]
        )),
        1
    );
    let o = gongwen(
        d.path(),
        &[
            "check",
            "--layout",
            "--format",
            "json",
            "letter.docx",
            "good.docx",
        ],
    );
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let ds = files[0]["diagnostics"].as_array().unwrap();
    let first = ds.iter().find(|d| d["rule"] == "GW401").unwrap();
    for k in ["line", "column", "severity", "rule", "message"] {
        assert!(!first[k].is_null(), "{k}: {first}");
    }
    assert_eq!(
        (first["line"].as_u64(), first["severity"].as_str()),
        (Some(1), Some("error"))
    );
    assert!(files[1]["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(v["summary"]["files"], 2);
    // a paragraph's finding points at its line, as the text check's do
    let indent = patched(
        &good,
        &[Patch {
            part: "word/document.xml",
            para: Some("春季农业生产是全年农业生产的基础"),
            from: r#"w:firstLine="630" w:firstLineChars="200""#,
            to: r#"w:firstLine="0""#,
        }],
    );
    std::fs::write(d.path().join("indent.docx"), &indent).unwrap();
    let o = gongwen(
        d.path(),
        &["check", "--layout", "--format", "github", "indent.docx"],
    );
    let s = String::from_utf8_lossy(&o.stdout);
    let text = Source::from_bytes("i.docx", indent).unwrap();
    let line = text
        .text()
        .lines()
        .position(|l| l.starts_with("春季农业生产是全年"))
        .unwrap()
        + 1;
    assert!(
        s.contains(&format!("file=indent.docx,line={line},col=1")),
        "{s}"
    );
    assert!(s.contains("GW410"), "{s}");
    // a text file has no layout: only the text rules
    std::fs::write(d.path().join("a.txt"), "一、总则\n二、附则\n").unwrap();
    assert_eq!(code(&gongwen(d.path(), &["check", "--layout", "a.txt"])), 0);
}

/// Real Word and WPS files: no panic, and findings; the summary per rule is printed
/// (`--nocapture`) for the record, not held to.
#[test]
fn real_word_files_are_read_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("{} is missing", dir.display());
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut per_rule: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut with_findings = 0;
    for f in &files {
        let src = match Source::from_path(f) {
            Ok(s) => s,
            Err(e) => panic!("{}: {e}", f.display()),
        };
        let doc = parse(&src);
        let found = layout::check(&src, &doc, &Config::default());
        with_findings += usize::from(!found.is_empty());
        let mut seen = std::collections::BTreeSet::new();
        for d in &found {
            let e = per_rule.entry(d.rule.code()).or_default();
            e.0 += 1;
            if seen.insert(d.rule) {
                e.1 += 1;
            }
            assert!(d.span.end <= src.text().len());
        }
    }
    for (code, (n, in_files)) in &per_rule {
        println!(
            "{code}\t{n} findings\tin {in_files} of {} files",
            files.len()
        );
    }
    assert!(with_findings > 0, "no real file has a layout finding");
}

/// Figures out of all proportion, broken parts and a colour in Chinese: findings, no panic.
#[test]
fn hostile_figures_do_not_panic() {
    let base = convert(&sample("通知.txt"));
    let doc = "word/document.xml";
    let p = |part, from, to| Patch {
        part,
        para: None,
        from,
        to,
    };
    for patches in [
        vec![p(
            doc,
            r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"<w:pgSz w:w="0" w:h="-5"/>"#,
        )],
        vec![p(
            doc,
            r#"<w:docGrid w:type="lines" w:linePitch="579"/>"#,
            r#"<w:docGrid w:type="linesAndChars" w:linePitch="0" w:charSpace="-99999999999999999999"/>"#,
        )],
        vec![p(doc, r#"w:val="32""#, r#"w:val="99999999999999999999""#)],
        vec![p(
            "word/styles.xml",
            r#"w:line="579""#,
            r#"w:line="-99999999999""#,
        )],
        vec![p(
            "word/styles.xml",
            "<w:docDefaults>",
            "<w:docDefaults><w:unclosed>",
        )],
        vec![p(
            "word/footer1.xml",
            "<w:t xml:space=\"preserve\">1</w:t>",
            "<w:t>1",
        )],
        vec![p(
            doc,
            r#"w:firstLineChars="200""#,
            r#"w:firstLineChars="x" w:color="红色红色""#,
        )],
    ] {
        let _ = codes(patched(&base, &patches));
    }
}
