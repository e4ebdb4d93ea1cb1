//! Tests that writing keeps the user's files: leftovers of an interrupted run stop the next run
//! instead of being deleted, and a symlinked output folder is updated where it points.

mod support;

use std::fs;
use std::path::Path;

fn generated() -> sdkgen::Generated {
    let options = sdkgen::Options::new(support::fixture("minimal.yaml"));
    sdkgen::generate(&options).unwrap()
}

/// Lists the files under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn interrupted_run_leftover_stops_write() {
    let generated = generated();
    for leftover in [".sdk.sdkgen-new", ".sdk.sdkgen-old"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sdk");
        sdkgen::write_to(&generated, &out).unwrap();
        let before = files_under(&out);
        // A run killed while carrying the user's files over leaves this folder behind.
        let stale = dir.path().join(leftover);
        fs::create_dir_all(stale.join("tests")).unwrap();
        fs::write(stale.join("tests/mine.rs"), "// the user's test\n").unwrap();

        let error = sdkgen::write_to(&generated, &out).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: left beside {} by an sdkgen run that was interrupted; it may hold files \
                 of yours that were being carried over. Move back what you need, delete the \
                 folder, and run again",
                stale.display(),
                out.display()
            )
        );
        assert_eq!(
            fs::read_to_string(stale.join("tests/mine.rs")).unwrap(),
            "// the user's test\n"
        );
        assert_eq!(files_under(&out), before, "the output folder changed");
    }
}

#[test]
fn symlinked_output_writes_link_target() {
    let generated = generated();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real-sdk");
    sdkgen::write_to(&generated, &target).unwrap();
    fs::write(target.join("NOTES.md"), "mine\n").unwrap();
    let link = dir.path().join("sdk");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    sdkgen::write_to(&generated, &link).unwrap();

    assert!(link.is_symlink(), "the symlink was replaced");
    assert_eq!(
        fs::read_to_string(target.join("NOTES.md")).unwrap(),
        "mine\n"
    );
    let mut expected: Vec<String> = generated.files.keys().cloned().collect();
    expected.push("NOTES.md".into());
    expected.sort();
    assert_eq!(files_under(&target), expected);
    let siblings: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(siblings, ["real-sdk", "sdk"]);
}
