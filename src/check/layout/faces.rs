//! Typeface classes: which face names count as 小标宋, 仿宋, 楷体, 黑体 and 宋体.
//!
//! GB/T 9704-2012 names typeface classes, not vendors (fact sheet §11). The names each
//! platform uses come from the DOCX writer's font profiles (`--fonts gb2312|windows|mac|wps`),
//! so that one list of names serves both; a few names that offices and other platforms use
//! besides (方正小标宋简体's other spellings, the `_GB2312` Latin names, the Founder 简体
//! faces) are added here. A fallback face stands for its class too, but for the title's: 宋体
//! stands in for a missing 小标宋 and is not one.

use crate::write::docx::fonts::{self, Face, Role};
use crate::write::docx::{FontProfile, Style};

/// A typeface class of GB/T 9704-2012.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    XiaoBiaoSong,
    FangSong,
    KaiTi,
    HeiTi,
    SongTi,
}

impl Class {
    /// The class's name as the standard writes it.
    pub fn zh(self) -> &'static str {
        match self {
            Class::XiaoBiaoSong => "小标宋",
            Class::FangSong => "仿宋",
            Class::KaiTi => "楷体",
            Class::HeiTi => "黑体",
            Class::SongTi => "宋体",
        }
    }

    /// The class of a GB2312 face of the writer's table.
    fn of_writer_face(f: Face) -> Option<Class> {
        let i = fonts::ALL.iter().position(|a| a.name == f.name)?;
        Some(CLASSES[i])
    }
}

/// The classes in the order of the writer's table (`fonts::ALL`).
const CLASSES: [Class; 5] = [
    Class::XiaoBiaoSong,
    Class::FangSong,
    Class::KaiTi,
    Class::HeiTi,
    Class::SongTi,
];

/// Names beside the writer's profiles, per class.
const MORE: &[(Class, &[&str])] = &[
    (
        Class::XiaoBiaoSong,
        &[
            "小标宋",
            "小标宋体",
            "方正小标宋",
            "方正小标宋简",
            "方正小标宋简体",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05S",
            "FZXiaoBiaoSong-B05",
            "华文中宋",
            "STZhongsong",
        ],
    ),
    (
        Class::FangSong,
        &[
            "FangSong_GB2312",
            "方正仿宋简体",
            "方正仿宋_GB2312",
            "FZFangSong-Z02S",
            "仿宋体",
        ],
    ),
    (
        Class::KaiTi,
        &[
            "KaiTi_GB2312",
            "方正楷体简体",
            "方正楷体_GB2312",
            "FZKai-Z03S",
            "楷体_GB18030",
        ],
    ),
    (
        Class::HeiTi,
        &["华文黑体", "STHeiti", "方正黑体简体", "FZHei-B01S"],
    ),
    (
        Class::SongTi,
        &["新宋体", "NSimSun", "Songti SC", "宋体-简"],
    ),
];

const PROFILES: [FontProfile; 4] = [
    FontProfile::Gb2312,
    FontProfile::Windows,
    FontProfile::Mac,
    FontProfile::Wps,
];

/// Whether `name` is a face of `class`. Names are compared without surrounding space, Latin
/// letters in any case.
pub(crate) fn is(name: &str, class: Class) -> bool {
    let name = name.trim();
    let same = |a: &str| a.eq_ignore_ascii_case(name);
    let i = CLASSES.iter().position(|c| *c == class).unwrap_or(0);
    for p in PROFILES {
        let f = fonts::all(p)[i];
        if same(f.name) {
            return true;
        }
        // a fallback stands for the class, but 宋体 is no 小标宋
        if class != Class::XiaoBiaoSong && (f.fallback.is_some_and(same) || same(f.latin)) {
            return true;
        }
    }
    MORE.iter()
        .any(|(c, names)| *c == class && names.iter().any(|n| same(n)))
}

/// The class the standard gives a role, from the writer's own table.
pub(crate) fn expected(role: Role) -> Class {
    Class::of_writer_face(fonts::face(role, Style::Gbt)).unwrap_or(Class::FangSong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_platforms_names_are_known() {
        for n in [
            "仿宋_GB2312",
            "仿宋",
            "FangSong",
            "华文仿宋",
            "STFangsong",
            "方正仿宋_GBK",
        ] {
            assert!(is(n, Class::FangSong), "{n}");
        }
        for n in ["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"] {
            assert!(is(n, Class::KaiTi), "{n}");
        }
        for n in ["黑体", "SimHei", "STHeiti", "黑体-简"] {
            assert!(is(n, Class::HeiTi), "{n}");
        }
        for n in ["方正小标宋简体", "小标宋", "华文中宋", "方正小标宋_GBK"] {
            assert!(is(n, Class::XiaoBiaoSong), "{n}");
        }
        assert!(!is("宋体", Class::XiaoBiaoSong));
        assert!(is("宋体", Class::SongTi) && is("simsun", Class::SongTi));
        assert!(!is("宋体", Class::FangSong) && !is("等线", Class::FangSong));
        assert_eq!(expected(Role::Heading(1)), Class::HeiTi);
        assert_eq!(expected(Role::Heading(2)), Class::KaiTi);
        assert_eq!(expected(Role::Heading(3)), Class::FangSong);
        assert_eq!(expected(Role::Title), Class::XiaoBiaoSong);
        assert_eq!(expected(Role::PageNumber), Class::SongTi);
    }
}
