//! A progress line on standard error while a long scan loads files, only on a terminal and only after a
//! moment, so quick runs and pipes see nothing extra.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running progress display; [`Progress::finish`] clears it.
pub struct Progress {
    pub done: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts counting towards `total` of `unit` (files, kinds); draws only when standard error is a
    /// terminal.
    pub fn start(total: usize, unit: &'static str) -> Self {
        Self::towards(Arc::new(AtomicUsize::new(total)), unit)
    }

    /// As [`Progress::start`], towards a total that may be learnt later (0 until then).
    pub fn towards(total: Arc<AtomicUsize>, unit: &'static str) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            std::thread::spawn(move || draw(&total, unit, &done, &stop))
        });
        Self { done, stop, thread }
    }

    /// Stops and clears the line.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw(total: &AtomicUsize, unit: &str, done: &AtomicUsize, stop: &AtomicBool) {
    let start = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(80));
        if start.elapsed() < Duration::from_millis(400) {
            continue;
        }
        let total = total.load(Ordering::Relaxed);
        let n = done.load(Ordering::Relaxed).min(total);
        let width = 30;
        let filled = (n * width).checked_div(total).unwrap_or(width);
        let bar = format!("{}{}", "=".repeat(filled), " ".repeat(width - filled));
        let _ = write!(std::io::stderr(), "\r  reading [{bar}] {n}/{total} {unit}");
        drawn = true;
    }
    if drawn {
        let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(60));
    }
}
