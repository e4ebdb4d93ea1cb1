//! Holds no code: the tests in `tests/` exercise the committed SDK in `generated-sdk/`
//! through real HTTP on 127.0.0.1, and live in this crate so that regeneration never touches
//! them.
