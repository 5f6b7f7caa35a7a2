//! What a file is when it is not a PDF, and whether a PDF is complete: a crawler saves HTML
//! error pages, archives and images under `.pdf` names, and downloads break off.

/// How far into the file the `%PDF-` header may start (readers accept leading garbage up to
/// here, as the PDF specification's implementation notes allow).
const HEADER_WINDOW: usize = 1024;

/// How close to the end of a complete PDF its last `%%EOF` marker lies: readers tolerate a few
/// trailing bytes (line ends, padding) after it.
const EOF_MARKER_WINDOW: usize = 1024;

/// Signatures of what crawlers save instead of PDFs, checked in order on the file's start
/// (after a byte order mark and leading whitespace, for the text formats).
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"<head", "an HTML page"),
    (b"<?xml", "an XML file"),
    (b"{\\rtf", "an RTF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (an OFD, DOCX or XLSX document?)",
    ),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Microsoft Office document (DOC, XLS)",
    ),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"\x1F\x8B", "a gzip archive"),
];

/// What the file looks like, when it has no `%PDF-` header near its start; `None` for a PDF.
pub(super) fn not_a_pdf(bytes: &[u8]) -> Option<&'static str> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some("an empty file");
    }
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if contains(head, b"%PDF-") {
        return None;
    }
    let start = text_start(head);
    let known = SIGNATURES.iter().find(|(signature, _)| {
        start.len() >= signature.len() && start[..signature.len()].eq_ignore_ascii_case(signature)
    });
    Some(match known {
        Some((_, what)) => what,
        None if std::str::from_utf8(head).is_ok() => "a text file",
        None => "no %PDF header in its first 1024 bytes",
    })
}

/// Whether a PDF lacks the `%%EOF` marker near its end.
pub(super) fn is_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_MARKER_WINDOW)..];
    !contains(tail, b"%%EOF")
}

/// The bytes after a UTF-8 byte order mark and leading whitespace.
fn text_start(bytes: &[u8]) -> &[u8] {
    let unmarked = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = unmarked
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(unmarked.len());
    &unmarked[first..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_pdfs_say_what_they_are() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "an empty file"),
            (b"  \n", "an empty file"),
            (b"\xEF\xBB\xBF\n<!DOCTYPE html><html>", "an HTML page"),
            (b"<HTML><body>404</body></HTML>", "an HTML page"),
            (
                b"PK\x03\x04\x14\x00",
                "a ZIP archive (an OFD, DOCX or XLSX document?)",
            ),
            ("预算公开表：plain text".as_bytes(), "a text file"),
            (
                b"\x00\x01\x02\xFF\xFE",
                "no %PDF header in its first 1024 bytes",
            ),
        ];
        for (bytes, what) in cases {
            assert_eq!(not_a_pdf(bytes), Some(what), "{bytes:?}");
        }
    }

    #[test]
    fn a_pdf_header_anywhere_in_the_first_kilobyte_is_a_pdf() {
        assert_eq!(not_a_pdf(b"%PDF-1.7\n"), None);
        assert_eq!(not_a_pdf(b"garbage before %PDF-1.4\n"), None);
        let late = [vec![b' '; HEADER_WINDOW], b"%PDF-1.4".to_vec()].concat();
        assert_eq!(not_a_pdf(&late), Some("a text file"));
    }

    #[test]
    fn the_end_of_file_marker_must_be_near_the_end() {
        assert!(!is_truncated(b"%PDF-1.4 ... %%EOF\n"));
        assert!(is_truncated(b"%PDF-1.4 ... cut"));
        let early = [b"%%EOF".to_vec(), vec![b'x'; EOF_MARKER_WINDOW]].concat();
        assert!(is_truncated(&early));
    }
}
