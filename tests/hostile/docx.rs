//! DOCX in and out: every DOCX gongwen writes opens, and a hostile one is refused clearly.
