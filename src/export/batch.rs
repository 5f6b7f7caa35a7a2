//! One batch: each input converted in isolation and saved as soon as it is done, earlier
//! results reused, and at the end the CSVs written from the saved reports in `doc` order.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::time::Instant;

use super::Error;
use super::csvs::Datasets;
use super::fault::Fault;
use super::hash::content_hash;
use super::inputs::Input;
use super::isolate::{Converted, Isolation, Job, Workers};
use super::store::{Entry, Store};
use crate::report::{CheckStatus, DocumentReport, Source, Status};

/// How many failures [`Totals::failures`] lists; the rest are in `documents.csv`.
const LISTED_FAILURES: usize = 20;

/// A batch writing into one output folder.
pub struct Batch {
    store: Store,
    workers: Workers,
    version: String,
    fault: Option<(String, Fault)>,
}

/// What came of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The document's status.
    pub status: Status,
    /// Its page count.
    pub pages: usize,
    /// Whether an earlier run's result was reused.
    pub reused: bool,
    /// Seconds spent on it in this run.
    pub seconds: f64,
}

/// Figures over the whole batch, read from the saved reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Documents converted with every check passing.
    pub ok: usize,
    /// Documents converted with some tables unreadable or checks failing.
    pub partial: usize,
    /// Documents that could not be converted.
    pub failed: usize,
    /// Scanned documents.
    pub no_text_layer: usize,
    /// Documents that need a password.
    pub encrypted: usize,
    /// Pages of all documents.
    pub pages: usize,
    /// Tables of all documents.
    pub tables: usize,
    /// Records (amounts) of all tables.
    pub records: usize,
    /// Checks that failed.
    pub checks_failed: usize,
    /// The first failed, encrypted or scanned documents: (path, error).
    pub failures: Vec<(String, String)>,
    /// Outputs of an earlier run's inputs that this run no longer has, removed.
    pub removed: usize,
}

impl Batch {
    /// A batch saving into `store`, converting in workers as `isolation` says, with `version`
    /// (see [`super::store::program_version`]) keying the reuse of earlier results.
    pub fn new(store: Store, isolation: Isolation, version: String) -> Self {
        Self {
            store,
            workers: Workers::new(isolation),
            version,
            fault: None,
        }
    }

    /// Makes the document whose file is named `file_name` fail with `fault`: how tests show
    /// that one bad document costs one row and never the batch.
    pub fn inject_fault(&mut self, file_name: String, fault: Fault) {
        self.fault = Some((file_name, fault));
    }

    /// Converts `input` unless an earlier run already did, and saves its report. Errors are
    /// errors of the batch (output folder not writable, no worker can start); whatever is wrong
    /// with the document itself is in the report.
    pub fn convert(&self, input: &Input) -> Result<Done, Error> {
        let started = Instant::now();
        let path = input.path.to_string_lossy().into_owned();
        let bytes = match fs::read(&input.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let source = Source {
                    path,
                    ..Source::default()
                };
                let report = DocumentReport::failure(
                    source,
                    Status::Failed,
                    format!("cannot read the file: {e}"),
                );
                return self.save(input, &report, started, false);
            }
        };
        let expected = Entry {
            path: path.clone(),
            sha256: content_hash(&bytes),
            version: self.version.clone(),
            status: Status::Ok,
            pages: 0,
            seconds: 0.0,
            reusable: true,
        };
        if let Some(entry) = self.store.reusable(&input.stem, &expected) {
            return Ok(Done {
                status: entry.status,
                pages: entry.pages,
                reused: true,
                seconds: started.elapsed().as_secs_f64(),
            });
        }
        let job = Job {
            path: path.clone(),
            sha256: expected.sha256.clone(),
            bytes,
            fault: self.fault_for(&input.path),
        };
        let outcome = self.workers.convert(job).map_err(|cause| Error::Worker {
            program: self.workers.program().to_path_buf(),
            cause,
        })?;
        match outcome {
            Ok(converted) => self.save_converted(input, &expected, converted, started),
            Err(failure) => {
                let source = Source {
                    path,
                    sha256: expected.sha256,
                    ..Source::default()
                };
                let report = DocumentReport::failure(source, Status::Failed, failure.to_string());
                self.save(input, &report, started, false)
            }
        }
    }

    fn fault_for(&self, path: &Path) -> Option<Fault> {
        let (name, fault) = self.fault.as_ref()?;
        (path.file_name()? == name.as_str()).then_some(*fault)
    }

    /// Saves a worker's report as it sent it.
    fn save_converted(
        &self,
        input: &Input,
        expected: &Entry,
        converted: Converted,
        started: Instant,
    ) -> Result<Done, Error> {
        let seconds = started.elapsed().as_secs_f64();
        let entry = Entry {
            status: converted.status,
            pages: converted.pages,
            seconds,
            ..expected.clone()
        };
        self.store
            .save_json(&input.stem, &converted.report_json, &entry)?;
        Ok(Done {
            status: entry.status,
            pages: entry.pages,
            reused: false,
            seconds,
        })
    }

    fn save(
        &self,
        input: &Input,
        report: &DocumentReport,
        started: Instant,
        reusable: bool,
    ) -> Result<Done, Error> {
        let seconds = started.elapsed().as_secs_f64();
        let entry = Entry {
            path: report.source.path.clone(),
            sha256: report.source.sha256.clone(),
            version: self.version.clone(),
            status: report.status,
            pages: report.source.pages,
            seconds,
            reusable,
        };
        self.store.save(&input.stem, report, &entry)?;
        Ok(Done {
            status: report.status,
            pages: report.source.pages,
            reused: false,
            seconds,
        })
    }

    /// Writes `documents.csv`, `tables.csv`, `facts.csv` and `figures.csv` (with a byte order mark when
    /// `excel` is set) from the saved reports of `inputs`, sorted by `doc`, one report in memory
    /// at a time; then removes the outputs of inputs an earlier run had and this one has not.
    pub fn write_datasets(&self, inputs: &[Input], excel: bool) -> Result<Totals, Error> {
        let mut stems: Vec<&str> = inputs.iter().map(|i| i.stem.as_str()).collect();
        stems.sort_unstable();
        let mut datasets = Datasets::create(self.store.root(), excel)?;
        let mut totals = Totals::default();
        for &stem in &stems {
            let (report, entry) = self.store.load(stem)?;
            datasets.add(stem, &report, entry.seconds)?;
            totals.add(&report);
        }
        datasets.commit()?;
        totals.removed = self
            .store
            .remove_others(&stems.into_iter().collect::<HashSet<_>>())?;
        Ok(totals)
    }
}

impl Totals {
    fn add(&mut self, report: &DocumentReport) {
        *match report.status {
            Status::Ok => &mut self.ok,
            Status::Partial => &mut self.partial,
            Status::Failed => &mut self.failed,
            Status::NoTextLayer => &mut self.no_text_layer,
            Status::Encrypted => &mut self.encrypted,
        } += 1;
        self.pages += report.source.pages;
        self.tables += report.tables.len();
        self.records += report.tables.iter().map(|t| t.records.len()).sum::<usize>();
        self.checks_failed += report
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count();
        if let Some(error) = &report.error
            && self.failures.len() < LISTED_FAILURES
        {
            self.failures
                .push((report.source.path.clone(), error.clone()));
        }
    }

    /// Documents that were not converted: failed, encrypted or without text layer.
    pub fn not_converted(&self) -> usize {
        self.failed + self.no_text_layer + self.encrypted
    }
}

impl Done {
    /// Whether the document was converted (`ok` or `partial`).
    pub fn converted(&self) -> bool {
        matches!(self.status, Status::Ok | Status::Partial)
    }
}
