#include "engine/poller.h"

#include <QSocketNotifier>

#include <sys/epoll.h>

#include <cerrno>
#include <cstring>

namespace sockscope {

namespace {
// Events taken per wakeup; more stay ready and wake the loop again.
constexpr int kEventsPerWakeup = 256;
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
