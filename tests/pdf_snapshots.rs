//! Reading-order snapshots: `budgetpdf text` of one sample per producer (Writer, Calc, Chromium
//! and the `/Rotate 90` copy), committed under tests/fixtures/pdf/snapshots/. A change in line
//! grouping, word spacing or order shows up as a readable diff. `REPLACE=1 cargo test --test
//! pdf_snapshots` rewrites the snapshots after an intended change.

use std::path::Path;

use budgetpdf::pdf;

const SAMPLES: [&str; 4] = [
    "changzhi_2023_unit_budget_writer",
    "changzhi_2023_unit_budget_writer_rotated",
    "changzhi_2023_unit_budget_chromium",
    "jianghai_2025_dept_budget_transport_calc",
];

fn document_text(document: &pdf::Document) -> String {
    document
        .pages
        .iter()
        .map(|page| format!("--- page {} ---\n{}", page.number, pdf::page_text(page)))
        .collect()
}

/// The first differing line, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for number in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => break,
            (e, a) if e != a => {
                return format!("line {number}:\n  expected {e:?}\n  actual   {a:?}");
            }
            _ => {}
        }
    }
    String::from("no line differs")
}

#[test]
fn page_texts_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let replace = std::env::var_os("REPLACE").is_some();
    let mut failures = Vec::new();
    for name in SAMPLES {
        let bytes = std::fs::read(root.join(format!("samples/pdf/{name}.pdf"))).unwrap();
        let document = pdf::load(&bytes, &pdf::Settings::default()).unwrap();
        let actual = document_text(&document);
        let snapshot = root.join(format!("tests/fixtures/pdf/snapshots/{name}.txt"));
        if replace {
            std::fs::write(&snapshot, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with REPLACE=1)", snapshot.display()));
        if expected != actual {
            failures.push(format!("{name}: {}", first_difference(&expected, &actual)));
        }
    }
    assert!(
        failures.is_empty(),
        "snapshots differ:\n{}",
        failures.join("\n")
    );
}
