#pragma once

#include "base/captureevent.h"
#include "base/uniquefd.h"
#include "engine/config.h"
#include "engine/connectionstate.h"
#include "engine/filestream.h"
#include "engine/poller.h"
#include "engine/transport.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <deque>
#include <memory>
#include <optional>

class QTimer;
class QHostInfo;

namespace sockscope {

class Connection;
class TlsContext;
class Transport;

// Told, in order, what a connection does. An interface rather than signals:
// with six signal connections per connection, connecting them was a fifth
// of the engine's work per accepted connection (callgrind, 3,000 accepts).
class ConnectionObserver {
public:
    virtual void connectionConnected(Connection* connection) = 0;
    virtual void connectionReceived(Connection* connection, const QByteArray& bytes) = 0;
    // As written to the kernel.
    virtual void connectionSent(Connection* connection, const QByteArray& bytes) = 0;
    virtual void connectionHalfClosed(Connection* connection, Closer by) = 0;
    virtual void connectionClosed(Connection* connection, Closer by) = 0;
    // We reset it (RST); by: whose FIN came first, Local when none did;
    // message: what the reset dropped.
    virtual void connectionReset(Connection* connection, Closer by, const QString& message) = 0;
    // The connection is over because of code (refused, reset, ...).
    virtual void connectionFailed(Connection* connection, ErrorCode code,
                                  const QString& message) = 0;
    // Its write queue went over the high-water mark (backlogged) or back
    // under the low-water mark: the moment to hold, or to release, reading
    // on a connection that feeds this one (a relay's other leg, through
    // setHeldByOtherConnection()), as this one holds its own reading unless
    // told not to (setBacklogHoldsOwnReading(false), a relay leg).
    virtual void connectionBacklogChanged(Connection* connection, bool backlogged) {
        Q_UNUSED(connection);
        Q_UNUSED(backlogged);
    }
    // TLS: the records as they crossed the socket (see TransportObserver).
    virtual void connectionWire(Connection* connection, Direction dir, const QByteArray& bytes) {
        Q_UNUSED(connection);
        Q_UNUSED(dir);
        Q_UNUSED(bytes);
    }
    // TLS: whether connectionWire() keeps what it is told; false spares
    // copying every record.
    virtual bool connectionWantsWire() const { return false; }
    // TLS: the handshake completed, or failed (connectionFailed follows).
    virtual void connectionSecured(Connection* connection,
                                   const std::shared_ptr<const TlsSummary>& summary) {
        Q_UNUSED(connection);
        Q_UNUSED(summary);
    }

protected:
    ~ConnectionObserver() = default;
};

// One TCP connection on a raw non-blocking descriptor, driven by the
// thread's Poller. QTcpSocket is not used because it closes the descriptor as soon
// as it reads the peer's FIN, throwing away bytes still queued for writing:
// an echo or reply to a client that half-closes after its request would be
// lost. Owning the descriptor also gives exact errno reasons, a real
// shutdown(SHUT_WR), and reads into one reused buffer.
//
// Its lifecycle is a ConnectionState, changed only through that class's one
// transition function: this class feeds it what happened and performs the
// effects it returns. Bytes pass through a Transport (plain now, TLS later),
// so the lifecycle does not care what is on the wire.
class Connection final : public QObject, private PollClient, private TransportObserver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)
public:
    using Phase = ConnectionState::Phase;

    // Adopts a connected, non-blocking descriptor handed out by accept().
    // tls: a TLS server's context; null: plain TCP.
    Connection(int id, qintptr descriptor, const SocketAddress& peer, Poller* poller,
               ConnectionObserver* observer, std::shared_ptr<const TlsContext> tls,
               QObject* parent);
    // Starts an outgoing connection: resolve, connect, time out, and with a
    // TLS client's context, the handshake once connected.
    Connection(int id, const ClientConfig& config, Poller* poller, ConnectionObserver* observer,
               std::shared_ptr<const TlsContext> tls, QObject* parent);
    ~Connection() override;

    int id() const { return m_id; }
    Phase phase() const { return m_state.phase(); }
    SocketAddress localAddress() const { return m_local; }
    // Outgoing: null until connected, then the address that answered.
    SocketAddress peerAddress() const { return m_peer; }
    // Outgoing: the host:port as typed, "[v6]:port" for a literal IPv6.
    QString target() const;
    qint64 queuedBytes() const { return m_queued; }

    void send(const QByteArray& bytes);
    // Sends the file after what is queued, reading it a chunk at a time as
    // the queue drains, so it never sits in memory whole; bytes sent
    // meanwhile follow it. One file at a time (each caller sends one).
    void sendFile(const std::shared_ptr<const FileSource>& file);
    // Shuts down the write side once every queued byte is written.
    void halfClose();
    // Closes once every queued byte is written; while connecting, cancels.
    void close();
    // Closes now, dropping what is queued (used when a graceful close stalls).
    void abort();
    // Abort (RST): closes with SO_LINGER {1, 0}, so the kernel sends an RST
    // and drops what is queued either way; while connecting, cancels.
    void reset();
    // Stops reading: the kernel's receive buffer fills and TCP flow control
    // makes the peer wait, so nothing is lost and memory stays bounded.
    void setReadingPaused(bool paused);
    // Stops reading while another connection cannot take more (a relay's
    // other leg, told by connectionBacklogChanged()), so that the bytes
    // wait in the kernel and TCP holds this peer back, as a connection's own
    // backlog does. Independent of a person's pause: reading resumes only
    // when neither holds it.
    void setHeldByOtherConnection(bool held);
    // Whether a backlog of our own writes stops our own reading (the
    // default: an echo's peer that does not read must not make it read
    // more). A relay leg turns it off: what it reads goes to the other leg,
    // so holding itself would only stop it draining a peer that is waiting
    // to write before it reads, a deadlock; the other leg is held instead.
    void setBacklogHoldsOwnReading(bool holds) { m_backlogHoldsOwnReading = holds; }

private:
    using Input = ConnectionState::Input;
    using Effects = ConnectionState::Effects;

    void apply(Input input);
    void perform(Effects effects);
    void adopt();
    void onLookedUp(const QHostInfo& info);
    void connectToNextAddress();
    bool applyClientOptions(int family); // false: failure noted, try the next address
    void noteConnectFailure(ErrorCode code, const QString& message);
    void onPollEvents(quint32 events) override;
    void wireReceived(const QByteArray& bytes) override;
    void wireSent(const QByteArray& bytes) override;
    bool wantsWire() const override;
    void handshakeFinished(const std::shared_ptr<const TlsSummary>& summary) override;
    // Fails the connection with the transport's reason; doing: "read from".
    void failTransport(const char* doing);
    void onConnectWritable();
    void onReadable();
    // onReadable() from the event loop, once: for what the transport holds.
    void readPendingLater();
    void flushQueue();
    void topUpFromFile();
    void updateInterest();
    void sendReset();
    void fail(ErrorCode code, const QString& message);
    void end(ErrorCode code, const QString& message); // release, report the failure
    void releaseDescriptor();
    QString describePeer() const; // for messages

    const int m_id;
    ConnectionState m_state;
    UniqueFd m_fd;
    const std::shared_ptr<const TlsContext> m_tls; // null: plain TCP
    std::unique_ptr<Transport> m_transport;        // while open
    PollRegistration m_poll;
    ConnectionObserver* const m_observer;
    QTimer* m_connectTimer = nullptr;

    ClientConfig m_client;          // outgoing only
    QList<QByteArray> m_candidates; // resolved sockaddr blobs still to try
    QHostAddress m_source;          // outgoing, when it binds: the address asked for
    ErrorCode m_lastConnectCode = ErrorCode::SocketError;
    QString m_lastConnectError;

    SocketAddress m_local;
    SocketAddress m_peer;

    std::deque<QByteArray> m_queue;
    qsizetype m_frontOffset = 0;
    qint64 m_queued = 0;       // in m_queue and m_afterFile
    bool m_backlogged = false; // m_queued went over the high-water mark
    bool m_backlogHoldsOwnReading = true;
    bool m_pendingReadScheduled = false;
    std::optional<FileStream> m_fileStream; // the file being sent, if any
    std::deque<QByteArray> m_afterFile;     // sent while the file streams
    qint64 m_afterFileBytes = 0;
};

} // namespace sockscope
