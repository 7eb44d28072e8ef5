//! A desk's ear on the server: one connection of its own that LISTENs on
//! `caredesk_changes` (filled by the triggers of migration 8 as every desk
//! commits) and hands each batch to the desk's [`Announce`]. It reconnects by
//! itself after the server has gone — restarted, or the network lost — and
//! then announces `everything`, since what was sent meanwhile is lost.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ::postgres::fallible_iterator::FallibleIterator;
use caredesk_domain::changes::{Change, ChangeBatch};

use super::{Client, Config, connect};
use crate::db::Announce;

/// The channel the triggers notify on.
pub const CHANNEL: &str = "caredesk_changes";

/// How long the listener waits for a notification before it looks at its
/// connection and at whether it is to stop (the server's socket, not a timer).
const WAKE_EVERY: Duration = Duration::from_millis(250);

/// How often a quiet connection is asked whether the server still answers
/// (a server that vanished without closing the connection says nothing).
const PROBE_EVERY: Duration = Duration::from_secs(10);

/// The first wait before connecting again, doubled up to [`RETRY_AT_MOST`].
const RETRY_FIRST: Duration = Duration::from_millis(250);
const RETRY_AT_MOST: Duration = Duration::from_secs(5);

/// The listener's connection's name on the server (`pg_stat_activity`).
pub const APPLICATION_NAME: &str = "CareDesk listener";

/// The listening thread; stopped, and waited for, when dropped.
pub struct Listener {
    /// Dropped to stop the thread: it wakes at once, even while waiting to reconnect.
    stop: Option<Sender<()>>,
    connections: Arc<Connections>,
    thread: Option<JoinHandle<()>>,
}

/// How many times the listener has connected and started listening.
#[derive(Default)]
struct Connections {
    count: Mutex<u32>,
    changed: Condvar,
}

impl Listener {
    /// Waits until the listener has connected and listened `n` times in all
    /// (the first connection, then each reconnection); false if not within `timeout`.
    pub fn wait_for_connections(&self, n: u32, timeout: Duration) -> bool {
        let count = self.connections.count.lock().unwrap_or_else(PoisonError::into_inner);
        let (count, _) = self
            .connections
            .changed
            .wait_timeout_while(count, timeout, |count| *count < n)
            .unwrap_or_else(PoisonError::into_inner);
        *count >= n
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts listening to the server `config` names, for good: a server that
/// cannot be reached now is tried again until it can.
pub fn listen(config: Config, announce: Announce) -> std::io::Result<Listener> {
    let (stop, stopped) = channel();
    let connections = Arc::new(Connections::default());
    let counted = Arc::clone(&connections);
    let mut config = config;
    config.application_name(APPLICATION_NAME);
    let thread = std::thread::Builder::new()
        .name("caredesk-listen".into())
        .spawn(move || run(&config, &announce, &stopped, &counted))?;
    Ok(Listener { stop: Some(stop), connections, thread: Some(thread) })
}

/// Whether the desk has stopped listening.
fn stopping(stop: &Receiver<()>) -> bool {
    matches!(stop.try_recv(), Err(TryRecvError::Disconnected))
}

fn run(config: &Config, announce: &Announce, stop: &Receiver<()>, connections: &Connections) {
    let mut retry = RETRY_FIRST;
    // Nothing can have been missed before the first connection: the desk reads
    // what it shows after it has opened.
    let mut missed = false;
    while !stopping(stop) {
        let client = connect(config).and_then(|mut client| {
            client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
            Ok(client)
        });
        match client {
            Ok(mut client) => {
                if missed {
                    log::info!("listening to the server's changes again");
                    announce.send(ChangeBatch { changes: Vec::new(), everything: true });
                }
                *connections.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
                connections.changed.notify_all();
                retry = RETRY_FIRST;
                hear(&mut client, announce, stop);
                missed = true;
            }
            Err(error) => {
                if !missed {
                    log::warn!("cannot listen to the server's changes yet: {error}");
                }
                missed = true;
                // Waits before trying again, unless the desk stops meanwhile.
                if let Err(RecvTimeoutError::Disconnected) = stop.recv_timeout(retry) {
                    return;
                }
                retry = (retry * 2).min(RETRY_AT_MOST);
            }
        }
    }
}

/// Hands over what the connection hears until it is lost or the desk stops.
fn hear(client: &mut Client, announce: &Announce, stop: &Receiver<()>) {
    let mut probed = Instant::now();
    while !stopping(stop) {
        let mut batch = ChangeBatch::default();
        let mut add = |notification: ::postgres::Notification| {
            if let Some(change) = Change::of_row(notification.payload(), 0) {
                batch.merge(ChangeBatch { changes: vec![change], everything: false });
            }
        };
        // Waits a moment for the first, then takes whatever else has arrived.
        let first = client.notifications().timeout_iter(WAKE_EVERY).next();
        let heard = match first {
            Ok(Some(first)) => {
                add(first);
                let mut notifications = client.notifications();
                let mut more = notifications.iter();
                loop {
                    match more.next() {
                        Ok(Some(next)) => add(next),
                        Ok(None) => break Ok(()),
                        Err(error) => break Err(error),
                    }
                }
            }
            Ok(None) => Ok(()),
            Err(error) => Err(error),
        };
        send(announce, batch);
        if let Err(error) = heard {
            log::warn!("lost the server's changes: {error}");
            return;
        }
        if client.is_closed() {
            log::warn!("lost the server's changes: the connection closed");
            return;
        }
        if probed.elapsed() >= PROBE_EVERY {
            probed = Instant::now();
            if let Err(error) = client.is_valid(super::LOST_AFTER) {
                log::warn!("lost the server's changes: {error}");
                return;
            }
        }
    }
}

fn send(announce: &Announce, batch: ChangeBatch) {
    if !batch.is_empty() {
        announce.send(batch);
    }
}
