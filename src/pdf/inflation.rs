//! Refuses documents holding a stream that decodes to more than
//! [`Settings::max_decoded_stream_bytes`](super::Settings::max_decoded_stream_bytes)
//! (a decompression bomb), before the engine decodes anything for interpretation: hayro-syntax
//! inflates a whole stream into memory with no cap.
//!
//! Cheap for normal files: each stream's worst case is bounded from its stored length and its
//! filter chain ([`worst_case_len`]); only a stream whose bound exceeds the limit is actually
//! inflated, streaming through flate2 into a counter that stops one byte past the limit, so
//! memory stays at one buffer whatever the stream holds. The stored length is that of the
//! decrypted bytes (hayro-syntax's `raw_data`), so encrypted files are checked too. A stream
//! over the bound that flate2 finds corrupt is refused as well: hayro-syntax would retry it with
//! a lenient decoder that reads on past errors, so its length cannot be vouched for.
//!
//! Image XObjects are left out: our device never asks for their pixels, so they are never
//! decoded.
//!
//! Not covered: a chain over the bound whose expanding stages are not all Flate (LZW, run-length,
//! ASCII85) is let through unchecked, as neither hayro-syntax nor flate2 offers a capped decoder
//! for those stages; and object streams (`/Type /ObjStm`), which hayro-syntax itself decodes
//! while resolving objects.

use std::io::{BufRead, BufReader, ErrorKind, Read};

use flate2::bufread::{DeflateDecoder, ZlibDecoder};
use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::dict::keys::{IMAGE, SUBTYPE};
use hayro_interpret::hayro_syntax::object::{Name, Object, Stream};

/// Most bytes one Flate byte can decode to: a deflate block of length/distance codes emits at
/// most 258 bytes per ~2 bits, about 1032:1 overall (zlib's documented limit).
const FLATE_EXPANSION: u64 = 1032;
/// Most bytes one LZW byte can decode to: a code of at least 9 bits emits a dictionary string
/// of at most 4096 bytes.
const LZW_EXPANSION: u64 = 4096 * 8 / 9;
/// Most bytes one run-length byte can decode to: a 2-byte run emits 128 bytes.
const RUN_LENGTH_EXPANSION: u64 = 64;
/// Most bytes one ASCII85 byte can decode to: `z` stands for four zero bytes.
const ASCII85_EXPANSION: u64 = 4;

/// The largest number of bytes one input byte of `filter` can decode to. Image codecs count as
/// 1: they are decoded to pixels only when a device asks for them, which ours never does.
fn expansion(filter: Filter) -> u64 {
    match filter {
        Filter::FlateDecode => FLATE_EXPANSION,
        Filter::LzwDecode => LZW_EXPANSION,
        Filter::RunLengthDecode => RUN_LENGTH_EXPANSION,
        Filter::Ascii85Decode => ASCII85_EXPANSION,
        Filter::AsciiHexDecode
        | Filter::Crypt
        | Filter::CcittFaxDecode
        | Filter::Jbig2Decode
        | Filter::DctDecode
        | Filter::JpxDecode => 1,
    }
}

/// Whether the stream is an image XObject: decoded to pixels only when a device asks, which
/// ours never does, so it is never inflated, whatever its filters.
fn is_image(stream: &Stream<'_>) -> bool {
    stream
        .dict()
        .get::<Name<'_>>(SUBTYPE)
        .is_some_and(|subtype| subtype.as_ref() == IMAGE)
}

/// An upper bound on the decoded length of `stored_len` bytes run through `filters`.
pub(super) fn worst_case_len(stored_len: u64, filters: &[Filter]) -> u64 {
    filters
        .iter()
        .fold(stored_len, |len, &f| len.saturating_mul(expansion(f)))
}

/// The first stream whose decoded length exceeds `limit`, as a message naming it.
pub(super) fn find_bomb(pdf: &Pdf, limit: u64) -> Option<String> {
    pdf.objects().into_iter().find_map(|object| match object {
        Object::Stream(stream) => check_stream(&stream, limit),
        _ => None,
    })
}

fn check_stream(stream: &Stream<'_>, limit: u64) -> Option<String> {
    let filters = stream.filters();
    let data = stream.raw_data();
    if worst_case_len(data.len() as u64, &filters) <= limit || is_image(stream) {
        return None;
    }
    let flate_stages = filters
        .iter()
        .filter(|&&f| f == Filter::FlateDecode)
        .count();
    let only_flate_expands = filters
        .iter()
        .all(|&f| f == Filter::FlateDecode || expansion(f) == 1);
    if !only_flate_expands {
        return None;
    }
    let id = stream.obj_id();
    match inflated_len_capped(&data, flate_stages, limit) {
        Some(len) if len <= limit => None,
        Some(_) => Some(format!(
            "stream {} {} R inflates past {limit} bytes (limit max_decoded_stream_bytes)",
            id.obj_number, id.gen_number
        )),
        None => Some(format!(
            "stream {} {} R is corrupt and could inflate past {limit} bytes \
             (limit max_decoded_stream_bytes)",
            id.obj_number, id.gen_number
        )),
    }
}

/// The length of `data` inflated `stages` times, counted up to `limit + 1` and no further, or
/// `None` if a stage is corrupt before that (a truncated stage just ends the count): each stage is zlib-wrapped or raw deflate, as
/// hayro-syntax accepts both, but where flate2 fails hayro-syntax retries with a lenient decoder
/// that reads on past errors, so a corrupt stream proves nothing about its decoded length.
pub(super) fn inflated_len_capped(data: &[u8], stages: usize, limit: u64) -> Option<u64> {
    let mut reader: Box<dyn Read + '_> = Box::new(data);
    for _ in 0..stages {
        reader = inflater(BufReader::new(reader));
    }
    let mut buffer = vec![0u8; 64 << 10];
    let mut total = 0u64;
    while total <= limit {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => total += n as u64,
            // Data that runs out early: the lenient decoder stops there as well.
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => break,
            Err(_) => return None,
        }
    }
    Some(total)
}

fn inflater<'a>(mut input: BufReader<Box<dyn Read + 'a>>) -> Box<dyn Read + 'a> {
    let zlib_header = match input.fill_buf() {
        Ok([cmf, flg, ..]) => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    };
    if zlib_header {
        Box::new(ZlibDecoder::new(input))
    } else {
        Box::new(DeflateDecoder::new(input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn bound_multiplies_the_expansion_of_every_stage() {
        assert_eq!(worst_case_len(10, &[]), 10);
        assert_eq!(worst_case_len(10, &[Filter::FlateDecode]), 10_320);
        assert_eq!(
            worst_case_len(10, &[Filter::FlateDecode, Filter::FlateDecode]),
            10 * 1032 * 1032
        );
        assert_eq!(
            worst_case_len(10, &[Filter::AsciiHexDecode, Filter::RunLengthDecode]),
            640
        );
        assert_eq!(worst_case_len(10, &[Filter::DctDecode]), 10);
    }

    #[test]
    fn bound_saturates_instead_of_overflowing() {
        let chain = [Filter::LzwDecode; 8];
        assert_eq!(worst_case_len(u64::MAX / 2, &chain), u64::MAX);
    }

    #[test]
    fn bound_holds_for_the_most_compressible_input() {
        let zeros = vec![0u8; 8 << 20];
        let packed = zlib(&zeros);
        assert!(worst_case_len(packed.len() as u64, &[Filter::FlateDecode]) >= zeros.len() as u64);
    }

    #[test]
    fn capped_count_stops_just_past_the_limit() {
        let twice = zlib(&zlib(&vec![0u8; 4 << 20]));
        assert_eq!(inflated_len_capped(&twice, 2, 10 << 20), Some(4 << 20));
        let counted = inflated_len_capped(&twice, 2, 1 << 20).unwrap();
        assert!(counted > 1 << 20 && counted <= (1 << 20) + (64 << 10));
    }

    #[test]
    fn raw_deflate_is_counted_like_zlib() {
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        encoder
            .write_all(b"raw deflate without a zlib header")
            .unwrap();
        let raw = encoder.finish().unwrap();
        assert_eq!(inflated_len_capped(&raw, 1, 1000), Some(33));
    }

    #[test]
    fn a_corrupt_stream_proves_no_length() {
        // A zlib header, then a deflate block of the reserved type 3.
        assert_eq!(
            inflated_len_capped(&[0x78, 0x9c, 0xff, 0xff], 1, 1000),
            None
        );
    }

    #[test]
    fn a_truncated_stream_counts_what_it_holds() {
        let whole = zlib(&vec![7u8; 1 << 20]);
        let counted = inflated_len_capped(&whole[..whole.len() / 2], 1, 10 << 20).unwrap();
        assert!(counted > 0 && counted < 1 << 20, "{counted}");
    }
}
