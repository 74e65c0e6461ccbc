//! Text encodings of ledger files: which one a file is in, and decoding it
//! strictly (undecodable bytes are reported with their position, never
//! turned into U+FFFD).
//!
//! Pure: works on bytes already read.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// How many leading bytes decide a file's encoding when it has no BOM.
pub const SNIFF_BYTES: usize = 1 << 20;

/// A text encoding leadctl reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// Every encoding, in the order `--help` lists them.
    pub const ALL: [TextEncoding; 4] = [TextEncoding::Utf8, TextEncoding::Gb18030, TextEncoding::Utf16Le, TextEncoding::Utf16Be];

    /// `utf-8, gb18030 (gbk), utf-16le, utf-16be`: what `--encoding` takes.
    pub fn choices() -> String {
        let spelled = |e: TextEncoding| match e {
            TextEncoding::Gb18030 => "gb18030 (gbk)".to_string(),
            e => e.name().to_ascii_lowercase(),
        };
        TextEncoding::ALL.map(spelled).join(", ")
    }

    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Reads `--encoding`: utf-8, gb18030 (gbk, gb2312 read as its superset),
    /// utf-16le, utf-16be.
    pub fn parse(s: &str) -> Option<TextEncoding> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            "utf-16le" | "utf-16" | "unicode" => Some(TextEncoding::Utf16Le),
            "utf-16be" => Some(TextEncoding::Utf16Be),
            _ => None,
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Gb18030 => GB18030,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
        }
    }
}

/// What the first bytes of a file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub encoding: TextEncoding,
    /// Length of the byte-order mark to skip.
    pub bom: usize,
}

/// Decides a file's encoding from its first bytes (up to [`SNIFF_BYTES`]):
/// a BOM decides; else UTF-8 when they are valid UTF-8, or mostly valid
/// (more multi-byte characters than broken sequences: a UTF-8 file with a
/// few bad bytes, reported row by row); else GB18030, as Excel and WPS save
/// CSV on Chinese Windows (decoded strictly, bad bytes reported).
pub fn sniff(head: &[u8], whole_file: bool) -> Sniffed {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Sniffed { encoding: TextEncoding::Utf8, bom: 3 };
    }
    if head.starts_with(b"\xFF\xFE") {
        return Sniffed { encoding: TextEncoding::Utf16Le, bom: 2 };
    }
    if head.starts_with(b"\xFE\xFF") {
        return Sniffed { encoding: TextEncoding::Utf16Be, bom: 2 };
    }
    let (multibyte, broken) = utf8_census(head, whole_file);
    let encoding = if broken == 0 || multibyte > broken { TextEncoding::Utf8 } else { TextEncoding::Gb18030 };
    Sniffed { encoding, bom: 0 }
}

/// Counts valid multi-byte UTF-8 characters and broken sequences. A sequence
/// cut at the end of a sample that is not the whole file is not broken.
fn utf8_census(mut bytes: &[u8], whole_file: bool) -> (usize, usize) {
    let lead_bytes = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
    let (mut multibyte, mut broken) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => return (multibyte + lead_bytes(valid.as_bytes()), broken),
            Err(e) => {
                multibyte += lead_bytes(&bytes[..e.valid_up_to()]);
                match e.error_len() {
                    Some(n) => {
                        broken += 1;
                        bytes = &bytes[e.valid_up_to() + n..];
                    }
                    None => return (multibyte, broken + usize::from(whole_file)),
                }
            }
        }
    }
}

/// Bytes that do not decode, by their place in the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadBytes {
    /// Physical line (1-based) of the decoded text.
    pub line: u64,
    /// Byte offset of the bad bytes in the file.
    pub offset: usize,
}

/// Decodes a whole file (BOM already removed). Undecodable bytes are left out
/// of the text and listed, so the rows holding them can be reported and
/// skipped: the caller never sees a replacement character.
pub fn decode_strict(bytes: &[u8], encoding: TextEncoding) -> (String, Vec<BadBytes>) {
    let mut decoder = encoding.encoding().new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3 + 16);
    let mut text = String::with_capacity(cap);
    let mut bad = Vec::new();
    let mut input = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(input.len() * 3 + 16),
            DecoderResult::Malformed(len, after) => {
                let line = text.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
                let offset = bytes.len() - input.len() - usize::from(len) - usize::from(after);
                bad.push(BadBytes { line, offset });
            }
        }
    }
    (text, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn boms_decide() {
        assert_eq!(sniff(b"\xEF\xBB\xBFdate", true), Sniffed { encoding: TextEncoding::Utf8, bom: 3 });
        assert_eq!(sniff(b"\xFF\xFEd\0", true).encoding, TextEncoding::Utf16Le);
        assert_eq!(sniff(b"\xFE\xFF\0d", true).encoding, TextEncoding::Utf16Be);
    }

    #[test]
    fn utf8_then_gb18030() {
        assert_eq!(sniff("日期,业务员\n".as_bytes(), true).encoding, TextEncoding::Utf8);
        assert_eq!(sniff(&gbk("日期,业务员\n2026-03-01,张伟\n"), true).encoding, TextEncoding::Gb18030);
        assert_eq!(sniff(b"date,rep\n", true).encoding, TextEncoding::Utf8);
    }

    #[test]
    fn a_cut_sample_is_still_utf8() {
        let text = "日期,业务员\n张伟".as_bytes();
        assert_eq!(sniff(&text[..text.len() - 1], false).encoding, TextEncoding::Utf8);
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_stay_utf8() {
        let mut bytes = "日期,业务员\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFF,x\n");
        assert_eq!(sniff(&bytes, true).encoding, TextEncoding::Utf8);
    }

    #[test]
    fn gbk_with_a_bad_byte_is_still_gb18030() {
        let mut bytes = gbk("日期,业务员\n2026-03-01,张伟\n");
        bytes.extend_from_slice(b"2026-03-02,\xFF\n");
        assert_eq!(sniff(&bytes, true).encoding, TextEncoding::Gb18030);
    }

    #[test]
    fn strict_decoding_reports_lines_and_drops_bad_bytes() {
        let mut bytes = gbk("日期,业务员\n2026-03-01,张伟\n");
        bytes.extend_from_slice(b"2026-03-02,\xFF\n");
        let (text, bad) = decode_strict(&bytes, TextEncoding::Gb18030);
        assert_eq!(bad, vec![BadBytes { line: 3, offset: bytes.len() - 2 }]);
        assert!(text.starts_with("日期,业务员\n2026-03-01,张伟\n2026-03-02,"));
        assert!(!text.contains('\u{FFFD}'));
    }

    #[test]
    fn utf16_excel_unicode_text() {
        let units: Vec<u8> = "日期\t业务员\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let (text, bad) = decode_strict(&units, TextEncoding::Utf16Le);
        assert_eq!((text.as_str(), bad.len()), ("日期\t业务员\n", 0));
    }

    #[test]
    fn encoding_names() {
        assert_eq!(TextEncoding::parse("GBK"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::parse("utf_8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::parse("latin1"), None);
    }
}

/// The format of a workbook, told by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workbook {
    Xls,
    Xlsx,
    Xlsb,
    Ods,
}

/// How an input was read: as text in an encoding, or as a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text(TextEncoding),
    Workbook(Workbook),
}

impl InputFormat {
    /// `UTF-8`, `GB18030`, … or `xlsx`, `xls`, `xlsb`, `ods`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text(e) => e.name(),
            InputFormat::Workbook(Workbook::Xls) => "xls",
            InputFormat::Workbook(Workbook::Xlsx) => "xlsx",
            InputFormat::Workbook(Workbook::Xlsb) => "xlsb",
            InputFormat::Workbook(Workbook::Ods) => "ods",
        }
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for InputFormat {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
