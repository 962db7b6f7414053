#include "formats/chunkwriter.h"

#include <QIODevice>

namespace sockscope {

ChunkWriter::ChunkWriter(QIODevice& device)
    : m_device(device) {
    m_buffer.reserve(kChunkBytes + kChunkBytes / 4);
}

bool ChunkWriter::flush() {
    if (m_ok && !m_buffer.isEmpty())
        m_ok = m_device.write(m_buffer) == m_buffer.size();
    m_buffer.resize(0); // unlike clear(), keeps the capacity
    return m_ok;
}

} // namespace sockscope
