#pragma once

#include "cli/replayscript.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QTimer>

#include <vector>

class QTcpSocket;

namespace sockscope {

struct ReplayOptions {
    QString host;
    quint16 port = 0;
    // asap: 0; original: 1; scale:F: F. Multiplies the recorded pause
    // before each of the client's turns.
    double timeScale = 0;
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

// Replays conversations as their client against a live server, one after
// the other: sends the client's turns (after the recorded pause, scaled)
// and after each waits for the server's turn, as many bytes as the
// recording has (or a match once masks hide volatile fields), or until
// --expect-timeout; then compares and goes on. Plain TCP.
class ReplayClient final : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kExcerptBytes = 64;

    ReplayClient(std::vector<ReplayConversation> conversations, ReplayOptions options,
                 QObject* parent = nullptr);
    ~ReplayClient() override;

    void start();
    const std::vector<ReplayResult>& results() const { return m_results; }

Q_SIGNALS:
    void conversationDone(const ReplayResult& result);
    void finished();

private:
    void startConversation();
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
    QTcpSocket* m_socket = nullptr;
    QByteArray m_received; // the server's bytes not yet matched to a turn
    std::optional<ReplayResult> m_firstDifference;
    QTimer m_expectTimer;
    QTimer m_pause;
};

} // namespace sockscope
