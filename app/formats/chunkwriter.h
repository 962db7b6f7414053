#pragma once

#include <QByteArray>
#include <QByteArrayView>

class QIODevice;

namespace sockscope {

// Collects output in a buffer and hands it to the device in large chunks,
// so that writers can append many small pieces cheaply. Once a write fails
// the writer stays failed; the device's errorString() tells why.
class ChunkWriter final {
public:
    static constexpr qsizetype kChunkBytes = 1 << 20;

    explicit ChunkWriter(QIODevice& device);
    Q_DISABLE_COPY_MOVE(ChunkWriter)
    ~ChunkWriter() = default;

    // Writers append to this directly, then call flushIfFull().
    QByteArray& buffer() { return m_buffer; }
    void append(QByteArrayView bytes) { m_buffer.append(bytes); }

    bool flushIfFull() { return m_buffer.size() < kChunkBytes ? m_ok : flush(); }
    bool flush();

private:
    QIODevice& m_device;
    QByteArray m_buffer;
    bool m_ok = true;
};

} // namespace sockscope
