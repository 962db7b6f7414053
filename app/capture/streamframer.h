#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace sockscope {

// How to cut one direction of a TCP byte stream back into the messages the
// sender meant. TCP keeps no message boundaries: a chunk as read may hold
// half a message or several, which is why a protocol needs framing at all.
struct FramingRule {
    enum class Mode {
        Line,         // ends at "\n"; a "\r" before it is part of the terminator
        Delimiter,    // ends at delimiter (any bytes)
        LengthPrefix, // prefixBytes of unsigned length, then that many bytes
    };
    static constexpr qint64 kDefaultMaxMessageSize = 16 * 1024 * 1024;

    Mode mode = Mode::Line;
    QByteArray delimiter;  // Delimiter
    int prefixBytes = 4;   // LengthPrefix: 1, 2 or 4
    bool bigEndian = true; // LengthPrefix: network byte order unless told otherwise
    // A length above this, or more bytes than this before a terminator (a
    // line's "\r" counts), is an error rather than a reason to buffer without end.
    qint64 maxMessageSize = kDefaultMaxMessageSize;
};

struct FramedMessage {
    qint64 offset = 0;    // stream offset of the frame's first byte (prefix included)
    qint64 frameSize = 0; // bytes on the wire: prefix, payload and terminator
    QByteArray payload;   // the message without prefix or terminator
    qint64 timeUs = 0;    // time of the chunk that completed the message
};

// Splits a stream fed chunk by chunk, in order, into messages. A malformed
// stream (a length above the limit, or no terminator within it) stops the
// framing with an error: after a bad length nothing later can be trusted.
// Cost is linear in the bytes fed, however they are chunked.
class StreamFramer final {
public:
    explicit StreamFramer(FramingRule rule);

    void append(QByteArrayView bytes, qint64 timeUs);
    // The next bytes of the stream are missing (dropped under the capture
    // budget). No frame can be found across a gap, so framing stops there
    // with an error; the gap counts in bytesAfterError().
    void appendGap(qint64 bytes);

    const QList<FramedMessage>& messages() const { return m_messages; }
    QList<FramedMessage> takeMessages();

    // The bytes after the last complete message: an incomplete message.
    QByteArrayView tail() const { return m_buffer; }
    qint64 tailOffset() const { return m_bufferOffset; }

    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 errorOffset() const { return m_errorOffset; }
    qint64 bytesAfterError() const { return m_bytesAfterError; } // fed, not kept

private:
    // Each returns the length of the frame that rest starts with, 0 while it
    // is incomplete; offset is rest's position in the stream.
    qsizetype nextTerminated(QByteArrayView rest, qint64 offset, QByteArrayView terminator,
                             qsizetype* payloadSize);
    qsizetype nextPrefixed(QByteArrayView rest, qint64 offset, qsizetype* payloadSize);
    void fail(qint64 offset, const QString& message);

    const FramingRule m_rule;
    QList<FramedMessage> m_messages;
    QByteArray m_buffer; // the incomplete frame: bytes fed, not yet framed
    qint64 m_bufferOffset = 0;
    qsizetype m_scanFrom = 0; // where in the incomplete frame to look for a terminator
    QString m_error;
    qint64 m_errorOffset = -1;
    qint64 m_bytesAfterError = 0;
};

} // namespace sockscope
