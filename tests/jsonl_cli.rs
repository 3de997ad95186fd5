//! The built binary's `jsonl`: one JSON result a line for each record, in input order, ids as
//! given; a DOCX as base64 that reads back as a DOCX; a bad record gives an error record and
//! the stream goes on; a stream of 100,000 records goes through every action.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const ACTIONS: [&str; 4] = ["outline", "parse", "check", "convert"];

/// Run `gongwen jsonl ARGS` in the crate's root with `input` on standard input.
fn jsonl(args: &[&str], input: &[u8]) -> Output {
    jsonl_peak(args, input).0
}

/// The peak resident memory of a process (kB), where `/proc` gives it.
fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// [`jsonl`], with the child's peak resident memory (kB) as last seen while it ran: `None`
/// without `/proc`.
fn jsonl_peak(args: &[&str], input: &[u8]) -> (Output, Option<u64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("jsonl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // written from a thread, so that a large stream cannot fill both pipes at once
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    // the peak is read every few milliseconds while the child runs (it only grows)
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = None;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = vm_hwm(pid).or(peak);
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            peak
        })
    };
    let out = child.wait_with_output().unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    (out, watch.join().unwrap())
}

/// Every line of standard output as JSON; a line that is not JSON fails the test.
fn records(o: &Output) -> Vec<Value> {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::str::from_utf8(&o.stdout).expect("UTF-8 output");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn sample(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    std::fs::read_to_string(&p).unwrap()
}

/// Records from the bundled samples: texts with ids of several JSON types, and paths.
fn sample_records() -> (String, Vec<Value>) {
    let ids: Vec<Value> = vec![
        Value::from(1),
        Value::from("two"),
        serde_json::json!({"k": [3]}),
        Value::from(4.5),
        Value::from(5),
    ];
    let lines = [
        serde_json::json!({"id": ids[0], "text": sample("通知.txt")}),
        serde_json::json!({"id": ids[1], "text": sample("办法.md"), "format": "markdown"}),
        serde_json::json!({"id": ids[2], "path": "samples/调研报告.txt"}),
        serde_json::json!({"id": ids[3], "path": "samples/report-blocks.md"}),
        serde_json::json!({"id": ids[4], "text": "<h1>关于加强管理的通知</h1><p>一、总体要求</p>", "format": "html"}),
    ];
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.to_string());
        s.push('\n');
    }
    (s, ids)
}

#[test]
fn every_action_gives_one_json_result_a_line_with_the_ids_in_order() {
    let (input, ids) = sample_records();
    for action in ACTIONS {
        let got = records(&jsonl(&["--do", action], input.as_bytes()));
        let got_ids: Vec<&Value> = got.iter().map(|r| &r["id"]).collect();
        assert_eq!(got_ids, ids.iter().collect::<Vec<_>>(), "{action}");
        for r in &got {
            assert!(r.get("error").is_none(), "{action}: {r}");
            match action {
                "outline" => {
                    assert_eq!(r["schema"], "gongwen.outline/1");
                    assert!(r["rows"].as_array().is_some_and(|a| !a.is_empty()), "{r}");
                }
                "parse" => assert_eq!(r["tree"]["schema"], "gongwen.tree/9"),
                "check" => {
                    assert_eq!(r["schema"], "gongwen.check/1");
                    assert!(r["diagnostics"].is_array(), "{r}");
                }
                _ => assert!(r["docx"].is_string(), "{r}"),
            }
        }
    }
}

#[test]
fn outline_rows_are_those_of_outline_json() {
    let text = sample("通知.txt");
    let rec = serde_json::json!({"id": 0, "text": text}).to_string();
    let got = records(&jsonl(&["--do", "outline"], rec.as_bytes()));
    let one = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["outline", "--format", "json", "samples/通知.txt"])
        .output()
        .unwrap();
    let want: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(got[0]["rows"], want["rows"]);
    assert_eq!(got[0]["summary"], want["summary"]);
    assert_eq!(got[0]["title"], want["title"]);
}

#[test]
fn check_diagnostics_are_those_of_check_json() {
    let gap = "关于加强管理的通知\n一、总体要求\n二、主要任务\n四、保障措施\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gap.txt");
    std::fs::write(&file, gap).unwrap();
    let path = file.to_str().unwrap();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "t", "text": gap}),
        serde_json::json!({"id": "p", "path": path})
    );
    let got = records(&jsonl(&["--do", "check"], input.as_bytes()));
    let one = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["check", "--format", "json", path])
        .output()
        .unwrap();
    let want: Value = serde_json::from_slice(&one.stdout).unwrap();
    let want = &want["files"][0]["diagnostics"];
    assert_eq!(want[0]["rule"], "GW101", "{want}");
    assert_eq!(&got[0]["diagnostics"], want);
    assert_eq!(&got[1]["diagnostics"], want);
    assert_eq!(got[1]["path"], path);
    assert!(got[0].get("path").is_none());
}

/// Standard base64, decoded (padding required); `None` for anything else.
fn unbase64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for q in b.chunks(4) {
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | u32::from(val(c)?);
        }
        n <<= 6 * pad as u32;
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Some(out)
}

#[test]
fn a_convert_record_decodes_to_a_docx_the_library_reads_back() {
    let text = sample("通知.txt");
    let rec = serde_json::json!({"id": "n", "text": text}).to_string();
    let got = records(&jsonl(&["--do", "convert"], rec.as_bytes()));
    let bytes = unbase64(got[0]["docx"].as_str().unwrap()).expect("base64");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let back = gongwen::Source::from_bytes("n.docx", bytes).unwrap();
    assert_eq!(back.format(), gongwen::Format::Docx);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
    assert!(back.text().contains(first), "{}", back.text());
}

#[test]
fn convert_to_text_formats() {
    let rec = serde_json::json!({"id": 1, "text": "关于加强管理的通知\n一、总则\n"}).to_string();
    let md = records(&jsonl(&["--do", "convert", "--to", "md"], rec.as_bytes()));
    assert!(
        md[0]["md"].as_str().unwrap().contains("## 一、总则"),
        "{}",
        md[0]
    );
    let yaml = records(&jsonl(&["--do", "convert", "-t", "yaml"], rec.as_bytes()));
    assert!(yaml[0]["yaml"]
        .as_str()
        .unwrap()
        .starts_with("schema: gongwen.tree/9"));
    let json = records(&jsonl(&["--do", "convert", "--to", "json"], rec.as_bytes()));
    assert_eq!(json[0]["json"]["schema"], "gongwen.tree/9");
}

#[test]
fn a_bad_record_gives_an_error_record_and_the_stream_goes_on() {
    let big = serde_json::json!({"id": "big", "text": "一、总则\n".repeat(100)}).to_string();
    let lines = [
        r#"{"id": 1, "text": "一、总则\n"}"#.to_string(),
        "{not json".into(),
        r#"[1, 2]"#.into(),
        r#"{"id": "no-input"}"#.into(),
        r#"{"id": "both", "text": "a", "path": "b"}"#.into(),
        r#"{"id": "bad-format", "text": "a", "format": "pdf"}"#.into(),
        r#"{"id": {"n": 7}, "path": "no/such/file.txt"}"#.into(),
        r#"{"id": "not-a-string", "text": 5}"#.into(),
        big,
        String::new(),
        "\u{feff}garbage".into(),
        r#"{"id": 2, "text": "二、附则\n"}"#.into(),
    ];
    let mut input = lines.join("\n").into_bytes();
    input.extend_from_slice(b"\n\xff\xfe not UTF-8\n{\"id\": 3, \"text\": \"x\"}");
    for action in ACTIONS {
        let got = records(&jsonl(&["--do", action, "--max-input", "1K"], &input));
        let ids: Vec<Value> = got.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(
            ids,
            vec![
                Value::from(1),
                Value::Null,
                Value::Null,
                Value::from("no-input"),
                Value::from("both"),
                Value::from("bad-format"),
                serde_json::json!({"n": 7}),
                Value::from("not-a-string"),
                Value::from("big"),
                Value::Null,
                Value::from(2),
                Value::Null,
                Value::from(3),
            ],
            "{action}"
        );
        let errors: Vec<bool> = got.iter().map(|r| r.get("error").is_some()).collect();
        let mut want = vec![true; 13];
        want[0] = false;
        want[10] = false;
        want[12] = false;
        assert_eq!(errors, want, "{action}: {got:?}");
        assert!(got[8]["error"].as_str().unwrap().contains("--max-input"));
        assert!(got[6]["error"]
            .as_str()
            .unwrap()
            .starts_with("no/such/file.txt: cannot read"));
    }
}

#[test]
fn empty_input_gives_no_output() {
    for action in ACTIONS {
        assert!(records(&jsonl(&["--do", action], b"")).is_empty());
    }
}

/// 100,000 short records, every tenth a broken line.
fn stream(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 80);
    for i in 0..n {
        if i % 10 == 9 {
            s.push_str("{\"id\": broken\n");
        } else {
            s.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"关于第{i}项工作的通知\\n一、总则\\n（一）目的。为了……\\n三、附则\\n\"}}\n"
            ));
        }
    }
    s.into_bytes()
}

/// `n` records of `stream` through `action`: one result each, in order, the broken ones errors;
/// the peak memory (kB, where it can be read).
fn streams(action: &str, n: usize) -> Option<u64> {
    let (o, peak) = jsonl_peak(&["--do", action], &stream(n));
    assert_eq!(o.status.code(), Some(0), "{action}");
    let mut count = 0;
    for (i, line) in o
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let r: Value = serde_json::from_slice(line).unwrap();
        if i % 10 == 9 {
            assert!(r["id"].is_null() && r["error"].is_string(), "{action}: {r}");
        } else {
            assert_eq!(r["id"], i, "{action}");
            assert!(r.get("error").is_none(), "{action}: {r}");
        }
        count += 1;
    }
    assert_eq!(count, n, "{action}");
    peak
}

/// `n` records through `action`, and a tenth as many: memory stays bounded, so the long
/// stream's peak is within a few megabytes of the short one's, not ten times it. Prints both.
fn bounded(action: &str, n: usize) {
    let short = streams(action, n / 10);
    let long = streams(action, n);
    eprintln!(
        "jsonl --do {action}: peak RSS {} kB for {} records, {} kB for {n}",
        short.map_or("?".into(), |k| k.to_string()),
        n / 10,
        long.map_or("?".into(), |k| k.to_string())
    );
    if let (Some(s), Some(l)) = (short, long) {
        assert!(
            l <= s + s / 2 + 8 * 1024,
            "{action}: {l} kB for {n} records against {s} kB for {}",
            n / 10
        );
    }
}

#[test]
fn a_stream_of_100000_records_through_outline() {
    bounded("outline", 100_000);
}

#[test]
fn a_stream_of_100000_records_through_parse() {
    bounded("parse", 100_000);
}

#[test]
fn a_stream_of_100000_records_through_check() {
    bounded("check", 100_000);
}

/// A DOCX costs about a millisecond whatever its size, so 100,000 take about two minutes.
#[test]
#[ignore = "long: 100,000 records"]
fn a_stream_of_100000_records_through_convert() {
    bounded("convert", 100_000);
}

#[test]
fn a_stream_of_2000_records_through_convert() {
    bounded("convert", 2_000);
}
