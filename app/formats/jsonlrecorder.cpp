#include "formats/jsonlrecorder.h"

#include "base/fileerror.h"
#include "base/sockaddr.h"
#include "formats/jsonlwriter.h"

#include <QFileInfo>

#include <cerrno>

namespace sockscope {

bool JsonlRecorder::open(const QString& path, const EventSource& history, QString* error) {
    close();
    m_error.clear();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("cannot record to '%1': not a regular file").arg(path);
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = QStringLiteral("cannot record to '%1': %2").arg(path, fileErrorText(m_file));
        return false;
    }
    m_buffer = jsonlHeaderLine(currentTimeUs());
    history.forEachEvent([this](const CaptureEvent& event) {
        append(event);
        return m_file.isOpen();
    });
    return flush(error);
}

void JsonlRecorder::append(const CaptureEvent& event) {
    if (!m_file.isOpen())
        return;
    appendJsonlLine(m_buffer, event);
    if (m_buffer.size() >= kFlushBytes)
        write();
}

bool JsonlRecorder::write() {
    if (m_buffer.isEmpty())
        return true;
    errno = 0;
    const qint64 written = m_file.write(m_buffer);
    if (written != m_buffer.size()) {
        // Unbuffered, so errno is this write's; a short one may set none.
        const int cause = errno;
        m_error =
            QStringLiteral("recording to '%1' failed: %2")
                .arg(m_file.fileName(), cause != 0 ? errnoText(cause) : fileWriteErrorText(m_file));
        m_file.close();
        m_buffer.clear();
        return false;
    }
    m_written += written;
    m_buffer.clear();
    return true;
}

bool JsonlRecorder::flush(QString* error) {
    if (m_file.isOpen())
        write();
    if (m_error.isEmpty())
        return true;
    *error = std::exchange(m_error, QString());
    return false;
}

void JsonlRecorder::close() {
    if (m_file.isOpen())
        write();
    m_file.close();
}

} // namespace sockscope
