//! Reading files in worker processes, so that no file can take the run down.
//!
//! `catch_unwind` stops panics, but not what calamine does on some hostile files: abort the
//! process when an allocation fails, or grow without bound (`research/reliability.md`). So the
//! parsers run in child processes (`socscope __worker`), one per job, each under an address-
//! space limit (`RLIMIT_AS`, the `--max-memory` budget split between workers) and watched by a
//! timer (`--timeout`). A worker that dies or overruns is killed and replaced, and its file
//! becomes an `errors.csv` row; the others carry on.
//!
//! Protocol, one JSON document per line: the parent sends a [`Setup`], then one [`Request`] per
//! file; the worker answers each request with [`Message`]s (sheet names and questions as they
//! are found, so a huge file streams) and a final [`Message::End`]. Workers only read and detect;
//! tagging and everything else stays in the parent.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::config::LayoutOverrides;
use crate::detect::DetectedQuestion;
use crate::error::{ErrorKind, FileError};
use crate::process::{self, ReadResult};
use crate::read::Limits;

/// Default `--max-memory`, in MiB, for all workers together.
pub const DEFAULT_MEMORY_MIB: u64 = 1024;
/// Default `--timeout`, in seconds, per file.
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;
/// No worker gets less address space than this, whatever the split: the executable, its
/// libraries and a normal questionnaire need it.
pub const MIN_WORKER_MEMORY: u64 = 256 * 1024 * 1024;

/// How files are isolated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// Address space for all workers together, in bytes.
    pub memory_bytes: u64,
    /// Time one file may take.
    pub timeout: Duration,
    /// The socscope executable to start workers from (`None`: this process's executable).
    pub executable: Option<PathBuf>,
}

/// First line sent to a worker.
#[derive(Debug, Serialize, Deserialize)]
pub struct Setup {
    /// Per-file resource limits.
    pub limits: Limits,
    /// `--header-row` / `--question-col`.
    pub overrides: LayoutOverrides,
    /// Address-space limit the worker applies to itself, in bytes.
    pub memory_bytes: u64,
}

/// One file to read.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Where to open it, as the file system's bytes ([`wire_path`]): a name that is not
    /// UTF-8 ("caf\xe9.csv" from a Latin-1 system) must reach the worker intact.
    pub path: Vec<u8>,
    /// Lower-case extension.
    pub extension: String,
    /// Path relative to INPUT_DIR (to pick the overrides).
    pub rel_path: String,
}

/// What a worker says about the file it is reading.
#[derive(Debug, Serialize, Deserialize)]
pub enum Message {
    /// The following questions are on this sheet.
    Sheet(String),
    /// A question: row, id, text, section.
    Question(u32, String, String, String),
    /// Done: how many sheets were read and skipped by name, or why the file failed.
    End(Result<(usize, usize), FileError>),
}

/// The worker's side: reads requests from stdin until it closes.
pub fn serve() -> io::Result<()> {
    // A panic is caught and reported as an error row; its message is not for the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let Some(first) = lines.next() else {
        return Ok(());
    };
    let setup: Setup = serde_json::from_str(&first?).map_err(io::Error::other)?;
    limit_address_space(setup.memory_bytes);
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    for line in lines {
        let request: Request = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let overrides = setup.overrides.for_file(&request.rel_path);
        let mut current_sheet: Option<String> = None;
        let mut write_error: Option<io::Error> = None;
        let result = process::read_and_detect(
            &wire_path::decode(request.path),
            &request.extension,
            &setup.limits,
            &overrides,
            &mut |sheet: &str, question: DetectedQuestion| {
                if write_error.is_some() {
                    return;
                }
                let mut send = |message: &Message| {
                    if let Err(e) = write_message(&mut out, message) {
                        write_error = Some(e);
                    }
                };
                if current_sheet.as_deref() != Some(sheet) {
                    current_sheet = Some(sheet.to_string());
                    send(&Message::Sheet(sheet.to_string()));
                }
                send(&Message::Question(
                    question.row,
                    question.id,
                    question.text,
                    question.section,
                ));
            },
        );
        if let Some(e) = write_error {
            return Err(e);
        }
        write_message(
            &mut out,
            &Message::End(result.map(|r| (r.sheets_read, r.sheets_skipped))),
        )?;
        out.flush()?;
    }
    Ok(())
}

fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    serde_json::to_writer(&mut *out, message).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(unix)]
fn limit_address_space(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; failing leaves the worker unlimited,
    // which the parent's timeout still bounds.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) {}

/// One running worker.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// Kills workers that overrun their deadline.
#[derive(Default)]
struct Watchdog {
    deadlines: Mutex<HashMap<u32, Instant>>,
    overran: Mutex<HashSet<u32>>,
}

impl Watchdog {
    /// Checks the deadlines every 50 ms until `stop`'s sender is dropped: waiting on the
    /// channel rather than sleeping lets the pool shut down at once instead of up to a tick
    /// later (which was most of the run time of a small folder).
    fn run(&self, stop: &mpsc::Receiver<()>) {
        while let Err(mpsc::RecvTimeoutError::Timeout) =
            stop.recv_timeout(Duration::from_millis(50))
        {
            let now = Instant::now();
            let due: Vec<u32> = match self.deadlines.lock() {
                Ok(deadlines) => deadlines
                    .iter()
                    .filter(|(_, d)| **d <= now)
                    .map(|(p, _)| *p)
                    .collect(),
                Err(_) => continue,
            };
            for pid in due {
                if let Ok(mut overran) = self.overran.lock() {
                    overran.insert(pid);
                }
                if let Ok(mut deadlines) = self.deadlines.lock() {
                    deadlines.remove(&pid);
                }
                kill(pid);
            }
        }
    }
}

#[cfg(unix)]
fn kill(pid: u32) {
    // SAFETY: sends a signal to a process we started and have not yet reaped.
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill(_pid: u32) {}

/// A pool of workers, one per job, respawned when one dies.
pub struct WorkerPool {
    executable: PathBuf,
    setup_line: String,
    worker_memory: u64,
    timeout: Duration,
    idle: Mutex<Vec<Worker>>,
    watchdog: Arc<Watchdog>,
    /// Dropping it stops the watchdog thread.
    stop_watchdog: Option<mpsc::Sender<()>>,
    watchdog_thread: Option<std::thread::JoinHandle<()>>,
}

impl WorkerPool {
    /// Prepares a pool for `jobs` concurrent files. Workers start on first use.
    pub fn new(
        isolation: &Isolation,
        jobs: usize,
        limits: &Limits,
        overrides: &LayoutOverrides,
    ) -> io::Result<WorkerPool> {
        let executable = match &isolation.executable {
            Some(path) => path.clone(),
            None => std::env::current_exe()?,
        };
        let worker_memory = (isolation.memory_bytes / jobs.max(1) as u64).max(MIN_WORKER_MEMORY);
        let setup = Setup {
            limits: limits.clone(),
            overrides: overrides.clone(),
            memory_bytes: worker_memory,
        };
        let watchdog = Arc::new(Watchdog::default());
        let watcher = Arc::clone(&watchdog);
        let (stop_watchdog, stop) = mpsc::channel();
        let watchdog_thread = std::thread::Builder::new()
            .name("socscope-watchdog".into())
            .spawn(move || watcher.run(&stop))?;
        Ok(WorkerPool {
            executable,
            setup_line: serde_json::to_string(&setup).map_err(io::Error::other)?,
            worker_memory,
            timeout: isolation.timeout,
            idle: Mutex::new(Vec::new()),
            watchdog,
            stop_watchdog: Some(stop_watchdog),
            watchdog_thread: Some(watchdog_thread),
        })
    }

    fn spawn(&self) -> io::Result<Worker> {
        let mut child = Command::new(&self.executable)
            .arg("__worker")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("worker has no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("worker has no stdout"))?;
        let mut worker = Worker {
            child,
            stdin,
            stdout: BufReader::with_capacity(64 * 1024, stdout),
        };
        worker.stdin.write_all(self.setup_line.as_bytes())?;
        worker.stdin.write_all(b"\n")?;
        Ok(worker)
    }

    /// Reads one file in a worker; `on_question` gets every question as it arrives.
    pub fn read_file(
        &self,
        path: &Path,
        extension: &str,
        rel_path: &str,
        on_question: &mut dyn FnMut(&str, DetectedQuestion),
    ) -> Result<ReadResult, FileError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle {
            Some(worker) => worker,
            None => self.spawn().map_err(|e| {
                FileError::new(
                    ErrorKind::Unreadable,
                    format!("cannot start a reader process: {e}"),
                )
            })?,
        };
        let pid = worker.child.id();
        if let Ok(mut deadlines) = self.watchdog.deadlines.lock() {
            deadlines.insert(pid, Instant::now() + self.timeout);
        }
        let outcome = self.converse(&mut worker, path, extension, rel_path, on_question);
        if let Ok(mut deadlines) = self.watchdog.deadlines.lock() {
            deadlines.remove(&pid);
        }
        match outcome {
            Some(result) => {
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                result
            }
            None => Err(self.bury(worker)),
        }
    }

    /// Sends the request and reads the answer; `None` if the worker died on the way.
    fn converse(
        &self,
        worker: &mut Worker,
        path: &Path,
        extension: &str,
        rel_path: &str,
        on_question: &mut dyn FnMut(&str, DetectedQuestion),
    ) -> Option<Result<ReadResult, FileError>> {
        let request = Request {
            path: wire_path::encode(path),
            extension: extension.to_string(),
            rel_path: rel_path.to_string(),
        };
        let line = match serde_json::to_string(&request) {
            Ok(line) => line,
            // Nothing was sent: the worker is still good, and the file is not to blame.
            Err(e) => {
                return Some(Err(FileError::new(
                    ErrorKind::Unreadable,
                    format!("its name cannot be passed to a reader process: {e}"),
                )));
            }
        };
        worker.stdin.write_all(line.as_bytes()).ok()?;
        worker.stdin.write_all(b"\n").ok()?;
        worker.stdin.flush().ok()?;
        let mut sheet = String::new();
        let mut buffer = String::new();
        loop {
            buffer.clear();
            if worker.stdout.read_line(&mut buffer).ok()? == 0 {
                return None;
            }
            match serde_json::from_str::<Message>(&buffer).ok()? {
                Message::Sheet(name) => sheet = name,
                Message::Question(row, id, text, section) => on_question(
                    &sheet,
                    DetectedQuestion {
                        row,
                        id,
                        text,
                        section,
                    },
                ),
                Message::End(result) => {
                    return Some(result.map(|(sheets_read, sheets_skipped)| ReadResult {
                        sheets_read,
                        sheets_skipped,
                    }));
                }
            }
        }
    }

    /// A worker died or was killed: reap it and say why, in words a user can act on.
    fn bury(&self, mut worker: Worker) -> FileError {
        let pid = worker.child.id();
        // Closing its stdin lets a worker that is only waiting for work exit by itself, so a
        // SIGKILL seen below is the kernel's or the watchdog's, never ours: ours would read as
        // "out of memory". One still running after a moment is stuck, and is killed.
        drop(worker.stdin);
        let mut status = None;
        for _ in 0..20 {
            match worker.child.try_wait() {
                Ok(Some(exit)) => {
                    status = Some(exit);
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break,
            }
        }
        if status.is_none() {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
        }
        let overran = self
            .watchdog
            .overran
            .lock()
            .map(|mut o| o.remove(&pid))
            .unwrap_or(false);
        if overran {
            return FileError::new(
                ErrorKind::TooLarge,
                format!(
                    "reading it took longer than {} s, so it was abandoned (raise the limit with --timeout)",
                    self.timeout.as_secs()
                ),
            );
        }
        if was_aborted(status) {
            return FileError::new(
                ErrorKind::TooLarge,
                format!(
                    "reading it needed more than the {} MiB of memory a reader may use (raise the limit with --max-memory)",
                    self.worker_memory >> 20
                ),
            );
        }
        FileError::new(
            ErrorKind::Corrupt,
            "the reader crashed on this file's content: open it in a spreadsheet program and save it again",
        )
    }
}

/// Paths cross the pipe as the file system's bytes, not as (UTF-8) JSON strings.
mod wire_path {
    use std::path::{Path, PathBuf};

    #[cfg(unix)]
    pub fn encode(path: &Path) -> Vec<u8> {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }

    #[cfg(unix)]
    pub fn decode(bytes: Vec<u8>) -> PathBuf {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }

    // Elsewhere names are Unicode in practice; an unpaired surrogate is replaced.
    #[cfg(not(unix))]
    pub fn encode(path: &Path) -> Vec<u8> {
        path.to_string_lossy().into_owned().into_bytes()
    }

    #[cfg(not(unix))]
    pub fn decode(bytes: Vec<u8>) -> PathBuf {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(unix)]
fn was_aborted(status: Option<std::process::ExitStatus>) -> bool {
    use std::os::unix::process::ExitStatusExt;
    // Rust aborts (SIGABRT) when an allocation fails; the kernel may also refuse memory with
    // SIGSEGV/SIGBUS on a stack that cannot grow.
    status
        .and_then(|s| s.signal())
        .is_some_and(|sig| sig == libc::SIGABRT || sig == libc::SIGKILL)
}

#[cfg(not(unix))]
fn was_aborted(_status: Option<std::process::ExitStatus>) -> bool {
    false
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        self.stop_watchdog.take();
        if let Ok(mut idle) = self.idle.lock() {
            for mut worker in idle.drain(..) {
                drop(worker.stdin);
                let _ = worker.child.wait();
            }
        }
        if let Some(thread) = self.watchdog_thread.take() {
            let _ = thread.join();
        }
    }
}
