#pragma once

#include "base/captureevent.h"
#include "sendtargets.h"

#include <QObject>
#include <QTimer>

namespace sockscope {

// Sends the same bytes N times, one interval apart, to one or more
// connections. It stops after the last, when asked, or when every target
// has closed. A connection that does not keep up holds the next send back
// (more than kMaxOutstanding bytes, or kMaxPendingSends messages, not taken
// by the kernel), so a fast repeat cannot pile up in memory or in the
// engine's queue, whether its message is large or a single byte.
class RepeatSender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepeatSender)
public:
    static constexpr qint64 kMaxOutstanding = 2 * 1024 * 1024;
    static constexpr qint64 kMaxPendingSends = 1000;

    explicit RepeatSender(QObject* parent = nullptr);

    bool isRunning() const { return m_running; }
    // The first send goes at once. False, with the reason, if it cannot start.
    bool start(const QList<int>& conns, const QByteArray& bytes, int count, int intervalMs,
               QString* error);
    void stop();
    void observe(const sockscope::EventBatch& events);

Q_SIGNALS:
    void sendRequested(int conn, const QByteArray& bytes);
    void progressed(int sent, int count);
    void finished(const QString& message, bool ok);

private:
    bool keepsUp() const;
    void sendNext();
    void finish(const QString& message, bool ok);

    QTimer m_timer;
    SendTargets m_targets;
    QByteArray m_bytes;
    int m_count = 0;
    int m_sent = 0;
    bool m_running = false;
    bool m_heldBack = false; // waiting for the kernel to take what was sent
};

} // namespace sockscope
