//! End-to-end tests of `budgetpdf convert` as a researcher runs it: real disclosures plus broken
//! files, fault isolation, deterministic outputs, atomic writes, reruns that resume, output
//! names for inputs that share a name, and exit codes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_budgetpdf");

/// The `n` smallest committed real PDFs: enough to exercise the batch while keeping debug runs
/// short.
fn small_real_pdfs(n: usize) -> Vec<PathBuf> {
    let mut pdfs: Vec<(u64, PathBuf)> = common::corpus::fixture_pdfs()
        .into_iter()
        .map(|p| (p.metadata().unwrap().len(), p))
        .collect();
    pdfs.sort();
    pdfs.into_iter().take(n).map(|(_, p)| p).collect()
}

/// The files a crawler saves instead of PDFs, by the error each must give.
const NOT_PDFS: [(&str, &str, &str); 3] = [
    (
        "not_a_pdf",
        "预算公开表：this is plain text\n",
        "not a PDF: a text file",
    ),
    (
        "web_page",
        "<!DOCTYPE html>\n<html><body>2026年部门预算</body></html>",
        "not a PDF: an HTML page",
    ),
    ("empty", "", "not a PDF: an empty file"),
];

/// How many files [`inputs`] writes for `n` real PDFs.
fn input_count(n: usize) -> usize {
    n + 1 + NOT_PDFS.len()
}

/// A folder `in/` with `n` small real PDFs, a truncated copy of one and the [`NOT_PDFS`].
fn inputs(root: &Path, n: usize) -> PathBuf {
    let folder = root.join("in");
    fs::create_dir_all(&folder).unwrap();
    let pdfs = small_real_pdfs(n);
    for pdf in &pdfs {
        fs::copy(pdf, folder.join(pdf.file_name().unwrap())).unwrap();
    }
    let bytes = fs::read(&pdfs[0]).unwrap();
    fs::write(folder.join("truncated.pdf"), &bytes[..bytes.len() / 3]).unwrap();
    for (stem, content, _) in NOT_PDFS {
        fs::write(folder.join(format!("{stem}.pdf")), content).unwrap();
    }
    folder
}

struct Run {
    code: i32,
    stderr: String,
}

fn convert(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let output = Command::new(BIN)
        .arg("convert")
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: output.status.code().expect("budgetpdf exits with a code"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `documents.csv` as doc → column → value.
fn documents(out: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let row: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect();
            (row["doc"].clone(), row)
        })
        .collect()
}

/// Every output file (CSVs and JSON) by relative path, with the one column that measures time
/// (`seconds` of `documents.csv`) blanked.
fn outputs_without_timings(out: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for name in ["documents.csv", "tables.csv", "facts.csv"] {
        files.insert(name.to_owned(), fs::read_to_string(out.join(name)).unwrap());
    }
    let documents = files["documents.csv"]
        .lines()
        .map(|line| {
            line.rsplit_once(',')
                .map_or(line, |(rest, _)| rest)
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n");
    files.insert("documents.csv".to_owned(), documents);
    for entry in fs::read_dir(out.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("docs/{}", path.file_name().unwrap().to_string_lossy());
        files.insert(name, fs::read_to_string(&path).unwrap());
    }
    files
}

fn assert_same(left: &BTreeMap<String, String>, right: &BTreeMap<String, String>) {
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>(),
        "different output files"
    );
    for (name, text) in left {
        if text != &right[name] {
            let first = text
                .lines()
                .zip(right[name].lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name} differs at line {}:\n  {:?}\n  {:?}",
                first + 1,
                text.lines().nth(first),
                right[name].lines().nth(first)
            );
        }
    }
}

#[test]
fn bad_files_become_failed_rows_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 3);
    let out = dir.path().join("out");
    let run = convert(&[&input, &"-o", &out, &"--jobs", &"2"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let documents = documents(&out);
    assert_eq!(documents.len(), input_count(3), "one row per input");
    let expected_errors = NOT_PDFS
        .iter()
        .map(|(stem, _, error)| (*stem, *error))
        .chain([(
            "truncated",
            "truncated: the file ends without the %%EOF marker",
        )]);
    for (bad, error) in expected_errors {
        let row = &documents[bad];
        assert_eq!(row["status"], "failed", "{row:?}");
        assert!(row["error"].starts_with(error), "{bad}: {row:?}");
        assert!(run.stderr.contains(&row["error"]), "{}", run.stderr);
    }
    for pdf in small_real_pdfs(3) {
        let stem = pdf.file_stem().unwrap().to_string_lossy().into_owned();
        let row = &documents[&stem];
        assert_ne!(row["status"], "failed", "{row:?}");
        assert_ne!(row["pages"], "0", "{row:?}");
        let json = fs::read_to_string(out.join("docs").join(format!("{stem}.json"))).unwrap();
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            report["source"]["sha256"].as_str(),
            Some(row["sha256"].as_str())
        );
    }
}

#[test]
fn a_scanned_document_is_not_converted_but_counts_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let scanned =
        common::samples_dir().join("pdf/jianghai_2024_dept_final_planning_chromium_imageonly.pdf");
    let out = dir.path().join("out");
    let run = convert(&[&scanned, &"-o", &out]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let row = &documents(&out)["jianghai_2024_dept_final_planning_chromium_imageonly"];
    assert_eq!(row["status"], "no_text_layer", "{row:?}");
    assert!(row["error"].starts_with("no text layer"), "{row:?}");
    assert_ne!(row["pages"], "0", "{row:?}");
}

/// Converts the same inputs as [`inputs`] with one fault injected into one real document,
/// returning its row and the run. One job: the worker that converts the other real document
/// (the larger, converted first) meets the fault, and the files after it (the broken ones, the
/// smallest) need a fresh worker, which must give each of them its own error.
fn with_fault(kind: &str, extra: &[&str]) -> (BTreeMap<String, String>, Run, usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 2);
    let victim = small_real_pdfs(1).remove(0);
    let name = victim.file_name().unwrap().to_string_lossy().into_owned();
    let out = dir.path().join("out");
    let fault = format!("{kind}:{name}");
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &input,
        &"-o",
        &out,
        &"--jobs",
        &"1",
        &"--inject-fault",
        &fault,
    ];
    for arg in extra {
        args.push(arg);
    }
    let run = convert(&args);
    let mut documents = documents(&out);
    let stem = victim.file_stem().unwrap().to_string_lossy().into_owned();
    let row = documents.remove(&stem).unwrap();
    for (bad, _, error) in NOT_PDFS {
        assert!(
            documents[bad]["error"].starts_with(error),
            "{bad}: {documents:?}"
        );
    }
    let others_converted = documents
        .values()
        .filter(|r| r["status"] != "failed")
        .count();
    (row, run, others_converted)
}

#[test]
fn a_panicking_document_is_reported_as_a_bug_and_the_others_are_converted() {
    let (row, run, others) = with_fault("panic", &[]);
    assert_eq!(run.code, 1);
    assert_eq!(row["status"], "failed");
    assert!(
        row["error"].starts_with("internal error: injected fault"),
        "{row:?}"
    );
    assert!(row["error"].contains("bug in budgetpdf"), "{row:?}");
    assert_eq!(others, 1, "the other real document is converted");
}

#[test]
fn a_hanging_document_is_stopped_by_the_time_limit() {
    let started = Instant::now();
    // Long enough for the other documents of a debug build on a loaded machine.
    let (row, run, others) = with_fault("hang", &["--timeout", "10"]);
    assert_eq!(run.code, 1);
    assert_eq!(row["status"], "failed");
    assert!(row["error"].starts_with("timed out after 10 s"), "{row:?}");
    assert_eq!(others, 1);
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_document_exhausting_memory_is_stopped_by_the_memory_limit() {
    let (row, run, others) = with_fault("memory", &["--max-memory", "1024"]);
    assert_eq!(run.code, 1);
    assert_eq!(row["status"], "failed");
    assert!(row["error"].contains("memory limit of 1024 MiB"), "{row:?}");
    assert_eq!(others, 1);
}

#[test]
fn a_crashing_worker_costs_one_row() {
    let (row, run, others) = with_fault("abort", &[]);
    assert_eq!(run.code, 1);
    assert_eq!(row["status"], "failed");
    assert!(
        row["error"].starts_with("the worker crashed (killed by signal 6"),
        "{row:?}"
    );
    assert_eq!(others, 1);
}

#[test]
fn outputs_do_not_depend_on_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 4);
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    assert_eq!(convert(&[&input, &"-o", &one, &"--jobs", &"1"]).code, 1);
    assert_eq!(convert(&[&input, &"-o", &two, &"--jobs", &"2"]).code, 1);
    let one = outputs_without_timings(&one);
    assert_same(&one, &outputs_without_timings(&two));
    let docs: Vec<String> = one["documents.csv"]
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_owned())
        .collect();
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(docs, sorted, "rows sorted by doc");
}

#[test]
fn a_rerun_reuses_unchanged_documents_and_gives_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 3);
    let out = dir.path().join("out");
    assert_eq!(convert(&[&input, &"-o", &out]).code, 1);
    let first: BTreeMap<String, Vec<u8>> = ["documents.csv", "tables.csv", "facts.csv"]
        .iter()
        .map(|n| (n.to_string(), fs::read(out.join(n)).unwrap()))
        .collect();
    let first_docs = outputs_without_timings(&out);

    let rerun = convert(&[&input, &"-o", &out, &"--verbose"]);
    assert_eq!(rerun.code, 1, "{}", rerun.stderr);
    assert!(rerun.stderr.contains("0 converted now"), "{}", rerun.stderr);
    let all = input_count(3);
    assert!(
        rerun.stderr.contains(&format!("{all} reused")),
        "{}",
        rerun.stderr
    );
    assert_eq!(
        rerun.stderr.matches("(reused)").count(),
        all,
        "one --verbose line each"
    );
    for (name, bytes) in &first {
        assert!(
            &fs::read(out.join(name)).unwrap() == bytes,
            "{name} changed"
        );
    }

    // One input changes: only it is converted again.
    let changed = small_real_pdfs(4).pop().unwrap();
    let target = input.join(small_real_pdfs(1)[0].file_name().unwrap());
    fs::copy(&changed, &target).unwrap();
    let third = convert(&[&input, &"-o", &out]);
    assert!(third.stderr.contains("1 converted now"), "{}", third.stderr);
    assert!(
        third.stderr.contains(&format!("{} reused", all - 1)),
        "{}",
        third.stderr
    );
    assert_ne!(outputs_without_timings(&out), first_docs);
}

#[test]
fn an_interrupted_run_leaves_complete_files_and_the_rerun_finishes_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 3);
    let out = dir.path().join("out");
    let victim = small_real_pdfs(1).remove(0);
    let hang = format!("hang:{}", victim.file_name().unwrap().to_string_lossy());
    let mut batch = Command::new(BIN)
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "2", "--inject-fault", &hang, "--timeout", "600"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until one job is stuck on the hanging document and the other has saved the rest,
    // then kill the batch as a power cut or `kill -9` would.
    let deadline = Instant::now() + Duration::from_secs(120);
    // A document is saved once its entry is in place (written after its report); temporary
    // files (names starting with a dot) do not count.
    let finished = |folder: &Path| -> Vec<PathBuf> {
        fs::read_dir(folder).map_or(Vec::new(), |d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
                .collect()
        })
    };
    let saved = || finished(&out.join(".budgetpdf/entries")).len();
    let others = input_count(3) - 1;
    while saved() < others && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    batch.kill().unwrap();
    batch.wait().unwrap();
    assert!(
        !out.join("facts.csv").exists(),
        "no CSV before the batch ends"
    );
    assert_eq!(
        saved(),
        others,
        "the batch saved the other documents before it was killed"
    );
    for path in finished(&out.join("docs")) {
        let text = fs::read_to_string(&path).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{} is incomplete: {e}", path.display()));
    }
    // A temporary file as a kill in the middle of a write leaves it.
    let leftover = out.join("docs/.budgetpdf-tmp.1.0.x.json");
    fs::write(&leftover, "{\"source\":").unwrap();

    let rerun = convert(&[&input, &"-o", &out]);
    assert_eq!(rerun.code, 1, "{}", rerun.stderr);
    assert!(rerun.stderr.contains("1 converted now"), "{}", rerun.stderr);
    assert!(!leftover.exists(), "temporary files are swept");
    let fresh = dir.path().join("fresh");
    convert(&[&input, &"-o", &fresh]);
    assert_same(
        &outputs_without_timings(&out),
        &outputs_without_timings(&fresh),
    );
}

#[test]
fn inputs_sharing_a_name_get_distinct_stable_stems() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = &small_real_pdfs(1)[0];
    for year in ["2023", "2024"] {
        fs::create_dir_all(dir.path().join(year)).unwrap();
        fs::copy(pdf, dir.path().join(year).join("预算.pdf")).unwrap();
    }
    let list = dir.path().join("list.txt");
    fs::write(
        &list,
        format!(
            "{}\n\n{}\n",
            dir.path().join("2024/预算.pdf").display(),
            dir.path().join("2023/预算.pdf").display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = convert(&[&"--files-from", &list, &"-o", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = documents(&out);
    assert_eq!(
        documents.keys().collect::<Vec<_>>(),
        ["2023__预算", "2024__预算"]
    );
    assert!(documents["2024__预算"]["path"].ends_with("2024/预算.pdf"));
    assert!(out.join("docs/2023__预算.json").is_file());
    assert!(out.join("docs/2024__预算.json").is_file());
}

#[test]
fn exit_codes_tell_success_document_failures_and_usage_errors_apart() {
    let dir = tempfile::tempdir().unwrap();
    let good = &small_real_pdfs(1)[0];
    let out = dir.path().join("out");
    let ok = convert(&[good, &"-o", &out, &"--excel"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        fs::read(out.join("facts.csv"))
            .unwrap()
            .starts_with("\u{feff}doc,".as_bytes())
    );

    let bad = dir.path().join("bad.pdf");
    fs::write(&bad, "not a pdf").unwrap();
    assert_eq!(convert(&[good, &bad, &"-o", &out]).code, 1);

    let missing = convert(&[
        &dir.path().join("missing.pdf"),
        &"-o",
        &dir.path().join("o2"),
    ]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("missing.pdf"), "{}", missing.stderr);
    assert!(
        !dir.path().join("o2").exists(),
        "nothing written on a usage error"
    );

    let file_as_output = convert(&[good, &"-o", &bad]);
    assert_eq!(file_as_output.code, 2, "{}", file_as_output.stderr);
    assert_eq!(convert(&[good, &"-o", &out, &"--jobs", &"0"]).code, 2);
    assert_eq!(convert(&[&"-o", &out]).code, 2);
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(convert(&[&empty, &"-o", &out]).code, 2);
}

#[test]
fn a_list_on_stdin_names_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let pdfs = small_real_pdfs(2);
    let list: String = pdfs.iter().map(|p| format!("{}\n", p.display())).collect();
    let out = dir.path().join("out");
    let mut child = Command::new(BIN)
        .args(["convert", "--files-from", "-", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let paths: Vec<String> = documents(&out)
        .values()
        .map(|r| r["path"].clone())
        .collect();
    let expected: Vec<String> = pdfs.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(paths, expected);
}

#[test]
fn a_second_run_into_the_same_folder_is_refused_and_leaves_the_first_runs_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), 2);
    let out = dir.path().join("out");
    let victim = small_real_pdfs(1).remove(0);
    let hang = format!("hang:{}", victim.file_name().unwrap().to_string_lossy());
    let mut first = Command::new(BIN)
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--jobs", "1", "--inject-fault", &hang, "--timeout", "600"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first run holds the folder while its worker hangs; a temporary file stands for a
    // write in progress.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !out.join(".budgetpdf/lock").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let in_progress = out.join("docs/.budgetpdf-tmp.1.0.x.json");
    fs::write(&in_progress, "{\"source\":").unwrap();

    let second = convert(&[&input, &"-o", &out]);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains("is being written by another budgetpdf convert"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains(&format!("(process {})", first.id())),
        "{}",
        second.stderr
    );
    assert!(in_progress.exists(), "the first run's files are left alone");

    // The lock goes with the process, however it ends.
    first.kill().unwrap();
    first.wait().unwrap();
    let third = convert(&[&input, &"-o", &out]);
    assert_eq!(third.code, 1, "{}", third.stderr);
    assert!(!in_progress.exists(), "the next run sweeps temporaries");
}
