//! Round trips over every document of the samples, the seeds and the corpus: the tree of a
//! document written as Markdown (or as DOCX) and read back is the tree of the document; the
//! Markdown writer is byte-stable on its second pass; re-levelling is idempotent.
//!
//! Trees are compared by what a reader of the document sees: each section (marker as written,
//! level, kind, title), each paragraph's text, each point and list item, each table's cells,
//! and the title; texts with their whitespace squeezed out. Chrome is left out: the writers
//! leave it out. On a mismatch the test prints the first item that differs, with its file.
//!
//! The Markdown trips also compare the blocks Markdown has (lists and their items, quotations,
//! images, breaks, footnotes). The DOCX trip compares the texts of those blocks but not the
//! blocks themselves (Word has no thematic break, and its lists are paragraphs). Tables come
//! back as tables, cell by cell; a footnote's note is in Word's notes part, its reference a
//! mark without text, and the reader places the note after the paragraph that refers to it,
//! so notes are compared as a set. Trips that do not hold for a cause outside the writers are
//! listed in `KNOWN` with
//! the cause, and printed on every run.

use gongwen::tree::{Block, Document, HeadingKind};
use gongwen::write::markdown::{self, MarkdownOptions};
use gongwen::write::relevel::{relevel, RelevelOptions};
use gongwen::{Format, Source};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn docs_in(dir: &Path) -> Vec<PathBuf> {
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| {
        panic!(
            "needs {}: {e} (put the shared data beside the checkout as ../shared)",
            dir.display()
        )
    });
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
                && !p.to_string_lossy().contains(".outline.")
        })
        .collect();
    v.sort();
    assert!(
        !v.is_empty(),
        "no .txt or .md documents in {}",
        dir.display()
    );
    v
}

fn own() -> Vec<PathBuf> {
    docs_in(&root().join("samples"))
}

fn shared() -> Vec<PathBuf> {
    let mut v = docs_in(&root().join("../shared/corpus"));
    v.extend(docs_in(&root().join("../shared/seeds")));
    v
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a reader sees of the tree, item by item.
fn items(doc: &Document, tables: bool, blocks: bool) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(t) = &doc.meta.title {
        v.push(format!("title {}", squeeze(t)));
    }
    doc.walk(&mut |b, _| match b {
        Block::Section(s) => {
            let kind = match s.kind {
                HeadingKind::Standalone => "standalone",
                HeadingKind::RunIn => "run-in",
                HeadingKind::Article => "article",
            };
            v.push(format!(
                "section {} {kind} {} {}",
                s.level,
                s.marker.as_ref().map_or("-", |m| m.raw.as_str()),
                squeeze(&s.title.text)
            ));
            if let Some(p) = &s.run_in {
                v.push(format!("  run-in body {}", squeeze(&p.text)));
            }
        }
        Block::Paragraph(p) => v.push(format!("paragraph {}", squeeze(&p.text))),
        Block::Point(p) => v.push(format!(
            "point {} {}{}{}",
            p.level,
            squeeze(&p.marker.text),
            squeeze(&p.title.text),
            p.body
                .as_ref()
                .map(|b| squeeze(&b.text))
                .unwrap_or_default()
        )),
        Block::ListItem(l) => v.push(format!(
            "list-item {}{}",
            l.marker.raw,
            squeeze(&l.text.text)
        )),
        Block::List(l) if blocks => v.push(format!("list ordered={}", l.ordered)),
        Block::Item(i) if blocks => v.push(format!("item {}", i.bullet.text)),
        Block::Quote(_) if blocks => v.push("quote".into()),
        Block::Image(i) if blocks => v.push(format!("image {} {}", i.alt, i.src)),
        Block::Footnote(n) => v.push(format!(
            "footnote {} ({} references) {}",
            n.label,
            n.references.len(),
            squeeze(&n.text.text)
        )),
        Block::Break(b) if blocks => v.push(format!("break {:?}", b.kind)),
        Block::Table(t) if tables => {
            if let Some(c) = &t.caption {
                v.push(format!("caption {}", squeeze(&c.text)));
            }
            v.push(format!("table header rows {}", t.header_rows));
            for (r, row) in t.rows.iter().enumerate() {
                for (c, cell) in row.cells.iter().enumerate() {
                    v.push(format!("cell {r} {c} {}", squeeze(&cell.text.text)));
                }
            }
        }
        _ => {}
    });
    v
}

fn has_table(doc: &Document) -> bool {
    let mut t = false;
    doc.walk(&mut |b, _| t |= matches!(b, Block::Table(_)));
    t
}

/// The first difference of two item lists, said with the file's name.
fn first_difference(name: &str, what: &str, want: &[String], got: &[String]) -> Option<String> {
    let k = (0..want.len().max(got.len())).find(|&k| want.get(k) != got.get(k))?;
    Some(format!(
        "{name}: {what}: item {k} differs\n   want: {}\n    got: {}",
        want.get(k).map_or("(nothing)", String::as_str),
        got.get(k).map_or("(nothing)", String::as_str)
    ))
}

fn to_markdown(doc: &Document, src: &Source) -> String {
    let mut out = Vec::new();
    markdown::write(doc, src, &MarkdownOptions::default(), &mut out).unwrap();
    String::from_utf8(out).expect("the writer writes UTF-8")
}

/// text → Markdown → tree equals text → tree, and the second pass writes the same bytes.
fn markdown_trip(path: &Path) -> Vec<String> {
    let name = path.display().to_string();
    let mut bad = Vec::new();
    let src = Source::from_path(path).unwrap();
    let doc = gongwen::parse(&src);
    let md = to_markdown(&doc, &src);
    let back_src = Source::from_str(md.clone(), Format::Markdown);
    let back = gongwen::parse(&back_src);
    if let Some(d) = first_difference(
        &name,
        "text → Markdown → tree",
        &items(&doc, true, true),
        &items(&back, true, true),
    ) {
        bad.push(d);
    }
    let again = to_markdown(&back, &back_src);
    if again != md {
        let a: Vec<String> = md.lines().map(String::from).collect();
        let b: Vec<String> = again.lines().map(String::from).collect();
        bad.push(
            first_difference(&name, "Markdown → Markdown, second pass (lines)", &a, &b)
                .unwrap_or_else(|| format!("{name}: second pass differs at the end")),
        );
    }
    if src.is_markdown() {
        let once = relevel(&doc, &src, &RelevelOptions::default());
        let once_src = Source::from_str(once.clone(), Format::Markdown);
        let twice = relevel(
            &gongwen::parse(&once_src),
            &once_src,
            &RelevelOptions::default(),
        );
        if once != twice {
            let a: Vec<String> = once.lines().map(String::from).collect();
            let b: Vec<String> = twice.lines().map(String::from).collect();
            bad.push(
                first_difference(&name, "relevel twice (lines)", &a, &b)
                    .unwrap_or_else(|| format!("{name}: relevel twice differs at the end")),
            );
        }
    }
    bad
}

/// text → DOCX → tree equals text → tree (tables aside, see the module's comment).
fn docx_trip(path: &Path, tabled: &mut Vec<String>) -> Vec<String> {
    let name = path.display().to_string();
    let src = Source::from_path(path).unwrap();
    let doc = gongwen::parse(&src);
    let mut bytes = Vec::new();
    // elisions as written: the GB/T mark would turn ...... into …… in the text
    let raw = gongwen::write::docx::DocxOptions {
        elisions: gongwen::write::docx::ElisionMode::Raw,
        // pictures from beside the document, as `convert` reads them
        base_dir: path.parent().map(Path::to_path_buf),
        ..Default::default()
    };
    gongwen::write::docx::write(&doc, &src, &raw, &mut bytes).unwrap();
    let back = Source::from_bytes("roundtrip.docx", bytes).unwrap();
    assert_eq!(back.format(), Format::Docx);
    let back = gongwen::parse(&back);
    if has_table(&doc) {
        tabled.push(name.clone());
    }
    let notes = |d: &Document| {
        let mut v = Vec::new();
        d.walk(&mut |b, _| {
            if let Block::Footnote(n) = b {
                v.push(format!("footnote {}", squeeze(&n.text.text)));
            }
        });
        v.sort();
        v
    };
    let not_notes = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .filter(|it| !it.starts_with("footnote "))
            .collect()
    };
    first_difference(
        &name,
        "text → DOCX → tree",
        &as_word_reads_it(&doc, items(&doc, true, false)),
        &not_notes(items(&back, true, false)),
    )
    .into_iter()
    .chain(first_difference(
        &name,
        "text → DOCX → tree, the notes",
        &notes(&doc),
        &notes(&back),
    ))
    .collect()
}

/// The items of a tree as the DOCX reader gives them back from the Word file the writer makes:
/// a footnote is in the notes part, its `[^label]` a reference mark without text, and its note
/// is placed after the paragraph that refers to it (the notes are compared apart, as a set).
fn as_word_reads_it(doc: &Document, items: Vec<String>) -> Vec<String> {
    let mut labels = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Footnote(n) = b {
            labels.push(format!("[^{}]", squeeze(&n.label)));
        }
    });
    items
        .into_iter()
        .filter_map(|it| {
            if it.starts_with("footnote ") {
                return None;
            }
            Some(labels.iter().fold(it, |t, l| t.replace(l.as_str(), "")))
        })
        .collect()
}

/// Trips known not to hold, each with its cause, none in the writers: (file name, the trip
/// named as in the failure, why). They are printed on every run; any other failure fails the
/// test.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "rpt-10.txt",
        "text → Markdown → tree",
        "the document lists its headings once without text under them, then again over the \
         body; read as text the list is sections, but the Markdown reader takes the same \
         lines written as `##`/`###` headings for a table of contents",
    ),
    (
        "rpt-10.txt",
        "Markdown → Markdown, second pass",
        "follows from the table of contents above",
    ),
    (
        "rpt-10.txt",
        "text → DOCX → tree",
        "the DOCX reader, too, takes that list of headings for a table of contents",
    ),
    (
        "rpt-04.txt",
        "text → DOCX → tree",
        "a news headline over a speech's own title: the chrome line between them is left out, \
         and the reader joins the two title paragraphs into one title",
    ),
    (
        "rpt-04.txt",
        "Markdown → Markdown, second pass",
        "the same two titles as two `#` lines, which the reader joins into one title",
    ),
];

fn report(what: &str, paths: &[PathBuf], bad: &[String]) {
    let n = paths.len();
    let known = |b: &str| {
        KNOWN.iter().find(|(file, trip, _)| {
            b.split(": ")
                .next()
                .is_some_and(|p| p.ends_with(&format!("/{file}")))
                && b.contains(&format!(": {trip}"))
        })
    };
    let mut unknown = 0;
    for b in bad {
        match known(b) {
            Some((_, _, why)) => eprintln!("known: {b}\n   because {why}"),
            None => {
                unknown += 1;
                eprintln!("{b}");
            }
        }
    }
    let mut files: Vec<&str> = bad.iter().filter_map(|b| b.split(": ").next()).collect();
    files.sort_unstable();
    files.dedup();
    eprintln!(
        "{what}: {} of {n} documents hold ({} known failures)",
        n - files.len().min(n),
        bad.len() - unknown
    );
    assert!(unknown == 0, "{unknown} round-trip failures (listed above)");
    // a known failure that no longer fails is taken off the list, so that it cannot hide a
    // later one of another cause
    let stale: Vec<String> = KNOWN
        .iter()
        .filter(|(file, trip, _)| {
            trip.contains("DOCX") == (what == "DOCX")
                && paths.iter().any(|p| p.ends_with(file))
                && !bad.iter().any(|b| b.contains(&format!("/{file}: {trip}")))
        })
        .map(|(file, trip, _)| format!("{file}: {trip}"))
        .collect();
    assert!(
        stale.is_empty(),
        "known failures that hold now; take them out of KNOWN: {stale:?}"
    );
}

fn markdown_all(paths: Vec<PathBuf>) {
    let bad: Vec<String> = paths.iter().flat_map(|p| markdown_trip(p)).collect();
    report("Markdown", &paths, &bad);
}

fn docx_all(paths: Vec<PathBuf>) {
    let mut tabled = Vec::new();
    let bad: Vec<String> = paths
        .iter()
        .flat_map(|p| docx_trip(p, &mut tabled))
        .collect();
    if !tabled.is_empty() {
        eprintln!(
            "tables compared as the lines Word's cells are read as: {}",
            tabled.join(", ")
        );
    }
    report("DOCX", &paths, &bad);
}

#[test]
fn samples_through_markdown() {
    markdown_all(own());
}

#[test]
fn samples_through_docx() {
    docx_all(own());
}

#[test]
#[ignore = "needs ../shared/corpus and ../shared/seeds"]
fn corpus_and_seeds_through_markdown() {
    markdown_all(shared());
}

#[test]
#[ignore = "needs ../shared/corpus and ../shared/seeds"]
fn corpus_and_seeds_through_docx() {
    docx_all(shared());
}

/// A report of our own with each block Markdown has: a table with its caption, nested bullet
/// lists, a quotation, an image, a thematic break and a footnote.
const BLOCKS: &str = "---\ntitle: \"关于全区防汛物资储备情况的报告\"\n---\n\n\
# 关于全区防汛物资储备情况的报告\n\n## 一、储备情况\n\n截至目前，全区共储备防汛物资[^1]如下。\n\n\
表1　主要物资储备\n\n| 物资 | 单位 | 数量 |\n|:---|:---:|---:|\n| 沙袋 | 万条 | 12 |\n| 冲锋舟 | 艘 | a\\|b |\n\n\
- 一是物资库房已全部检查；\n- 二是台账已经更新：\n  - 城区库\n  - 郊区库\n\n\
> 上级通知要求：汛前完成储备。\n\n![库房照片](img/store.png)\n\n---\n\n\
## 二、下一步工作\n\n（一）补充短缺物资。按计划采购。\n\n[^1]: 含区级和街道两级储备。\n";

#[test]
fn markdown_blocks_survive_the_writer() {
    let src = Source::from_str(BLOCKS, Format::Markdown);
    let doc = gongwen::parse(&src);
    let want = items(&doc, true, true);
    for block in [
        "table header rows 1",
        "caption",
        "item -",
        "quote",
        "image",
        "footnote 1 (1 references)",
        "break Rule",
    ] {
        assert!(
            want.iter().any(|i| i.starts_with(block)),
            "the reader gives {block}: {want:#?}"
        );
    }
    assert!(want.iter().any(|i| i == "cell 2 2 a|b"), "{want:#?}");
    let md = to_markdown(&doc, &src);
    let back_src = Source::from_str(md.clone(), Format::Markdown);
    let back = gongwen::parse(&back_src);
    if let Some(d) = first_difference(
        "blocks",
        "Markdown → tree",
        &want,
        &items(&back, true, true),
    ) {
        panic!("{d}\n{md}");
    }
    assert_eq!(to_markdown(&back, &back_src), md, "second pass");
}

#[test]
fn a_difference_is_found_and_named() {
    let a = vec!["section 1 standalone 一、 总则".to_string()];
    let b = vec!["section 2 standalone 一、 总则".to_string()];
    let d = first_difference("x.md", "trip", &a, &b).unwrap();
    assert!(d.starts_with("x.md: trip: item 0 differs"), "{d}");
    assert_eq!(first_difference("x.md", "trip", &a, &a), None);
}

/// Every .md file under a folder, in its subfolders too.
fn md_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("needs {}: {e}", d.display()));
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                v.push(p);
            }
        }
    }
    v.sort();
    assert!(!v.is_empty(), "no .md documents under {}", dir.display());
    v
}

/// The big collection through Markdown, measured: its documents are not all clean (titles
/// repeated in the body, lines of a table of contents), so the share that holds is printed
/// with every failure, and must stay at 0.99 or more.
#[test]
#[ignore = "needs ../shared/corpus-big"]
fn big_collection_through_markdown() {
    let paths = md_under(&root().join("../shared/corpus-big"));
    let n = paths.len();
    let mut failed = 0;
    for p in &paths {
        let bad = markdown_trip(p);
        if !bad.is_empty() {
            failed += 1;
            bad.iter().for_each(|b| eprintln!("{b}"));
        }
    }
    let share = (n - failed) as f64 / n as f64;
    eprintln!(
        "big collection through Markdown: {} of {n} documents hold ({share:.4})",
        n - failed
    );
    assert!(
        share >= 0.99,
        "{failed} documents do not hold (listed above)"
    );
}
