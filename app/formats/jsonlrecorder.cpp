#include "formats/jsonlrecorder.h"

#include "base/fileerror.h"
#include "base/sockaddr.h"
#include "formats/jsonlwriter.h"

#include <QFileInfo>

#include <cerrno>

namespace sockscope {

bool JsonlRecorder::open(QString* error) {
    close();
    m_error.clear();
    const QFileInfo info(m_path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("cannot record to '%1': not a regular file").arg(m_path);
        return false;
    }
    m_file.emplace(m_path);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = QStringLiteral("cannot record to '%1': %2").arg(m_path, fileErrorText(*m_file));
        return false;
    }
    m_buffer = jsonlHeaderLine(currentTimeUs());
    return true;
}

void JsonlRecorder::write(const CaptureEvent& event) {
    if (!isOpen())
        return;
    appendJsonlLine(m_buffer, event);
    if (m_buffer.size() >= kFlushBytes)
        writeBuffer();
}

bool JsonlRecorder::writeBuffer() {
    if (m_buffer.isEmpty())
        return true;
    errno = 0;
    const qint64 written = m_file->write(m_buffer);
    if (written != m_buffer.size()) {
        // Unbuffered, so errno is this write's; a short one may set none.
        const int cause = errno;
        m_error = QStringLiteral("recording to '%1' failed: %2")
                      .arg(m_path, cause != 0 ? errnoText(cause) : fileWriteErrorText(*m_file));
        m_file->close();
        m_buffer.clear();
        return false;
    }
    m_written += written;
    m_buffer.clear();
    return true;
}

bool JsonlRecorder::flush(QString* error) {
    if (isOpen())
        writeBuffer();
    if (m_error.isEmpty())
        return true;
    *error = std::exchange(m_error, QString());
    return false;
}

void JsonlRecorder::close() {
    if (isOpen()) {
        writeBuffer();
        m_file->close();
    }
}

} // namespace sockscope
