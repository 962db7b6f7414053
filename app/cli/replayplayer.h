#pragma once

#include "cli/replayscript.h"
#include "engine/config.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QTimer>

#include <vector>

class QTcpServer;
class QTcpSocket;

namespace sockscope {

struct ReplayOptions {
    // Client: the server to connect to. Server (asServer): where to listen
    // (localhost, any, any6 or an address; port 0: the kernel picks).
    QString host;
    quint16 port = 0;
    bool asServer = false;
    // asap: 0; original: 1; scale:F: F. Multiplies the recorded pause
    // before each of the client's turns.
    double timeScale = 0;
    // Client: TLS to the server (--target-tls): SNI, ALPN, verify, CA and
    // client certificate as for --connect-tls. Through Qt's TLS backend
    // (OpenSSL): the replay's sockets are its own, not the engine's.
    TlsOptions tls;
    QList<QRegularExpression> masks; // parts of the server's bytes not compared
    int expectTimeoutMs = 5000;      // for each of the server's turns
    int connectTimeoutMs = 10000;
};

// What one conversation's replay found: the first difference, if any.
struct ReplayResult {
    enum class Outcome { Match, Differ, Unreachable };
    int conn = 0;
    Outcome outcome = Outcome::Match;
    int message = 0;     // Differ: the 1-based turn of the conversation
    qint64 offset = 0;   // Differ: the first differing byte in that turn
    QByteArray expected; // Differ: from the offset on (at most kExcerptBytes)
    QByteArray got;
    QString reason; // Unreachable: why; Differ: "timed out" when the bytes stopped short
};

// Replays conversations, one after the other, as their client against a
// live server, or as their server to whoever connects (the n-th client
// gets the n-th conversation): sends its own side's turns (after the
// recorded pause, scaled) and after each waits for the other side's turn,
// as many bytes as the recording has (or a match once masks hide volatile
// fields), or until --expect-timeout; then compares and goes on. Plain TCP.
class ReplayPlayer final : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kExcerptBytes = 64;

    ReplayPlayer(std::vector<ReplayConversation> conversations, ReplayOptions options,
                 QObject* parent = nullptr);
    ~ReplayPlayer() override;

    // false with *error (server: the address cannot be listened on).
    bool start(QString* error);
    // Server: where it listens, once started.
    QString listeningAddress() const;
    const std::vector<ReplayResult>& results() const { return m_results; }

Q_SIGNALS:
    void conversationDone(const ReplayResult& result);
    void finished();

private:
    void startConversation();
    // A client socket for the server: plain, or TLS set up as options.tls
    // says; nullptr with the reason when a certificate file is unusable.
    QTcpSocket* clientSocket(QString* error);
    void nextTurn();
    void onReadable();
    void onExpectTimeout();
    void finishTurn(bool timedOut);
    void endConversation(ReplayResult result);
    QString masked(const QByteArray& bytes) const;

    std::vector<ReplayConversation> m_conversations;
    ReplayOptions m_options;
    std::vector<ReplayResult> m_results;
    std::size_t m_current = 0;
    std::size_t m_turn = 0;
    bool isOurs(const ReplayTurn& turn) const { return turn.fromClient != m_options.asServer; }

    QTcpSocket* m_socket = nullptr;
    QTcpServer* m_server = nullptr; // asServer
    QByteArray m_received;          // the server's bytes not yet matched to a turn
    std::optional<ReplayResult> m_firstDifference;
    QTimer m_expectTimer;
    QTimer m_pause;
};

} // namespace sockscope
