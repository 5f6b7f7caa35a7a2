//! Fault isolation: each document is converted in a worker process (`budgetpdf worker`) with a
//! wall-clock limit and an address-space limit, so that one pathological file (an endless
//! loop, a memory blow-up, a crash of ours) costs one `failed` row, never the batch.
//!
//! Panics are already caught inside the worker, at the document boundary (see
//! [`crate::pipeline::guarded`]); the process boundary catches what a panic handler cannot:
//! aborts, stack overflows, allocation failures and hangs.
//!
//! Protocol: the parent writes the file's bytes to the worker's stdin and passes the path and
//! content hash to report as arguments; the worker prints the document's report as JSON on
//! stdout.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::fault::Fault;
use crate::pipeline::{Settings, convert_document, guarded};
use crate::report::{DocumentReport, Source};

/// How workers are started and limited.
#[derive(Debug, Clone)]
pub struct Isolation {
    /// The `budgetpdf` executable that serves as worker (normally the running one).
    pub program: PathBuf,
    /// Wall-clock time one document may take.
    pub timeout: Duration,
    /// Address space one worker may use, in MiB.
    pub max_memory_mib: u64,
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

impl Isolation {
    /// Converts one document in a worker. The outer error means no worker could be started
    /// (an environment problem that would hit every document, not a fault of this one).
    pub fn convert(
        &self,
        path: &str,
        sha256: &str,
        bytes: &[u8],
        fault: Option<Fault>,
    ) -> io::Result<Result<DocumentReport, WorkerFailure>> {
        let mut command = Command::new(&self.program);
        command
            .arg("worker")
            .arg("--max-memory")
            .arg(self.max_memory_mib.to_string())
            .arg("--path")
            .arg(path)
            .arg("--sha256")
            .arg(sha256);
        if let Some(fault) = fault {
            command.arg("--inject-fault").arg(fault.to_string());
        }
        let ended = run(command, bytes, self.timeout)?;
        Ok(self.interpret(ended))
    }

    fn interpret(&self, ended: Ended) -> Result<DocumentReport, WorkerFailure> {
        let (status, stdout, stderr) = match ended {
            Ended::TimedOut => return Err(WorkerFailure::TimedOut(self.timeout.as_secs())),
            Ended::Exited {
                status,
                stdout,
                stderr,
            } => (status, stdout, stderr),
        };
        let stderr = String::from_utf8_lossy(&stderr);
        if stderr.contains("memory allocation of") {
            return Err(WorkerFailure::OutOfMemory(self.max_memory_mib));
        }
        if status.success() {
            return serde_json::from_slice(&stdout)
                .map_err(|e| WorkerFailure::Crashed(format!("unreadable report: {e}")));
        }
        let last_line = stderr.lines().rev().find(|l| !l.trim().is_empty());
        Err(WorkerFailure::Crashed(match last_line {
            Some(line) => format!("{}: {}", describe(status), line.trim()),
            None => describe(status),
        }))
    }
}

/// The worker's side: limits its own memory, reads the file's bytes from stdin, converts them
/// (`source` says where they came from) and prints the report as JSON on stdout. A `fault`
/// strikes inside the document boundary, where a real bug would.
pub fn serve(source: Source, max_memory_mib: u64, fault: Option<Fault>) -> io::Result<()> {
    limit_address_space(max_memory_mib)?;
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    let settings = Settings::default();
    let report = guarded(source, |source| {
        if let Some(fault) = fault {
            fault.strike();
        }
        convert_document(source, &bytes, &settings)
    });
    drop(bytes);
    let mut stdout = io::stdout().lock();
    serde_json::to_writer(&mut stdout, &report)?;
    stdout.flush()
}

/// How a child process ended.
enum Ended {
    TimedOut,
    Exited {
        status: ExitStatus,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
}

/// Runs `command` with `input` on its stdin, collecting stdout and stderr, and kills it if it
/// has not closed its stdout within `timeout`. Each stream has its own thread so that a child
/// blocked on one pipe can never block the others.
fn run(mut command: Command, input: &[u8], timeout: Duration) -> io::Result<Ended> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let (stdin, stdout, stderr) =
        match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(i), Some(o), Some(e)) => (i, o, e),
            _ => unreachable!("all three streams were requested as pipes"),
        };
    let deadline = Instant::now() + timeout;
    let input = input.to_vec();
    let feeder = thread::spawn(move || {
        let mut stdin = stdin;
        // A child that exits without reading everything closes the pipe; its exit status
        // tells what happened, so the write error itself says nothing more.
        let _ = stdin.write_all(&input);
    });
    let stderr_reader = thread::spawn(move || read_all(stderr));
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || sender.send(read_all(stdout)));
    let stdout = receiver.recv_timeout(timeout).ok();
    let ended = match (stdout, wait_until(&mut child, deadline)?) {
        (Some(stdout), Some(status)) => Ended::Exited {
            status,
            stdout,
            stderr: join(stderr_reader),
        },
        _ => {
            stop(&mut child)?;
            Ended::TimedOut
        }
    };
    join(feeder);
    Ok(ended)
}

fn read_all(mut stream: impl Read) -> Vec<u8> {
    let mut bytes = Vec::new();
    // A read error means the child went away; what was read so far is all there is.
    let _ = stream.read_to_end(&mut bytes);
    bytes
}

fn join<T>(handle: thread::JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Waits for `child` to exit until `deadline`. A worker closes its stdout only when it exits,
/// so this normally returns at once; the deadline covers a child that closed it and went on.
fn wait_until(child: &mut Child, deadline: Instant) -> io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        thread::sleep(Duration::from_millis(1));
    }
}

fn stop(child: &mut Child) -> io::Result<()> {
    match child.kill() {
        // Already exited between the timeout and the kill: nothing to stop.
        Err(e) if e.kind() != io::ErrorKind::InvalidInput => return Err(e),
        _ => {}
    }
    child.wait().map(drop)
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

/// Caps this process's address space, so that a runaway allocation fails inside this worker
/// instead of pushing the whole machine into swap or the OOM killer. Also asks Linux to kill
/// the worker if its parent dies, so that no orphan keeps running after a killed batch.
#[cfg(unix)]
fn limit_address_space(max_memory_mib: u64) -> io::Result<()> {
    let bytes = max_memory_mib.saturating_mul(1024 * 1024) as libc::rlim_t;
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit only reads the struct we pass, which lives for the call.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and touches no memory of ours.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Elsewhere the wall-clock limit is the only one.
#[cfg(not(unix))]
fn limit_address_space(_max_memory_mib: u64) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        command
    }

    fn isolation() -> Isolation {
        Isolation {
            program: PathBuf::from("budgetpdf"),
            timeout: Duration::from_millis(300),
            max_memory_mib: 64,
        }
    }

    fn outcome(script: &str) -> Result<DocumentReport, WorkerFailure> {
        let isolation = isolation();
        isolation.interpret(run(shell(script), b"", isolation.timeout).unwrap())
    }

    #[test]
    fn input_reaches_the_child_and_its_output_comes_back() {
        let input = vec![7u8; 1 << 20];
        match run(Command::new("cat"), &input, Duration::from_secs(20)).unwrap() {
            Ended::Exited { status, stdout, .. } => {
                assert!(status.success());
                assert_eq!(stdout, input);
            }
            Ended::TimedOut => panic!("cat timed out"),
        }
    }

    #[test]
    fn a_hanging_child_is_stopped_at_the_deadline() {
        let started = Instant::now();
        assert_eq!(outcome("sleep 30").unwrap_err(), WorkerFailure::TimedOut(0));
        let closed_stdout = outcome("exec >&-; sleep 30").unwrap_err();
        assert_eq!(closed_stdout, WorkerFailure::TimedOut(0));
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
}
