//! The input files of a batch: files named directly, PDFs found in folders (recursively), and
//! paths listed one per line in a file (`--files-from`).

use std::collections::HashSet;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::Error;
use super::stems::unique_stems;

/// One input file of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given, or as found under a folder that was given (this is what the outputs
    /// report as `path`).
    pub path: PathBuf,
    /// The output name: `docs/<stem>.json` and the `doc` column.
    pub stem: String,
}

/// Reads a list of paths, one per line; blank lines are skipped and leading and trailing
/// whitespace (such as the `\r` of a Windows list) is dropped.
pub fn read_list(reader: impl BufRead) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim();
        if !line.is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}

/// Expands `paths` into the batch's input files, sorted by path, each file once, each with its
/// unique stem.
///
/// A file named directly is taken whatever its extension; in folders, files ending in `.pdf`
/// (any case) are taken and hidden entries (a name starting with `.`) are skipped. Symbolic
/// links are followed, each folder visited once. A path that does not exist, or a folder that
/// cannot be read, is an error: better to stop before a night's run than to lose files silently.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut found = Walk::default();
    for path in paths {
        found.visit(path, true)?;
    }
    let mut files = found.files;
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files.dedup_by(|a, b| a.1 == b.1);
    if files.is_empty() {
        return Err(Error::NoInputs);
    }
    let canonical: Vec<&Path> = files.iter().map(|(_, c)| c.as_path()).collect();
    let stems = unique_stems(&canonical);
    Ok(files
        .into_iter()
        .zip(stems)
        .map(|((path, _), stem)| Input { path, stem })
        .collect())
}

/// Files found so far as (path as given, canonical path), and the folders already walked.
#[derive(Default)]
struct Walk {
    files: Vec<(PathBuf, PathBuf)>,
    folders_seen: HashSet<PathBuf>,
}

impl Walk {
    fn visit(&mut self, path: &Path, named: bool) -> Result<(), Error> {
        let metadata = fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let canonical = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        if metadata.is_dir() {
            if self.folders_seen.insert(canonical) {
                self.visit_folder(path)?;
            }
        } else if named || is_pdf_name(path) {
            self.files.push((path.to_path_buf(), canonical));
        }
        Ok(())
    }

    fn visit_folder(&mut self, folder: &Path) -> Result<(), Error> {
        let mut children = Vec::new();
        for entry in fs::read_dir(folder).map_err(|e| Error::io(folder, e))? {
            let entry = entry.map_err(|e| Error::io(folder, e))?;
            if !entry.file_name().to_string_lossy().starts_with('.') {
                children.push(entry.path());
            }
        }
        children.sort();
        for child in children {
            self.visit(&child, false)?;
        }
        Ok(())
    }
}

fn is_pdf_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, b"%PDF-").unwrap();
    }

    #[test]
    fn folders_are_walked_for_pdfs_and_named_files_taken_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("in/a.pdf"));
        touch(&root.join("in/deep/er/B.PDF"));
        touch(&root.join("in/notes.txt"));
        touch(&root.join("in/.hidden/c.pdf"));
        touch(&root.join("in/.d.pdf"));
        touch(&root.join("other/scan.bin"));
        let inputs = collect(&[root.join("in"), root.join("other/scan.bin")]).unwrap();
        let names: Vec<(&Path, &str)> = inputs
            .iter()
            .map(|i| (i.path.strip_prefix(root).unwrap(), i.stem.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (Path::new("in/a.pdf"), "a"),
                (Path::new("in/deep/er/B.PDF"), "B"),
                (Path::new("other/scan.bin"), "scan"),
            ]
        );
    }

    #[test]
    fn a_file_given_twice_is_one_input_and_shared_names_get_unique_stems() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("2023/r.pdf"));
        touch(&root.join("2024/r.pdf"));
        let inputs = collect(&[
            root.join("2024/r.pdf"),
            root.to_path_buf(),
            root.join("2023/../2023/r.pdf"),
        ])
        .unwrap();
        let stems: Vec<&str> = inputs.iter().map(|i| i.stem.as_str()).collect();
        assert_eq!(stems, ["2023__r", "2024__r"]);
    }

    #[test]
    fn missing_paths_and_empty_batches_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pdf");
        let error = collect(std::slice::from_ref(&missing)).unwrap_err();
        assert!(error.to_string().contains("missing.pdf"), "{error}");
        assert!(matches!(
            collect(&[dir.path().to_path_buf()]),
            Err(Error::NoInputs)
        ));
    }

    #[test]
    fn lists_skip_blank_lines_and_windows_line_ends() {
        let list = "a.pdf\r\n\n  dir/b c.pdf  \n";
        assert_eq!(
            read_list(list.as_bytes()).unwrap(),
            [PathBuf::from("a.pdf"), PathBuf::from("dir/b c.pdf")]
        );
    }
}
