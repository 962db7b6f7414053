#include "engine/filestream.h"

#include <utility>

namespace sockscope {

FileStream::FileStream(std::shared_ptr<const FileSource> source, qint64 size)
    : m_source(std::move(source))
    , m_size(size) {
}

std::optional<FileStream> FileStream::start(std::shared_ptr<const FileSource> source,
                                            QString* reason) {
    const std::optional<qint64> size = source->size(reason);
    if (!size)
        return std::nullopt;
    return FileStream(std::move(source), *size);
}

std::optional<QByteArray> FileStream::next(qint64 maxBytes, QString* reason) {
    const qint64 want = qMin(maxBytes, m_size - m_position);
    if (want <= 0)
        return QByteArray();
    QString cause;
    std::optional<QByteArray> chunk = m_source->read(m_position, want, &cause);
    if (!chunk) {
        *reason = QStringLiteral("cannot read '%1' after %2 of %3 bytes: %4")
                      .arg(path())
                      .arg(m_position)
                      .arg(m_size)
                      .arg(cause);
        return std::nullopt;
    }
    if (chunk->isEmpty()) {
        *reason = QStringLiteral("'%1' shrank while being sent: it ended after %2 of %3 bytes")
                      .arg(path())
                      .arg(m_position)
                      .arg(m_size);
        return std::nullopt;
    }
    m_position += chunk->size();
    return chunk;
}

} // namespace sockscope
