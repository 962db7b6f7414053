#include "repeatsender.h"

namespace sockscope {

RepeatSender::RepeatSender(QObject* parent)
    : QObject(parent) {
    connect(&m_timer, &QTimer::timeout, this, &RepeatSender::sendNext);
}

bool RepeatSender::start(const QList<int>& conns, const QByteArray& bytes, int count,
                         int intervalMs, QString* error) {
    if (m_running) {
        *error = tr("A repeat is running already: stop it first.");
        return false;
    }
    if (conns.isEmpty() || bytes.isEmpty() || count < 1) {
        *error = tr("Nothing to repeat.");
        return false;
    }
    m_targets = SendTargets(conns);
    m_bytes = bytes;
    m_count = count;
    m_sent = 0;
    m_heldBack = false;
    m_running = true;
    m_timer.setInterval(qMax(0, intervalMs));
    Q_EMIT progressed(0, m_count);
    sendNext();
    if (m_running)
        m_timer.start();
    return true;
}

void RepeatSender::stop() {
    if (m_running)
        finish(tr("Stopped after %1 of %2.").arg(m_sent).arg(m_count), false);
}

void RepeatSender::observe(const EventBatch& events) {
    if (!m_running)
        return;
    QStringList endings;
    for (const CaptureEvent& e : events) {
        if (auto ending = m_targets.apply(e))
            endings.append(*ending);
    }
    if (!m_targets.anyOpen()) {
        finish(tr("Stopped after %1 of %2: %3.").arg(m_sent).arg(m_count).arg(endings.join(u"; ")),
               false);
        return;
    }
    if (m_heldBack && keepsUp()) {
        m_heldBack = false;
        sendNext();
        if (m_running)
            m_timer.start();
    }
}

void RepeatSender::sendNext() {
    if (!keepsUp()) {
        // Resumed by observe() once the kernel has taken enough; no timer
        // spins meanwhile.
        m_heldBack = true;
        m_timer.stop();
        return;
    }
    for (int conn : m_targets.openTargets()) {
        m_targets.handed(conn, m_bytes.size());
        Q_EMIT sendRequested(conn, m_bytes);
    }
    ++m_sent;
    Q_EMIT progressed(m_sent, m_count);
    if (m_sent == m_count) {
        const QList<int> open = m_targets.openTargets();
        finish(open.size() == 1
                   ? tr("Sent %1 times to connection #%2.").arg(m_count).arg(open.first())
                   : tr("Sent %1 times to %2 connections.").arg(m_count).arg(open.size()),
               true);
    }
}

bool RepeatSender::keepsUp() const {
    const qint64 limit = qMin(kMaxOutstanding, kMaxPendingSends * qMax<qint64>(1, m_bytes.size()));
    return m_targets.maxOutstanding() <= limit;
}

void RepeatSender::finish(const QString& message, bool ok) {
    m_running = false;
    m_timer.stop();
    Q_EMIT finished(message, ok);
}

} // namespace sockscope
