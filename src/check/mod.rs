//! Numbering and element checks (issue: validate and fix heading numbering). Work in progress.
