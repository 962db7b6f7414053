#pragma once

#include "net/config.h"

#include <QTcpServer>
#include <QTimer>

namespace sockscope {

// A listening socket. As in the HOWTO, it never sends or receives: it only
// hands out descriptors of accepted connections, which the Session wraps.
class Listener final : public QTcpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Listener)
public:
    Listener(int id, const ListenerConfig& config, QObject* parent = nullptr);

    int id() const { return m_id; }
    const ListenerConfig& config() const { return m_config; }

    // Binds; on failure fills code ("in-use", "privileged", ...) and a
    // message naming the address, the port and the reason.
    bool start(QString* code, QString* message);
    QString boundEndpoint() const;

    // Stops taking connections off the kernel's accept queue, which then
    // fills up to the backlog while clients still see their connect succeed.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    // The listening socket's inode, which names it in /proc/net/tcp and
    // sock_diag; 0 when not listening.
    quint64 socketInode() const;

Q_SIGNALS:
    void accepted(qintptr descriptor);
    // Accepting failed (typically out of descriptors); accepting resumes by itself.
    void acceptFailed(const QString& code, const QString& message);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);

    const int m_id;
    const ListenerConfig m_config;
    QTimer m_resumeTimer{this};
    bool m_paused = false;
};

} // namespace sockscope
