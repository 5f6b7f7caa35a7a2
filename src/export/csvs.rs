//! The batch-wide CSVs of spec §2 and §6: `documents.csv`, `tables.csv`, `facts.csv` and
//! `figures.csv`, flat views of the per-document reports, written in the order the caller adds
//! documents (sorted by `doc`).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::Error;
use super::atomic::AtomicFile;
use crate::report::{CheckStatus, DocumentReport, Figure, Record, TableReport};

/// Columns of `documents.csv`: one row per input file.
pub const DOCUMENT_COLUMNS: [&str; 16] = [
    "doc",
    "path",
    "sha256",
    "status",
    "error",
    "unit",
    "year",
    "doc_kind",
    "pages",
    "tables",
    "tables_recognized",
    "records",
    "figures",
    "checks_passed",
    "checks_failed",
    "seconds",
];

/// Columns of `tables.csv`: one row per table.
pub const TABLE_COLUMNS: [&str; 8] = [
    "doc",
    "table",
    "kind",
    "title",
    "pages",
    "amount_unit",
    "rows",
    "no_data",
];

/// Columns of `facts.csv`: one row per record (amount) of every table. `band` (added after the
/// spec's columns) is the header cell of the record's band, when the header prints the same
/// sub-columns under several (`当年预算`, `上年结转`).
pub const FACT_COLUMNS: [&str; 18] = [
    "doc",
    "unit",
    "year",
    "doc_kind",
    "table_kind",
    "table_title",
    "page",
    "row",
    "side",
    "code",
    "level",
    "item",
    "column",
    "column_label",
    "amount",
    "raw",
    "amount_unit",
    "band",
];

/// Columns of `figures.csv`: one row per headline figure stated by a table or a sentence.
pub const FIGURE_COLUMNS: [&str; 12] = [
    "doc",
    "unit",
    "year",
    "doc_kind",
    "figure",
    "amount",
    "unit_of_measure",
    "source",
    "page",
    "table",
    "previous",
    "evidence",
];

/// The UTF-8 byte order mark, which Excel needs to read UTF-8 (it assumes the ANSI code page,
/// GBK on Chinese Windows, otherwise).
const BOM: &[u8] = "\u{feff}".as_bytes();

/// The four CSVs being written; they replace earlier ones only on [`Datasets::commit`].
pub struct Datasets {
    documents: csv::Writer<AtomicFile>,
    tables: csv::Writer<AtomicFile>,
    facts: csv::Writer<AtomicFile>,
    figures: csv::Writer<AtomicFile>,
}

impl Datasets {
    /// Starts the CSVs in `folder`, with a byte order mark when `excel` is set.
    pub fn create(folder: &Path, excel: bool) -> Result<Self, Error> {
        Ok(Self {
            documents: start(&folder.join("documents.csv"), &DOCUMENT_COLUMNS, excel)?,
            tables: start(&folder.join("tables.csv"), &TABLE_COLUMNS, excel)?,
            facts: start(&folder.join("facts.csv"), &FACT_COLUMNS, excel)?,
            figures: start(&folder.join("figures.csv"), &FIGURE_COLUMNS, excel)?,
        })
    }

    /// Appends the rows of one document, named `doc`, converted in `seconds`.
    pub fn add(&mut self, doc: &str, report: &DocumentReport, seconds: f64) -> Result<(), Error> {
        write_row(&mut self.documents, &document_row(doc, report, seconds))?;
        let document = DocumentColumns::of(report);
        for (index, table) in report.tables.iter().enumerate() {
            write_row(&mut self.tables, &table_row(doc, index, table))?;
            let table_columns = TableColumns::of(table);
            for record in &table.records {
                write_fact_row(&mut self.facts, doc, &document, &table_columns, record)?;
            }
        }
        for figure in &report.figures {
            write_row(&mut self.figures, &figure_row(doc, report, figure))?;
        }
        Ok(())
    }

    /// Puts the four files in place.
    pub fn commit(self) -> Result<(), Error> {
        for writer in [self.documents, self.tables, self.facts, self.figures] {
            let path = writer.get_ref().destination().to_path_buf();
            let file = writer.into_inner().map_err(|e| {
                Error::io(
                    &path,
                    io::Error::new(e.error().kind(), e.error().to_string()),
                )
            })?;
            file.commit()?;
        }
        Ok(())
    }
}

fn start(path: &Path, columns: &[&str], excel: bool) -> Result<csv::Writer<AtomicFile>, Error> {
    let mut file = AtomicFile::create(path)?;
    if excel {
        file.write_all(BOM).map_err(|e| Error::io(path, e))?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file);
    write_row(&mut writer, columns)?;
    Ok(writer)
}

fn write_row<S: AsRef<[u8]>>(writer: &mut csv::Writer<AtomicFile>, row: &[S]) -> Result<(), Error> {
    writer.write_record(row).map_err(|e| {
        let path = writer.get_ref().destination().to_path_buf();
        Error::io(&path, e.into())
    })
}

fn document_row(doc: &str, report: &DocumentReport, seconds: f64) -> [String; 16] {
    let checks_failed = report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .count();
    [
        doc.to_owned(),
        report.source.path.clone(),
        report.source.sha256.clone(),
        serde_name(&report.status),
        report.error.clone().unwrap_or_default(),
        report.document.unit.clone().unwrap_or_default(),
        optional(report.document.year),
        serde_name(&report.document.kind),
        report.source.pages.to_string(),
        report.tables.len().to_string(),
        report
            .tables
            .iter()
            .filter(|t| t.kind != "unknown")
            .count()
            .to_string(),
        report
            .tables
            .iter()
            .map(|t| t.records.len())
            .sum::<usize>()
            .to_string(),
        report.figures.len().to_string(),
        (report.checks.len() - checks_failed).to_string(),
        checks_failed.to_string(),
        format!("{seconds:.3}"),
    ]
}

fn table_row(doc: &str, index: usize, table: &TableReport) -> [String; 8] {
    let [first, last] = table.pages;
    let pages = if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    };
    [
        doc.to_owned(),
        index.to_string(),
        table.kind.clone(),
        table.title.clone().unwrap_or_default(),
        pages,
        table.amount_unit.clone().unwrap_or_default(),
        table.body_rows.len().to_string(),
        table.no_data.to_string(),
    ]
}

/// The columns every row of a document's facts repeats, written out once per document.
struct DocumentColumns {
    unit: String,
    year: String,
    kind: String,
}

impl DocumentColumns {
    fn of(report: &DocumentReport) -> Self {
        Self {
            unit: report.document.unit.clone().unwrap_or_default(),
            year: optional(report.document.year),
            kind: serde_name(&report.document.kind),
        }
    }
}

/// The columns every fact row of a table repeats.
struct TableColumns<'a> {
    kind: &'a str,
    title: &'a str,
    amount_unit: &'a str,
}

impl<'a> TableColumns<'a> {
    fn of(table: &'a TableReport) -> Self {
        Self {
            kind: &table.kind,
            title: table.title.as_deref().unwrap_or_default(),
            amount_unit: table.amount_unit.as_deref().unwrap_or_default(),
        }
    }
}

/// Writes the row of `facts.csv` of one record (see [`FACT_COLUMNS`]).
fn write_fact_row(
    writer: &mut csv::Writer<AtomicFile>,
    doc: &str,
    document: &DocumentColumns,
    table: &TableColumns,
    record: &Record,
) -> Result<(), Error> {
    let (page, row, amount) = (
        record.page.to_string(),
        record.row.to_string(),
        record.amount.to_string(),
    );
    write_row(
        writer,
        &[
            doc,
            &document.unit,
            &document.year,
            &document.kind,
            table.kind,
            table.title,
            &page,
            &row,
            record.side.as_deref().unwrap_or_default(),
            record.code.as_deref().unwrap_or_default(),
            record.level.as_deref().unwrap_or_default(),
            &record.item,
            &record.column,
            &record.column_label,
            &amount,
            &record.raw,
            table.amount_unit,
            record.band.as_deref().unwrap_or_default(),
        ],
    )
}

fn figure_row(doc: &str, report: &DocumentReport, figure: &Figure) -> [String; 12] {
    [
        doc.to_owned(),
        report.document.unit.clone().unwrap_or_default(),
        optional(report.document.year),
        serde_name(&report.document.kind),
        figure.figure.clone(),
        figure.amount.to_string(),
        figure.unit_of_measure.clone(),
        serde_name(&figure.source),
        figure.page.to_string(),
        optional(figure.table),
        optional(figure.previous),
        figure.evidence.clone(),
    ]
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The name an enum variant has in the JSON (`no_text_layer`, `unit_budget`), so that the CSVs
/// and the JSON always spell it alike.
fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use rust_decimal::Decimal;

    use super::*;
    use crate::report::{
        Check, DocumentKind, DocumentMeta, FigureSource, Record, Source, Status, TableReport,
    };

    fn report() -> DocumentReport {
        let record = Record {
            row: 0,
            page: 4,
            side: Some("revenue".into()),
            code: None,
            level: None,
            item: "一般公共预算".into(),
            parent: None,
            column: "amount".into(),
            col: 1,
            group: None,
            band: None,
            column_label: "2023年".into(),
            amount: Decimal::new(866530000, 2),
            raw: "866.53".into(),
        };
        let check = |status| Check {
            rule: "r".into(),
            table: Some(0),
            row: Some(0),
            page: Some(4),
            column: None,
            col: None,
            band: None,
            side: None,
            detail: String::new(),
            terms: vec![],
            status,
            expected: Decimal::ONE,
            found: Decimal::ONE,
        };
        DocumentReport {
            source: Source {
                path: "in/x, \"quoted\".pdf".into(),
                sha256: "ab".into(),
                pages: 26,
                ..Source::default()
            },
            document: DocumentMeta {
                unit: Some("某某中心".into()),
                year: Some(2023),
                kind: DocumentKind::UnitBudget,
            },
            status: Status::Partial,
            error: None,
            tables: vec![TableReport {
                kind: "budget_summary".into(),
                title: Some("2023年预算收支总表".into()),
                pages: [4, 5],
                unit_name: None,
                amount_unit: Some("万元".into()),
                no_data: false,
                header_rows: vec![],
                body_rows: vec![vec!["一、一般公共预算".into(), "866.53".into()]],
                records: vec![record],
                attributes: vec![],
            }],
            forms: vec![],
            figures: vec![
                Figure {
                    figure: "general_budget_appropriation".into(),
                    amount: Decimal::new(866530000, 2),
                    unit_of_measure: "元".into(),
                    source: FigureSource::Table,
                    page: 4,
                    table: Some(0),
                    previous: None,
                    evidence: "2023年预算收支总表 / 一般公共预算 / 2023年".into(),
                    raw: "866.53".into(),
                },
                Figure {
                    figure: "vehicles".into(),
                    amount: Decimal::from(3),
                    unit_of_measure: "辆".into(),
                    source: FigureSource::Prose,
                    page: 9,
                    table: None,
                    previous: Some(Decimal::from(4)),
                    evidence: "共有车辆3辆，比上年减少1辆。".into(),
                    raw: "3辆".into(),
                },
            ],
            checks: vec![
                check(CheckStatus::Pass),
                check(CheckStatus::Rounding),
                check(CheckStatus::Fail),
            ],
            warnings: vec![],
        }
    }

    #[test]
    fn rows_follow_the_spec_columns() {
        let dir = tempfile::tempdir().unwrap();
        let mut datasets = Datasets::create(dir.path(), false).unwrap();
        datasets.add("x", &report(), 1.23456).unwrap();
        datasets.commit().unwrap();
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(
            read("documents.csv"),
            "doc,path,sha256,status,error,unit,year,doc_kind,pages,tables,tables_recognized,\
             records,figures,checks_passed,checks_failed,seconds\r\n\
             x,\"in/x, \"\"quoted\"\".pdf\",ab,partial,,某某中心,2023,unit_budget,26,1,1,1,2,2,1,1.235\r\n"
        );
        assert_eq!(
            read("tables.csv"),
            "doc,table,kind,title,pages,amount_unit,rows,no_data\r\n\
             x,0,budget_summary,2023年预算收支总表,4-5,万元,1,false\r\n"
        );
        assert_eq!(
            read("facts.csv"),
            "doc,unit,year,doc_kind,table_kind,table_title,page,row,side,code,level,item,column,\
             column_label,amount,raw,amount_unit,band\r\n\
             x,某某中心,2023,unit_budget,budget_summary,2023年预算收支总表,4,0,revenue,,,\
             一般公共预算,amount,2023年,8665300.00,866.53,万元,\r\n"
        );
        assert_eq!(
            read("figures.csv"),
            "doc,unit,year,doc_kind,figure,amount,unit_of_measure,source,page,table,previous,\
             evidence\r\n\
             x,某某中心,2023,unit_budget,general_budget_appropriation,8665300.00,元,table,4,0,,\
             2023年预算收支总表 / 一般公共预算 / 2023年\r\n\
             x,某某中心,2023,unit_budget,vehicles,3,辆,prose,9,,4,共有车辆3辆，比上年减少1辆。\r\n"
        );
    }

    #[test]
    fn excel_files_start_with_a_bom_and_empty_batches_keep_headers() {
        let dir = tempfile::tempdir().unwrap();
        Datasets::create(dir.path(), true)
            .unwrap()
            .commit()
            .unwrap();
        let facts = fs::read(dir.path().join("facts.csv")).unwrap();
        assert!(facts.starts_with(b"\xef\xbb\xbfdoc,unit,"));
        assert_eq!(facts.iter().filter(|&&b| b == b'\n').count(), 1);
    }

    #[test]
    fn unfinished_datasets_leave_earlier_files_in_place() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("facts.csv"), "earlier").unwrap();
        {
            let mut datasets = Datasets::create(dir.path(), false).unwrap();
            datasets.add("x", &report(), 0.5).unwrap();
        }
        assert_eq!(
            fs::read_to_string(dir.path().join("facts.csv")).unwrap(),
            "earlier"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
