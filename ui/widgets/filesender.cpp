#include "filesender.h"

#include "base/fileerror.h"
#include "models/byteformat.h"

#include <QFileInfo>

#include <algorithm>

namespace sockscope {

FileSender::FileSender(QObject* parent)
    : QObject(parent) {
}

bool FileSender::start(const QList<int>& conns, const QString& path, QString* error) {
    if (m_running) {
        *error = tr("A file is being sent already.");
        return false;
    }
    QString reason;
    const std::shared_ptr<const FileSource> source = FileSource::open(path, &reason);
    if (source)
        m_file = FileStream::start(source, &reason);
    if (!source || !m_file) {
        *error = tr("Cannot read '%1': %2").arg(path, reason);
        return false;
    }
    m_size = m_file->size();
    if (m_size == 0 || conns.isEmpty()) {
        *error = m_size == 0 ? tr("'%1' is empty: nothing to send.").arg(path)
                             : tr("No open connection to send '%1' to.").arg(path);
        m_file.reset();
        return false;
    }
    m_targets = SendTargets(conns);
    m_endings.clear();
    m_running = true;
    Q_EMIT progressed(0, m_size * conns.size());
    feed();
    return true;
}

void FileSender::cancel() {
    if (!m_running)
        return;
    const qint64 queued = m_targets.outstanding();
    QString message = tr("Cancelled '%1': %2 of %3 sent")
                          .arg(fileName(), formatBytes(m_targets.totalWritten()),
                               formatBytes(m_size * m_targets.count()));
    if (queued > 0)
        message +=
            tr("; %1 already handed to the connection still goes out").arg(formatBytes(queued));
    finish(message + u'.', false);
}

void FileSender::observe(const EventBatch& events) {
    if (!m_running)
        return;
    const qint64 before = m_targets.totalWritten();
    for (const CaptureEvent& e : events) {
        if (auto ending = m_targets.apply(e))
            m_endings.append(*ending);
    }
    if (m_targets.totalWritten() != before)
        Q_EMIT progressed(m_targets.totalWritten(), m_size * m_targets.count());
    feed();
}

void FileSender::feed() {
    while (m_running && !m_file->atEnd() && m_targets.anyOpen() &&
           m_targets.maxOutstanding() < kMaxOutstanding) {
        QString reason;
        const std::optional<QByteArray> chunk = m_file->next(kChunkBytes, &reason);
        if (!chunk) {
            finish(tr("Sending '%1' stopped: %2").arg(fileName(), reason), false);
            return;
        }
        for (int conn : m_targets.openTargets()) {
            m_targets.handed(conn, chunk->size());
            Q_EMIT sendRequested(conn, *chunk);
        }
    }
    if (!m_running)
        return;
    const QList<int> open = m_targets.openTargets();
    const bool allWritten = std::all_of(
        open.cbegin(), open.cend(), [this](int conn) { return m_targets.written(conn) == m_size; });
    if (open.isEmpty()) {
        finish(tr("Sending '%1' stopped after %2: %3")
                   .arg(fileName(), formatBytes(m_targets.totalWritten()), m_endings.join(u"; ")),
               false);
    } else if (m_file->atEnd() && allWritten) {
        const QString sent = open.size() == 1 ? tr("Sent '%1' (%2) to connection #%3.")
                                                    .arg(fileName(), formatBytes(m_size))
                                                    .arg(open.first())
                                              : tr("Sent '%1' (%2) to %3 connections.")
                                                    .arg(fileName(), formatBytes(m_size))
                                                    .arg(open.size());
        if (m_endings.isEmpty())
            finish(sent, true);
        else
            finish(tr("%1 Not to all: %2.").arg(sent, m_endings.join(u"; ")), false);
    }
}

void FileSender::finish(const QString& message, bool ok) {
    m_running = false;
    m_file.reset();
    Q_EMIT finished(message, ok);
}

QString FileSender::fileName() const {
    return QFileInfo(m_file->path()).fileName();
}

} // namespace sockscope
