//! `budgetpdf text` and `budgetpdf inspect`: output, exit codes and messages.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn text_prints_lines_with_a_form_feed_after_each_page() {
    let output = run(&["text", "tests/fixtures/pdf/minimal.pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Secret\n\x0cFlip\nBold\nTwice\n\x0c");
}

#[test]
fn text_on_an_image_only_file_exits_1_saying_no_text_layer() {
    let image_only =
        PathBuf::from("samples/pdf/jianghai_2024_dept_final_planning_chromium_imageonly.pdf");
    let output = run(&["text", image_only.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no text layer"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn unreadable_files_exit_2_with_the_reason() {
    let output = run(&["text", "tests/fixtures/pdf/encrypted_user_password.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("encrypted"), "{}", stderr(&output));
    let output = run(&["text", "tests/fixtures/pdf/no_such_file.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn inspect_prints_the_page_as_json() {
    let output = run(&["inspect", "tests/fixtures/pdf/minimal.pdf", "--page", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(page["number"], 1);
    assert_eq!(page["glyphs"].as_array().unwrap().len(), 6);
    assert_eq!(page["glyphs"][0]["text"], "S");
    assert_eq!(page["rules"].as_array().unwrap().len(), 2);
}

#[test]
fn inspect_refuses_a_page_that_does_not_exist() {
    let output = run(&["inspect", "tests/fixtures/pdf/minimal.pdf", "--page", "3"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no page 3 (the file has 2)"),
        "{}",
        stderr(&output)
    );
}
