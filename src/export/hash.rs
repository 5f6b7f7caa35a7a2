//! Content hashes: the `sha256` of every input (reported in `source` and `documents.csv`), and
//! fingerprints that tell builds and saved reports apart for the reuse of earlier results.

use std::hash::Hasher;
use std::io::{self, Read};

use rustc_hash::FxHasher;

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`, lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A 64-bit fingerprint of `bytes`, lowercase hex: tells apart what changed by accident (a
/// rebuild, a report cut short), not what an adversary made collide, several times faster than
/// SHA-256 (the executable is tens of MB and fingerprinted on every run).
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}

/// [`fingerprint`] of everything `reader` yields, read in blocks of [`BLOCK_BYTES`] so that a
/// large file costs little memory and few reads.
pub fn fingerprint_of(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = FxHasher::default();
    let mut block = vec![0; BLOCK_BYTES];
    loop {
        // Full blocks whatever the reads return, so that the fingerprint depends on the bytes
        // alone.
        let mut filled = 0;
        while filled < BLOCK_BYTES {
            match reader.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        hasher.write(&block[..filled]);
        if filled < BLOCK_BYTES {
            return Ok(format!("{:016x}", hasher.finish()));
        }
    }
}

/// The block [`fingerprint_of`] reads at a time.
const BLOCK_BYTES: usize = 1 << 20;

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(content_hash(b"abc"), abc);
    }

    /// Yields its bytes a few at a time, as a pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(7);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn fingerprints_depend_on_the_bytes_only() {
        let bytes: Vec<u8> = (0..BLOCK_BYTES * 2 + 100).map(|i| (i * 7) as u8).collect();
        let whole = fingerprint_of(&bytes[..]).unwrap();
        assert_eq!(fingerprint_of(Trickle(&bytes)).unwrap(), whole);
        assert_eq!(whole.len(), 16);
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
    }
}
