//! Encodings and what is not text: every input is read as what it is, or named for what it is.
//!
//! Text in UTF-16 (with or without a byte-order mark), GB18030, GBK and Big5 is read, and gives
//! the tree, the outline and the findings of its UTF-8 original, at the same lines and
//! columns; `fix` writes it back in its own encoding. A PDF, a Word 97 file, an image, a file
//! cut short or without end is refused with its name, for what it is (exit 2).

#[path = "../common/mod.rs"]
mod common;

use encoding_rs::{BIG5, GB18030, GBK};
use gongwen::check::{check, fix, Config};
use gongwen::write::outline::{rows, Row};
use gongwen::{parse, Error, FileKind, Format, Limit, ReadOptions, Source};
use std::path::Path;
use std::process::{Command, Output};

/// 一、总则 and the like, written for these tests: a title, two levels, and a gap to fix.
const NOTICE: &str = "关于加强档案管理工作的通知\n各乡镇人民政府：\n一、总体要求\n\
    （一）指导思想。坚持依法管理，提高档案工作水平。\n\
    （三）基本原则。统一领导，分级负责。\n\
    二. 主要任务\n各单位要建立健全档案管理制度。\n";

/// The same in traditional characters, for Big5.
const NOTICE_TRADITIONAL: &str = "關於加強檔案管理工作的通知\n一、總體要求\n\
    （一）指導思想。堅持依法管理，提高檔案工作水平。\n\
    （二）基本原則。統一領導，分級負責。\n二、主要任務\n";

fn utf16(text: &str, le: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

fn gongwen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .output()
        .expect("the gongwen binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `gongwen outline` on a file holding `bytes`: its exit code and what it said.
fn outline_file(name: &str, bytes: &[u8], flags: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let mut args = vec!["outline", "-f", "tsv"];
    args.extend_from_slice(flags);
    let path = p.display().to_string();
    args.push(&path);
    let o = gongwen(&args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    (o.status.code().unwrap_or(-1), out, stderr(&o))
}

/// The outline rows and the findings (rule, line, column) of a source.
fn read_out(src: &Source) -> (Vec<Row>, Vec<(String, usize, usize)>) {
    let doc = parse(src);
    let findings = check(&doc, src, &Config::default())
        .iter()
        .map(|d| {
            let (line, col) = src.lines().char_col(src.text(), d.span.start);
            (d.rule.to_string(), line, col)
        })
        .collect();
    (rows(&doc, src), findings)
}

// one test per problem

#[test]
fn utf16_with_a_bom_is_read_in_both_byte_orders() {
    for le in [true, false] {
        let mut bytes = utf16("\u{feff}", le);
        bytes.extend(utf16(NOTICE, le));
        let src = Source::from_bytes("a.txt", bytes).unwrap();
        // the mark is not in the text: spans index the text, not the file
        assert_eq!(src.text(), NOTICE);
        assert_eq!(src.encoding(), if le { "utf-16le" } else { "utf-16be" });
        assert!(src.has_bom());
    }
}

#[test]
fn utf16_without_a_bom_is_read_by_its_nul_bytes() {
    for (le, name) in [(true, "utf-16le"), (false, "utf-16be")] {
        let src = Source::from_bytes("a.txt", utf16(NOTICE, le)).unwrap();
        assert_eq!((src.text(), src.encoding()), (NOTICE, name));
        // short enough to be valid UTF-8 by chance: the NUL bytes still decide
        let short = utf16("一、总则\n", le);
        let src = Source::from_bytes("b.txt", short).unwrap();
        assert_eq!(src.text(), "一、总则\n");
    }
}

#[test]
fn utf32_is_named_and_not_garbled() {
    let mut le = b"\xFF\xFE\0\0".to_vec();
    le.extend("一".chars().flat_map(|c| (c as u32).to_le_bytes()));
    let e = Source::from_bytes("a.txt", le).unwrap_err();
    assert!(
        matches!(
            e,
            Error::UnsupportedEncoding {
                encoding: "UTF-32LE",
                ..
            }
        ),
        "{e}"
    );
    let (code, _, err) = outline_file("u32.txt", b"\0\0\xFE\xFF\0\0\x4E\0", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("u32.txt: UTF-32BE") && err.contains("iconv -f UTF-32BE"),
        "{err}"
    );
}

#[test]
fn gbk_and_gb18030_are_read() {
    let (gbk, _, unmappable) = GBK.encode(NOTICE);
    assert!(!unmappable);
    let src = Source::from_bytes("a.txt", gbk.to_vec()).unwrap();
    assert_eq!((src.text(), src.encoding()), (NOTICE, "gb18030"));
    // a character outside GBK takes a four-byte GB18030 sequence
    let text = format!("{NOTICE}• 附件：档案目录\n");
    let (bytes, _, _) = GB18030.encode(&text);
    let src = Source::from_bytes("b.txt", bytes.to_vec()).unwrap();
    assert_eq!((src.text(), src.encoding()), (text.as_str(), "gb18030"));
    // and on the command line
    let (code, out, err) = outline_file("gbk.txt", &gbk, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\t（一）\t指导思想"), "{out}");
}

#[test]
fn verbose_says_how_each_input_was_read() {
    let (gbk, _, _) = GBK.encode(NOTICE);
    let mut le = vec![0xFF, 0xFE];
    le.extend(utf16(NOTICE, true));
    for (name, bytes, said) in [
        ("gbk.txt", gbk.to_vec(), "gbk.txt: gb18030, "),
        ("le.md", le, "le.md: utf-16le with a byte-order mark, "),
        ("utf8.txt", NOTICE.as_bytes().to_vec(), "utf8.txt: utf-8, "),
    ] {
        let (code, _, err) = outline_file(name, &bytes, &["--verbose"]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains(said), "{name}: {err}");
        let format = if name.ends_with(".md") {
            "Markdown"
        } else {
            "text"
        };
        assert!(
            err.contains(&format!("bytes of text, read as {format}")),
            "{err}"
        );
        // and without it nothing is said
        let (_, _, quiet) = outline_file(name, &bytes, &[]);
        assert_eq!(quiet, "", "{name}");
    }
}

#[test]
fn big5_is_read_as_big5() {
    let (bytes, _, unmappable) = BIG5.encode(NOTICE_TRADITIONAL);
    assert!(!unmappable);
    let src = Source::from_bytes("a.txt", bytes.to_vec()).unwrap();
    assert_eq!((src.text(), src.encoding()), (NOTICE_TRADITIONAL, "big5"));
}

#[test]
fn the_encoding_can_be_named() {
    let (big5, _, _) = BIG5.encode(NOTICE_TRADITIONAL);
    let as_big5 = ReadOptions::default().with_encoding("big5").unwrap();
    let src = Source::from_bytes_with("a.txt", big5.to_vec(), &as_big5).unwrap();
    assert_eq!(src.text(), NOTICE_TRADITIONAL);
    // named wrong, it is read as named: Big5 bytes are mostly valid GBK too
    let as_gbk = ReadOptions::default().with_encoding("gbk").unwrap();
    match Source::from_bytes_with("a.txt", big5.to_vec(), &as_gbk) {
        Ok(src) => assert_ne!(src.text(), NOTICE_TRADITIONAL),
        Err(e) => assert!(
            matches!(
                e,
                Error::Decode {
                    encoding: "GBK",
                    ..
                }
            ),
            "{e}"
        ),
    }
    // valid UTF-8 and byte-order marks still decide, so one name serves a mixed folder
    let src = Source::from_bytes_with("b.txt", NOTICE.into(), &as_gbk).unwrap();
    assert_eq!(src.encoding(), "utf-8");
    // every subcommand that reads takes the flag
    for cmd in ["outline", "parse", "check", "fix", "convert"] {
        let o = gongwen(&[cmd, "--help"]);
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("--encoding <NAME>"),
            "{cmd}"
        );
    }
    let (code, out, err) = outline_file("big5.txt", &big5, &["--encoding", "big5"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("指導思想"), "{out}");
    let (code, _, err) = outline_file("a.txt", b"x", &["--encoding", "klingon"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown encoding \"klingon\""), "{err}");
}

#[test]
fn what_is_not_text_is_named_for_what_it_is() {
    let cases: [(&str, &[u8], FileKind, &str); 7] = [
        (
            "报告.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
            FileKind::Pdf,
            "pdftotext",
        ),
        (
            "报告.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
            FileKind::Ole2,
            "soffice --headless --convert-to docx",
        ),
        (
            "报告.wps",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
            FileKind::Ole2,
            "save it as .docx",
        ),
        (
            "扫描.png",
            b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR",
            FileKind::Png,
            "a PNG image",
        ),
        (
            "扫描.jpg",
            b"\xFF\xD8\xFF\xE0\0\x10JFIF\0",
            FileKind::Jpeg,
            "a JPEG image",
        ),
        (
            "扫描.gif",
            b"GIF89a\x01\0\x01\0\x80\0\0",
            FileKind::Gif,
            "a GIF image",
        ),
        (
            "数据.bin",
            b"\x01\x02\x03\0\xFF\xFE\xFD\x80\x81",
            FileKind::Binary { nul_at: 3 },
            "binary data",
        ),
    ];
    for (name, bytes, kind, says) in cases {
        match Source::from_bytes(name, bytes.to_vec()) {
            Err(Error::NotText { kind: k, .. }) => assert_eq!(k, kind, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        let (code, out, err) = outline_file(name, bytes, &[]);
        assert_eq!((code, out.as_str()), (2, ""), "{name}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
}

#[test]
fn utf8_cut_in_its_last_character_says_so() {
    let mut bytes = NOTICE.as_bytes().to_vec();
    bytes.extend_from_slice(&"附".as_bytes()[..2]);
    let at = NOTICE.len();
    match Source::from_bytes("cut.txt", bytes.clone()) {
        Err(Error::Truncated {
            encoding: "UTF-8",
            offset,
            line: 8,
            have: 2,
            ..
        }) => assert_eq!(offset, at),
        other => panic!("{other:?}"),
    }
    let (code, _, err) = outline_file("cut.txt", &bytes, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "cut.txt:8: the file ends in the middle of a UTF-8 character (2 bytes from byte {at})"
        )),
        "{err}"
    );
}

#[test]
fn utf8_damaged_in_the_middle_is_not_read_as_another_encoding() {
    let mut bytes = NOTICE.repeat(3).into_bytes();
    let at = NOTICE.len() + 1; // the second byte of the second copy's 关
    bytes[at] = b'?';
    match Source::from_bytes("a.txt", bytes) {
        Err(Error::Decode {
            encoding: "UTF-8",
            offset,
            line: 8,
            guessed: false,
            ..
        }) => assert_eq!(offset, NOTICE.len()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn input_size_is_capped_and_the_cap_can_be_raised() {
    // /dev/zero never ends: the read stops at the cap
    if Path::new("/dev/zero").exists() {
        let started = std::time::Instant::now();
        let o = gongwen(&["outline", "--max-input", "8M", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("/dev/zero: larger than 8 MiB, the limit for an input"),
            "{err}"
        );
        assert!(started.elapsed().as_secs() < 30);
        let o = gongwen(&["outline", "/dev/zero"]);
        assert!(stderr(&o).contains("larger than 256 MiB"), "{}", stderr(&o));
    }
    let (code, _, err) = outline_file("a.txt", NOTICE.as_bytes(), &["--max-input", "100"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("larger than 100 bytes") && err.contains("--max-input"),
        "{err}"
    );
    let (code, _, err) = outline_file("a.txt", NOTICE.as_bytes(), &["--max-input", "1K"]);
    assert_eq!(code, 0, "{err}");
    let small = ReadOptions::default().with_max_input(10);
    let e = Source::from_reader("<stdin>", std::io::repeat(b'x'), &small).unwrap_err();
    assert!(matches!(
        e,
        Error::TooLarge {
            limit: Limit::Input,
            max: 10,
            ..
        }
    ));
}

#[test]
fn the_tree_names_the_encoding() {
    let (gbk, _, _) = GBK.encode(NOTICE);
    let (code, out, err) = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, &gbk).unwrap();
        let o = gongwen(&["parse", "-f", "json", &p.display().to_string()]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        (o.status.code(), out, stderr(&o))
    };
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "gongwen.tree/9");
    assert_eq!(v["meta"]["input"]["encoding"], "gb18030");
    assert_eq!(v["meta"]["input"]["bom"], false);
    // spans index the decoded text
    assert_eq!(v["meta"]["input"]["bytes"], NOTICE.len());
}

// every sample and corpus document, in every encoding

/// The copies of a text in other encodings: a label, and the bytes. Each is read as the text
/// without its byte-order mark, if it has one: only UTF-8 keeps the mark in the text.
fn copies(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
    let with_bom = format!("\u{feff}{bare}");
    let mut v = vec![("gb18030", GB18030.encode(text).0.into_owned())];
    let (gbk, _, unmappable) = GBK.encode(bare);
    if !unmappable {
        v.push(("gbk", gbk.into_owned()));
    }
    for (label, le) in [("utf-16le", true), ("utf-16be", false)] {
        v.push((label, utf16(&with_bom, le)));
        v.push((label, utf16(bare, le)));
    }
    v
}

/// Read every copy of every document and compare it with its UTF-8 original: the text, the
/// outline rows, the findings with their lines and columns, and the bytes it encodes back to.
/// Returns how many copies were compared and how many GBK copies could not be made.
fn same_in_every_encoding(docs: &[common::Doc]) -> (usize, usize) {
    let (mut compared, mut no_gbk) = (0, 0);
    for d in docs {
        let format = if d.markdown {
            Format::Markdown
        } else {
            Format::Text
        };
        let original = read_out(&Source::from_str(d.text.clone(), format));
        let want = d.text.strip_prefix('\u{feff}').unwrap_or(&d.text);
        let reference = read_out(&Source::from_str(want, format)).1;
        let copies = copies(&d.text);
        no_gbk += usize::from(!copies.iter().any(|c| c.0 == "gbk"));
        for (label, bytes) in copies {
            let src = Source::from_bytes(d.name.clone(), bytes.clone())
                .unwrap_or_else(|e| panic!("{} as {label}: {e}", d.name));
            let what = format!("{} as {label}, read as {}", d.name, src.encoding());
            assert_eq!(src.text(), want, "{what}");
            assert_eq!(src.format(), format, "{what}");
            if label.starts_with("gb") {
                assert!(src.encoding().starts_with("gb"), "{what}");
            } else {
                assert_eq!(src.encoding(), label, "{what}");
            }
            let (rows, findings) = read_out(&src);
            assert_eq!(rows, original.0, "{what}: outline");
            assert_eq!(findings, reference, "{what}: findings");
            if want == d.text.as_str() {
                assert_eq!(findings, original.1, "{what}: findings");
            }
            assert_eq!(
                src.encode(src.text()).unwrap(),
                bytes,
                "{what}: encoded back"
            );
            compared += 1;
        }
    }
    (compared, no_gbk)
}

#[test]
fn samples_read_alike_in_every_encoding() {
    let mut docs = common::samples();
    // and a text with findings on several lines, one of them with CRLF endings and a BOM
    for text in [
        NOTICE.to_string(),
        format!("\u{feff}{}", NOTICE.replace('\n', "\r\n")),
    ] {
        docs.push(common::Doc {
            name: "通知.txt".into(),
            text,
            markdown: false,
        });
    }
    let (compared, no_gbk) = same_in_every_encoding(&docs);
    assert_eq!(compared, docs.len() * 6 - no_gbk);
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_reads_alike_in_every_encoding() {
    let docs = common::corpus();
    let (compared, no_gbk) = same_in_every_encoding(&docs);
    assert!(docs.len() >= 20, "{} documents", docs.len());
    assert_eq!(compared, docs.len() * 6 - no_gbk);
    eprintln!(
        "{} documents, {compared} copies compared; {no_gbk} have characters outside GBK",
        docs.len()
    );
}

// fix writes back what it read

/// Fix a file holding `bytes` through the command; the bytes it holds then.
fn fixed_file(name: &str, bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let o = gongwen(&["fix", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::read(&p).unwrap()
}

#[test]
fn a_gbk_file_survives_fix_byte_for_byte_outside_the_fixed_markers() {
    let text = NOTICE.replace('\n', "\r\n");
    let fixed = fix(
        &Source::from_str(text.clone(), Format::Text),
        &Config::default(),
    );
    assert_ne!(fixed, text, "the notice has something to fix");
    let (before, _, _) = GBK.encode(&text);
    let after = fixed_file("通知.txt", &before);
    assert_eq!(after, GBK.encode(&fixed).0.as_ref());
    // line by line: a changed line differs only in its marker, whose text after it is the
    // same bytes
    let lines = |b: &[u8]| {
        b.split(|&c| c == b'\n')
            .map(<[u8]>::to_vec)
            .collect::<Vec<_>>()
    };
    let (old, new) = (lines(&before), lines(&after));
    assert_eq!(old.len(), new.len());
    let markers = ["（三）", "二."].map(|m| GBK.encode(m).0.into_owned());
    let mut changed = 0;
    for (o, n) in old.iter().zip(&new) {
        if o == n {
            continue;
        }
        changed += 1;
        let m = markers
            .iter()
            .find(|m| o.starts_with(m))
            .expect("a fixed marker");
        let fixed_marker = if m.len() == 6 { "（二）" } else { "二、" };
        let fixed_marker = GBK.encode(fixed_marker).0;
        assert!(n.starts_with(&fixed_marker));
        assert_eq!(&o[m.len()..], &n[fixed_marker.len()..]);
    }
    assert_eq!(changed, 2);
}

#[test]
fn utf16_and_a_bom_survive_fix() {
    let text = format!("\u{feff}{}", NOTICE.replace('\n', "\r\n"));
    let fixed = fix(
        &Source::from_str(text.clone(), Format::Text),
        &Config::default(),
    );
    for le in [true, false] {
        assert_eq!(fixed_file("a.txt", &utf16(&text, le)), utf16(&fixed, le));
    }
    let mut utf8 = text.clone().into_bytes();
    assert_eq!(fixed_file("b.txt", &utf8), fixed.as_bytes());
    utf8.drain(..3);
    assert_eq!(
        fixed_file("c.txt", &utf8),
        fixed.trim_start_matches('\u{feff}').as_bytes()
    );
}
