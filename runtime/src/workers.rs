//! Child processes of this binary that do work which must be stoppable (Sass compiles),
//! and how many may run at once on the machine: one per core. Every session of the
//! process shares one `Workers`, so a hundred sessions with a runaway sheet each run as
//! many children as there are cores, not a hundred.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

pub struct Workers {
    exe: PathBuf,
    running: Mutex<usize>,
    freed: Condvar,
    most: usize,
}

impl std::fmt::Debug for Workers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workers").field("exe", &self.exe).finish()
    }
}

/// A place to run one child; given back when dropped.
pub struct Slot<'w>(&'w Workers);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *self.0.running.lock().expect("workers lock") -= 1;
        self.0.freed.notify_one();
    }
}

impl Workers {
    /// Children of `exe`, at most `most` at once (at least one).
    pub fn new(exe: PathBuf, most: usize) -> Self {
        Self {
            exe,
            running: Mutex::new(0),
            freed: Condvar::new(),
            most: most.max(1),
        }
    }

    /// Children of the running binary, one per core.
    pub fn of_this_binary() -> Option<Self> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::env::current_exe()
            .ok()
            .map(|exe| Self::new(exe, cores))
    }

    pub fn exe(&self) -> &Path {
        &self.exe
    }

    /// Waits for a free place (blocking the calling thread).
    pub fn slot(&self) -> Slot<'_> {
        let mut running = self.running.lock().expect("workers lock");
        while *running >= self.most {
            running = self.freed.wait(running).expect("workers lock");
        }
        *running += 1;
        Slot(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn no_more_than_the_most_run_at_once() {
        let workers = Arc::new(Workers::new(PathBuf::from("/bin/true"), 2));
        let (a, b) = (workers.slot(), workers.slot());
        let (tx, rx) = mpsc::channel();
        let w = workers.clone();
        std::thread::spawn(move || {
            let _third = w.slot();
            tx.send(()).unwrap();
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "a third ran while two held their places"
        );
        drop(a);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the third runs once a place is free");
        drop(b);
    }
}
