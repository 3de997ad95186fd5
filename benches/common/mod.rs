//! What the benchmarks share: real prose from the shared corpus, as `scripts/compare.sh` makes
//! it (the texts of `../shared/corpus` and then `../shared/corpus-big`, concatenated in name
//! order, never one document twice).

use std::path::{Path, PathBuf};

/// The files of `dir` (recursively) ending in `ext`, in name order.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext)
            && p.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(p);
        }
    }
}

/// Corpus prose up to `target` bytes, when the shared corpus is beside the checkout and gives
/// at least half of it.
pub fn corpus_prose(target: usize) -> Option<String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut paths = Vec::new();
    files(&shared.join("corpus"), "txt", &mut paths);
    files(&shared.join("corpus-big"), "md", &mut paths);
    let mut s = String::with_capacity(target + (1 << 20));
    for p in paths {
        let Ok(t) = std::fs::read_to_string(&p) else {
            continue;
        };
        if s.len() + t.len() > target && !s.is_empty() {
            break;
        }
        s.push_str(&t);
        s.push_str("\n\n");
    }
    (s.len() > target / 2).then_some(s)
}
