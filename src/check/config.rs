//! `gongwen.toml`: per-rule severity, house rules and include/exclude globs, found by walking up
//! from each file like `rustfmt.toml`.
//!
//! ```toml
//! [rules]
//! GW111 = "off"            # or "error", "warning", "info"; a rule's name works too
//! numbering-gap = "warning"
//!
//! [house]
//! allow-level-skip = true  # 1. directly under 一、 is fine here, always
//! strict-levels = true     # every skipped level is a finding (GB/T 9704 order), even one
//!                          # the document makes uniformly
//! strict-heading-stop = true # every stand-alone heading ending in 。 is a finding, even
//!                          # where the document writes a whole level as sentences
//! arabic-dot = "."         # ".", "．" or "either" (the default)
//! families = ["cn-comma", "cn-paren", "arabic-dot", "arabic-paren"]
//!
//! [layout]                 # `check --layout`, where practice departs from GB/T 9704
//! margin-tolerance-mm = 1.0
//! margins-mm = [37, 35, 28, 26]   # top, bottom, left, right
//! line-pitch = 560         # require this body line pitch (twips); by default any giving 22 lines
//! lines-per-page = 22
//! chars-per-line = 28
//! footer-distance-mm = 28  # check the footer's distance from the page's edge (off by default)
//!
//! [files]
//! include = ["docs/**"]
//! exclude = ["drafts/**"]
//! ```

use super::{Rule, Severity};
use crate::tree::Family;
use serde::Deserialize;
use std::collections::HashMap;
#[cfg(feature = "cli")]
use {
    crate::Error,
    globset::{Glob, GlobSet, GlobSetBuilder},
    std::collections::BTreeMap,
    std::path::{Path, PathBuf},
    std::sync::Arc,
};

/// The file name looked for.
#[cfg(feature = "cli")]
pub(crate) const CONFIG_FILE: &str = "gongwen.toml";

/// Which dot after an Arabic number is accepted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum ArabicDot {
    /// Only the ASCII full stop `1.`.
    #[serde(rename = ".")]
    Ascii,
    /// Only the full-width `1．`.
    #[serde(rename = "．")]
    FullWidth,
    /// Either (the standard's text and practice disagree, gbt9704.md §8.1).
    #[default]
    #[serde(rename = "either")]
    Either,
}

/// House rules where guides disagree.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct House {
    /// Accept a level used without its parent level (1. directly under 一、).
    #[serde(default)]
    pub allow_level_skip: bool,
    /// Report every level used without its parent level, in strict GB/T 9704 order. Without
    /// it a skip the document makes uniformly (1. directly under each 一、, （一） under part
    /// headings that carry no number) is its house style, and only a skip where the document
    /// uses the skipped level elsewhere in the same place is reported.
    #[serde(default)]
    pub strict_levels: bool,
    /// Report every stand-alone heading that ends in 。 (GB/T 9704). Without it, where most
    /// stand-alone headings of a family end in 。, that is the document's style.
    #[serde(default)]
    pub strict_heading_stop: bool,
    /// The dot after an Arabic number.
    #[serde(default)]
    pub arabic_dot: ArabicDot,
    /// The marker families a document may use; empty means any.
    #[serde(default)]
    pub families: Vec<Family>,
}

/// The settings of `check --layout` where practice departs from the standard's figures (fact
/// sheet §4 and §6.4, marked CONFLICT). The defaults are the DOCX writer's GB/T 9704 figures.
///
/// ```
/// let s = gongwen::check::LayoutSettings::default();
/// assert_eq!((s.lines_per_page, s.chars_per_line), (22, 28));
/// assert_eq!(s.line_pitch, None);
/// ```
#[cfg(feature = "docx")]
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct LayoutSettings {
    /// How far a margin may be off, in millimetres (clause 5.2.1: ± 1 mm).
    pub margin_tolerance_mm: f64,
    /// The margins wanted, top, bottom, left, right in millimetres, for a house that sets
    /// other figures (practice: 3.4 / 3.1 cm with a 29.5 pt pitch); `None` = GB/T 9704.
    pub margins_mm: Option<[f64; 4]>,
    /// A body line pitch required exactly, in twips (560 = the folk 28 pt, 579 = the grid);
    /// `None` accepts any pitch that gives the lines a page.
    pub line_pitch: Option<i64>,
    /// Lines a page (clause 5.2.3).
    pub lines_per_page: u32,
    /// Characters a line (clause 5.2.3).
    pub chars_per_line: u32,
    /// The footer's distance from the page's bottom edge (`w:pgMar w:footer`), in
    /// millimetres, when a house fixes it (guides say 2.7, 2.8 or 3.0 cm); `None` = not checked.
    pub footer_distance_mm: Option<f64>,
}

#[cfg(feature = "docx")]
impl Default for LayoutSettings {
    fn default() -> Self {
        use crate::write::docx::layout as l;
        LayoutSettings {
            margin_tolerance_mm: 1.0,
            margins_mm: None,
            line_pitch: None,
            lines_per_page: l::GBT_LINES_PER_PAGE,
            chars_per_line: l::GBT_CHARS_PER_LINE,
            footer_distance_mm: None,
        }
    }
}

#[cfg(feature = "cli")]
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[cfg(feature = "cli")]
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    house: House,
    #[serde(default)]
    layout: LayoutSettings,
    #[serde(default)]
    files: FileSection,
}

/// What to check, and how strictly: a severity per rule and the house rules.
///
/// ```
/// use gongwen::check::{Config, Rule, Severity};
/// let mut cfg = Config::default();
/// cfg.rules.insert(Rule::LevelSkip, None);
/// cfg.rules.insert(Rule::NumberingGap, Some(Severity::Warning));
/// assert_eq!(cfg.severity(Rule::LevelSkip), None);
/// assert_eq!(cfg.severity(Rule::NumberingGap), Some(Severity::Warning));
/// assert_eq!(cfg.severity(Rule::NumberingRepeat), Some(Severity::Error));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Severity per rule; `None` = off. Rules not listed keep their default.
    pub rules: HashMap<Rule, Option<Severity>>,
    /// House rules.
    pub house: House,
    /// The settings of the layout check.
    #[cfg(feature = "docx")]
    pub layout: LayoutSettings,
    /// Files to include (relative to `root`); `None` = all.
    #[cfg(feature = "cli")]
    pub(crate) include: Option<GlobSet>,
    /// Files to exclude.
    #[cfg(feature = "cli")]
    pub(crate) exclude: Option<GlobSet>,
    /// The directory holding the configuration file.
    #[cfg(feature = "cli")]
    pub(crate) root: Option<PathBuf>,
    /// The configuration file, when one was found.
    #[cfg(feature = "cli")]
    pub(crate) path: Option<PathBuf>,
}

#[cfg(feature = "cli")]
fn globs(list: &[String]) -> Result<Option<GlobSet>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in list {
        b.add(Glob::new(g).map_err(|e| format!("glob {g:?}: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// A configuration error in `path`, or in the text of one ([`CONFIG_FILE`]).
#[cfg(feature = "cli")]
fn config_error(path: Option<&Path>, message: String) -> Error {
    Error::Config {
        path: path.map_or_else(|| CONFIG_FILE.to_string(), |p| p.display().to_string()),
        line: None,
        message,
    }
}

impl Config {
    /// The severity of a rule here: the configured one, else the default; `None` when off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.rules.get(&rule) {
            Some(s) => *s,
            None => Some(rule.default_severity()),
        }
    }
}

#[cfg(feature = "cli")]
impl Config {
    /// Read a configuration from the TOML text of a `gongwen.toml`.
    ///
    /// ```
    /// use gongwen::check::{Config, Rule, Severity};
    /// let cfg = Config::from_toml("[rules]\nGW111 = \"off\"\nnumbering-gap = \"warning\"\n").unwrap();
    /// assert_eq!(cfg.severity(Rule::LevelSkip), None);
    /// assert_eq!(cfg.severity(Rule::NumberingGap), Some(Severity::Warning));
    /// let e = Config::from_toml("[rules]\nGW1O1 = \"off\"\n").unwrap_err();
    /// assert_eq!(e.to_string(), "gongwen.toml: unknown rule \"GW1O1\"");
    /// ```
    pub fn from_toml(text: &str) -> Result<Config, Error> {
        Config::parse_toml(text).map_err(|m| config_error(None, m))
    }

    fn parse_toml(text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut rules = HashMap::new();
        for (k, v) in &raw.rules {
            let rule: Rule = k.parse().map_err(|e: Error| e.to_string())?;
            let sev = match v.to_ascii_lowercase().as_str() {
                "off" | "allow" | "ignore" => None,
                "info" | "note" => Some(Severity::Info),
                "warning" | "warn" => Some(Severity::Warning),
                "error" | "deny" => Some(Severity::Error),
                other => {
                    return Err(format!(
                        "rule {k}: unknown severity {other:?} (off, info, warning, error)"
                    ))
                }
            };
            rules.insert(rule, sev);
        }
        Ok(Config {
            rules,
            house: raw.house,
            layout: raw.layout,
            include: globs(&raw.files.include)?,
            exclude: globs(&raw.files.exclude)?,
            root: None,
            path: None,
        })
    }

    /// Read a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text =
            std::fs::read_to_string(path).map_err(|e| config_error(Some(path), e.to_string()))?;
        let mut c = Config::parse_toml(&text).map_err(|m| config_error(Some(path), m))?;
        c.root = path.parent().map(Path::to_path_buf);
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// The configuration that applies to `file`: the `gongwen.toml` found by walking up from
    /// its directory, like `rustfmt.toml`, or the default when there is none.
    ///
    /// ```
    /// let cfg = gongwen::check::Config::for_file("no/such/dir/a.txt").unwrap();
    /// assert!(cfg.severity(gongwen::check::Rule::NumberingGap).is_some());
    /// ```
    pub fn for_file(file: impl AsRef<Path>) -> Result<Config, Error> {
        ConfigCache::default()
            .for_file(file.as_ref())
            .map(|c| (*c).clone())
    }

    /// Whether a walked file passes the include and exclude globs.
    pub(crate) fn selects(&self, file: &Path) -> bool {
        let rel = match &self.root {
            Some(r) => file.strip_prefix(r).unwrap_or(file),
            None => file,
        };
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        if let Some(inc) = &self.include {
            if !inc.is_match(rel) {
                return false;
            }
        }
        !self.exclude.as_ref().is_some_and(|e| e.is_match(rel))
    }
}

/// Finds the configuration for each file by walking up from its directory, caching per
/// directory.
#[cfg(feature = "cli")]
#[derive(Default)]
pub(crate) struct ConfigCache {
    fixed: Option<Arc<Config>>,
    dirs: HashMap<PathBuf, Arc<Config>>,
}

#[cfg(feature = "cli")]
impl ConfigCache {
    /// Always use this configuration (`--config`).
    pub(crate) fn fixed(cfg: Config) -> Self {
        ConfigCache {
            fixed: Some(Arc::new(cfg)),
            dirs: HashMap::new(),
        }
    }

    /// The configuration that applies to `file`.
    pub(crate) fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, Error> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, Error> {
        if let Some(c) = self.dirs.get(dir) {
            return Ok(c.clone());
        }
        let candidate = dir.join(CONFIG_FILE);
        let cfg = if candidate.is_file() {
            Arc::new(Config::load(&candidate)?)
        } else {
            match dir.parent() {
                Some(p) if p != dir => self.for_dir(p)?,
                _ => Arc::new(Config::default()),
            }
        };
        self.dirs.insert(dir.to_path_buf(), cfg.clone());
        Ok(cfg)
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    #[test]
    fn parses_house_rules() {
        let c = Config::from_toml(
            "[house]\nallow-level-skip = true\nstrict-levels = true\narabic-dot = \"．\"\nfamilies = [\"cn-comma\"]\n[files]\nexclude = [\"drafts/**\"]\n",
        )
        .unwrap();
        assert!(c.house.allow_level_skip);
        assert!(c.house.strict_levels);
        assert!(!Config::default().house.strict_levels);
        assert_eq!(c.house.arabic_dot, ArabicDot::FullWidth);
        assert_eq!(c.house.families, vec![Family::CnComma]);
        assert!(!c.selects(Path::new("drafts/a.txt")));
        assert!(c.selects(Path::new("docs/a.txt")));
        assert!(Config::from_toml("[rules]\nGW999 = \"off\"").is_err());
        let c = Config::from_toml(
            "[layout]\nline-pitch = 560\nmargins-mm = [34, 31, 28, 26]\nfooter-distance-mm = 28\n",
        )
        .unwrap();
        assert_eq!(c.layout.line_pitch, Some(560));
        assert_eq!(c.layout.margins_mm, Some([34.0, 31.0, 28.0, 26.0]));
        assert_eq!(c.layout.lines_per_page, 22);
        assert!(Config::from_toml("[layout]\nline-pich = 560\n").is_err());
        assert!(Config::from_toml("[rules]\nGW101 = \"loud\"").is_err());
    }
}
