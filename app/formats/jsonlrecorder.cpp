#include "formats/jsonlrecorder.h"

#include "formats/jsonlwriter.h"

#include <QFileInfo>

namespace sockscope {

bool JsonlRecorder::open(const QString& path, const EventBatch& history, QString* error) {
    close();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("cannot record to '%1': not a regular file").arg(path);
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot record to '%1': %2").arg(path, m_file.errorString());
        return false;
    }
    m_buffer = jsonlHeaderLine(currentTimeUs());
    for (const CaptureEvent& event : history)
        appendJsonlLine(m_buffer, event);
    return flush(error);
}

void JsonlRecorder::append(const CaptureEvent& event) {
    if (m_file.isOpen())
        appendJsonlLine(m_buffer, event);
}

bool JsonlRecorder::flush(QString* error) {
    if (!m_file.isOpen() || m_buffer.isEmpty())
        return true;
    const qint64 written = m_file.write(m_buffer);
    // QFile buffers too; push to the kernel so a crash of this process loses nothing.
    if (written != m_buffer.size() || !m_file.flush()) {
        *error = QStringLiteral("recording to '%1' failed: %2")
                     .arg(m_file.fileName(), m_file.errorString());
        m_file.close();
        m_buffer.clear();
        return false;
    }
    m_written += written;
    m_buffer.clear();
    return true;
}

void JsonlRecorder::close() {
    QString ignored;
    flush(&ignored);
    m_file.close();
}

} // namespace sockscope
