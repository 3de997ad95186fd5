//! Word styles (placeholder until the styles reader lands).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NumRef {
    pub num_id: Option<u32>,
    pub ilvl: Option<u8>,
}
#[derive(Clone, Debug, Default)]
pub(crate) struct Style {
    pub heading: Option<u8>,
    pub outline: Option<u8>,
    pub title: bool,
    pub subtitle: bool,
    pub toc: bool,
    pub bold: Option<bool>,
    pub hidden: bool,
    pub page_break_before: bool,
}
#[derive(Default)]
pub(crate) struct Styles {
    default: Style,
}
impl Styles {
    pub fn parse(_: &str) -> Result<Styles, String> {
        Ok(Styles::default())
    }
    pub fn paragraph(&self, _: Option<&str>) -> &Style {
        &self.default
    }
    pub fn character(&self, _: &str) -> Option<&Style> {
        None
    }
}
