//! Files that appear complete or not at all: written under a temporary name in the same folder,
//! flushed to disk (or not, for files checked before they are trusted), then renamed over the
//! destination (an atomic step on every local file system). An interrupted run therefore
//! leaves only complete files behind, plus temporary files that the next run sweeps away.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Error;

/// Prefix of every temporary file, so that leftovers of an interrupted run are recognised
/// without ever touching a file budgetpdf did not create.
const TEMP_PREFIX: &str = ".budgetpdf-tmp.";

/// Distinguishes temporary files written at the same time by threads of one process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// A file being written; it replaces its destination only on [`AtomicFile::commit`].
/// Dropped without a commit, it removes its temporary file and leaves the destination as it was.
pub struct AtomicFile {
    destination: PathBuf,
    temporary: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `destination` (its folder must exist).
    pub fn create(destination: &Path) -> Result<Self, Error> {
        let temporary = temporary_name(destination);
        let file = File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
        Ok(Self {
            destination: destination.to_path_buf(),
            temporary,
            writer: Some(BufWriter::new(file)),
        })
    }

    /// The destination path.
    pub fn destination(&self) -> &Path {
        &self.destination
    }

    /// Flushes the content to disk and renames it over the destination.
    pub fn commit(self) -> Result<(), Error> {
        self.finish(true)
    }

    /// Renames the content over the destination without waiting for the disk: every process
    /// sees the whole file or the old one, but a crash of the machine soon after may leave it
    /// empty or lost. For files that are checked before they are trusted.
    pub fn commit_unsynced(self) -> Result<(), Error> {
        self.finish(false)
    }

    fn finish(mut self, sync: bool) -> Result<(), Error> {
        let writer = self.writer.take().expect("an AtomicFile is committed once");
        let file = writer
            .into_inner()
            .map_err(|e| Error::io(&self.temporary, e.into_error()))?;
        // Without the sync, a crash of the machine right after the rename could leave an empty
        // destination on some file systems: the rename reaches the disk before the data.
        if sync {
            file.sync_all().map_err(|e| Error::io(&self.temporary, e))?;
        }
        fs::rename(&self.temporary, &self.destination).map_err(|e| Error::io(&self.destination, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer_mut().flush()
    }
}

impl AtomicFile {
    fn writer_mut(&mut self) -> &mut BufWriter<File> {
        self.writer
            .as_mut()
            .expect("an AtomicFile is not written after its commit")
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            // Not committed (an error or a panic on the way): the partial file must not stay.
            // Nothing more can be done if the removal fails; the next run sweeps it.
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Writes `bytes` to `destination` atomically, without waiting for the disk (see
/// [`AtomicFile::commit_unsynced`]).
pub fn write_file_unsynced(destination: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(destination)?;
    file.write_all(bytes)
        .map_err(|e| Error::io(destination, e))?;
    file.commit_unsynced()
}

/// Removes the temporary files that an interrupted run left in `dir`; returns how many.
pub fn sweep_temporaries(dir: &Path) -> Result<usize, Error> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn temporary_name(destination: &Path) -> PathBuf {
    let name = destination
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
    destination.with_file_name(format!(
        "{TEMP_PREFIX}{}.{unique}.{name}",
        std::process::id()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn destination_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let destination = dir.path().join("a.csv");
        fs::write(&destination, "old").unwrap();
        let mut file = AtomicFile::create(&destination).unwrap();
        file.write_all(b"new content").unwrap();
        file.flush().unwrap();
        assert_eq!(fs::read_to_string(&destination).unwrap(), "old");
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&destination).unwrap(), "new content");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[test]
    fn abandoned_file_leaves_destination_untouched_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let destination = dir.path().join("a.json");
        fs::write(&destination, "old").unwrap();
        {
            let mut file = AtomicFile::create(&destination).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&destination).unwrap(), "old");
        assert_eq!(names(dir.path()), ["a.json"]);
    }

    #[test]
    fn sweep_removes_only_our_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".budgetpdf-tmp.1.0.a.json"), "half").unwrap();
        fs::write(dir.path().join("a.json"), "done").unwrap();
        fs::write(dir.path().join(".hidden"), "user's").unwrap();
        assert_eq!(sweep_temporaries(dir.path()).unwrap(), 1);
        assert_eq!(names(dir.path()), [".hidden", "a.json"]);
        assert_eq!(sweep_temporaries(&dir.path().join("missing")).unwrap(), 0);
    }
}
