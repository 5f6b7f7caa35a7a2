//! Fault isolation: documents are converted in worker processes (`budgetpdf worker`) with a
//! wall-clock limit and an address-space limit per document, so that one pathological file (an
//! endless loop, a memory blow-up, a crash of ours) costs one `failed` row and a fresh worker,
//! never the batch.
//!
//! Panics are already caught inside the worker, at the document boundary (see
//! [`crate::pipeline::guarded`]); the process boundary catches what a panic handler cannot:
//! aborts, stack overflows, allocation failures and hangs.
//!
//! A worker converts one document after another, so that a batch pays for starting a process,
//! faulting in a heap and compiling patterns once per worker instead of once per document
//! ([`Workers`]). A worker that failed is gone and the next document gets a fresh one; a
//! healthy worker is retired after [`Recycling::documents`] documents, or once it holds more
//! than [`Recycling::resident_mib`] of memory, so that memory stays flat however many documents
//! the batch has.
//!
//! Protocol, one exchange per document: the parent writes a request header (one line of JSON:
//! path and content hash to report, fault to inject, length) and the file's bytes to the
//! worker's stdin; the worker answers on stdout with a response header (status, pages, length,
//! resident memory) and the document's report exactly as it is saved in `docs/`, which the
//! parent passes through without reading it. Between documents the worker writes
//! [`DOCUMENT_DONE`] on stderr, so that what it printed there is told apart per document.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::fault::Fault;
use super::store::report_json;
use crate::pipeline::{Settings, convert_document, guarded};
use crate::report::{Source, Status};

/// How workers are started and limited.
#[derive(Debug, Clone)]
pub struct Isolation {
    /// The `budgetpdf` executable that serves as worker (normally the running one).
    pub program: PathBuf,
    /// Wall-clock time one document may take.
    pub timeout: Duration,
    /// Address space one document may use, in MiB.
    pub max_memory_mib: u64,
    /// When a healthy worker is replaced by a fresh one.
    pub recycling: Recycling,
}

/// When a healthy worker is retired (after answering), so that what builds up in a long-lived
/// process (a fragmented heap, caches) stays bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recycling {
    /// Documents one worker converts at most.
    pub documents: usize,
    /// Resident memory (MiB) above which a worker is retired after its document.
    pub resident_mib: u64,
}

impl Default for Recycling {
    fn default() -> Self {
        Self {
            documents: 200,
            resident_mib: 512,
        }
    }
}

/// Why a worker gave no report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkerFailure {
    /// The document took longer than the limit; the worker was killed.
    #[error("timed out after {0} s (limit set by --timeout); the worker was stopped")]
    TimedOut(u64),
    /// The worker ran out of its address space.
    #[error("needed more than the memory limit of {0} MiB (set by --max-memory)")]
    OutOfMemory(u64),
    /// The worker died or printed no report: a bug of ours.
    #[error(
        "the worker crashed ({0}); this is a bug in budgetpdf, please report it with this file"
    )]
    Crashed(String),
}

/// One document to convert.
#[derive(Debug, Clone)]
pub struct Job {
    /// The path to report as the document's source.
    pub path: String,
    /// The SHA-256 of `bytes`, to report as well.
    pub sha256: String,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// A fault to strike inside this document's boundary (tests only).
    pub fault: Option<Fault>,
}

/// A worker's answer for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The document's status.
    pub status: Status,
    /// Its page count.
    pub pages: usize,
    /// Its report, serialised as saved in `docs/` (see [`report_json`]).
    pub report_json: Vec<u8>,
}

/// The line a worker writes on stderr after each document.
pub const DOCUMENT_DONE: &str = "\u{1}budgetpdf worker: document done";

/// Longest request or response header accepted: the header only holds a path and figures.
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// What the worker keeps of its stderr since the last document: enough for the last lines.
const STDERR_TAIL_BYTES: usize = 64 << 10;

/// How long a worker that stopped answering may take to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize, Deserialize)]
struct Request {
    path: String,
    sha256: String,
    fault: Option<String>,
    len: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct Response {
    status: Status,
    pages: usize,
    /// Resident memory of the worker after the document, in bytes (0 where unknown).
    resident_bytes: u64,
    len: usize,
}

/// The workers of a batch, shared by its threads: each conversion takes an idle worker (or
/// starts one) and gives it back when it is still healthy.
pub struct Workers {
    isolation: Isolation,
    /// The command that starts a worker.
    command: Box<dyn Fn(&Isolation) -> Command + Send + Sync>,
    idle: Mutex<Vec<Worker>>,
    started: AtomicUsize,
}

impl Workers {
    /// No worker runs until the first document.
    pub fn new(isolation: Isolation) -> Self {
        Self::started_by(isolation, worker_command)
    }

    fn started_by(
        isolation: Isolation,
        command: impl Fn(&Isolation) -> Command + Send + Sync + 'static,
    ) -> Self {
        Self {
            isolation,
            command: Box::new(command),
            idle: Mutex::new(Vec::new()),
            started: AtomicUsize::new(0),
        }
    }

    /// The executable the workers run.
    pub fn program(&self) -> &std::path::Path {
        &self.isolation.program
    }

    /// How many worker processes were started so far.
    pub fn started(&self) -> usize {
        self.started.load(Ordering::Relaxed)
    }

    /// Converts one document in a worker. The outer error means no worker could be started
    /// (an environment problem that would hit every document, not a fault of this one).
    pub fn convert(&self, job: Job) -> io::Result<Result<Converted, WorkerFailure>> {
        // A worker that died while idle (killed from outside) is no document's fault.
        let idle = self.idle_workers().pop().filter(Worker::is_running);
        let mut worker = match idle {
            Some(worker) => worker,
            None => {
                let worker = Worker::spawn((self.command)(&self.isolation))?;
                self.started.fetch_add(1, Ordering::Relaxed);
                worker
            }
        };
        match worker.convert(job, self.isolation.timeout) {
            Ok((response, report_json)) => {
                let recycling = self.isolation.recycling;
                let retired = worker.documents >= recycling.documents
                    || response.resident_bytes > recycling.resident_mib << 20;
                if !retired {
                    self.idle_workers().push(worker);
                }
                Ok(Ok(Converted {
                    status: response.status,
                    pages: response.pages,
                    report_json,
                }))
            }
            Err(ended) => Ok(Err(self.isolation.interpret(ended))),
        }
    }

    fn idle_workers(&self) -> MutexGuard<'_, Vec<Worker>> {
        // A panic while holding the lock leaves a list of workers, which is still valid.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Isolation {
    fn interpret(&self, ended: Ended) -> WorkerFailure {
        let (status, stderr, unreadable) = match ended {
            Ended::TimedOut => return WorkerFailure::TimedOut(self.timeout.as_secs()),
            Ended::Exited {
                status,
                stderr,
                unreadable,
            } => (status, stderr, unreadable),
        };
        if stderr.contains("memory allocation of") {
            return WorkerFailure::OutOfMemory(self.max_memory_mib);
        }
        if status.is_none_or(|s| s.success()) {
            return WorkerFailure::Crashed(format!("unreadable report: {unreadable}"));
        }
        let status = status.map_or_else(String::new, describe);
        let last_line = stderr.lines().rev().find(|l| !l.trim().is_empty());
        WorkerFailure::Crashed(match last_line {
            Some(line) => format!("{status}: {}", line.trim()),
            None => status,
        })
    }
}

/// How a worker that gave no answer ended.
#[derive(Debug)]
enum Ended {
    /// It was killed at the deadline.
    TimedOut,
    /// It died, or answered something unreadable and was stopped (`status` is `None` when it
    /// had to be killed).
    Exited {
        status: Option<ExitStatus>,
        /// What it printed on stderr while converting the document.
        stderr: String,
        /// Why its answer could not be read.
        unreadable: String,
    },
}

/// An answer read from a worker: the header and the report's bytes, or why there is none.
type Answer = Result<(Response, Vec<u8>), String>;

/// One worker process. The converting thread writes each request and reads each answer itself,
/// so that a document costs one wake-up each way; a watchdog thread kills the worker when a
/// document outlasts its deadline, which ends the read; a third thread keeps the stderr tail.
struct Worker {
    child: Arc<Mutex<Child>>,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: thread::JoinHandle<()>,
    watchdog: Watchdog,
    documents: usize,
}

/// `budgetpdf worker --max-memory N`.
fn worker_command(isolation: &Isolation) -> Command {
    let mut command = Command::new(&isolation.program);
    command
        .arg("worker")
        .arg("--max-memory")
        .arg(isolation.max_memory_mib.to_string());
    command
}

impl Worker {
    fn spawn(mut command: Command) -> io::Result<Self> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            unreachable!("all three streams were requested as pipes")
        };
        widen_pipe(&stdin);
        widen_pipe(&stdout);
        let tail = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&tail);
        let stderr_reader = thread::spawn(move || keep_stderr_tail(stderr, &kept));
        let child = Arc::new(Mutex::new(child));
        Ok(Self {
            watchdog: Watchdog::start(Arc::clone(&child)),
            child,
            stdin: Some(stdin),
            stdout: BufReader::new(stdout),
            stderr: tail,
            stderr_reader,
            documents: 0,
        })
    }

    fn is_running(&self) -> bool {
        matches!(lock(&self.child).try_wait(), Ok(None))
    }

    /// Sends one document and waits for the answer until `timeout`. On any failure the worker
    /// process is gone when this returns.
    fn convert(&mut self, job: Job, timeout: Duration) -> Result<(Response, Vec<u8>), Ended> {
        let deadline = Instant::now() + timeout;
        let number = self.documents + 1;
        self.watchdog.arm(number, deadline);
        let request = Request {
            path: job.path,
            sha256: job.sha256,
            fault: job.fault.map(|f| f.to_string()),
            len: job.bytes.len(),
        };
        let mut header = serde_json::to_vec(&request).expect("a request serialises");
        header.push(b'\n');
        // A worker that died stops reading; how it ended tells what happened, so the write
        // error itself says nothing more. A worker reads a whole request before converting,
        // and one that does not is killed at the deadline, which ends the write.
        let sent = self.stdin.as_mut().is_some_and(|stdin| {
            stdin
                .write_all(&header)
                .and_then(|()| stdin.write_all(&job.bytes))
                .and_then(|()| stdin.flush())
                .is_ok()
        });
        let answer = if sent {
            read_answer(&mut self.stdout)
        } else {
            Err("the worker stopped reading".to_string())
        };
        if !self.watchdog.finish(number) {
            self.stop();
            return Err(Ended::TimedOut);
        }
        match answer {
            Ok(answer) => {
                self.documents = number;
                Ok(answer)
            }
            Err(unreadable) => Err(self.ended(unreadable, deadline)),
        }
    }

    /// How a worker that gave no readable answer ended: it is given a moment to exit by
    /// itself (a crash is on its way), else it is killed.
    fn ended(&mut self, unreadable: String, deadline: Instant) -> Ended {
        let grace = (Instant::now() + EXIT_GRACE).min(deadline);
        let status = match wait_until(&self.child, grace) {
            Some(status) => {
                // Its last words may still be in the pipe.
                let drained = Instant::now() + EXIT_GRACE;
                while !self.stderr_reader.is_finished() && Instant::now() < drained {
                    thread::sleep(Duration::from_millis(1));
                }
                Some(status)
            }
            None => {
                self.stop();
                None
            }
        };
        let stderr = String::from_utf8_lossy(&lock(&self.stderr)).into_owned();
        Ended::Exited {
            status,
            stderr,
            unreadable,
        }
    }

    /// Kills the worker and reaps it.
    fn stop(&mut self) {
        self.stdin = None;
        let mut child = lock(&self.child);
        // An error means that it already exited: nothing left to stop.
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Worker {
    /// A worker still running is idle: closing its stdin ends it; it is killed if it does not
    /// exit promptly.
    fn drop(&mut self) {
        self.stdin = None;
        if wait_until(&self.child, Instant::now() + EXIT_GRACE).is_none() {
            self.stop();
        }
    }
}

/// Asks Linux for a pipe of [`PIPE_BYTES`] instead of 64 KiB, so that a file or a report
/// crosses in a few turns instead of one per 64 KiB, each a wake-up of the other process (which
/// on a busy machine waits for a core). Best effort: a pipe that stays small only costs time.
#[cfg(target_os = "linux")]
fn widen_pipe(pipe: &impl std::os::fd::AsRawFd) {
    // SAFETY: F_SETPIPE_SZ takes an int and touches no memory of ours; the descriptor is open
    // for the duration of the call.
    unsafe { libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, PIPE_BYTES) };
}

#[cfg(not(target_os = "linux"))]
fn widen_pipe<T>(_pipe: &T) {}

/// The pipe size asked for: Linux's default ceiling for unprivileged processes.
#[cfg(target_os = "linux")]
const PIPE_BYTES: libc::c_int = 1 << 20;

/// Kills a worker whose document outlasts its deadline. Documents are numbered; the watchdog
/// kills for the document armed last unless the converting thread finished it first, and the
/// shared record says which of the two came first.
struct Watchdog {
    alarms: mpsc::Sender<(usize, Instant)>,
    record: Arc<Mutex<Watch>>,
}

#[derive(Default)]
struct Watch {
    /// The last document the converting thread finished.
    finished: usize,
    /// The document the watchdog killed the worker for.
    killed: Option<usize>,
}

impl Watchdog {
    fn start(child: Arc<Mutex<Child>>) -> Self {
        let (alarms, armed) = mpsc::channel::<(usize, Instant)>();
        let record = Arc::new(Mutex::new(Watch::default()));
        let shared = Arc::clone(&record);
        // Ends when the worker is dropped (its sender with it).
        thread::spawn(move || {
            let mut alarm: Option<(usize, Instant)> = None;
            loop {
                let next = match alarm {
                    Some((_, deadline)) => {
                        armed.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    }
                    None => armed
                        .recv()
                        .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                };
                match next {
                    Ok(armed) => alarm = Some(armed),
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        let Some((number, _)) = alarm.take() else {
                            continue;
                        };
                        let mut watch = lock(&shared);
                        if watch.finished < number {
                            watch.killed = Some(number);
                            // An error means that it already exited.
                            let _ = lock(&child).kill();
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        });
        Self { alarms, record }
    }

    /// Watches document `number` until `deadline`.
    fn arm(&self, number: usize, deadline: Instant) {
        // The watchdog only stops with the worker, which is alive while this is called.
        let _ = self.alarms.send((number, deadline));
    }

    /// Records that document `number` is finished; false when the watchdog killed the worker
    /// for it first.
    fn finish(&self, number: usize) -> bool {
        let mut watch = lock(&self.record);
        if watch.killed == Some(number) {
            return false;
        }
        watch.finished = number;
        true
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn read_answer(stdout: &mut impl BufRead) -> Answer {
    let header = match read_header::<Response>(stdout) {
        Ok(Some(header)) => header,
        Ok(None) => return Err("the worker closed its output".to_string()),
        Err(e) => return Err(e.to_string()),
    };
    let mut report = vec![0; header.len];
    stdout
        .read_exact(&mut report)
        .map_err(|e| format!("report cut short: {e}"))?;
    Ok((header, report))
}

/// Reads one header line; `None` at the end of the stream.
fn read_header<T: serde::de::DeserializeOwned>(input: &mut impl BufRead) -> io::Result<Option<T>> {
    let mut line = Vec::new();
    input.take(MAX_HEADER_BYTES).read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Ok(None);
    }
    serde_json::from_slice(&line)
        .map(Some)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Keeps what the worker prints on stderr since its last [`DOCUMENT_DONE`], at most
/// [`STDERR_TAIL_BYTES`] of it (the end).
fn keep_stderr_tail(stderr: ChildStderr, tail: &Mutex<Vec<u8>>) {
    let mut stderr = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        match stderr.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut tail = lock(tail);
        if line.strip_suffix(b"\n") == Some(DOCUMENT_DONE.as_bytes()) {
            tail.clear();
            continue;
        }
        tail.extend_from_slice(&line);
        let excess = tail.len().saturating_sub(STDERR_TAIL_BYTES);
        tail.drain(..excess);
    }
}

/// The worker's side: converts the documents it is sent one after another until its stdin
/// closes, each within an address space of `max_memory_mib` beyond what the worker held when
/// it started. A fault strikes inside the document boundary, where a real bug would.
pub fn serve(max_memory_mib: u64) -> io::Result<()> {
    let budget = MemoryBudget::start(max_memory_mib)?;
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let settings = Settings::default();
    while let Some(request) = read_header::<Request>(&mut input)? {
        budget.limit_next_document()?;
        let mut bytes = vec![0; request.len];
        input.read_exact(&mut bytes)?;
        let fault = request
            .fault
            .map(|f| f.parse::<Fault>())
            .transpose()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let source = Source {
            path: request.path,
            sha256: request.sha256,
            ..Source::default()
        };
        let report = guarded(source, |source| {
            if let Some(fault) = fault {
                fault.strike();
            }
            convert_document(source, &bytes, &settings)
        });
        drop(bytes);
        let json = report_json(&report).map_err(io::Error::other)?;
        let (status, pages) = (report.status, report.source.pages);
        drop(report);
        let response = Response {
            status,
            pages,
            resident_bytes: resident_bytes(),
            len: json.len(),
        };
        eprintln!("{DOCUMENT_DONE}");
        serde_json::to_writer(&mut output, &response).map_err(io::Error::other)?;
        output.write_all(b"\n")?;
        output.write_all(&json)?;
        output.flush()?;
    }
    Ok(())
}

/// The address space each document may use: `limit` beyond what the worker held at start, so
/// that a document meets the same limit in a worker that converted others before it as in a
/// fresh one.
struct MemoryBudget {
    limit: u64,
    baseline: u64,
}

impl MemoryBudget {
    /// Also asks Linux to kill the worker if its parent dies, so that no orphan keeps running
    /// after a killed batch.
    fn start(max_memory_mib: u64) -> io::Result<Self> {
        die_with_parent()?;
        Ok(Self {
            limit: max_memory_mib.saturating_mul(1 << 20),
            baseline: address_space_bytes(),
        })
    }

    /// Caps the address space for the next document, so that a runaway allocation fails inside
    /// this worker instead of pushing the whole machine into swap or the OOM killer.
    fn limit_next_document(&self) -> io::Result<()> {
        let held = address_space_bytes().saturating_sub(self.baseline);
        limit_address_space(self.limit.saturating_add(held))
    }
}

#[cfg(unix)]
fn limit_address_space(bytes: u64) -> io::Result<()> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we pass, which lives for the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // Only the soft limit moves, so that it can rise again for the next document.
    limit.rlim_cur = (bytes as libc::rlim_t).min(limit.rlim_max);
    // SAFETY: setrlimit only reads the struct we pass, which lives for the call.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Elsewhere the wall-clock limit is the only one.
#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) -> io::Result<()> {
    Ok(())
}

#[cfg(target_os = "linux")]
fn die_with_parent() -> io::Result<()> {
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and touches no memory of ours.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent() -> io::Result<()> {
    Ok(())
}

/// This process's address space and resident memory in bytes, from `/proc/self/statm`
/// (pages); zeros where it cannot be read.
fn memory_in_use() -> (u64, u64) {
    let Ok(statm) = std::fs::read_to_string("/proc/self/statm") else {
        return (0, 0);
    };
    let mut pages = statm
        .split_whitespace()
        .map(|field| field.parse::<u64>().unwrap_or(0));
    let (size, resident) = (pages.next().unwrap_or(0), pages.next().unwrap_or(0));
    (size * page_size(), resident * page_size())
}

fn address_space_bytes() -> u64 {
    memory_in_use().0
}

fn resident_bytes() -> u64 {
    memory_in_use().1
}

#[cfg(unix)]
fn page_size() -> u64 {
    // SAFETY: sysconf reads a system constant.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).unwrap_or(4096)
}

#[cfg(not(unix))]
fn page_size() -> u64 {
    4096
}

/// Waits for `child` to exit until `deadline`; `None` if it is still running (or cannot be
/// asked).
fn wait_until(child: &Mutex<Child>, deadline: Instant) -> Option<ExitStatus> {
    loop {
        if let Some(status) = lock(child).try_wait().ok()? {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(1));
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => status.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A worker played by a shell script that answers each request with `answer` (evaluated
    /// by the shell, with `$n` the request's number from 1) after reading the file's bytes.
    fn scripted(answer: &str) -> Command {
        let script = format!(
            r#"n=0
            while IFS= read -r header; do
                n=$((n + 1))
                len=${{header##*\"len\":}}; len=${{len%\}}}}
                head -c "$len" > /dev/null
                {answer}
            done"#
        );
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        command
    }

    /// Answers with a report of `n` (the request's number) pages, in `resident` MiB.
    fn answering(resident_mib: u64) -> String {
        format!(
            r#"printf '{{"status":"ok","pages":%d,"resident_bytes":{},"len":2}}\n{{}}' "$n"
            echo "{DOCUMENT_DONE}" >&2"#,
            resident_mib << 20
        )
    }

    fn isolation() -> Isolation {
        Isolation {
            program: PathBuf::from("budgetpdf"),
            timeout: Duration::from_millis(500),
            max_memory_mib: 64,
            recycling: Recycling {
                documents: 3,
                resident_mib: 100,
            },
        }
    }

    fn job(bytes: &[u8]) -> Job {
        Job {
            path: "in/a \"b\".pdf".to_string(),
            sha256: "00".to_string(),
            bytes: bytes.to_vec(),
            fault: None,
        }
    }

    /// The first answer of a scripted worker, or how it failed.
    fn outcome(answer: &str) -> Result<Converted, WorkerFailure> {
        let isolation = isolation();
        let mut worker = Worker::spawn(scripted(answer)).unwrap();
        match worker.convert(job(b"%PDF"), isolation.timeout) {
            Ok((response, report_json)) => Ok(Converted {
                status: response.status,
                pages: response.pages,
                report_json,
            }),
            Err(ended) => Err(isolation.interpret(ended)),
        }
    }

    #[test]
    fn one_worker_answers_document_after_document() {
        let mut worker = Worker::spawn(scripted(&answering(1))).unwrap();
        let input = vec![7u8; 1 << 20];
        for n in 1..=3 {
            let (response, report) = worker
                .convert(job(&input), Duration::from_secs(20))
                .unwrap();
            assert_eq!((response.pages, report.as_slice()), (n, &b"{}"[..]));
        }
    }

    #[test]
    fn workers_are_recycled_after_so_many_documents_or_so_much_memory() {
        let pages_and_starts = |resident_mib: u64| {
            let pool =
                Workers::started_by(isolation(), move |_| scripted(&answering(resident_mib)));
            let pages: Vec<usize> = (0..7)
                .map(|_| pool.convert(job(b"x")).unwrap().unwrap().pages)
                .collect();
            (pages, pool.started())
        };
        assert_eq!(pages_and_starts(1), (vec![1, 2, 3, 1, 2, 3, 1], 3));
        assert_eq!(pages_and_starts(200), (vec![1; 7], 7));
    }

    #[test]
    fn a_failed_worker_is_replaced_and_the_next_document_converted() {
        let answer = format!(
            r#"if [ -e "$0.crashed" ]; then {}; else touch "$0.crashed"; kill -KILL $$; fi"#,
            answering(1)
        );
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("w");
        let pool = Workers::started_by(isolation(), move |_| {
            let mut command = scripted(&answer);
            command.arg(&marker);
            command
        });
        assert!(pool.convert(job(b"a")).unwrap().is_err());
        assert_eq!(pool.convert(job(b"b")).unwrap().unwrap().pages, 1);
        assert_eq!(pool.started(), 2);
    }

    #[test]
    fn a_worker_that_died_while_idle_is_replaced_before_the_next_document() {
        let pool = Workers::started_by(isolation(), |_| scripted(&answering(1)));
        assert_eq!(pool.convert(job(b"a")).unwrap().unwrap().pages, 1);
        for worker in pool.idle_workers().iter() {
            let mut child = lock(&worker.child);
            child.kill().unwrap();
            child.wait().unwrap();
        }
        assert_eq!(pool.convert(job(b"b")).unwrap().unwrap().pages, 1);
        assert_eq!(pool.started(), 2);
    }

    #[test]
    fn a_hanging_worker_is_stopped_at_the_deadline() {
        let started = Instant::now();
        // `exec`: the killed process is the one holding the pipe (a real worker starts none).
        assert_eq!(
            outcome("exec sleep 30").unwrap_err(),
            WorkerFailure::TimedOut(0)
        );
        let closed_stdout = outcome("exec >&-; sleep 30").unwrap_err();
        assert!(
            matches!(&closed_stdout, WorkerFailure::Crashed(m) if m.starts_with("unreadable report")),
            "{closed_stdout:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn crashes_and_allocation_failures_are_told_apart() {
        assert_eq!(
            outcome("kill -SEGV $$").unwrap_err(),
            WorkerFailure::Crashed("killed by signal 11".into())
        );
        assert_eq!(
            outcome("echo 'memory allocation of 4096 bytes failed' >&2; kill -ABRT $$")
                .unwrap_err(),
            WorkerFailure::OutOfMemory(64)
        );
        assert_eq!(
            outcome("echo 'thread main panicked' >&2; echo '{' ; exit 3").unwrap_err(),
            WorkerFailure::Crashed("exit status 3: thread main panicked".into())
        );
        assert!(matches!(
            outcome("echo 'not json'").unwrap_err(),
            WorkerFailure::Crashed(m) if m.starts_with("unreadable report")
        ));
    }

    #[test]
    fn what_a_worker_printed_for_an_earlier_document_is_not_blamed_on_the_next() {
        let answer = format!(
            r#"if [ "$n" = 1 ]; then
                echo 'panicked at an earlier document' >&2; {}
            else
                kill -ABRT $$
            fi"#,
            answering(1)
        );
        let isolation = isolation();
        let mut worker = Worker::spawn(scripted(&answer)).unwrap();
        assert!(worker.convert(job(b"a"), isolation.timeout).is_ok());
        let ended = worker.convert(job(b"b"), isolation.timeout).unwrap_err();
        assert_eq!(
            isolation.interpret(ended),
            WorkerFailure::Crashed("killed by signal 6".into())
        );
    }
}
