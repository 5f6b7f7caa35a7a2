//! Support shared by the end-to-end tests: the samples' ground truth ([`truth`]) and where the
//! real PDFs are ([`corpus`]).

// Every test binary compiles this module, and none uses all of it.
#![allow(dead_code, unused_imports)]

pub mod corpus;
pub mod truth;

pub use truth::*;
