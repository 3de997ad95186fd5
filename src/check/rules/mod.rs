//! The rules, one file per code decade: the file of a rule is named by its code's first four
//! characters (GW101 is in `gw10x_numbering.rs`).

use super::Ctx;

mod gw10x_numbering;
mod gw11x_levels;
mod gw12x_punctuation;
mod gw13x_marker_forms;
mod gw15x_statute;
mod gw16x_points;
mod gw20x_doc_number;
mod gw30x_unfinished;

/// Run every rule over the document in `cx`.
pub(crate) fn run(cx: &mut Ctx) {
    gw10x_numbering::check(cx);
    gw15x_statute::check(cx);
    gw11x_levels::check(cx);
    gw12x_punctuation::check(cx);
    gw13x_marker_forms::check(cx);
    gw16x_points::check(cx);
    gw20x_doc_number::check(cx);
    gw30x_unfinished::check(cx);
}
