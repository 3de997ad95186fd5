//! Nesting the builder's flat items into the tree, and the elided flags on the way.

use crate::grammar::line::Line;
use crate::tree::*;

/// A flat item before nesting.
pub(super) enum Item {
    Leaf(Block),
    /// A section head with its level.
    Head(Box<Section>),
    /// A point with its level.
    Point(Box<Point>),
    /// Closes every open section (an attached document starts).
    Reset(Block),
}

/// Where the builder's items go. Without markup nothing is ever inserted between them, so they
/// are nested as they come; with markup they are kept for [`cover_markup`] first.
pub(super) enum Items {
    Nest(Nester),
    Collect(Vec<Item>),
}

impl Items {
    pub(super) fn for_lines(ls: &[Line]) -> Self {
        if ls.iter().any(|l| l.has_marks()) {
            Items::Collect(Vec::with_capacity(ls.len()))
        } else {
            Items::Nest(Nester::default())
        }
    }

    /// How many items have been collected (none are, when they are nested as they come).
    pub(super) fn len(&self) -> usize {
        match self {
            Items::Nest(_) => 0,
            Items::Collect(v) => v.len(),
        }
    }

    pub(super) fn push(&mut self, it: Item) {
        match self {
            Items::Nest(n) => n.push(it),
            Items::Collect(v) => v.push(it),
        }
    }
}

pub(super) fn nest(items: Vec<Item>) -> Vec<Block> {
    let mut n = Nester::default();
    for it in items {
        n.push(it);
    }
    n.finish()
}

/// Nests flat items into the tree. Open containers are kept with their level and whether they,
/// or anything closed into them, are elided; a section's `elided` is final when it closes, so
/// no second walk over the tree is needed.
#[derive(Default)]
pub(super) struct Nester {
    root: Vec<Block>,
    stack: Vec<(u8, Block, bool)>,
}

impl Nester {
    pub(super) fn push_into(&mut self, b: Block, e: bool) {
        match self.stack.last_mut() {
            Some((_, Block::Section(p), pe)) => {
                p.children.push(b);
                *pe |= e;
            }
            Some((_, Block::Point(p), pe)) => {
                p.children.push(b);
                *pe |= e;
            }
            _ => self.root.push(b),
        }
    }

    pub(super) fn close_to(&mut self, level: u8) {
        while self.stack.last().is_some_and(|(l, _, _)| *l >= level) {
            let Some((_, mut b, e)) = self.stack.pop() else {
                break;
            };
            if let Block::Section(s) = &mut b {
                s.elided = e;
            }
            self.push_into(b, e);
        }
    }

    pub(super) fn push(&mut self, it: Item) {
        match it {
            Item::Leaf(mut b) => {
                let e = mark(&mut b);
                self.push_into(b, e);
            }
            Item::Head(s) => {
                self.close_to(s.level);
                let e = section_elided_itself(&s);
                self.stack.push((s.level, Block::Section(s), e));
            }
            Item::Point(p) => {
                self.close_to(p.level);
                let e = point_elided_itself(&p);
                self.stack.push((p.level, Block::Point(p), e));
            }
            Item::Reset(mut b) => {
                self.close_to(0);
                mark(&mut b);
                self.root.push(b);
            }
        }
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.close_to(0);
        self.root
    }
}

/// Whether a section is elided before its children are counted: marked so, or its run-in text.
pub(super) fn section_elided_itself(s: &Section) -> bool {
    s.elided || s.run_in.as_ref().is_some_and(|p| !p.elisions.is_empty())
}

/// Whether a point's own text is elided.
pub(super) fn point_elided_itself(p: &Point) -> bool {
    p.body.as_ref().is_some_and(|b| !b.elisions.is_empty())
}

/// Whether a block, or anything in it, is elided; sets `elided` on the sections inside.
pub(super) fn mark(b: &mut Block) -> bool {
    match b {
        Block::Section(s) => {
            let mut e = section_elided_itself(s);
            for c in s.children.iter_mut() {
                e |= mark(c);
            }
            s.elided = e;
            e
        }
        Block::Point(p) => {
            let mut e = point_elided_itself(p);
            for c in p.children.iter_mut() {
                e |= mark(c);
            }
            e
        }
        Block::Paragraph(p) => !p.elisions.is_empty(),
        Block::Elision(_) => true,
        _ => false,
    }
}
