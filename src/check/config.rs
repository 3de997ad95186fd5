//! `gongwen.toml`: per-rule severity, house rules and include/exclude globs, found by walking up
//! from each file like `rustfmt.toml`.
//!
//! ```toml
//! [rules]
//! GW111 = "off"            # or "error", "warning", "info"; a rule's name works too
//! numbering-gap = "warning"
//!
//! [house]
//! allow-level-skip = true  # 1. directly under 一、 is fine here
//! arabic-dot = "."         # ".", "．" or "either" (the default)
//! families = ["cn-comma", "cn-paren", "arabic-dot", "arabic-paren"]
//!
//! [files]
//! include = ["docs/**"]
//! exclude = ["drafts/**"]
//! ```

use super::{Rule, Severity};
use crate::grammar::marker::Family;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file name looked for.
pub const CONFIG_FILE: &str = "gongwen.toml";

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
    /// The dot after an Arabic number.
    #[serde(default)]
    pub arabic_dot: ArabicDot,
    /// The marker families a document may use; empty means any.
    #[serde(default)]
    pub families: Vec<Family>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    house: House,
    #[serde(default)]
    files: FileSection,
}

/// A loaded configuration.
///
/// ```
/// use gongwen::check::{Config, Rule, Severity};
/// let cfg = Config::from_toml("[rules]\nGW111 = \"off\"\nnumbering-gap = \"warning\"\n").unwrap();
/// assert_eq!(cfg.severity(Rule::LevelSkip), None);
/// assert_eq!(cfg.severity(Rule::NumberingGap), Some(Severity::Warning));
/// assert_eq!(cfg.severity(Rule::NumberingRepeat), Some(Severity::Error));
/// let e = Config::from_toml("[rules]\nGW1O1 = \"off\"\n").unwrap_err();
/// assert_eq!(e.to_string(), "unknown rule \"GW1O1\"");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Severity per rule; `None` = off. Rules not listed keep their default.
    pub rules: HashMap<Rule, Option<Severity>>,
    /// House rules.
    pub house: House,
    /// Files to include (relative to [`Config::root`]); `None` = all.
    pub include: Option<GlobSet>,
    /// Files to exclude.
    pub exclude: Option<GlobSet>,
    /// The directory holding the configuration file.
    pub root: Option<PathBuf>,
    /// The configuration file, when one was found.
    pub path: Option<PathBuf>,
}

/// A configuration that could not be read.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

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

impl Config {
    /// Read a configuration from TOML text.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        let mut rules = HashMap::new();
        for (k, v) in &raw.rules {
            let rule: Rule = k.parse().map_err(|e| ConfigError(format!("{e}")))?;
            let sev = match v.to_ascii_lowercase().as_str() {
                "off" | "allow" | "ignore" => None,
                "info" | "note" => Some(Severity::Info),
                "warning" | "warn" => Some(Severity::Warning),
                "error" | "deny" => Some(Severity::Error),
                other => {
                    return Err(ConfigError(format!(
                        "rule {k}: unknown severity {other:?} (off, info, warning, error)"
                    )))
                }
            };
            rules.insert(rule, sev);
        }
        Ok(Config {
            rules,
            house: raw.house,
            include: globs(&raw.files.include).map_err(ConfigError)?,
            exclude: globs(&raw.files.exclude).map_err(ConfigError)?,
            root: None,
            path: None,
        })
    }

    /// Read a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
        let mut c = Config::from_toml(&text)
            .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
        c.root = path.parent().map(Path::to_path_buf);
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// The severity of a rule here: the configured one, else the default; `None` when off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.rules.get(&rule) {
            Some(s) => *s,
            None => Some(rule.default_severity()),
        }
    }

    /// Whether a walked file passes the include and exclude globs.
    pub fn selects(&self, file: &Path) -> bool {
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
///
/// ```
/// let mut c = gongwen::check::config::ConfigCache::default();
/// let cfg = c.for_file(std::path::Path::new("no/such/dir/a.txt")).unwrap();
/// assert!(cfg.severity(gongwen::check::Rule::NumberingGap).is_some());
/// ```
#[derive(Default)]
pub struct ConfigCache {
    fixed: Option<Arc<Config>>,
    dirs: HashMap<PathBuf, Arc<Config>>,
}

impl ConfigCache {
    /// Always use this configuration (`--config`).
    pub fn fixed(cfg: Config) -> Self {
        ConfigCache {
            fixed: Some(Arc::new(cfg)),
            dirs: HashMap::new(),
        }
    }

    /// The configuration that applies to `file`.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_house_rules() {
        let c = Config::from_toml(
            "[house]\nallow-level-skip = true\narabic-dot = \"．\"\nfamilies = [\"cn-comma\"]\n[files]\nexclude = [\"drafts/**\"]\n",
        )
        .unwrap();
        assert!(c.house.allow_level_skip);
        assert_eq!(c.house.arabic_dot, ArabicDot::FullWidth);
        assert_eq!(c.house.families, vec![Family::CnComma]);
        assert!(!c.selects(Path::new("drafts/a.txt")));
        assert!(c.selects(Path::new("docs/a.txt")));
        assert!(Config::from_toml("[rules]\nGW999 = \"off\"").is_err());
        assert!(Config::from_toml("[rules]\nGW101 = \"loud\"").is_err());
    }
}
