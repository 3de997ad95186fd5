//! The rules, one file per code decade: a rule's file is named by its code with the last digit
//! replaced by `x` (GW101 is in `gw10x_numbering.rs`, GW152 in `gw15x_statute.rs`). A file
//! reads the [`Document`](crate::Document) tree through [`Ctx`] and emits its own decade's
//! rules only.

use super::Ctx;

mod gw10x_numbering;
mod gw11x_levels;
mod gw12x_punctuation;
mod gw13x_marker_forms;
mod gw14x_heading_full_stop;
mod gw15x_statute;
mod gw16x_points;
mod gw17x_enumerations;
mod gw20x_doc_number;
mod gw21x_dates;
mod gw22x_attachment;
mod gw30x_unfinished;

/// Run every rule over the document in `cx`, decade by decade.
pub(crate) fn run(cx: &mut Ctx) {
    gw10x_numbering::check(cx);
    gw11x_levels::check(cx);
    gw12x_punctuation::check(cx);
    gw13x_marker_forms::check(cx);
    gw14x_heading_full_stop::check(cx);
    gw15x_statute::check(cx);
    gw16x_points::check(cx);
    gw17x_enumerations::check(cx);
    gw20x_doc_number::check(cx);
    gw21x_dates::check(cx);
    gw22x_attachment::check(cx);
    gw30x_unfinished::check(cx);
}
