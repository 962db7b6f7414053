#include "engine/interceptqueue.h"

#include <QtEndian>

namespace sockscope {

void InterceptQueue::hold(std::optional<FramingRule> framing) {
    if (m_holding)
        return;
    m_holding = true;
    m_notes.append({InterceptStep::HoldStarted, 0, {}, {}});
    if (framing)
        framing->maxMessageSize = kMaxHeldBytes;
    m_framing = framing;
    // Framing starts here, which may be inside a message: the person chose
    // when to start holding.
    if (m_framing)
        m_framer.emplace(*m_framing);
}

InterceptQueue::Output InterceptQueue::stopHolding() {
    if (!m_holding)
        return {};
    m_holding = false;
    m_notes.append({InterceptStep::HoldStopped, 0, {}, {}});
    if (!m_unframed.isEmpty()) {
        m_heldBytes -= m_unframed.size();
        queueReleased(std::exchange(m_unframed, {}));
    }
    m_framer.reset();
    return releaseAll();
}

InterceptQueue::Output InterceptQueue::feed(const QByteArray& bytes) {
    if (bytes.isEmpty() || m_discarded)
        return {}; // the arriving leg's capture has them
    if (!m_holding) {
        if (m_queue.empty())
            return {bytes, End::None};
        queueReleased(bytes); // waits behind what is still held
        return {};
    }
    if (!m_framer) {
        holdMessage(bytes, bytes, false);
        return {};
    }
    m_framer->append(bytes, 0); // the log has the times
    m_unframed += bytes;
    m_heldBytes += bytes.size();
    for (FramedMessage& message : m_framer->takeMessages()) {
        QByteArray frame = m_unframed.first(message.frameSize);
        m_unframed.remove(0, message.frameSize);
        m_heldBytes -= message.frameSize;
        holdMessage(std::move(frame), std::move(message.payload), true);
    }
    if (m_framer->hasError()) {
        // No terminator within kMaxHeldBytes, or a length above it: what is
        // left goes to the person as read, and so does the rest.
        const QString why = m_framer->error();
        m_framer.reset();
        holdUnframed(why);
    }
    return {};
}

InterceptQueue::Output InterceptQueue::end(End how) {
    if (m_discarded)
        return {};
    m_ended = true;
    holdUnframed(QStringLiteral("incomplete: the sender ended the stream"));
    if (m_queue.empty())
        return {{}, how};
    // A close after a FIN that still waits: one end, the stronger.
    if (Entry& last = m_queue.back(); last.end != End::None) {
        last.end = std::max(last.end, how);
        return pump();
    }
    Entry entry;
    entry.released = true;
    entry.end = how;
    m_queue.push_back(std::move(entry));
    return pump();
}

InterceptQueue::Output InterceptQueue::release(int message) {
    if (const auto entry = find(message); entry != m_queue.end())
        entry->released = true;
    return pump();
}

InterceptQueue::Output InterceptQueue::releaseAll() {
    for (Entry& entry : m_queue)
        entry.released = true;
    return pump();
}

InterceptQueue::Output InterceptQueue::drop(int message) {
    // Also one released behind a held message: it has not gone yet.
    const auto entry = find(message);
    if (entry == m_queue.end())
        return {};
    m_notes.append({InterceptStep::Dropped, message, entry->payload, {}});
    m_heldBytes -= entry->frame.size();
    m_queue.erase(entry);
    return pump();
}

bool InterceptQueue::edit(int message, const QByteArray& payload, QString* error) {
    const auto entry = find(message);
    if (entry == m_queue.end()) {
        *error = QStringLiteral("message %1 is no longer held").arg(message);
        return false;
    }
    std::optional<QByteArray> framed = frame(payload, &*entry, m_framing, error);
    if (!framed)
        return false;
    m_heldBytes += framed->size() - entry->frame.size();
    entry->frame = std::move(*framed);
    entry->payload = payload;
    m_notes.append({InterceptStep::Edited, message, payload, {}});
    return true;
}

InterceptQueue::Output InterceptQueue::inject(const QByteArray& payload,
                                              const std::optional<FramingRule>& framing,
                                              QString* error) {
    if (m_discarded || m_ended) {
        *error = m_discarded ? QStringLiteral("the leg it was for is gone")
                             : QStringLiteral("the sender has ended this direction");
        return {};
    }
    std::optional<QByteArray> framed = frame(payload, nullptr, framing, error);
    if (!framed)
        return {};
    Entry entry;
    entry.message = m_nextMessage++;
    entry.frame = std::move(*framed);
    entry.payload = payload;
    entry.released = true;
    m_heldBytes += entry.frame.size();
    m_notes.append({InterceptStep::Injected, entry.message, payload, {}});
    m_queue.push_back(std::move(entry));
    return pump();
}

void InterceptQueue::discard(const QString& why) {
    for (const Entry& entry : m_queue) {
        if (entry.message != 0)
            m_notes.append({InterceptStep::Dropped, entry.message, entry.payload, why});
    }
    m_queue.clear();
    m_unframed.clear();
    m_framer.reset();
    m_heldBytes = 0;
    m_discarded = true;
}

std::optional<QByteArray> InterceptQueue::frame(const QByteArray& payload, const Entry* original,
                                                const std::optional<FramingRule>& framing,
                                                QString* error) {
    if (!framing || (original && !original->framed))
        return payload;
    switch (framing->mode) {
    case FramingRule::Mode::Line:
    case FramingRule::Mode::Delimiter: {
        // An edit keeps the message's own terminator ("\r\n" stays "\r\n");
        // a new message gets the rule's, unless it already ends with it.
        const QByteArray terminator = original ? original->frame.sliced(original->payload.size())
                                      : framing->mode == FramingRule::Mode::Line
                                          ? QByteArrayLiteral("\n")
                                          : framing->delimiter;
        if (!original && payload.endsWith(terminator))
            return payload;
        return payload + terminator;
    }
    case FramingRule::Mode::LengthPrefix: {
        const int bytes = framing->prefixBytes;
        const qint64 max = bytes >= 4 ? kMaxHeldBytes : (qint64(1) << (8 * bytes)) - 1;
        if (payload.size() > max) {
            *error = QStringLiteral("%1 bytes do not fit a %2-byte length prefix (at most %3)")
                         .arg(payload.size())
                         .arg(bytes)
                         .arg(max);
            return std::nullopt;
        }
        QByteArray prefix(bytes, '\0');
        auto length = quint32(payload.size());
        for (int i = 0; i < bytes; ++i) {
            const int shift = 8 * (framing->bigEndian ? bytes - 1 - i : i);
            prefix[i] = char((length >> shift) & 0xff);
        }
        return prefix + payload;
    }
    }
    return payload;
}

void InterceptQueue::holdMessage(QByteArray frame, QByteArray payload, bool framed,
                                 const QString& detail) {
    Entry entry;
    entry.message = m_nextMessage++;
    entry.framed = framed;
    entry.frame = std::move(frame);
    entry.payload = std::move(payload);
    m_heldBytes += entry.frame.size();
    m_notes.append({InterceptStep::Held, entry.message, entry.payload, detail});
    m_queue.push_back(std::move(entry));
}

void InterceptQueue::holdUnframed(const QString& detail) {
    if (m_unframed.isEmpty())
        return;
    QByteArray bytes = std::exchange(m_unframed, {});
    m_heldBytes -= bytes.size();
    holdMessage(bytes, bytes, false, detail);
}

void InterceptQueue::queueReleased(const QByteArray& bytes, End end) {
    Entry entry;
    entry.frame = bytes;
    entry.released = true;
    entry.end = end;
    m_heldBytes += bytes.size();
    m_queue.push_back(std::move(entry));
}

InterceptQueue::Output InterceptQueue::pump() {
    Output out;
    while (!m_queue.empty() && m_queue.front().released && out.end == End::None) {
        Entry& entry = m_queue.front();
        if (entry.message != 0)
            m_notes.append({InterceptStep::Released, entry.message, entry.frame, {}});
        out.bytes += entry.frame;
        out.end = entry.end;
        m_heldBytes -= entry.frame.size();
        m_queue.pop_front();
    }
    return out;
}

std::deque<InterceptQueue::Entry>::iterator InterceptQueue::find(int message) {
    return std::find_if(m_queue.begin(), m_queue.end(),
                        [message](const Entry& e) { return e.message == message; });
}

} // namespace sockscope
