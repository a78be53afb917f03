//! RedDB's own decision on term files, for termctl's differential test.
//!
//! Reads a corpus on stdin (records of a 4-byte big-endian length and that many bytes) and prints
//! one line per record: `T <term>` when RedDB reads a term from the file (`serde_json::from_slice`
//! to a `Value`, then `.get("term").and_then(Value::as_u64)`, as `FileTermStore::load_file` does;
//! a file with `voted_for` must also hold a string or null there, as `DurableLastVote::decode`
//! demands), else `R <why>`.
use std::io::{self, BufWriter, Read, Write};

fn verdict(bytes: &[u8]) -> String {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return format!("R {:?}: {}", e.classify(), e.to_string().replace('\n', " ")),
    };
    let term = match value.get("term").and_then(serde_json::Value::as_u64) {
        Some(t) => t,
        None => return "R no u64 term".to_string(),
    };
    match value.get("voted_for") {
        None | Some(serde_json::Value::String(_)) | Some(serde_json::Value::Null) => format!("T {}", term),
        Some(_) => "R voted_for neither string nor null".to_string(),
    }
}

fn main() {
    let mut input = Vec::new();
    io::stdin().read_to_end(&mut input).expect("read stdin");
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut at = 0;
    while at + 4 <= input.len() {
        let len = u32::from_be_bytes([input[at], input[at + 1], input[at + 2], input[at + 3]]) as usize;
        at += 4;
        let record = &input[at..at + len];
        at += len;
        writeln!(out, "{}", verdict(record)).expect("write stdout");
    }
    assert_eq!(at, input.len(), "a truncated record");
}
