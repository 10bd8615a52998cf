//! calc-rust: `weld:demo/calc@0.1.0` (wit/calc.wit, world `calculator`) in
//! Rust, built by Debian's rustc 1.63 for `wasm32-unknown-unknown` with no
//! crates: the module imports nothing but its own resource intrinsics, so
//! the component needs no WASI and no adapter. Panics abort, which is a trap.
//!
//! `calc` is the calculator; `abi` lifts and lowers its types by hand.

mod abi;
mod calc;
