//! The manifest the generator writes into the crate: which files it owns, which spec made
//! them, and where each operation's method is, so the patch pass and later runs need not
//! guess.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest's file name, at the crate root.
pub const MANIFEST_FILE: &str = "sdkgen-manifest.json";

/// What one generation produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The generator and its version.
    pub generator: String,
    /// The spec, as named in the file headers.
    pub spec: String,
    /// Hex SHA-256 of the spec file.
    pub spec_sha256: String,
    /// Every file the generator owns, the manifest included, sorted.
    pub files: Vec<String>,
    /// Every operation and the method generated for it.
    pub operations: Vec<sdkgen_patches::OperationRecord>,
    /// Every model and the schema it came from.
    pub models: Vec<ModelRecord>,
}

/// Where a schema's model is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelRecord {
    /// The key under `components/schemas`, or the JSON pointer of an inline schema.
    pub schema: String,
    /// The Rust type name.
    pub name: String,
    /// `struct`, `enum` or `alias`.
    pub kind: String,
    /// The file, relative to the crate root.
    pub file: String,
}

impl Manifest {
    /// Reads the manifest of the crate in `dir`, or `None` when there is none.
    pub fn read(dir: &Path) -> Result<Option<Self>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    action: "reading",
                    path,
                    source,
                })
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Error::Io {
                action: "parsing",
                path,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })
    }
}
