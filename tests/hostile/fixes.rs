//! Fixes are exact: a fix changes the bytes its diagnostic names and nothing else, and one run
//! of `fix` reaches the fixed point.
