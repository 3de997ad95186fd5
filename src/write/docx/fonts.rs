//! Typefaces per role, with the fallbacks a machine without the GB2312 faces should use.
//!
//! GB/T 9704-2012 names typeface classes (clause 5.2.2 and 7.3): the title in 小标宋, body in
//! 仿宋, level-1 headings in 黑体, level 2 in 楷体, page numbers in 宋体. Offices use the
//! licensed faces 方正小标宋简体, 仿宋_GB2312 and 楷体_GB2312 (fact sheet §11); Windows ships
//! 仿宋 (FangSong), 楷体 (KaiTi), 黑体 (SimHei) and 宋体 (SimSun). The document names the
//! GB2312 face in every run and lists the fallback as `w:altName` in `fontTable.xml`.

use super::Style;

/// What a run is, for choosing its face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document title (and an attached document's title).
    Title,
    /// Body text, and everything GB/T leaves at the default 仿宋.
    Body,
    /// A heading of the given level (1–4; deeper levels use 4).
    Heading(u8),
    /// A subtitle, byline or a signer's name: 楷体.
    Kai,
    /// Labels set in 黑体: 附件 over an attached document, article numbers.
    Hei,
    /// Page numbers: 宋体.
    PageNumber,
}

/// A typeface and the one to use where it is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Face {
    /// The name written into every rFonts slot.
    pub name: &'static str,
    /// The fallback (`w:altName` in the font table).
    pub fallback: Option<&'static str>,
    /// Its fallback's Latin name, for the record in the font table.
    pub latin: &'static str,
}

/// 方正小标宋简体, falling back to 宋体 (title, clause 7.3.1).
pub const XIAOBIAOSONG: Face = Face {
    name: "方正小标宋简体",
    fallback: Some("宋体"),
    latin: "SimSun",
};
/// 仿宋_GB2312, falling back to 仿宋 / FangSong (body, clause 5.2.2).
pub const FANGSONG: Face = Face {
    name: "仿宋_GB2312",
    fallback: Some("仿宋"),
    latin: "FangSong",
};
/// 楷体_GB2312, falling back to 楷体 / KaiTi (level-2 headings, clause 7.3.3).
pub const KAITI: Face = Face {
    name: "楷体_GB2312",
    fallback: Some("楷体"),
    latin: "KaiTi",
};
/// 黑体 / SimHei (level-1 headings, clause 7.3.3).
pub const HEITI: Face = Face {
    name: "黑体",
    fallback: Some("SimHei"),
    latin: "SimHei",
};
/// 宋体 / SimSun (page numbers, clause 7.5).
pub const SONGTI: Face = Face {
    name: "宋体",
    fallback: Some("SimSun"),
    latin: "SimSun",
};

/// Every face the writer may use, for the font table.
pub const ALL: [Face; 5] = [XIAOBIAOSONG, FANGSONG, KAITI, HEITI, SONGTI];

/// Which names the faces are given: the GB2312 faces offices install, or the faces a platform
/// ships for the same typeface classes (`--fonts`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FontProfile {
    /// 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体: what government offices install.
    #[default]
    Gb2312,
    /// Windows's own: 仿宋, 楷体, 黑体, 宋体, and 华文中宋 (which Office installs) for the title.
    Windows,
    /// macOS's: 华文仿宋 (STFangsong), 华文楷体 (STKaiti), 黑体-简 (Heiti SC), 华文宋体
    /// (STSong), and 宋体-简 (Songti SC) for the title.
    Mac,
    /// The Founder GBK faces WPS Office bundles: 方正小标宋_GBK, 方正仿宋_GBK, 方正楷体_GBK,
    /// 方正黑体_GBK, 方正书宋_GBK.
    Wps,
}

/// A face of a profile: its name, and the Windows face (Latin name) to fall back to.
const fn named(name: &'static str, fallback: &'static str, latin: &'static str) -> Face {
    Face {
        name,
        fallback: Some(fallback),
        latin,
    }
}

/// The face of `profile` for the typeface class of the GB2312 face `f`.
pub fn in_profile(f: Face, profile: FontProfile) -> Face {
    let class = ALL.iter().position(|a| a.name == f.name);
    let table: [Face; 5] = match profile {
        FontProfile::Gb2312 => return f,
        FontProfile::Windows => [
            named("华文中宋", "宋体", "SimSun"),
            named("仿宋", "FangSong", "FangSong"),
            named("楷体", "KaiTi", "KaiTi"),
            HEITI,
            SONGTI,
        ],
        FontProfile::Mac => [
            named("宋体-简", "华文宋体", "Songti SC"),
            named("华文仿宋", "STFangsong", "STFangsong"),
            named("华文楷体", "STKaiti", "STKaiti"),
            named("黑体-简", "Heiti SC", "Heiti SC"),
            named("华文宋体", "STSong", "STSong"),
        ],
        FontProfile::Wps => [
            named("方正小标宋_GBK", "宋体", "SimSun"),
            named("方正仿宋_GBK", "仿宋", "FangSong"),
            named("方正楷体_GBK", "楷体", "KaiTi"),
            named("方正黑体_GBK", "黑体", "SimHei"),
            named("方正书宋_GBK", "宋体", "SimSun"),
        ],
    };
    class.map_or(f, |i| table[i])
}

/// Every face of `profile`, for the font table.
pub fn all(profile: FontProfile) -> [Face; 5] {
    ALL.map(|f| in_profile(f, profile))
}

/// The face for a role in a profile.
pub fn face_in(role: Role, style: Style, profile: FontProfile) -> Face {
    in_profile(face(role, style), profile)
}

/// The face for a role.
pub fn face(role: Role, style: Style) -> Face {
    match (style, role) {
        (Style::Plain, Role::Title | Role::Heading(_) | Role::Hei) => HEITI,
        (Style::Plain, Role::Kai) => KAITI,
        (Style::Plain, _) => SONGTI,
        (Style::Gbt, Role::Title) => XIAOBIAOSONG,
        (Style::Gbt, Role::Body) => FANGSONG,
        (Style::Gbt, Role::Heading(1)) => HEITI,
        (Style::Gbt, Role::Heading(2)) => KAITI,
        (Style::Gbt, Role::Heading(_)) => FANGSONG,
        (Style::Gbt, Role::Kai) => KAITI,
        (Style::Gbt, Role::Hei) => HEITI,
        (Style::Gbt, Role::PageNumber) => SONGTI,
    }
}

/// `docx_rs::RunFonts` with all four slots set to the face (fact sheet §11: set ascii, hAnsi,
/// eastAsia and cs, never theme fonts).
pub fn run_fonts(f: Face) -> docx_rs::RunFonts {
    docx_rs::RunFonts::new()
        .ascii(f.name)
        .hi_ansi(f.name)
        .east_asia(f.name)
        .cs(f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_module() {
        use crate::write::docx::fonts::{face, Role};
        use crate::write::docx::Style;
        assert_eq!(face(Role::Body, Style::Gbt).name, "仿宋_GB2312");
        assert_eq!(face(Role::Body, Style::Gbt).fallback, Some("仿宋"));
    }

    #[test]
    fn heading_levels_follow_clause_7_3_3() {
        assert_eq!(face(Role::Heading(1), Style::Gbt).name, "黑体");
        assert_eq!(face(Role::Heading(2), Style::Gbt).name, "楷体_GB2312");
        assert_eq!(face(Role::Heading(3), Style::Gbt).name, "仿宋_GB2312");
        assert_eq!(face(Role::Heading(4), Style::Gbt).name, "仿宋_GB2312");
    }

    #[test]
    fn every_profile_names_five_distinct_faces_with_fallbacks() {
        for p in [
            FontProfile::Gb2312,
            FontProfile::Windows,
            FontProfile::Mac,
            FontProfile::Wps,
        ] {
            let faces = all(p);
            for (i, f) in faces.iter().enumerate() {
                assert!(f.fallback.is_some(), "{p:?} {}", f.name);
                assert!(
                    faces[..i].iter().all(|g| g.name != f.name),
                    "{p:?}: {} twice",
                    f.name
                );
            }
        }
        assert_eq!(
            face_in(Role::Body, Style::Gbt, FontProfile::Mac).name,
            "华文仿宋"
        );
        assert_eq!(
            face_in(Role::Heading(1), Style::Gbt, FontProfile::Windows).name,
            "黑体"
        );
        assert_eq!(
            face_in(Role::Title, Style::Gbt, FontProfile::Wps).name,
            "方正小标宋_GBK"
        );
    }

    #[test]
    fn gb2312_faces_have_windows_fallbacks() {
        for f in ALL {
            assert!(f.fallback.is_some(), "{}", f.name);
        }
        assert_eq!(KAITI.fallback, Some("楷体"));
    }
}
