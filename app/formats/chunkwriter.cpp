#include "formats/chunkwriter.h"

#include <QIODevice>

namespace sockscope {

ChunkWriter::ChunkWriter(QIODevice& device)
    : m_device(device) {
    m_buffer.reserve(kChunkBytes + kChunkBytes / 4);
}

bool ChunkWriter::flush() {
    // A file write that stops short (a full disk) returns the count without
    // setting an error; writing the rest makes the device report the cause.
    for (qsizetype done = 0; m_ok && done < m_buffer.size();) {
        const qint64 written = m_device.write(m_buffer.constData() + done, m_buffer.size() - done);
        m_ok = written > 0;
        done += written;
    }
    m_buffer.resize(0); // unlike clear(), keeps the capacity
    return m_ok;
}

} // namespace sockscope
