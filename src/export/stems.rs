//! Output names (`docs/<stem>.json`, the `doc` column) for a batch of inputs.
//!
//! A stem is the input's file name without extension. Inputs that share one (`2023/报告.pdf`,
//! `2024/报告.pdf`) are told apart by as many of their parent folders as it takes
//! (`2023__报告`, `2024__报告`). The result depends only on the set of inputs, never on their
//! order or on the number of jobs, so reruns find their earlier outputs.

use std::collections::BTreeMap;
use std::path::{Component, Path};

/// Joins parent folder names to a stem when they are needed to tell inputs apart.
const SEPARATOR: &str = "__";

/// One unique stem per path, parallel to `paths`, which must be distinct absolute paths.
///
/// Names are compared case-insensitively so that outputs do not overwrite each other on
/// case-insensitive file systems.
pub fn unique_stems(paths: &[&Path]) -> Vec<String> {
    let mut stems: Vec<String> = paths.iter().map(|p| file_stem(p)).collect();
    for group in colliding_groups(&stems) {
        let group_paths: Vec<&Path> = group.iter().map(|&i| paths[i]).collect();
        for (i, stem) in group.into_iter().zip(stems_with_parents(&group_paths)) {
            stems[i] = stem;
        }
    }
    number_remaining_collisions(paths, &mut stems);
    stems
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".to_owned())
}

/// Indices of the stems that share a name with another, grouped by that name.
fn colliding_groups(stems: &[String]) -> Vec<Vec<usize>> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, stem) in stems.iter().enumerate() {
        by_name.entry(stem.to_lowercase()).or_default().push(i);
    }
    by_name.into_values().filter(|g| g.len() > 1).collect()
}

/// Stems prefixed with the fewest parent folders that make them unique within the group.
fn stems_with_parents(paths: &[&Path]) -> Vec<String> {
    let deepest = paths.iter().map(|p| folders(p).len()).max().unwrap_or(0);
    let mut candidates = Vec::new();
    for depth in 1..=deepest.max(1) {
        candidates = paths.iter().map(|p| with_parents(p, depth)).collect();
        if all_distinct(&candidates) {
            break;
        }
    }
    candidates
}

fn with_parents(path: &Path, depth: usize) -> String {
    let folders = folders(path);
    let mut parts: Vec<String> = folders[folders.len().saturating_sub(depth)..].to_vec();
    parts.push(file_stem(path));
    parts.join(SEPARATOR)
}

fn folders(path: &Path) -> Vec<String> {
    path.parent()
        .map(|parent| {
            parent
                .components()
                .filter_map(|c| match c {
                    Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn all_distinct(names: &[String]) -> bool {
    let mut lowered: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lowered.sort();
    lowered.windows(2).all(|w| w[0] != w[1])
}

/// Last resort for names that still collide (a folder-prefixed stem equal to another file's
/// plain stem, or names differing only in case): `-2`, `-3`, … in the order of the paths.
fn number_remaining_collisions(paths: &[&Path], stems: &mut [String]) {
    let mut order: Vec<usize> = (0..stems.len()).collect();
    order.sort_by(|&a, &b| paths[a].cmp(paths[b]));
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for i in order.iter().copied() {
        *taken.entry(stems[i].to_lowercase()).or_default() += 1;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for i in order {
        let key = stems[i].to_lowercase();
        if taken[&key] < 2 {
            continue;
        }
        let count = seen.entry(key).or_default();
        *count += 1;
        if *count > 1 {
            let mut n = *count;
            while taken.contains_key(&format!("{}-{n}", stems[i]).to_lowercase()) {
                n += 1;
            }
            stems[i] = format!("{}-{n}", stems[i]);
            taken.insert(stems[i].to_lowercase(), 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(paths: &[&str]) -> Vec<String> {
        let paths: Vec<&Path> = paths.iter().map(Path::new).collect();
        unique_stems(&paths)
    }

    #[test]
    fn distinct_names_keep_their_stem() {
        assert_eq!(stems(&["/in/a.pdf", "/in/sub/b.PDF"]), ["a", "b"]);
    }

    #[test]
    fn shared_names_take_the_fewest_parent_folders() {
        assert_eq!(
            stems(&["/x/2023/报告.pdf", "/y/2024/报告.pdf", "/x/other.pdf"]),
            ["2023__报告", "2024__报告", "other"]
        );
        assert_eq!(
            stems(&["/a/2023/r.pdf", "/b/2023/r.pdf"]),
            ["a__2023__r", "b__2023__r"]
        );
        assert_eq!(stems(&["/r.pdf", "/a/r.pdf"]), ["r", "a__r"]);
    }

    #[test]
    fn names_differing_only_in_case_collide() {
        assert_eq!(stems(&["/a/R.pdf", "/b/r.pdf"]), ["a__R", "b__r"]);
    }

    #[test]
    fn prefixed_stem_equal_to_another_file_gets_numbered() {
        assert_eq!(
            stems(&["/a/r.pdf", "/b/r.pdf", "/c/a__r.pdf"]),
            ["a__r", "b__r", "a__r-2"]
        );
    }

    #[test]
    fn result_does_not_depend_on_input_order() {
        let forward = ["/a/r.pdf", "/b/r.pdf", "/c/a__r.pdf", "/d/x.pdf"];
        let mut backward = forward;
        backward.reverse();
        let by_path = |paths: &[&'static str]| -> BTreeMap<&'static str, String> {
            paths.iter().copied().zip(stems(paths)).collect()
        };
        assert_eq!(by_path(&forward), by_path(&backward));
        assert_eq!(by_path(&backward)["/c/a__r.pdf"], "a__r-2");
    }
}
