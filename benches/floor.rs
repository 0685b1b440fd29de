//! The read-only floor: every file of a folder read into rows by socscope's own readers
//! (calamine's streaming cell reader, the csv crate with decoding), in parallel over files,
//! with no detection, matching or output. What `analyze` costs beyond this is its own work.
//!
//! ```text
//! cargo run --release --example bench-floor -- INPUT_DIR [JOBS]
//! ```
//!
//! Prints `files rows cells seconds` on one line.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use socscope::read::{Limits, read_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(input) = args.next() else {
        eprintln!("usage: bench-floor INPUT_DIR [JOBS]");
        std::process::exit(2);
    };
    let jobs: usize = args
        .next()
        .and_then(|j| j.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let started = Instant::now();
    let sources = socscope::discover::discover(Path::new(&input), None).sources;
    let rows = AtomicU64::new(0);
    let cells = AtomicU64::new(0);
    let limits = Limits::default();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    pool.install(|| {
        sources.par_iter().for_each(|source| {
            let _ = read_file(
                &source.path,
                &source.extension,
                &limits,
                &mut |_, sheet_rows| {
                    for row in sheet_rows {
                        let row = row?;
                        rows.fetch_add(1, Ordering::Relaxed);
                        cells.fetch_add(row.cells.len() as u64, Ordering::Relaxed);
                    }
                    Ok(())
                },
            );
        });
    });
    println!(
        "{} {} {} {:.4}",
        sources.len(),
        rows.load(Ordering::Relaxed),
        cells.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
}
