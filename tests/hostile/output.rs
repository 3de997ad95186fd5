//! Output paths are treated as what they are: links, devices, read-only and hard-linked files.
