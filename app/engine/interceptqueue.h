#pragma once

#include "base/captureevent.h"
#include "capture/streamframer.h"

#include <QByteArray>
#include <QList>

#include <deque>
#include <optional>

namespace sockscope {

// One direction of a relay pair that a person can hold, by whole messages.
// While holding, the bytes are cut into messages with the framing of the
// Messages view (chunks as read, lines, a delimiter or a length prefix) and
// each whole message waits for the person: release it, drop it, edit it, or
// release them all. Order is kept: nothing goes on while a message before it
// waits, not a later message, an injected one, or the sender's FIN; a
// message released behind one that waits goes as soon as everything before
// it has. Stopping the hold releases everything.
//
// Pure: it takes bytes and commands and gives back what goes on now
// (Output) and what happened (Note, for the log). RelayPair owns two.
class InterceptQueue final {
public:
    // Above this many held bytes the sending leg stops reading, so TCP
    // holds its peer back instead of memory growing; also the longest
    // message that frames (a longer one is held as it was read).
    static constexpr qint64 kMaxHeldBytes = 1024 * 1024;

    enum class End : quint8 { None, HalfClose, Close };
    // What goes on now, in order: bytes, then maybe the end that waited.
    struct Output {
        QByteArray bytes;
        End end = End::None;
        bool isEmpty() const { return bytes.isEmpty() && end == End::None; }
    };

    struct Note {
        InterceptStep step = InterceptStep::Held;
        int message = 0;  // 1-based, per direction
        QByteArray bytes; // Held, Edited, Injected: the payload; Released: what went
        QString detail;   // why, when it is not the person's command
    };

    // framing: nullopt holds each chunk as read.
    void hold(std::optional<FramingRule> framing);
    // Stops holding and releases everything held.
    Output stopHolding();
    bool isHolding() const { return m_holding; }

    Output feed(const QByteArray& bytes);
    // The sender's FIN or close: it goes on once everything before it has.
    // An incomplete message still being framed is held as it is.
    Output end(End how);
    // Unknown or gone messages are ignored: the person may act on a row
    // that was released a moment ago.
    Output release(int message);
    Output releaseAll();
    Output drop(int message);
    // False, with the reason, when the new payload cannot be framed (too
    // long for a 1- or 2-byte length prefix).
    bool edit(int message, const QByteArray& payload, QString* error);
    // A new message, framed by framing (a line gets its "\n", a prefixed
    // message its length), queued behind whatever waits; refused once the
    // sender's end is queued or the destination is gone.
    Output inject(const QByteArray& payload, const std::optional<FramingRule>& framing,
                  QString* error);
    // Everything waiting is given up, and so is whatever comes later: the
    // leg it was for is gone or reset.
    void discard(const QString& why);

    qint64 heldBytes() const { return m_heldBytes; }
    // Whole messages (and bytes queued behind them) waiting for the person:
    // what holding back the sender can help with. An incomplete message
    // being framed is not counted: only more bytes can complete it.
    qint64 waitingBytes() const { return m_heldBytes - m_unframed.size(); }
    QList<Note> takeNotes() { return std::exchange(m_notes, {}); }

private:
    struct Entry {
        int message = 0;  // 0: bytes that only wait their turn
        QByteArray frame; // what goes on the wire
        QByteArray payload;
        bool framed = false; // false: held as read, an edit replaces it whole
        bool released = false;
        End end = End::None;
    };
    // The wire form of payload: like original (an edit), or a new message.
    static std::optional<QByteArray> frame(const QByteArray& payload, const Entry* original,
                                           const std::optional<FramingRule>& framing,
                                           QString* error);
    void holdMessage(QByteArray frame, QByteArray payload, bool framed, const QString& detail = {});
    void holdUnframed(const QString& detail);
    void queueReleased(const QByteArray& bytes, End end = End::None);
    Output pump();
    std::deque<Entry>::iterator find(int message);

    bool m_holding = false;
    bool m_ended = false;                 // the sender's FIN or close is queued or gone
    bool m_discarded = false;             // the destination is gone
    std::optional<FramingRule> m_framing; // while holding; nullopt: chunks
    std::optional<StreamFramer> m_framer;
    QByteArray m_unframed; // fed to the framer, not yet a whole message
    std::deque<Entry> m_queue;
    qint64 m_heldBytes = 0;
    int m_nextMessage = 1;
    QList<Note> m_notes;
};

} // namespace sockscope
