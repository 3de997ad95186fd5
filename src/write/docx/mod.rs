//! GB/T 9704 DOCX writer (issue: convert a document to DOCX). Work in progress.
