//! Damaged files give an error or a result, never a panic or a hang: deterministic mutations
//! (truncations, byte flips, spliced garbage, clobbered streams) of the samples, the corpus and
//! the hand-made fixtures. A panic inside the PDF engine is caught by `load` and reported as
//! `Invalid("the PDF engine failed…")`; this test fails on those too, so that every engine panic
//! it finds is fixed and kept as a regression input of its own (as the hand-made hostile files
//! at the end of this file are).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use budgetpdf::pdf::{self, PdfError};
use rayon::prelude::*;

/// Mutations per input file; `PDF_MUTATIONS=200 cargo test --test pdf_mutations` explores more.
fn mutations_per_file() -> u64 {
    std::env::var("PDF_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6)
}
/// Inputs larger than this are skipped to keep the test around a minute in debug builds.
const MAX_INPUT_BYTES: u64 = 700_000;
/// A load taking longer than this is treated as a hang.
const HANG_LIMIT: Duration = Duration::from_secs(60);

/// xorshift64*: a tiny deterministic generator, so every run tries the same mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `bytes`, chosen by `kind`.
fn mutate(bytes: &[u8], kind: u64, rng: &mut Rng) -> (String, Vec<u8>) {
    let mut out = bytes.to_vec();
    let len = bytes.len();
    match kind % 6 {
        0 => {
            let at = rng.below(len);
            out.truncate(at);
            (format!("truncated at {at}"), out)
        }
        1 => {
            let flips = 1 + rng.below(64);
            for _ in 0..flips {
                let at = rng.below(len);
                out[at] ^= 1 << rng.below(8);
            }
            (format!("{flips} bit flips"), out)
        }
        2 => {
            let at = rng.below(len);
            let garbage: Vec<u8> = (0..1 + rng.below(512)).map(|_| rng.next() as u8).collect();
            let n = garbage.len();
            out.splice(at..at, garbage);
            (format!("{n} garbage bytes spliced at {at}"), out)
        }
        3 => {
            // Clobber the start of a stream's data: broken Flate, broken fonts, broken images.
            let starts: Vec<usize> = find_all(bytes, b"stream\n")
                .into_iter()
                .map(|i| i + 7)
                .collect();
            let at = starts
                .get(rng.below(starts.len()))
                .copied()
                .unwrap_or(0)
                .min(len);
            let end = (at + 1 + rng.below(256)).min(len);
            for b in &mut out[at..end] {
                *b = rng.next() as u8;
            }
            (format!("stream data clobbered at {at}..{end}"), out)
        }
        4 => {
            // Overwrite a run with a copy of another part of the file (plausible PDF tokens
            // in the wrong place: dictionaries, xref entries, operators).
            let from = rng.below(len);
            let at = rng.below(len);
            let n = (1 + rng.below(4096)).min(len - from).min(len - at);
            let chunk = bytes[from..from + n].to_vec();
            out[at..at + n].copy_from_slice(&chunk);
            (format!("{n} bytes from {from} copied over {at}"), out)
        }
        _ => {
            // Corrupt numbers: xref offsets, lengths, object numbers, coordinates.
            let digits: Vec<usize> = (0..len).filter(|&i| bytes[i].is_ascii_digit()).collect();
            let changes = 1 + rng.below(32);
            for _ in 0..changes {
                if let Some(&at) = digits.get(rng.below(digits.len())) {
                    out[at] = b'0' + rng.below(10) as u8;
                }
            }
            (format!("{changes} digits changed"), out)
        }
    }
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["samples/pdf", "tests/fixtures/real", "tests/fixtures/pdf"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .filter(|p| p.metadata().is_ok_and(|m| m.len() <= MAX_INPUT_BYTES)),
        );
    }
    files.sort();
    files
}

/// Loads a mutated file and reads its text, on a thread so that a hang can be detected.
/// Returns a description of what went wrong, if anything did.
fn check(bytes: Vec<u8>) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let outcome = match pdf::load(&bytes, &pdf::Settings::default()) {
            Ok(document) => {
                let lines: usize = document
                    .pages
                    .iter()
                    .map(|p| pdf::text_lines(p).len())
                    .sum();
                Ok(lines)
            }
            Err(error) => Err(error),
        };
        let _ = tx.send(outcome);
    });
    match rx.recv_timeout(HANG_LIMIT) {
        Ok(Ok(_)) => None,
        Ok(Err(PdfError::Invalid(reason))) if reason.contains("engine failed") => {
            Some(format!("engine panic caught: {reason}"))
        }
        Ok(Err(_)) => None,
        Err(mpsc::RecvTimeoutError::Timeout) => Some("no answer within the hang limit".into()),
        Err(mpsc::RecvTimeoutError::Disconnected) => Some("panicked outside the engine".into()),
    }
}

#[test]
fn mutated_files_give_an_error_or_a_result() {
    let files = inputs();
    assert!(files.len() >= 10, "too few inputs: {files:?}");
    let mut cases = Vec::new();
    for (index, path) in files.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (index as u64 + 1));
        for kind in 0..mutations_per_file() {
            let (what, mutated) = mutate(&bytes, kind, &mut rng);
            cases.push((format!("{} ({what})", path.display()), mutated));
        }
    }
    let total = cases.len();
    let problems: Vec<String> = cases
        .into_par_iter()
        .filter_map(|(name, bytes)| check(bytes).map(|problem| format!("{name}: {problem}")))
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {total} mutations failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A PDF from object bodies (object 1 first), with a correct xref table.
fn build_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut data = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(data.len());
        data.extend(format!("{} 0 obj\n", i + 1).bytes());
        data.extend(body);
        data.extend(b"\nendobj\n");
    }
    let xref = data.len();
    data.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        data.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    data.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    data
}

fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    body.extend(content);
    body.extend(b"\nendstream");
    body
}

/// One page whose content stream is `content`, with a form XObject `/X` (object 5) of body
/// `form` and Helvetica as `/F`.
fn page_with(content: &[u8], form: &[u8]) -> Vec<u8> {
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R \
           /Resources << /XObject << /X 5 0 R >> /Font << /F 6 0 R >> >> >>"
            .to_vec(),
        stream("", content),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Resources << /XObject << /X 5 0 R >> >>",
            form,
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

#[test]
fn hostile_files_give_an_error_or_a_result() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a form that draws itself", page_with(b"/X Do", b"/X Do")),
        ("100k unbalanced q", page_with(&b"q ".repeat(100_000), b"")),
        ("100k nested arrays", page_with(&b"[".repeat(100_000), b"")),
        ("100k unbalanced BT and BDC", page_with(&b"BT /P BDC ".repeat(100_000), b"")),
        ("100k text runs", page_with(&b"BT /F 12 Tf 10 10 Td (Hello) Tj ET ".repeat(100_000), b"")),
        ("degenerate and huge matrices", page_with(
            b"0 0 0 0 0 0 cm BT /F 12 Tf (a) Tj ET 1e308 0 0 1e308 0 0 cm BT /F 1e308 Tf (b) Tj ET \
              1 0 0 1 0 0 cm 0 0 m 1e308 0 l S",
            b"",
        )),
        ("a page tree that contains itself", build_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>".to_vec(),
        ])),
        ("a length that refers to itself", build_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
            b"<< /Length 4 0 R >>\nstream\n0 0 m 10 0 l S\nendstream".to_vec(),
        ])),
    ];
    let problems: Vec<String> = cases
        .into_par_iter()
        .filter_map(|(name, bytes)| check(bytes).map(|problem| format!("{name}: {problem}")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn mutations_are_deterministic_and_change_the_file() {
    let original: Vec<u8> = b"%PDF-1.4\n1 0 obj << /Length 3 >> stream\nabc\nendstream".to_vec();
    for kind in 0..6 {
        let (a_what, a) = mutate(&original, kind, &mut Rng(7));
        let (b_what, b) = mutate(&original, kind, &mut Rng(7));
        assert_eq!((a_what, &a), (b_what, &b));
    }
    let (_, truncated) = mutate(&original, 0, &mut Rng(7));
    assert!(truncated.len() < original.len());
}
