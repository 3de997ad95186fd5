//! Walks over folders: what is read, what is skipped, and names that are not UTF-8.
