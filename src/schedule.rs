//! Runs the per-file stages (read, detect, match) on every core and hands the outcomes on in
//! input order, so that the outputs are the same bytes whatever `--jobs` is.
//!
//! Each pool thread takes the next file as soon as it is free (files differ tenfold in size,
//! so a static split would leave cores idle), but never more than [`WINDOW_PER_JOB`] files
//! per job ahead of the oldest outcome not yet consumed: memory holds a bounded number of
//! outcomes however many files there are, and a slow file holds the others back only once
//! the window is full. The consumer (collecting and writing) runs on the caller's thread,
//! at the same time as the reading.
//!
//! It knows nothing of what the stages do: it takes sources and a consumer.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::discover::Source;
use crate::output::OutputError;
use crate::process::{Context, FileOutcome, process_file};

/// Files a job may run ahead of the oldest unconsumed outcome.
pub const WINDOW_PER_JOB: usize = 8;

/// The consumer of outcomes, in input order.
pub type Consume<'c> = dyn FnMut(&Source, FileOutcome) -> Result<(), OutputError> + 'c;

/// Processes every source on `pool` and hands each outcome to `consume` in input order.
/// Stops early (files not yet started are not processed) when `consume` fails, and returns
/// that error. With a one-thread pool everything happens on the caller's thread, as
/// `--jobs 1` promises.
pub fn process_in_order(
    sources: &[Source],
    context: Context<'_>,
    pool: &rayon::ThreadPool,
    consume: &mut Consume<'_>,
) -> Result<(), OutputError> {
    let jobs = pool.current_num_threads();
    if jobs <= 1 {
        for source in sources {
            consume(source, process_file(source, context))?;
        }
        return Ok(());
    }
    let window = Window::new(jobs * WINDOW_PER_JOB);
    let next_file = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, FileOutcome)>();
    let mut result = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (window, next_file) = (&window, &next_file);
            scope.spawn(move |_| {
                loop {
                    let index = next_file.fetch_add(1, Ordering::Relaxed);
                    if index >= sources.len() || !window.wait_for_room(index) {
                        break;
                    }
                    let outcome = process_file(&sources[index], context);
                    if sender.send((index, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        result = consume_in_order(sources, receiver, &window, consume);
        if result.is_err() {
            window.stop();
        }
    });
    result
}

/// Puts the outcomes, which arrive in any order, back in input order for `consume`.
fn consume_in_order(
    sources: &[Source],
    receiver: mpsc::Receiver<(usize, FileOutcome)>,
    window: &Window,
    consume: &mut Consume<'_>,
) -> Result<(), OutputError> {
    let mut waiting: BTreeMap<usize, FileOutcome> = BTreeMap::new();
    let mut next = 0;
    for (index, outcome) in receiver {
        waiting.insert(index, outcome);
        while let Some(outcome) = waiting.remove(&next) {
            consume(&sources[next], outcome)?;
            next += 1;
            window.consumed(next);
        }
    }
    Ok(())
}

/// How far ahead of the consumer the workers may go.
struct Window {
    size: usize,
    /// Outcomes consumed so far.
    consumed: Mutex<usize>,
    moved: Condvar,
    stopped: AtomicBool,
}

impl Window {
    fn new(size: usize) -> Self {
        Window {
            size,
            consumed: Mutex::new(0),
            moved: Condvar::new(),
            stopped: AtomicBool::new(false),
        }
    }

    /// Blocks until file `index` is inside the window; false when the run stopped.
    fn wait_for_room(&self, index: usize) -> bool {
        let Ok(mut consumed) = self.consumed.lock() else {
            return false;
        };
        while index >= *consumed + self.size && !self.stopped.load(Ordering::Relaxed) {
            consumed = match self.moved.wait(consumed) {
                Ok(guard) => guard,
                Err(_) => return false,
            };
        }
        !self.stopped.load(Ordering::Relaxed)
    }

    fn consumed(&self, count: usize) {
        if let Ok(mut consumed) = self.consumed.lock() {
            *consumed = count;
        }
        self.moved.notify_all();
    }

    fn stop(&self) {
        // Taken under the lock so that no worker can miss the wake-up between its check and
        // its wait.
        let _guard = self.consumed.lock();
        self.stopped.store(true, Ordering::Relaxed);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{config, matcher, read};

    fn missing_sources(n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| Source {
                path: std::path::PathBuf::from(format!("/nonexistent/socscope-test/{i:05}.csv")),
                rel_path: format!("{i:05}.csv"),
                customer: format!("c{i:05}"),
                extension: "csv".to_string(),
            })
            .collect()
    }

    /// Runs the sources on `jobs` threads; the consumer fails at outcome `fail_at`. Returns
    /// the files consumed and the result.
    fn run(
        jobs: usize,
        sources: &[Source],
        fail_at: Option<usize>,
    ) -> (Vec<String>, Result<(), OutputError>) {
        let limits = read::Limits::default();
        let overrides = config::LayoutOverrides::default();
        let context = Context {
            limits: &limits,
            overrides: &overrides,
            matcher: matcher::builtin_for_tests(),
            workers: None,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .expect("a thread pool");
        let mut seen = Vec::new();
        let result = process_in_order(sources, context, &pool, &mut |source, outcome| {
            assert!(outcome.error.is_some(), "a missing file is an error");
            if fail_at == Some(seen.len()) {
                return Err(OutputError::Write {
                    path: "questions.csv".into(),
                    source: std::io::Error::other("disk full"),
                });
            }
            seen.push(source.rel_path.clone());
            Ok(())
        });
        (seen, result)
    }

    #[test]
    fn outcomes_arrive_in_input_order_whatever_the_jobs() {
        let sources = missing_sources(300);
        let expected: Vec<String> = sources.iter().map(|s| s.rel_path.clone()).collect();
        for jobs in [1, 2, 3, 8] {
            let (seen, result) = run(jobs, &sources, None);
            assert!(result.is_ok());
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    #[test]
    fn an_output_error_stops_the_run() {
        let sources = missing_sources(500);
        for jobs in [1, 2, 4] {
            let (seen, result) = run(jobs, &sources, Some(37));
            assert!(
                matches!(result, Err(OutputError::Write { .. })),
                "jobs {jobs}"
            );
            assert_eq!(seen.len(), 37, "jobs {jobs}");
        }
    }

    #[test]
    fn workers_wait_for_room_and_stop_when_told() {
        let window = Window::new(2);
        assert!(window.wait_for_room(0));
        assert!(window.wait_for_room(1));
        std::thread::scope(|scope| {
            let blocked = scope.spawn(|| window.wait_for_room(2));
            std::thread::sleep(std::time::Duration::from_millis(20));
            assert!(!blocked.is_finished(), "file 2 is outside a window of 2");
            window.consumed(1);
            assert!(
                blocked.join().expect("no panic"),
                "one consumed: room for file 2"
            );
        });
        std::thread::scope(|scope| {
            let blocked = scope.spawn(|| window.wait_for_room(10));
            window.stop();
            assert!(
                !blocked.join().expect("no panic"),
                "a stopped run has no room"
            );
        });
    }
}
