//! The output folder: per-document JSON in `docs/`, and beside it, in `.budgetpdf/entries/`, a
//! small record per document of what was converted (input path, content hash, program version,
//! time taken). The records let a rerun skip every document whose input and program are
//! unchanged, and let the batch CSVs be rebuilt from the JSON files alone.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Error;
use super::atomic::{sweep_temporaries, write_file_unsynced};
use super::hash::{fingerprint, fingerprint_of};
use crate::report::{DocumentReport, Status};

/// What the output folder remembers about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The input path as given.
    pub path: String,
    /// SHA-256 of the input's bytes, lowercase hex.
    pub sha256: String,
    /// The program version that converted it (see [`program_version`]).
    pub version: String,
    /// The document's status, as in its report.
    pub status: Status,
    /// The document's page count, as in its report.
    pub pages: usize,
    /// Wall-clock seconds the conversion took.
    pub seconds: f64,
    /// Whether the result depends only on the input and the program, so that a rerun may reuse
    /// it. Results of a timeout or a crash of the worker are not: the next run tries again.
    pub reusable: bool,
}

/// An entry as saved: with the fingerprint of the report it was saved with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stored {
    #[serde(flatten)]
    entry: Entry,
    /// [`fingerprint`] of the report file as written.
    report_fingerprint: String,
}

/// The output folder of a batch, locked for as long as the store is open.
pub struct Store {
    root: PathBuf,
    /// Holds the lock on `.budgetpdf/lock`; the system releases it when the process ends,
    /// however it ends.
    _lock: fs::File,
}

impl Store {
    /// Opens (creating as needed) the output folder `root`, locks it against other runs, and
    /// removes the temporary files an interrupted run may have left in it. A folder that
    /// another run is writing is refused ([`Error::Locked`]) before anything in it is touched.
    pub fn open(root: &Path) -> Result<Self, Error> {
        let state = root.join(".budgetpdf");
        fs::create_dir_all(&state).map_err(|e| Error::io(&state, e))?;
        let store = Self {
            root: root.to_path_buf(),
            _lock: lock(root, &state.join("lock"))?,
        };
        for folder in [store.root.clone(), store.docs(), store.entries()] {
            fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
            sweep_temporaries(&folder)?;
        }
        Ok(store)
    }

    /// The output folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The JSON report of the document named `stem`.
    pub fn document_path(&self, stem: &str) -> PathBuf {
        self.docs().join(format!("{stem}.json"))
    }

    /// The entry of `stem`, if an earlier run converted the same input (same path and content)
    /// with the same program `version` into a result that may be reused, and its report is
    /// still there as it was written.
    pub fn reusable(&self, stem: &str, expected: &Entry) -> Option<Entry> {
        let Stored {
            entry,
            report_fingerprint,
        } = self.stored(stem).ok()?;
        let same = entry.reusable
            && entry.path == expected.path
            && entry.sha256 == expected.sha256
            && entry.version == expected.version;
        let report = || fs::read(self.document_path(stem)).ok();
        (same && report().is_some_and(|r| fingerprint(&r) == report_fingerprint)).then_some(entry)
    }

    /// Saves the report of `stem`, then its entry (see [`Store::save_json`]).
    pub fn save(&self, stem: &str, report: &DocumentReport, entry: &Entry) -> Result<(), Error> {
        let json =
            report_json(report).map_err(|e| Error::io(&self.document_path(stem), e.into()))?;
        self.save_json(stem, &json, entry)
    }

    /// Saves the report of `stem`, already serialised by [`report_json`], then its entry with
    /// the report's fingerprint. The entry is written last, so that a report without an entry
    /// (a run killed between the two) is never taken for a finished one. Neither waits for the
    /// disk: both appear whole or not at all to every process, and should the machine go down
    /// before they reach the disk, the fingerprint tells a lost or cut report on the next run,
    /// which converts that document again (one wait per document for the disk would double a
    /// batch's time).
    pub fn save_json(&self, stem: &str, report_json: &[u8], entry: &Entry) -> Result<(), Error> {
        write_file_unsynced(&self.document_path(stem), report_json)?;
        let entry_path = self.entry_path(stem);
        let stored = Stored {
            entry: entry.clone(),
            report_fingerprint: fingerprint(report_json),
        };
        let bytes = serde_json::to_vec(&stored).map_err(|e| Error::io(&entry_path, e.into()))?;
        write_file_unsynced(&entry_path, &bytes)
    }

    /// Reads back the report and entry of `stem`.
    pub fn load(&self, stem: &str) -> Result<(DocumentReport, Entry), Error> {
        let path = self.document_path(stem);
        let text = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let report = serde_json::from_slice(&text).map_err(|e| Error::io(&path, e.into()))?;
        Ok((report, self.entry(stem)?))
    }

    /// Removes the reports and entries of documents not in `keep` (inputs of an earlier run
    /// that this run no longer has), so that `docs/` matches the CSVs. Only files with an
    /// entry are removed: budgetpdf wrote those. Returns how many documents were removed.
    pub fn remove_others(&self, keep: &HashSet<&str>) -> Result<usize, Error> {
        let folder = self.entries();
        let mut removed = 0;
        for file in fs::read_dir(&folder).map_err(|e| Error::io(&folder, e))? {
            let file = file.map_err(|e| Error::io(&folder, e))?;
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if keep.contains(stem) {
                continue;
            }
            remove_if_present(&self.document_path(stem))?;
            remove_if_present(&file.path())?;
            removed += 1;
        }
        Ok(removed)
    }

    fn entry(&self, stem: &str) -> Result<Entry, Error> {
        self.stored(stem).map(|stored| stored.entry)
    }

    fn stored(&self, stem: &str) -> Result<Stored, Error> {
        let path = self.entry_path(stem);
        let text = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_slice(&text).map_err(|e| Error::io(&path, e.into()))
    }

    fn docs(&self) -> PathBuf {
        self.root.join("docs")
    }

    fn entries(&self) -> PathBuf {
        self.root.join(".budgetpdf").join("entries")
    }

    fn entry_path(&self, stem: &str) -> PathBuf {
        self.entries().join(format!("{stem}.json"))
    }
}

/// Takes the lock file `path` of the output folder `root`, writing this process's id into it
/// for the message another run gives when it finds the folder locked.
fn lock(root: &Path, path: &Path) -> Result<fs::File, Error> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            // The holder's id only makes the message more useful; without it, it still holds.
            let _ = file.read_to_string(&mut holder);
            return Err(Error::Locked {
                folder: root.to_path_buf(),
                holder: holder.trim().parse().ok(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
    }
    file.set_len(0)
        .and_then(|()| file.write_all(std::process::id().to_string().as_bytes()))
        .map_err(|e| Error::io(path, e))?;
    Ok(file)
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// A report as saved in `docs/<stem>.json`: pretty-printed JSON.
pub fn report_json(report: &DocumentReport) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(report)
}

/// The version that keys reuse: the crate version and a fingerprint of the running executable, so
/// that any rebuild (a fix in a stage, a new catalogue entry) converts everything again while
/// reruns of the same build skip what is done.
pub fn program_version() -> io::Result<String> {
    let build = fingerprint_of(fs::File::open(std::env::current_exe()?)?)?;
    Ok(format!("{}+{build}", env!("CARGO_PKG_VERSION")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::hash::content_hash;
    use crate::report::{DocumentMeta, Source};

    fn report(path: &str) -> DocumentReport {
        DocumentReport {
            source: Source {
                path: path.into(),
                ..Source::default()
            },
            document: DocumentMeta::default(),
            status: Status::Failed,
            error: Some("not a PDF".into()),
            tables: vec![],
            forms: vec![],
            figures: vec![],
            checks: vec![],
            warnings: vec![],
        }
    }

    fn entry(path: &str, reusable: bool) -> Entry {
        Entry {
            path: path.into(),
            sha256: content_hash(b"x"),
            version: "1".into(),
            status: Status::Failed,
            pages: 0,
            seconds: 0.25,
            reusable,
        }
    }

    #[test]
    fn saved_documents_are_reused_only_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let saved = entry("a.pdf", true);
        store.save("a", &report("a.pdf"), &saved).unwrap();
        assert_eq!(store.reusable("a", &saved), Some(saved.clone()));
        let (loaded, loaded_entry) = store.load("a").unwrap();
        assert_eq!(loaded.error.as_deref(), Some("not a PDF"));
        assert_eq!(loaded_entry, saved);

        let changed = |f: fn(&mut Entry)| {
            let mut e = saved.clone();
            f(&mut e);
            e
        };
        assert_eq!(
            store.reusable("a", &changed(|e| e.sha256 = content_hash(b"y"))),
            None
        );
        assert_eq!(
            store.reusable("a", &changed(|e| e.version = "2".into())),
            None
        );
        assert_eq!(
            store.reusable("a", &changed(|e| e.path = "b/a.pdf".into())),
            None
        );
        assert_eq!(store.reusable("b", &saved), None);

        let report = fs::read(store.document_path("a")).unwrap();
        fs::write(store.document_path("a"), &report[..report.len() / 2]).unwrap();
        assert_eq!(store.reusable("a", &saved), None, "a report cut short");
        fs::remove_file(store.document_path("a")).unwrap();
        assert_eq!(store.reusable("a", &saved), None);
    }

    #[test]
    fn results_of_crashes_are_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .save("a", &report("a.pdf"), &entry("a.pdf", false))
            .unwrap();
        assert_eq!(store.reusable("a", &entry("a.pdf", true)), None);
    }

    #[test]
    fn documents_no_longer_given_are_removed_and_foreign_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .save("a", &report("a.pdf"), &entry("a.pdf", true))
            .unwrap();
        store
            .save("b", &report("b.pdf"), &entry("b.pdf", true))
            .unwrap();
        fs::write(dir.path().join("docs/mine.json"), "{}").unwrap();
        assert_eq!(store.remove_others(&HashSet::from(["a"])).unwrap(), 1);
        assert!(store.document_path("a").is_file());
        assert!(!store.document_path("b").exists());
        assert!(dir.path().join("docs/mine.json").is_file());
    }

    #[test]
    fn opening_sweeps_temporaries_of_an_interrupted_run() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("docs")).unwrap();
        let leftover = dir.path().join("docs/.budgetpdf-tmp.9.0.a.json");
        fs::write(&leftover, "{").unwrap();
        Store::open(dir.path()).unwrap();
        assert!(!leftover.exists());
    }
}
