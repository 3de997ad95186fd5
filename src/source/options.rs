//! How an input is read: the encoding to assume when it is not UTF-8, and the limits that bound
//! the work an input can cause.

use crate::Error;
use encoding_rs::Encoding;

/// How to read an input: an encoding for text that is not UTF-8, and limits on its size.
///
/// The limits are far above any real document and stop what is not one: a file that never
/// ends (`/dev/zero`), a zip bomb posing as a DOCX. Each is a clear error
/// ([`Error::TooLarge`]), never a partial read.
///
/// ```
/// use gongwen::{ReadOptions, Source};
/// let gbk = b"\xd2\xbb\xa1\xa2\xd7\xdc\xd4\xf2\n".to_vec(); // 一、总则 in GBK
/// let opts = ReadOptions::default().with_encoding("gbk").unwrap();
/// let src = Source::from_bytes_with("a.txt", gbk, &opts).unwrap();
/// assert_eq!((src.text(), src.encoding()), ("一、总则\n", "gbk"));
///
/// let small = ReadOptions::default().with_max_input(4);
/// let e = Source::from_bytes_with("b.txt", b"12345".to_vec(), &small).unwrap_err();
/// assert!(matches!(e, gongwen::Error::TooLarge { max: 4, .. }));
/// assert!(ReadOptions::default().with_encoding("utf-32").is_err());
/// ```
#[derive(Clone, Debug)]
pub struct ReadOptions {
    pub(crate) encoding: Option<&'static Encoding>,
    pub(crate) max_input: u64,
    pub(crate) max_docx_uncompressed: u64,
    pub(crate) max_docx_entries: u64,
}

impl ReadOptions {
    /// The default limit on the bytes read from a file or standard input: 256 MiB.
    pub const DEFAULT_MAX_INPUT: u64 = 256 << 20;
    /// The default limit on what a DOCX inflates to: 512 MiB.
    pub const DEFAULT_MAX_DOCX_UNCOMPRESSED: u64 = 512 << 20;
    /// The default limit on the entries of a DOCX's zip: 10,000.
    pub const DEFAULT_MAX_DOCX_ENTRIES: u64 = 10_000;

    /// Read text that is not UTF-8 (and has no byte-order mark) in the encoding `label`, a
    /// WHATWG name: `gbk`, `gb2312` and `gb18030` (one decoder), `big5`, `utf-16le`,
    /// `utf-16be`, `shift_jis`, …, instead of guessing it. A byte-order mark and text that is
    /// valid UTF-8 still decide first, so that one name serves a folder of mixed files; a
    /// UTF-16 name is taken as it is.
    ///
    /// ```
    /// let e = gongwen::ReadOptions::default().with_encoding("klingon").unwrap_err();
    /// assert!(e.to_string().starts_with("unknown encoding \"klingon\""));
    /// ```
    pub fn with_encoding(mut self, label: &str) -> Result<ReadOptions, Error> {
        match Encoding::for_label_no_replacement(label.trim().as_bytes()) {
            Some(e) => {
                self.encoding = Some(e);
                Ok(self)
            }
            None => Err(Error::UnknownEncoding {
                label: label.to_string(),
            }),
        }
    }

    /// Refuse an input of more than `bytes` bytes (default [`Self::DEFAULT_MAX_INPUT`]).
    ///
    /// ```
    /// let o = gongwen::ReadOptions::default().with_max_input(1 << 30);
    /// assert_eq!(o.max_input(), 1 << 30);
    /// ```
    pub fn with_max_input(mut self, bytes: u64) -> ReadOptions {
        self.max_input = bytes;
        self
    }

    /// Refuse a DOCX whose text inflates to more than `bytes` bytes (default
    /// [`Self::DEFAULT_MAX_DOCX_UNCOMPRESSED`]), counted as it is inflated: the sizes a zip
    /// declares are not trusted.
    ///
    /// ```
    /// let o = gongwen::ReadOptions::default().with_max_docx_uncompressed(1 << 20);
    /// assert_eq!(o.max_docx_uncompressed(), 1 << 20);
    /// ```
    pub fn with_max_docx_uncompressed(mut self, bytes: u64) -> ReadOptions {
        self.max_docx_uncompressed = bytes;
        self
    }

    /// Refuse a DOCX whose zip has more than `n` entries (default
    /// [`Self::DEFAULT_MAX_DOCX_ENTRIES`]).
    ///
    /// ```
    /// let o = gongwen::ReadOptions::default().with_max_docx_entries(50);
    /// assert_eq!(o.max_docx_entries(), 50);
    /// ```
    pub fn with_max_docx_entries(mut self, n: u64) -> ReadOptions {
        self.max_docx_entries = n;
        self
    }

    /// The encoding named with [`Self::with_encoding`], by its WHATWG name.
    ///
    /// ```
    /// let o = gongwen::ReadOptions::default();
    /// assert_eq!(o.encoding(), None);
    /// assert_eq!(o.with_encoding("GB2312").unwrap().encoding(), Some("GBK"));
    /// ```
    pub fn encoding(&self) -> Option<&'static str> {
        self.encoding.map(|e| e.name())
    }

    /// The limit on an input's bytes.
    ///
    /// ```
    /// assert_eq!(gongwen::ReadOptions::default().max_input(), 256 << 20);
    /// ```
    pub fn max_input(&self) -> u64 {
        self.max_input
    }

    /// The limit on what a DOCX inflates to.
    ///
    /// ```
    /// assert_eq!(gongwen::ReadOptions::default().max_docx_uncompressed(), 512 << 20);
    /// ```
    pub fn max_docx_uncompressed(&self) -> u64 {
        self.max_docx_uncompressed
    }

    /// The limit on a DOCX's zip entries.
    ///
    /// ```
    /// assert_eq!(gongwen::ReadOptions::default().max_docx_entries(), 10_000);
    /// ```
    pub fn max_docx_entries(&self) -> u64 {
        self.max_docx_entries
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_input: Self::DEFAULT_MAX_INPUT,
            max_docx_uncompressed: Self::DEFAULT_MAX_DOCX_UNCOMPRESSED,
            max_docx_entries: Self::DEFAULT_MAX_DOCX_ENTRIES,
        }
    }
}
