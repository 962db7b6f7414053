#pragma once

#include "engine/filesource.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace sockscope {

// One reading of a FileSource, from its start to the size it had when the
// stream began, a chunk at a time. The caller reads the next chunk only
// when the previous ones have left (back-pressure), so a file of any size
// costs about one chunk of memory per stream.
class FileStream final {
public:
    // Null with *reason when the file's size cannot be read.
    static std::optional<FileStream> start(std::shared_ptr<const FileSource> source,
                                           QString* reason);

    qint64 size() const { return m_size; }
    qint64 position() const { return m_position; }
    bool atEnd() const { return m_position >= m_size; }
    QString path() const { return m_source->path(); }
    // The next up to maxBytes; nullopt with *reason (naming the file) when
    // the read fails or the file shrank under the stream.
    std::optional<QByteArray> next(qint64 maxBytes, QString* reason);

private:
    FileStream(std::shared_ptr<const FileSource> source, qint64 size);

    std::shared_ptr<const FileSource> m_source;
    qint64 m_size = 0;
    qint64 m_position = 0;
};

} // namespace sockscope
