#pragma once

#include "base/uniquefd.h"

#include <QHash>
#include <QObject>

class QSocketNotifier;

namespace sockscope {

// Told which of the events it asked for (EPOLLIN, EPOLLOUT, plus EPOLLERR
// and EPOLLHUP, which epoll always reports) its descriptor is ready for.
class PollClient {
public:
    virtual void onPollEvents(quint32 events) = 0;

protected:
    ~PollClient() = default;
};

// One epoll set for every socket of a thread, watched by a single
// QSocketNotifier. Qt's event dispatchers keep every QSocketNotifier in a
// list that they walk on each registration and poll in full on each wakeup,
// so with 10,000 idle connections the one busy socket paid for all of them,
// and each accept got slower the more connections were open
// (docs/performance.md). Here changing interest is one epoll_ctl and a
// wakeup costs only the ready descriptors. Level-triggered, so a client that
// stops early (to be fair to the others) is simply called again.
//
// While peers talk back and forth (a wakeup soon after the last one), it
// polls a little longer for the next message before the thread sleeps: a
// relayed 1-byte ping-pong took 100 µs per round trip with a sleep between
// hops and ~40 µs without one, since waking a sleeping (virtual) CPU is most
// of a hop's cost. Idle traffic never spins, nor does a flood; messages
// too far apart for a spin to find the next take at most 5% of a CPU.
class Poller final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Poller)
public:
    explicit Poller(QObject* parent = nullptr);
    ~Poller() override;

    // Returns the registration's token, or 0 with errno set.
    quint64 add(int fd, quint32 events, PollClient* client);
    // False with errno set.
    bool modify(int fd, quint64 token, quint32 events);
    void remove(int fd, quint64 token);
    // For a descriptor about to be closed, which leaves the set by itself.
    void forget(quint64 token) { m_clients.remove(token); }
    qsizetype watchedCount() const { return m_clients.size(); }
    // Flow control: while suspended, no socket of this thread is served (a
    // pass in progress stops after the current client), so nothing is read
    // and the kernel's buffers and TCP hold the peers back. Interest is kept,
    // so resuming serves whatever became ready meanwhile.
    void setSuspended(bool suspended);
    bool isSuspended() const { return m_suspended; }
    // A call was posted to this thread (a read of input the transport
    // holds): a spin in progress ends, so that the event loop runs it now.
    void endSpin() { m_spinEnded = true; }

private:
    void dispatch();
    // Calls the clients of the descriptors ready now; how many there were.
    int serveReady();

    UniqueFd m_epoll;
    QSocketNotifier* m_notifier = nullptr; // deleted before m_epoll closes
    // By token rather than by pointer in the epoll data: a client removed
    // while a pass is dispatching (its descriptor closed, maybe reused by a
    // new connection) must not be called for events fetched before.
    QHash<quint64, PollClient*> m_clients;
    quint64 m_nextToken = 1;
    bool m_suspended = false;
    qint64 m_lastServedNs = 0; // CLOCK_MONOTONIC; when a pass last found work
    qint64 m_spinBudgetNs = 0;
    qint64 m_budgetAt = 0;
    bool m_spinEnded = false;
};

// One descriptor's registration with a Poller, kept in step with the
// interest its owner wants; no interest means not registered at all, so
// a paused or idle socket costs nothing per wakeup and cannot report
// EPOLLHUP over and over.
class PollRegistration {
    Q_DISABLE_COPY_MOVE(PollRegistration)
public:
    PollRegistration(Poller* poller, PollClient* client);
    ~PollRegistration();

    // Watches fd for events (0: stop watching). False with errno set.
    bool watch(int fd, quint32 events);
    void stop();
    Poller* poller() const { return m_poller; }
    // Like stop(), without the system call, for a descriptor about to be
    // closed: closing it takes it out of the epoll set, since the engine
    // never duplicates its descriptors.
    void forgetBeforeClose();

private:
    void clear();

    Poller* const m_poller;
    PollClient* const m_client;
    int m_fd = -1;
    quint32 m_events = 0;
    quint64 m_token = 0;
};

} // namespace sockscope
