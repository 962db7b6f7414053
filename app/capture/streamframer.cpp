#include "capture/streamframer.h"

#include <utility>

namespace sockscope {

StreamFramer::StreamFramer(FramingRule rule)
    : m_rule(std::move(rule)) {
    using Mode = FramingRule::Mode;
    if (m_rule.mode == Mode::Delimiter && m_rule.delimiter.isEmpty())
        fail(0, QStringLiteral("the delimiter is empty"));
    else if (m_rule.mode == Mode::LengthPrefix && m_rule.prefixBytes != 1 &&
             m_rule.prefixBytes != 2 && m_rule.prefixBytes != 4)
        fail(0,
             QStringLiteral("a length prefix is 1, 2 or 4 bytes, not %1").arg(m_rule.prefixBytes));
    else if (m_rule.maxMessageSize <= 0)
        fail(0, QStringLiteral("the message size limit must be positive"));
}

QList<FramedMessage> StreamFramer::takeMessages() {
    return std::exchange(m_messages, {});
}

void StreamFramer::fail(qint64 offset, const QString& message) {
    m_error = message;
    m_errorOffset = offset;
}

void StreamFramer::append(QByteArrayView bytes, qint64 timeUs) {
    if (hasError()) {
        m_bytesAfterError += bytes.size();
        return;
    }
    m_buffer.append(bytes);
    // Frames are cut from a moving start and the buffer shrinks once per
    // append: removing each frame as found would be quadratic in a chunk
    // holding many small messages.
    qsizetype start = 0;
    while (!hasError()) {
        const QByteArrayView rest = QByteArrayView(m_buffer).sliced(start);
        const qint64 offset = m_bufferOffset + start;
        qsizetype payloadStart = 0;
        qsizetype payloadSize = 0;
        qsizetype frameSize = 0;
        switch (m_rule.mode) {
        case FramingRule::Mode::Line:
            frameSize = nextTerminated(rest, offset, "\n", &payloadSize);
            if (frameSize > 0 && payloadSize > 0 && rest[payloadSize - 1] == '\r')
                --payloadSize;
            break;
        case FramingRule::Mode::Delimiter:
            frameSize = nextTerminated(rest, offset, m_rule.delimiter, &payloadSize);
            break;
        case FramingRule::Mode::LengthPrefix:
            frameSize = nextPrefixed(rest, offset, &payloadSize);
            payloadStart = m_rule.prefixBytes;
            break;
        }
        if (frameSize == 0)
            break;
        FramedMessage message;
        message.offset = offset;
        message.frameSize = frameSize;
        message.payload = rest.sliced(payloadStart, payloadSize).toByteArray();
        message.timeUs = timeUs;
        m_messages.append(std::move(message));
        start += frameSize;
        m_scanFrom = 0;
    }
    m_buffer.remove(0, start);
    m_bufferOffset += start;
    if (hasError()) {
        m_bytesAfterError += m_buffer.size();
        m_buffer.clear();
    }
}

void StreamFramer::appendGap(qint64 bytes) {
    if (!hasError()) {
        fail(m_bufferOffset + m_buffer.size(),
             QStringLiteral("the next %1 bytes were not kept in the capture").arg(bytes));
        m_bytesAfterError += m_buffer.size();
        m_buffer.clear();
    }
    m_bytesAfterError += bytes;
}

qsizetype StreamFramer::nextTerminated(QByteArrayView rest, qint64 offset,
                                       QByteArrayView terminator, qsizetype* payloadSize) {
    const qsizetype at = rest.indexOf(terminator, m_scanFrom);
    if (at < 0) {
        // A terminator may be split across chunks: rescan where it could start.
        m_scanFrom = std::max<qsizetype>(0, rest.size() - terminator.size() + 1);
        if (m_scanFrom > m_rule.maxMessageSize)
            fail(offset, QStringLiteral("no terminator within %1 bytes of offset %2")
                             .arg(m_rule.maxMessageSize)
                             .arg(offset));
        return 0;
    }
    if (at > m_rule.maxMessageSize) {
        fail(offset, QStringLiteral("the %1-byte message at offset %2 is over the %3-byte limit")
                         .arg(at)
                         .arg(offset)
                         .arg(m_rule.maxMessageSize));
        return 0;
    }
    *payloadSize = at;
    return at + terminator.size();
}

qsizetype StreamFramer::nextPrefixed(QByteArrayView rest, qint64 offset, qsizetype* payloadSize) {
    const int prefix = m_rule.prefixBytes;
    if (rest.size() < prefix)
        return 0;
    quint64 length = 0;
    for (int i = 0; i < prefix; ++i)
        length = (length << 8) | quint8(rest[m_rule.bigEndian ? i : prefix - 1 - i]);
    if (length > quint64(m_rule.maxMessageSize)) {
        fail(offset, QStringLiteral("the length prefix at offset %1 says %2 bytes, over the "
                                    "%3-byte limit")
                         .arg(offset)
                         .arg(length)
                         .arg(m_rule.maxMessageSize));
        return 0;
    }
    if (quint64(rest.size() - prefix) < length)
        return 0;
    *payloadSize = qsizetype(length);
    return prefix + qsizetype(length);
}

} // namespace sockscope
