//! The HTML reader: pandoc's renders of the shared documents give their sources' outlines, a
//! government-site page gives the outline of its document as plain text with the site's
//! navigation and footer as chrome, the Markdown made of a page has the expected shape, and
//! hostile pages neither panic nor take long.
#![cfg(feature = "html")]

use gongwen::tree::{Block, ChromeKind, Document};
use gongwen::write::outline::rows;
use gongwen::{parse, Format, Source};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/html")
        .join(name)
}

/// The outline rows without their line numbers: kind, level, marker, title.
fn outline(src: &Source) -> Vec<String> {
    let doc = parse(src);
    rows(&doc, src)
        .into_iter()
        .map(|r| format!("{}\t{}\t{}\t{}", r.kind, r.level, r.marker, r.title))
        .collect()
}

fn html(name: &str, page: &str) -> Source {
    Source::from_bytes(name, page.as_bytes().to_vec()).unwrap()
}

/// How many rows of `b` match rows of `a` in order (a longest common subsequence, by a
/// small dynamic programme: outlines have hundreds of rows at most).
fn matching(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A plain-text document as the page a site would publish it as: each non-blank line a `<p>`.
fn paragraphs_page(text: &str) -> String {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n",
    );
    for l in text.lines().filter(|l| !l.trim().is_empty()) {
        let l = l
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        page.push_str(&format!("<p>{l}</p>\n"));
    }
    page.push_str("</body></html>\n");
    page
}

/// Every document of the shared corpus and seeds, rendered to HTML, gives its source's outline
/// (kind, level, marker and title of every row). A Markdown file is rendered by pandoc
/// (`pandoc -s -f markdown-smart`: pandoc's `smart` extension rewrites quotation marks, which
/// changes the text itself — `‘甲’‘乙’` comes out `‘甲’’乙’` — so it is turned off); a text file
/// has no markup pandoc would keep line for line, so each of its lines becomes a `<p>`, as a
/// site publishes a document.
#[test]
#[ignore = "needs pandoc"]
fn pandoc_renders_of_the_shared_documents_give_their_outlines() {
    let dir = std::env::temp_dir().join(format!("gongwen-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<PathBuf> = ["corpus", "seeds"]
        .iter()
        .flat_map(|d| std::fs::read_dir(shared().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "found {} documents", files.len());
    let (mut same, mut rows_all, mut rows_same) = (0, 0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let out = dir.join(format!("{name}.html"));
        if name.ends_with(".md") {
            let st = Command::new("pandoc")
                .arg("-s")
                .args(["-f", "markdown-smart"])
                .arg(f)
                .arg("-o")
                .arg(&out)
                .status()
                .expect("pandoc must be installed to run this test");
            assert!(st.success(), "pandoc failed on {name}");
        } else {
            let text = std::fs::read_to_string(f).unwrap();
            std::fs::write(&out, paragraphs_page(&text)).unwrap();
        }
        let source = Source::from_path(f).unwrap();
        let page = Source::from_path(&out).unwrap();
        assert_eq!(page.format(), Format::Html, "{name}");
        parse(&page)
            .check_lossless(&page)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (a, b) = (outline(&source), outline(&page));
        rows_all += a.len();
        rows_same += matching(&a, &b);
        if a == b {
            same += 1;
        } else {
            failures.push(format!("{name}:\n  source {a:?}\n  page   {b:?}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "documents matching exactly: {same}/{}; rows: {rows_same}/{rows_all}",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The chrome lines of a tree, by their text.
fn chrome_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Chrome(c) = b {
            out.push(c.text.text.clone());
        }
    });
    out
}

#[test]
fn a_government_page_gives_its_documents_outline_and_its_site_is_chrome() {
    let page = Source::from_path(data("gov-notice.html")).unwrap();
    // the same document as plain text (its table as the pipe rows plain text can hold)
    let text = Source::from_path(data("gov-notice.txt")).unwrap();
    assert_eq!(page.format(), Format::Html);
    let o = outline(&page);
    assert_eq!(o, outline(&text));
    assert!(o.len() >= 10, "{o:?}");
    assert_eq!(
        o[0],
        "title\t0\t\t青禾县人民政府办公室关于做好冬季校园安全工作的通知"
    );
    assert_eq!(
        page.page_title(),
        Some("青禾县人民政府办公室关于做好冬季校园安全工作的通知_青禾县人民政府")
    );

    let doc = parse(&page);
    doc.check_lossless(&page).unwrap();
    assert_eq!(doc.meta.doc_number.as_deref(), Some("青政办发〔2026〕17号"));
    let chrome = chrome_texts(&doc);
    // the chrome's visible text, its Markdown seen through (a list item's bullet is the
    // list's, not the text's)
    for want in [
        "青禾县人民政府门户网站 English 无障碍",
        "!青禾县人民政府",
        "首页",
        "互动交流",
        "当前位置：首页 > 政务公开 > 通知公告",
        "相关阅读",
        "县政府常务会议纪要",
        "关于我们 | 网站地图 | 联系我们",
        "版权所有：青禾县人民政府办公室　主办单位：青禾县人民政府办公室",
    ] {
        assert!(
            chrome.iter().any(|c| c == want),
            "{want:?} not chrome: {chrome:?}"
        );
    }
    // nothing of the document is chrome
    assert!(!chrome
        .iter()
        .any(|c| c.contains("校园") || c.contains("一、")));
    // every chrome span is whole lines of the text
    for s in page.chrome_spans() {
        let t = &page.text()[s.range()];
        assert!(t.ends_with('\n'), "{t:?}");
        assert!(s.start == 0 || page.text().as_bytes()[s.start - 1] == b'\n');
    }
}

#[test]
fn the_markdown_made_of_a_page() {
    let page = html(
        "a.html",
        concat!(
            "<!DOCTYPE html><html><head><title>标题页</title>",
            "<script>document.write('<p>不是正文</p>')</script></head><body>",
            "<h2>一、<b>总体</b>要求</h2>",
            "<p>第一行<br>第二行</p><div>块</div>",
            "<p>1. 列出的序号 # 不是标题 *星* __粗__ [甲](乙) a&lt;b&gt;c &amp;</p>",
            "<p>- 不是列表</p><p>&gt; 不是引用</p>",
            "<table><thead><tr><th>项目</th><th>金额</th></tr></thead>",
            "<tr><td>甲|乙</td><td>1<br>2</td></tr></table>",
            "<ul><li>一是<ul><li>子项</li></ul></li><li>二是</li></ul>",
            "<ol start=\"3\"><li>丙</li><li>丁</li></ol>",
            "<blockquote><p>引一</p><p>引二</p></blockquote>",
            "<pre>保留  空格\n第二行</pre>",
            "<img src=\"图 1.png\" alt=\"示意图\"><hr>",
            "<p>\u{3000}\u{3000}全角缩进\u{a0}不换行</p>",
            "<noscript>请开启脚本</noscript><style>p{}</style>",
            "</body></html>"
        ),
    );
    let want = "## 一、总体要求\n\
        \n\
        第一行\n\
        第二行\n\
        \n\
        块\n\
        \n\
        1&#46; 列出的序号 # 不是标题 &#42;星&#42; &#95;&#95;粗&#95;&#95; &#91;甲](乙) a&lt;b>c &amp;\n\
        \n\
        &#45; 不是列表\n\
        \n\
        &gt; 不是引用\n\
        \n\
        | 项目 | 金额 |\n\
        |---|---|\n\
        | 甲\\|乙 | 1 2 |\n\
        \n\
        - 一是\n  - 子项\n- 二是\n\
        \n\
        3. 丙\n4. 丁\n\
        \n\
        > 引一\n>\n> 引二\n\
        \n\
        ```\n保留  空格\n第二行\n```\n\
        \n\
        ![示意图](<图 1.png>)\n\
        \n\
        ---\n\
        \n\
        \u{3000}\u{3000}全角缩进\u{a0}不换行\n";
    assert_eq!(page.text(), want);
    assert_eq!(page.page_title(), Some("标题页"));
    assert!(page.chrome_spans().is_empty());
    assert!(page.is_markdown());
    // the escaped characters read as themselves
    let doc = parse(&page);
    doc.check_lossless(&page).unwrap();
}

#[test]
fn spans_put_text_in_the_first_cell_and_leave_the_spanned_ones_empty() {
    let page = html(
        "t.html",
        "<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>\
         <tr><td>丙</td><td>丁</td></tr><tr><td>戊</td></tr></table>",
    );
    assert_eq!(
        page.text(),
        "| 甲 | 乙 | |\n|---|---|---|\n| | 丙 | 丁 |\n| 戊 | | |\n"
    );
}

#[test]
fn a_table_that_lays_out_the_page_is_read_as_blocks() {
    let page = html(
        "t.html",
        "<table><tr><td class=nav>首页</td></tr><tr><td><h1>关于开展检查的通知</h1>\
         <p>一、总则</p><p>二、附则</p></td></tr></table>",
    );
    assert_eq!(
        page.text(),
        "首页\n\n# 关于开展检查的通知\n\n一、总则\n\n二、附则\n"
    );
    let o = outline(&page);
    assert_eq!(o[0], "title\t0\t\t关于开展检查的通知");
    assert_eq!(o.len(), 3, "{o:?}");
}

#[test]
fn html_is_told_by_its_extension_or_its_start() {
    let page = "\u{feff}  <!doctype HTML><p>一、总则</p>";
    for name in ["a.html", "a.HTM", "a.xhtml", "<stdin>"] {
        assert_eq!(html(name, page).format(), Format::Html, "{name}");
    }
    assert_eq!(html("<stdin>", "<HTML><p>x</p>").format(), Format::Html);
    // another extension says otherwise; text that does not start so is no page
    assert_eq!(html("a.txt", page).format(), Format::Text);
    assert_eq!(html("<stdin>", "一、总则<p>x</p>").format(), Format::Text);
}

#[test]
fn a_legacy_page_is_decoded_by_its_meta_charset() {
    // 一、总则 in GBK, once: too little for the detector to be sure of
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>".to_vec();
    bytes.extend_from_slice(b"\xd2\xbb\xa1\xa2\xd7\xdc\xd4\xf2");
    bytes.extend_from_slice(b"</p></body></html>");
    let src = Source::from_bytes("a.html", bytes).unwrap();
    assert_eq!((src.text(), src.encoding()), ("一、总则\n", "gb18030"));
    let mut bytes = b"<meta charset='big5'><p>".to_vec();
    bytes.extend_from_slice(b"\xa4\x40\xa1\x42\xc1\x60\xab\x68"); // 一、總則 in Big5
    let src = Source::from_bytes("b.htm", bytes).unwrap();
    assert_eq!(src.text(), "一、總則\n");
    // a page's text is made from it: it is not written back
    assert!(src.encode(src.text()).is_err());
}

/// Parse a hostile page within a time limit; an error is fine, a panic or a hang is not.
fn survives(what: &str, bytes: Vec<u8>) {
    let t = Instant::now();
    if let Ok(src) = Source::from_bytes("hostile.html", bytes) {
        let doc = parse(&src);
        doc.check_lossless(&src)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let _ = rows(&doc, &src);
    }
    let took = t.elapsed();
    assert!(took < Duration::from_secs(20), "{what} took {took:?}");
}

#[test]
fn hostile_pages_neither_panic_nor_hang() {
    let n = 100_000;
    let nest = |open: &str, close: &str| {
        format!("<html><body>{}一、总则{}", open.repeat(n), close.repeat(n)).into_bytes()
    };
    survives("nested divs", nest("<div>", "</div>"));
    survives("nested divs, unclosed", nest("<div>", ""));
    survives("nested lists", nest("<ul><li>", ""));
    survives("nested quotes", nest("<blockquote>", ""));
    survives("nested tables", nest("<table><tr><td>", ""));
    survives("nested spans and bolds", nest("<span><b>", ""));
    survives("nested headings", nest("<h1>", ""));
    survives(
        "unclosed tags",
        b"<html><body><p>one<table><tr><td>a<ul><li>b<h2>c<pre>d<blockquote>e<div".to_vec(),
    );
    survives(
        "a huge attribute",
        format!("<p class=\"{}\">一、总则</p>", "nav ".repeat(2_000_000)).into_bytes(),
    );
    survives(
        "an unclosed attribute",
        format!("<p title=\"{}", "<div>".repeat(n)).into_bytes(),
    );
    survives(
        "huge spans",
        format!(
            "<table>{}</table>",
            "<tr><td colspan=99999 rowspan=99999>甲</td><td rowspan=65534>乙</td></tr>"
                .repeat(2000)
        )
        .into_bytes(),
    );
    survives("comments unclosed", "<!--<div>".repeat(n).into_bytes());
    survives(
        "script unclosed",
        format!("<script>{}", "<div>".repeat(n)).into_bytes(),
    );
    // binary junk, by a small generator of our own
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let junk: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    survives("binary junk", junk.clone());
    let mut tagged = b"<html><body>".to_vec();
    tagged.extend(junk.iter().map(|&b| if b == 0 { b'<' } else { b }));
    survives("binary junk with tags", tagged);
}

#[test]
fn nesting_past_the_cap_keeps_its_text() {
    let page = format!(
        "<html><body>{}<p>一、总则</p><p>二、附则</p>{}</body></html>",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    let src = html("a.html", &page);
    assert_eq!(src.text(), "一、总则\n\n二、附则\n");
}

#[test]
fn chrome_kind_is_navigation() {
    let src = html(
        "a.html",
        "<div id=\"footer\"><p>主办单位：某某局</p></div><h1>某某局关于开展检查的通知</h1><p>一、总则</p>",
    );
    let doc = parse(&src);
    let mut kinds = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Chrome(c) = b {
            kinds.push((c.kind, c.text.text.clone()));
        }
    });
    assert_eq!(
        kinds,
        vec![(ChromeKind::NavItem, "主办单位：某某局".to_string())]
    );
    assert_eq!(doc.meta.title.as_deref(), Some("某某局关于开展检查的通知"));
}

#[cfg(feature = "cli")]
#[test]
fn fix_refuses_a_page_and_check_reads_it() {
    let dir = std::env::temp_dir().join(format!("gongwen-html-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.html");
    std::fs::write(
        &path,
        "<html><body><h1>某某局关于开展检查的通知</h1><p>一、总则</p><p>三、附则</p></body></html>",
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap()
    };
    let fix = run(&["fix"]);
    assert_eq!(fix.status.code(), Some(2));
    let err = String::from_utf8_lossy(&fix.stderr);
    assert!(err.contains("an HTML page is not rewritten"), "{err}");
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains("三、附则"));
    let check = run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{check:?}");
    let outline = run(&["outline", "--format", "tsv"]);
    let out = String::from_utf8_lossy(&outline.stdout);
    assert!(out.contains("heading\t1\t三、\t附则"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Tag soup of the pieces pages are made of: no panic, and the tree covers the text.
    #[test]
    fn tag_soup_reads_losslessly(pieces in proptest::collection::vec(0usize..PIECES.len(), 0..80)) {
        let page: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let src = Source::from_str(page, Format::Html);
        let doc = parse(&src);
        proptest::prop_assert!(doc.check_lossless(&src).is_ok(), "{:?}", src.text());
        let _ = rows(&doc, &src);
    }
}

const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<h1>",
    "</h1>",
    "<h3>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "<th colspan=2>",
    "<td rowspan=3>",
    "</td>",
    "<ul>",
    "<ol start=9>",
    "<li>",
    "</li>",
    "</ul>",
    "<blockquote>",
    "</blockquote>",
    "<pre>",
    "</pre>",
    "<nav>",
    "</nav>",
    "<footer>",
    "<img alt=\"图\" src=a.png>",
    "<hr>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "一、总则",
    "（一）目的",
    "1.",
    "1. 范围",
    "# 井",
    "- 横",
    "> 尖",
    "*",
    "|",
    "&amp;",
    "&lt;",
    "\u{3000}",
    " ",
    "\n",
    "第一条 ",
    "。",
    "<b>",
    "</b>",
    "<title>",
    "标题",
];

/// A CommonMark reader with GFM tables sees in the text the blocks the page has: the table,
/// the lists, the heading, and no heading or list the page does not have.
#[test]
fn a_markdown_parser_reads_the_pages_blocks() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
    let page = Source::from_path(data("gov-notice.html")).unwrap();
    let (mut tables, mut lists, mut headings, mut cells) = (0, 0, Vec::new(), 0);
    for e in Parser::new_ext(page.text(), Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::Start(Tag::List(_)) => lists += 1,
            Event::Start(Tag::Heading { level, .. }) => headings.push(level),
            _ => {}
        }
    }
    assert_eq!(tables, 1);
    assert_eq!(cells, 12);
    // the menu, the numbered list of the document, the sidebar's list
    assert_eq!(lists, 3);
    assert_eq!(headings, vec![HeadingLevel::H1, HeadingLevel::H3]);
}
