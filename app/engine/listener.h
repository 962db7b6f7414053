#pragma once

#include "base/captureevent.h"
#include "base/uniquefd.h"
#include "engine/config.h"
#include "engine/poller.h"

#include <QObject>
#include <QTimer>

namespace sockscope {

// A listening socket. As in the HOWTO, it never sends or receives: it only
// hands out descriptors of accepted connections, which the Session wraps.
// It owns its descriptor rather than using QTcpServer, whose accept loop,
// on Qt 6.4, spins on EMFILE when the process runs out of descriptors:
// here accepting stops, says so, and retries with back-off.
class Listener final : public QObject, private PollClient {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Listener)
public:
    Listener(int id, const ListenerConfig& config, Poller* poller, QObject* parent = nullptr);
    ~Listener() override;

    int id() const { return m_id; }
    const ListenerConfig& config() const { return m_config; }

    // Binds and listens; on failure fills code ("in-use", "privileged", ...)
    // and a message naming the address, the port and the reason.
    bool start(ErrorCode* code, QString* message);
    void close();
    bool isListening() const { return m_fd.isValid(); }
    // The real address:port (port 0 resolved); kept after close().
    SocketAddress boundAddress() const { return m_bound; }

    // Stops taking connections off the kernel's accept queue, which then
    // fills up to the backlog while clients still see their connect succeed.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    // The listening socket's inode, which names it in /proc/net/tcp and
    // sock_diag; 0 when not listening.
    quint64 socketInode() const;

Q_SIGNALS:
    // Both are emitted on the thread the listener lives on: its session's,
    // the engine thread, where the session receives them directly.
    // A non-blocking descriptor, with TCP_NODELAY inherited from the listener.
    void accepted(qintptr descriptor, const SocketAddress& peer);
    // Accepting failed (typically out of descriptors); it resumes by itself.
    void acceptFailed(ErrorCode code, const QString& message);

private:
    void onPollEvents(quint32 events) override;
    void backOff(int error);
    void updateInterest();

    const int m_id;
    const ListenerConfig m_config;
    UniqueFd m_fd;
    SocketAddress m_bound;
    PollRegistration m_poll;
    QTimer m_retryTimer{this};
    int m_retryMs = 100;       // the next back-off delay
    bool m_paused = false;     // by a person
    bool m_backingOff = false; // by the last accept failure
};

} // namespace sockscope
