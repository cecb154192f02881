//! A minimal little-endian binary encoding for model files: lengths, numbers and strings.
//! No serde format is needed for a handful of flat tables, and the layout stays readable here.

use super::packed::Bytes;
use super::SyntaxError;

#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn count(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn str(&mut self, s: &str) {
        self.count(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.count(b.len());
        self.buf.extend_from_slice(b);
    }
}

pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }

    /// Whether every byte has been read (a section added to the format later may be absent
    /// from older files).
    pub fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self.pos.checked_add(n).ok_or_else(truncated)?;
        let out = self.data.get(self.pos..end).ok_or_else(truncated)?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SyntaxError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub fn u8(&mut self) -> Result<u8, SyntaxError> {
        Ok(self.array::<1>()?[0])
    }
    pub fn u16(&mut self) -> Result<u16, SyntaxError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, SyntaxError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn f32(&mut self) -> Result<f32, SyntaxError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// A count of items that follow; bounded by the bytes left so corrupt input cannot make
    /// a reader allocate gigabytes.
    pub fn count(&mut self) -> Result<usize, SyntaxError> {
        let n = self.u32()? as usize;
        if n > self.data.len().saturating_sub(self.pos) {
            return Err(truncated());
        }
        Ok(n)
    }
    pub fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.count()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| SyntaxError::Model("string is not UTF-8".into()))
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], SyntaxError> {
        let n = self.count()?;
        self.take(n)
    }
}

fn truncated() -> SyntaxError {
    SyntaxError::Model("model data is truncated".into())
}

/// How a model file's body is stored (the byte after its header): as it is, to be read in
/// place (format 3 only), or brotli-compressed.
const CODEC_STORED: u8 = 0;
const CODEC_BROTLI: u8 = 1;

/// Brotli at its densest setting with a 16 MiB window. Chosen by measurement
/// (docs/notes/syntax.md, "Model files compressed"): about as small as `xz -6` on these
/// files, and its pure-Rust decoder is 4.5–7× faster than `lzma-rs`, which matters because the
/// first document in a language waits for its model.
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW_BITS: i32 = 24;

/// A decompressed body larger than this is treated as corrupt rather than allocated.
const MAX_BODY: u64 = 1 << 30;

/// Writes `body` compressed, preceded by the codec and the decompressed length. The encoder
/// is deterministic, so the same body always gives the same bytes.
pub fn write_compressed(w: &mut Writer, body: &[u8]) -> Result<(), SyntaxError> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        size_hint: body.len(),
        ..Default::default()
    };
    let mut packed = Vec::with_capacity(body.len() / 3);
    let mut input = body;
    brotli::BrotliCompress(&mut input, &mut packed, &params)
        .map_err(|e| SyntaxError::Model(format!("compressing: {e}")))?;
    w.u8(CODEC_BROTLI);
    w.u64(body.len() as u64);
    w.bytes(&packed);
    Ok(())
}

/// Writes `body` as it is, preceded by the codec and its length: read in place, without a
/// copy, from the binary that embeds it.
pub fn write_stored(w: &mut Writer, body: &[u8]) {
    w.u8(CODEC_STORED);
    w.u64(body.len() as u64);
    w.buf.extend_from_slice(body);
}

/// Reads a body written by [`write_stored`] or [`write_compressed`] at `r`, a reader over
/// `buf`: a stored body is a window on `buf`, a compressed one is decompressed.
pub fn read_body(buf: &Bytes, r: &mut Reader) -> Result<Bytes, SyntaxError> {
    let codec = r.u8()?;
    if codec == CODEC_STORED {
        let len = usize::try_from(r.u64()?).map_err(|_| truncated())?;
        return buf.take(r, len);
    }
    read_compressed_after(codec, r).map(Bytes::from_vec)
}

/// Reads what [`write_compressed`] wrote: exactly the stated number of bytes, or an error.
pub fn read_compressed(r: &mut Reader) -> Result<Vec<u8>, SyntaxError> {
    let codec = r.u8()?;
    read_compressed_after(codec, r)
}

fn read_compressed_after(codec: u8, r: &mut Reader) -> Result<Vec<u8>, SyntaxError> {
    if codec != CODEC_BROTLI {
        return Err(SyntaxError::Model(format!("unknown compression {codec}")));
    }
    let len = r.u64()?;
    if len > MAX_BODY {
        return Err(SyntaxError::Model(format!(
            "body of {len} bytes is too large"
        )));
    }
    let packed = r.bytes()?;
    // Reserved up to a plausible ratio only: a corrupt length must not reserve a gigabyte.
    let mut body = Vec::with_capacity((len as usize).min(packed.len().saturating_mul(16)));
    // One byte more than stated is read so that a body longer than its length is caught.
    let mut decoder = std::io::Read::take(brotli::Decompressor::new(packed, 1 << 16), len + 1);
    std::io::Read::read_to_end(&mut decoder, &mut body)
        .map_err(|e| SyntaxError::Model(format!("compressed body: {e}")))?;
    if body.len() as u64 != len {
        return Err(SyntaxError::Model(format!(
            "compressed body is {} bytes, its header says {len}",
            body.len()
        )));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(body: &[u8]) -> Vec<u8> {
        let mut w = Writer::default();
        write_compressed(&mut w, body).expect("compresses");
        w.buf
    }

    #[test]
    fn compressed_bodies_round_trip_and_are_reproducible() {
        let body: Vec<u8> = (0..20_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let a = packed(&body);
        assert_eq!(a, packed(&body), "same body, same bytes");
        assert!(a.len() < body.len() / 4, "{} of {}", a.len(), body.len());
        let mut r = Reader::new(&a);
        assert_eq!(read_compressed(&mut r).expect("reads back"), body);
        assert!(r.at_end());
        assert_eq!(
            read_compressed(&mut Reader::new(&packed(b""))).expect("empty"),
            b""
        );
    }

    #[test]
    fn corrupt_compressed_bodies_are_errors() {
        let body = b"tagger and parser sections ".repeat(100);
        let good = packed(&body);
        // Unknown codec.
        let mut bad = good.clone();
        bad[0] = 7;
        assert!(read_compressed(&mut Reader::new(&bad)).is_err());
        // A stated length that disagrees with the data, either way.
        for len in [body.len() as u64 - 1, body.len() as u64 + 1, MAX_BODY + 1] {
            let mut bad = good.clone();
            bad[1..9].copy_from_slice(&len.to_le_bytes());
            assert!(read_compressed(&mut Reader::new(&bad)).is_err(), "{len}");
        }
        // Flipped bytes in the stream and a cut stream.
        let mut bad = good.clone();
        for b in bad.iter_mut().skip(16).step_by(7) {
            *b ^= 0x5a;
        }
        assert!(read_compressed(&mut Reader::new(&bad)).is_err());
        assert!(read_compressed(&mut Reader::new(&good[..good.len() - 3])).is_err());
    }
}
