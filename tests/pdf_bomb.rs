//! Decompression bombs are refused before they are inflated into memory. In its own test binary
//! so that the process's peak memory belongs to this check alone.

use std::path::PathBuf;

use budgetpdf::pdf::{self, PdfError};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Peak resident memory of this process in KiB (`VmHWM`), where the system reports it.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The fixtures hold 1 GiB of content deflated twice into about 2 KB; decoding it would peak
/// above 1 GiB.
#[test]
fn a_stream_deflated_twice_into_a_gigabyte_is_refused_in_bounded_memory() {
    for name in ["bomb_flate_twice.pdf", "bomb_flate_twice_encrypted.pdf"] {
        let bytes = fixture(name);
        assert!(bytes.len() < 4096, "{name} is {} bytes", bytes.len());
        match pdf::load(&bytes, &pdf::Settings::default()) {
            Err(PdfError::TooLarge(why)) => assert!(why.contains("inflates past"), "{name}: {why}"),
            other => panic!("{name}: expected TooLarge, got {other:?}"),
        }
    }
    if let Some(peak) = peak_memory_kib() {
        assert!(peak < 128 << 10, "peak memory {peak} KiB");
    }
}

#[test]
fn the_limit_applies_to_unfiltered_streams_too() {
    let settings = pdf::Settings {
        max_decoded_stream_bytes: 10,
        ..pdf::Settings::default()
    };
    let result = pdf::load(&fixture("minimal.pdf"), &settings);
    assert!(
        matches!(&result, Err(PdfError::TooLarge(why)) if why.contains("inflates past 10 bytes")),
        "{result:?}"
    );
    assert!(pdf::load(&fixture("minimal.pdf"), &pdf::Settings::default()).is_ok());
}
