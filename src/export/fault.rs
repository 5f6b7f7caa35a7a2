//! Deliberate failures, injected into one document's worker by tests (`budgetpdf convert
//! --inject-fault KIND:NAME`, a hidden option) to prove that the batch survives them.

use std::fmt;
use std::str::FromStr;

/// The ways a document can go wrong inside a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A panic: a bug of ours, caught at the document boundary.
    Panic,
    /// An endless loop: stopped by the batch's time limit.
    Hang,
    /// Runaway allocation: stopped by the batch's memory limit.
    Memory,
    /// An abort: the process dies, as on a stack overflow.
    Abort,
}

const FAULT_NAMES: [(&str, Fault); 4] = [
    ("panic", Fault::Panic),
    ("hang", Fault::Hang),
    ("memory", Fault::Memory),
    ("abort", Fault::Abort),
];

impl Fault {
    /// Makes the fault happen.
    pub fn strike(self) -> ! {
        match self {
            Fault::Panic => panic!("injected fault"),
            Fault::Hang => loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            },
            Fault::Memory => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(std::hint::black_box(vec![1; 64 << 20]));
                }
            }
            Fault::Abort => std::process::abort(),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = FAULT_NAMES
            .iter()
            .find(|(_, fault)| fault == self)
            .map_or("", |(name, _)| name);
        f.write_str(name)
    }
}

impl FromStr for Fault {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FAULT_NAMES
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, fault)| *fault)
            .ok_or_else(|| format!("unknown fault `{s}` (panic, hang, memory or abort)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_named_both_ways() {
        for (name, fault) in FAULT_NAMES {
            assert_eq!(fault.to_string(), name);
            assert_eq!(name.parse::<Fault>(), Ok(fault));
        }
        assert!("crash".parse::<Fault>().is_err());
    }
}
