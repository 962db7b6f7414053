#include "engine/poller.h"

#include <QSocketNotifier>

#include <sched.h>
#include <sys/epoll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace sockscope {

namespace {
// Events taken per wakeup; more stay ready and wake the loop again.
constexpr int kEventsPerWakeup = 256;

// A wakeup within this long of the last work is a conversation going on.
constexpr qint64 kConversationGapNs = 1'000'000;
// How long to poll for the next message of a conversation before sleeping:
// a ping-pong's turn through a peer on this machine takes 15–30 µs.
// A copy of bench/peers/relay.c with such a spin went from 77–91 to 40–53
// µs per relayed round trip (socat: 76–86).
constexpr qint64 kSpinNs = 50'000;
// The most that spins finding nothing may take at once.
constexpr qint64 kMaxSpinBudgetNs = 1'000'000;
// A pass that took longer than this was bulk work, not a message.
constexpr qint64 kSmallPassNs = 25'000;
// One dispatch returns to the event loop after this long at most, so that
// the thread's timers and posted events are not held back by a spin that
// keeps finding work.
constexpr qint64 kMaxDispatchNs = 1'000'000;

qint64 monotonicNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

Poller::Poller(QObject* parent)
    : QObject(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC)) {
    // Without an epoll set no socket could be watched: the process is out
    // of descriptors or memory before it has started.
    if (!m_epoll.isValid())
        qFatal("epoll_create1 failed: %s", strerror(errno));
    m_notifier = new QSocketNotifier(m_epoll.get(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Poller::dispatch);
}

Poller::~Poller() {
    delete m_notifier;
}

quint64 Poller::add(int fd, quint32 events, PollClient* client) {
    const quint64 token = m_nextToken++;
    epoll_event event{};
    event.events = events;
    event.data.u64 = token;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0)
        return 0;
    m_clients.insert(token, client);
    return token;
}

bool Poller::modify(int fd, quint64 token, quint32 events) {
    epoll_event event{};
    event.events = events;
    event.data.u64 = token;
    return ::epoll_ctl(m_epoll.get(), EPOLL_CTL_MOD, fd, &event) == 0;
}

void Poller::remove(int fd, quint64 token) {
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
    m_clients.remove(token);
}

void Poller::setSuspended(bool suspended) {
    m_suspended = suspended;
    m_notifier->setEnabled(!suspended);
}

void Poller::dispatch() {
    const qint64 start = monotonicNs();
    const qint64 sinceLastWork = start - m_lastServedNs;
    // Spins that find nothing are paid from a budget that grows with time,
    // so that messages further apart than a spin (it finds nothing each
    // time) cost at most a twentieth of a CPU; spins that find the next message
    // cost nothing, so a conversation keeps spinning.
    m_spinBudgetNs = std::min(kMaxSpinBudgetNs, m_spinBudgetNs + (start - m_budgetAt) / 20);
    m_budgetAt = start;
    m_spinEnded = false;
    if (serveReady() == 0)
        return;
    qint64 lastServed = monotonicNs();
    m_lastServedNs = lastServed;
    // Only messages gain from it: after a pass of bulk work (a flood's
    // 256 KiB reads) a wakeup's cost is small beside the work, and
    // spinning would only take a CPU from the peers and the capture's
    // writer.
    if (sinceLastWork >= kConversationGapNs || lastServed - start >= kSmallPassNs ||
        m_spinBudgetNs < kSpinNs)
        return;
    for (qint64 now = lastServed; now - lastServed < kSpinNs; now = monotonicNs()) {
        if (m_suspended || m_spinEnded || now - start >= kMaxDispatchNs)
            return;
        if (serveReady() == 0) {
            sched_yield(); // a peer or writer on this CPU goes first
            continue;
        }
        lastServed = monotonicNs();
        m_lastServedNs = lastServed;
        if (lastServed - now >= kSmallPassNs)
            return;
    }
    m_spinBudgetNs -= kSpinNs;
}

int Poller::serveReady() {
    epoll_event ready[kEventsPerWakeup];
    const int count = ::epoll_wait(m_epoll.get(), ready, kEventsPerWakeup, 0);
    // Level-triggered: what is left of this pass is reported again on resume.
    for (int i = 0; i < count && !m_suspended; ++i) {
        // Looked up each time: an earlier client of this pass may have
        // removed this one.
        PollClient* client = m_clients.value(ready[i].data.u64);
        if (client)
            client->onPollEvents(ready[i].events);
    }
    return count;
}

PollRegistration::PollRegistration(Poller* poller, PollClient* client)
    : m_poller(poller)
    , m_client(client) {
}

PollRegistration::~PollRegistration() {
    stop();
}

bool PollRegistration::watch(int fd, quint32 events) {
    if (fd != m_fd)
        stop();
    if (events == m_events)
        return true;
    if (events == 0) {
        stop();
        return true;
    }
    if (m_token == 0) {
        m_token = m_poller->add(fd, events, m_client);
        if (m_token == 0)
            return false;
    } else if (!m_poller->modify(fd, m_token, events)) {
        return false;
    }
    m_fd = fd;
    m_events = events;
    return true;
}

void PollRegistration::forgetBeforeClose() {
    if (m_token != 0)
        m_poller->forget(m_token);
    clear();
}

void PollRegistration::stop() {
    if (m_token != 0)
        m_poller->remove(m_fd, m_token);
    clear();
}

void PollRegistration::clear() {
    m_fd = -1;
    m_events = 0;
    m_token = 0;
}

} // namespace sockscope
