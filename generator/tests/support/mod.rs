//! Helpers shared by the generator's integration tests: paths, generating a crate into a
//! temporary folder, and running cargo on it with one shared target folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Serializes cargo runs within one test binary, so two builds never wait on each other's
/// lock with only two cores.
static CARGO: Mutex<()> = Mutex::new(());

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A spec from the shared upstream folder.
pub fn upstream(name: &str) -> PathBuf {
    root().join("../shared/specs").join(name)
}

/// A fixture spec of these tests.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Generates `spec` (patched) into `dir/sdk` and returns the crate folder and the result.
pub fn generate_into(spec: &Path, dir: &Path) -> (PathBuf, sdkgen::Generated) {
    let options = sdkgen::Options::new(spec);
    let generated = sdkgen::generate(&options).unwrap_or_else(|e| panic!("generating: {e}"));
    let out = dir.join("sdk");
    sdkgen::write_to(&generated, &out).unwrap_or_else(|e| panic!("writing: {e}"));
    // The workspace lock pins the same dependency versions the committed SDK builds with.
    std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    (out, generated)
}

/// Runs `cargo ARGS` in `dir` with the shared target folder, returning success and output.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let _guard = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/sdk-check"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Names the methods of `impl NAME` blocks in a Rust file.
pub fn methods_of(source: &str, name: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("generated file parses");
    let mut out = Vec::new();
    for item in file.items {
        if let syn::Item::Impl(block) = item {
            let is_target = block.trait_.is_none()
                && matches!(&*block.self_ty, syn::Type::Path(p) if p.path.is_ident(name));
            if is_target {
                for item in block.items {
                    if let syn::ImplItem::Fn(f) = item {
                        out.push(f.sig.ident.to_string());
                    }
                }
            }
        }
    }
    out
}
