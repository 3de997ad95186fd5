//! DOCX in and out: every DOCX gongwen writes opens, and a hostile one is refused clearly.

// the reader
//
// The zips here are made by hand, entry by entry, so that they can be what no zip library
// writes: one name twice, a compression method that is not read, sizes that lie, a deflate
// stream that inflates a thousandfold.

use gongwen::{Error, FileKind, Limit, ReadOptions, Source};
use std::process::{Command, Output};

/// One entry of a hand-made zip: its name, the compression method its headers name, its bytes
/// as stored, their CRC-32 and the uncompressed size it declares.
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

/// An entry stored as it is.
fn stored(name: &str, content: &[u8]) -> Entry {
    Entry {
        name: name.to_string(),
        method: 0,
        data: content.to_vec(),
        crc: crc32(content),
        size: content.len() as u32,
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The zip of `entries`, in order: local headers and data, the central directory, its end.
fn zip(entries: &[Entry]) -> Vec<u8> {
    let (mut out, mut cd) = (Vec::new(), Vec::new());
    for e in entries {
        let offset = out.len() as u32;
        let fixed = |v: &mut Vec<u8>| {
            for n in [e.method, 0, 0x21] {
                v.extend(n.to_le_bytes()); // method, time, date
            }
            for n in [e.crc, e.data.len() as u32, e.size] {
                v.extend(n.to_le_bytes());
            }
            v.extend((e.name.len() as u16).to_le_bytes());
        };
        out.extend(b"PK\x03\x04\x14\0\0\0");
        fixed(&mut out);
        out.extend([0, 0]);
        out.extend(e.name.as_bytes());
        out.extend(&e.data);
        cd.extend(b"PK\x01\x02\x14\0\x14\0\0\0");
        fixed(&mut cd);
        cd.extend([0; 12]); // extra, comment, disk, attributes
        cd.extend(offset.to_le_bytes());
        cd.extend(e.name.as_bytes());
    }
    let (cd_at, n) = (out.len() as u32, entries.len() as u16);
    let cd_len = cd.len() as u32;
    out.extend(cd);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend(n.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_at.to_le_bytes());
    out.extend([0, 0]);
    out
}

/// A `word/document.xml` of these paragraphs.
fn document(paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    format!("<w:document><w:body>{body}</w:body></w:document>")
}

/// A DOCX whose only part is this `word/document.xml`.
fn docx(xml: &str) -> Vec<u8> {
    zip(&[stored("word/document.xml", xml.as_bytes())])
}

/// The reason of a DOCX error.
fn reason(bytes: Vec<u8>) -> String {
    match Source::from_bytes("a.docx", bytes) {
        Err(Error::Docx { reason, .. }) => reason,
        other => panic!("not a DOCX error: {other:?}"),
    }
}

/// `gongwen outline` on a file holding `bytes`, with `flags`.
fn outline(name: &str, bytes: &[u8], flags: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let o: Output = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["outline", "-f", "tsv"])
        .args(flags)
        .arg(&p)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

#[test]
fn the_hand_made_zip_reads() {
    let src = Source::from_bytes("a.docx", docx(&document(&["一、总则", "二、附则"]))).unwrap();
    assert_eq!(src.text(), "一、总则\n二、附则\n");
}

#[test]
fn cdata_is_text() {
    let xml = document(&["<![CDATA[一、总则 <甲> & 乙]]>", "二、<![CDATA[附]]>则"]);
    let src = Source::from_bytes("a.docx", docx(&xml)).unwrap();
    assert_eq!(src.text(), "一、总则 <甲> & 乙\n二、附则\n");
}

#[test]
fn an_unsupported_compression_method_is_named() {
    for (method, name) in [
        (12, "bzip2"),
        (14, "LZMA"),
        (93, "Zstandard"),
        (9, "Deflate64"),
    ] {
        let mut e = stored("word/document.xml", b"BZh91AY&SY");
        e.method = method;
        let r = reason(zip(&[e]));
        assert!(
            r.starts_with(&format!(
                "word/document.xml is compressed with {name}, which gongwen does not read"
            )),
            "{r}"
        );
    }
}

#[test]
fn an_xml_error_says_where() {
    let xml =
        "<w:document>\n<w:body>\n<w:p><w:r><w:t>甲乙</w:x></w:r></w:p>\n</w:body></w:document>";
    let r = reason(docx(xml));
    assert!(r.starts_with("word/document.xml:3:"), "{r}");
    assert!(r.contains("</w:x>"), "{r}");
    let (code, _, err) = outline("bad.docx", &docx(xml), &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("bad.docx: not a readable DOCX: word/document.xml:3:"),
        "{err}"
    );
}

#[test]
fn an_unclosed_root_is_an_error_not_a_short_text() {
    let xml =
        "<w:document><w:body><w:p><w:r><w:t>一、总则</w:t></w:r></w:p>\n<w:p><w:r><w:t>二、附";
    let r = reason(docx(xml));
    assert!(
        r.contains("the part ends inside <w:document>, with 5 elements open: it is cut short"),
        "{r}"
    );
    assert!(r.starts_with("word/document.xml:2:"), "{r}");
    assert!(reason(docx("")).contains("has no XML element"));
}

#[test]
fn a_name_listed_twice_is_an_error() {
    let first = document(&["一、总则"]);
    let second = document(&["一、另一份"]);
    let twice = zip(&[
        stored("word/document.xml", first.as_bytes()),
        stored("word/document.xml", second.as_bytes()),
    ]);
    let r = reason(twice);
    assert!(r.contains("lists \"word/document.xml\" twice"), "{r}");
    let other = zip(&[
        stored("[Content_Types].xml", b"<Types/>"),
        stored("word/document.xml", first.as_bytes()),
        stored("[Content_Types].xml", b"<Types/>"),
    ]);
    assert!(reason(other).contains("lists \"[Content_Types].xml\" twice"));
}

#[test]
fn a_zip_that_is_not_a_docx_is_named() {
    let cases = [
        (
            zip(&[stored("a.txt", b"hello")]),
            FileKind::Zip,
            "a zip archive, not a DOCX",
        ),
        (
            zip(&[stored("xl/workbook.xml", b"<workbook/>")]),
            FileKind::Xlsx,
            "an Excel workbook",
        ),
        (
            zip(&[
                stored("mimetype", b"application/vnd.oasis.opendocument.text"),
                stored("content.xml", b"<x/>"),
            ]),
            FileKind::OpenDocument,
            "soffice --headless --convert-to docx",
        ),
        (zip(&[]), FileKind::Zip, "it has no word/document.xml"),
    ];
    for (bytes, kind, says) in cases {
        match Source::from_bytes("a.docx", bytes.clone()) {
            Err(Error::NotText { kind: k, .. }) => assert_eq!(k, kind),
            other => panic!("{other:?}"),
        }
        let (code, out, err) = outline("包.docx", &bytes, &[]);
        assert_eq!((code, out.as_str()), (Some(2), ""));
        assert!(err.contains("包.docx: ") && err.contains(says), "{err}");
    }
}

/// Bits of a deflate stream, least significant first; Huffman codes go in most significant
/// bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        for i in 0..bits {
            self.acc |= ((value >> i) & 1) << self.n;
            self.n += 1;
            if self.n == 8 {
                self.out.push(self.acc as u8);
                (self.acc, self.n) = (0, 0);
            }
        }
    }

    fn code(&mut self, code: u32, bits: u32) {
        self.put(code.reverse_bits() >> (32 - bits), bits);
    }

    fn literal(&mut self, b: u8) {
        match b {
            0..=143 => self.code(0x30 + u32::from(b), 8),
            _ => self.code(0x190 + u32::from(b) - 144, 9),
        }
    }
}

/// A DOCX whose `word/document.xml` is `prefix` and then `runs` × 258 + 1 letters, as a
/// deflate stream of fixed Huffman codes, one 13-bit code per 258 bytes; it declares the size
/// `declared`.
fn bomb(prefix: &str, runs: usize, declared: u32) -> Vec<u8> {
    let mut w = Bits::default();
    w.put(1, 1); // the last block
    w.put(1, 2); // of fixed Huffman codes
    for b in prefix.bytes().chain(*b"a") {
        w.literal(b);
    }
    for _ in 0..runs {
        w.code(0b1100_0101, 8); // length 258
        w.code(0, 5); // distance 1
    }
    w.code(0, 7); // end of block
    w.put(0, 7);
    zip(&[Entry {
        name: "word/document.xml".into(),
        method: 8,
        data: w.out,
        crc: 0,
        size: declared,
    }])
}

const PREFIX: &str = "<w:document><w:body><w:p><w:r><w:t>";

#[test]
fn a_zip_bomb_stops_at_the_default_limit() {
    // about 600 MiB from 4 MB, declaring its true size
    let runs = (600 << 20) / 258;
    let size = (PREFIX.len() + 1 + runs * 258) as u32;
    let bytes = bomb(PREFIX, runs, size);
    assert!(bytes.len() < 5 << 20);
    match Source::from_bytes("bomb.docx", bytes) {
        Err(Error::TooLarge {
            limit: Limit::DocxUncompressed,
            max,
            ..
        }) => assert_eq!(max, 512 << 20),
        other => panic!("{:?}", other.map(|s| s.text().len())),
    }
}

#[test]
fn the_inflated_size_is_counted_not_taken_from_the_zip() {
    let limit = ReadOptions::default().with_max_docx_uncompressed(1 << 20);
    for declared in [0, 100, u32::MAX] {
        let bytes = bomb(PREFIX, (4 << 20) / 258, declared);
        let e = Source::from_bytes_with("a.docx", bytes, &limit).unwrap_err();
        assert!(
            matches!(
                e,
                Error::TooLarge {
                    limit: Limit::DocxUncompressed,
                    max: 1048576,
                    ..
                }
            ),
            "declared {declared}: {e}"
        );
    }
}

#[test]
fn the_docx_limits_are_clear_errors_and_can_be_raised() {
    // 2 MiB of text
    let para = "一、总则。".repeat(100);
    let big = docx(&document(&vec![para.as_str(); 1400]));
    let (code, _, err) = outline("big.docx", &big, &["--max-docx-size", "1M"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("big.docx: its text inflates to more than 1 MiB"),
        "{err}"
    );
    assert!(err.contains("--max-docx-size"), "{err}");
    let (code, _, err) = outline("big.docx", &big, &["--max-docx-size", "4M"]);
    assert_eq!(code, Some(0), "{err}");
    // 10,001 entries
    let mut entries: Vec<Entry> = (0..10_000)
        .map(|i| stored(&format!("x/{i}"), b""))
        .collect();
    entries.push(stored(
        "word/document.xml",
        document(&["一、总则"]).as_bytes(),
    ));
    let many = zip(&entries);
    let (code, _, err) = outline("many.docx", &many, &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("many.docx: more than 10000 entries in its zip"),
        "{err}"
    );
    assert!(err.contains("--max-docx-entries"), "{err}");
    let (code, out, err) = outline("many.docx", &many, &["--max-docx-entries", "20000"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("一、\t总则"), "{out}");
}
