//! Content hashes: the `sha256` of every input (reported in `source` and `documents.csv`) and
//! the keys under which earlier results are reused.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`, lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of everything `reader` yields, lowercase hex; reads in blocks of [`BLOCK_BYTES`], so
/// that hashing a large file costs little memory and few reads.
pub fn content_hash_of(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut block = vec![0; BLOCK_BYTES];
    loop {
        match reader.read(&mut block) {
            Ok(0) => return Ok(hex(&hasher.finalize())),
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The block [`content_hash_of`] reads at a time (the executable is tens of MB).
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
    fn hashes_are_lowercase_hex_whichever_way_the_bytes_come() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(content_hash(b"abc"), abc);
        assert_eq!(content_hash_of(&b"abc"[..]).unwrap(), abc);
    }
}
