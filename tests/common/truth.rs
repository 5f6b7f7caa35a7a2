//! Ground truth of the bundled samples (`samples/truth/*.json`), shared by the end-to-end tests.
//!
//! Each truth file describes one PDF in `samples/pdf/` with the same stem: its tables as printed
//! (the grid convention of `docs/output.md`: a merged cell's text in its first
//! column, `""` in the others) and its 绩效目标 forms.
//! The files are written by `samples/generate.py` and checked for internal consistency by
//! `tests/samples_truth.rs`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One sample document's truth.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    /// The PDF's file name inside `samples/pdf/`.
    pub file: String,
    /// The PDF's `/Producer` as written by the producing program.
    pub producer: String,
    /// How the PDF was made, e.g. `DOCX (python-docx) → LibreOffice Writer PDF export`.
    pub pipeline: String,
    /// True for the qpdf-encrypted copies (empty user password).
    pub encrypted: bool,
    /// False for the image-only copy: its pages are pictures, there is no text to extract.
    pub text_layer: bool,
    pub page_count: u32,
    /// Set on rotated copies (`/Rotate 90` on every page).
    #[serde(default)]
    pub rotation: Option<u32>,
    pub unit: String,
    pub year: i32,
    /// `unit_budget`, `department_budget`, `unit_final_account` or `department_final_account`.
    pub document_kind: String,
    pub tables: Vec<TruthTable>,
    pub forms: Vec<TruthForm>,
}

/// One table (a 绩效目标 form is also a table, of kind `performance_targets`).
#[derive(Debug, Clone, Deserialize)]
pub struct TruthTable {
    /// A kind from the catalogue (spec §3).
    pub kind: String,
    pub title: String,
    /// First and last page, 1-based, as measured on the rendered PDF.
    pub pages: [u32; 2],
    /// The page each body row is printed on, parallel to `body_rows`.
    pub body_row_pages: Vec<u32>,
    /// `万元` or `元`; `None` for forms.
    pub amount_unit: Option<String>,
    /// The unit named in the `单位名称：`/`编制单位：` line.
    pub unit_name: Option<String>,
    /// True when the table is printed with a note such as `注：本表无数据`.
    pub no_data: bool,
    /// Lines that belong to the table outside its grid, in reading order: table number
    /// (`预算公开表1`), subtitle (`(2023年度)`), `单位名称：…`/`编制单位：…`, `单位：万元`/`金额单位：元`.
    pub context_lines: Vec<String>,
    /// Lines right below the grid, such as `注：本表无数据`.
    pub notes: Vec<String>,
    pub header_rows: Vec<Vec<String>>,
    pub body_rows: Vec<Vec<String>>,
}

/// A 项目支出绩效目标申报表, read as a form.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthForm {
    pub title: String,
    pub pages: [u32; 2],
    pub project: String,
    pub department: String,
    pub implementing_unit: String,
    /// 实施期资金总额 in yuan, e.g. `4431000.00`.
    pub funds_total: String,
    /// 实施期 indicators as `[一级, 二级, 三级, 指标值]`, merged 一级/二级 filled down.
    pub indicators: Vec<[String; 4]>,
    /// 年度 indicators, same layout.
    pub annual_indicators: Vec<[String; 4]>,
}

/// `samples/` of this crate.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The PDF a truth file describes.
pub fn pdf_of(truth: &Truth) -> PathBuf {
    samples_dir().join("pdf").join(&truth.file)
}

/// Every truth file, sorted by path, parsed; panics with the file name on a malformed file.
pub fn load_all() -> Vec<(PathBuf, Truth)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(samples_dir().join("truth"))
        .expect("samples/truth is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("truth file is readable");
            let truth =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, truth)
        })
        .collect()
}
