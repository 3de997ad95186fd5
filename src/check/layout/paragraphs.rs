//! A body paragraph's own formatting: its `w:pPr` and its runs, each with its `w:rPr` and its
//! text, read from the bytes of its `w:p` element (which the body walk records). Nested
//! paragraphs (a text box's) are their own; deleted text, field codes and a fallback branch's
//! copy are not text.

use super::props::{ParaProps, RunProps};
use quick_xml::events::Event;
use quick_xml::Reader;

/// A run: its direct properties and its visible text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Run {
    pub props: RunProps,
    pub text: String,
}

/// A paragraph's direct formatting.
#[derive(Clone, Debug, Default)]
pub(crate) struct Para {
    pub ppr: ParaProps,
    pub runs: Vec<Run>,
}

/// Read the `w:p` element `xml`.
pub(crate) fn read(xml: &str) -> Para {
    let mut out = Para::default();
    let mut r = Reader::from_str(xml);
    let (mut depth, mut in_ppr, mut in_rpr, mut removed, mut fallback) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut in_t = false;
    let mut in_run = false;
    // complex fields open: whether each is in its result
    let mut fields: Vec<bool> = Vec::new();
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let n = local.as_ref();
                match n {
                    b"p" => {
                        if !empty {
                            depth += 1;
                        }
                        continue;
                    }
                    b"Fallback" if !empty => fallback += 1,
                    b"del" | b"moveFrom" | b"pPrChange" | b"rPrChange" if !empty => removed += 1,
                    _ => {}
                }
                if depth != 1 || removed > 0 || fallback > 0 {
                    continue;
                }
                match n {
                    b"pPr" if !empty => in_ppr += 1,
                    b"rPr" if !empty => in_rpr += 1,
                    b"r" => {
                        in_run = true;
                        out.runs.push(Run::default());
                    }
                    b"t" => in_t = !empty,
                    b"fldChar" => match super::props::attr(&e, b"fldCharType").as_deref() {
                        Some("begin") => fields.push(false),
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                *f = true;
                            }
                        }
                        Some("end") => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    b"tab" if in_run && in_ppr == 0 && in_rpr == 0 => {
                        if let Some(run) = out.runs.last_mut() {
                            run.text.push('\t');
                        }
                    }
                    _ if in_rpr > 0 && in_ppr == 0 && in_run => {
                        if let Some(run) = out.runs.last_mut() {
                            run.props.set(n, &e);
                        }
                    }
                    _ if in_ppr > 0 && in_rpr == 0 => out.ppr.set(n, &e),
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let n = local.as_ref();
                match n {
                    b"p" => {
                        depth = depth.saturating_sub(1);
                        continue;
                    }
                    b"Fallback" => {
                        fallback = fallback.saturating_sub(1);
                        continue;
                    }
                    b"del" | b"moveFrom" | b"pPrChange" | b"rPrChange" => {
                        removed = usize::saturating_sub(removed, 1);
                        continue;
                    }
                    _ => {}
                }
                if depth != 1 || removed > 0 || fallback > 0 {
                    continue;
                }
                match n {
                    b"pPr" => in_ppr = usize::saturating_sub(in_ppr, 1),
                    b"rPr" => in_rpr = usize::saturating_sub(in_rpr, 1),
                    b"r" => in_run = false,
                    b"t" => in_t = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_t && depth == 1 && removed == 0 && fallback == 0 => {
                if fields.iter().any(|res| !res) {
                    continue;
                }
                let text = t.unescape().map(|c| c.into_owned()).unwrap_or_default();
                if let Some(run) = out.runs.last_mut().filter(|_| in_run) {
                    run.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    out.runs.retain(|r| !r.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_runs_only() {
        let p = read(
            r#"<w:p><w:pPr><w:ind w:firstLineChars="200"/><w:rPr><w:sz w:val="10"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t>正文</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r><w:r><w:t>后</w:t></w:r></w:p>"#,
        );
        assert_eq!(p.ppr.first_line_chars, Some(200));
        let texts: Vec<&str> = p.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["正文", "后"]);
        assert_eq!(p.runs[0].props.size, Some(32));
    }
}
