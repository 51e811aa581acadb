//! A progress bar on standard error while a long scan loads files (indicatif), only on a terminal and only
//! after a moment, so quick runs and pipes see nothing extra. Loaders count in an atomic; a thread shows it.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
            std::thread::spawn(move || show(&total, unit, &done, &stop))
        });
        Self { done, stop, thread }
    }

    /// Stops and clears the bar.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn show(total: &AtomicUsize, unit: &'static str, done: &AtomicUsize, stop: &AtomicBool) {
    let start = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(80));
        if start.elapsed() < Duration::from_millis(400) {
            continue;
        }
        let bar = bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template(&format!("  reading [{{bar:30}}] {{pos}}/{{len}} {unit}"))
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        let total = total.load(Ordering::Relaxed) as u64;
        bar.set_length(total);
        bar.set_position((done.load(Ordering::Relaxed) as u64).min(total));
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}
