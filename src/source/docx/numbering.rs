//! Word numbering (placeholder until the numbering reader lands).
use super::styles::{NumRef, Styles};
#[derive(Default)]
pub(crate) struct Numbering;
impl Numbering {
    pub fn parse(_: &str, _: &Styles) -> Result<Numbering, String> {
        Ok(Numbering)
    }
    pub fn resolve(&self, _: Option<NumRef>, _: Option<&str>, _: &Styles) -> Option<(u32, u8)> {
        None
    }
}
#[allow(dead_code)]
pub(crate) enum Suffix {
    Tab,
    Space,
    Nothing,
}
pub(crate) struct Generated {
    pub text: String,
    pub suffix: Suffix,
    pub bullet: bool,
}
pub(crate) struct Counters<'a>(&'a Numbering);
impl<'a> Counters<'a> {
    pub fn new(n: &'a Numbering) -> Self {
        Counters(n)
    }
    pub fn next(&mut self, _: u32, _: u8) -> Option<Generated> {
        let _ = self.0;
        None
    }
}
