//! Code shared by the `gen` and `bench` examples: the ledger generator.

pub mod calendar;
pub mod gen_data;
pub mod people;
pub mod rng;
pub mod rows;
pub mod stories;
pub mod vocab;
