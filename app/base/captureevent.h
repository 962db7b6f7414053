#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include "base/socketaddress.h"
#include "base/tlssummary.h"

#include <memory>

#include <optional>

namespace sockscope {

// What happened. The names (eventKindName) are the public "event" values of
// the JSON Lines format and the first word of each headless output line.
enum class EventKind : quint8 {
    Listen,    // a listener is bound: local = real address:port
    Accept,    // a listener produced a connection: local, peer (peer's ephemeral port)
    Connect,   // an outgoing client starts: peer = target host:port as typed
    Connected, // an outgoing client is connected: local (our ephemeral port), peer
    Data,      // bytes crossed a connection: dir, size, data
    HalfClose, // one side shut down its write side (its FIN): by = that side
    Close,     // a connection (or, with conn == 0, a listener) is closed: by (see Closer), reset
    Error,     // something failed: error (short code), message (human text)
    Drop,      // payload is missing (budget, keep policy, full disk): size bytes, count events
    // A relay's hold acted on a message (InterceptStep): conn = the leg it
    // arrived on, pair = the leg it is for, count = its number in that
    // direction, data = its payload. Shown live; not in exports (the JSON
    // Lines format's version 1 has no such event), where the arriving leg's
    // "in" and the other leg's "out" show what arrived and what went.
    Intercept,
    // A TLS handshake completed or failed: conn, tls (the inspector's summary).
    Tls,
    // Bytes as they crossed the socket, when the transport changed them (TLS
    // records): conn, dir, size, data. The conversation's data events carry
    // the plaintext; these carry what a packet capture would have seen.
    Wire,
    // A rules responder answered a framed message from the peer (or did
    // not): conn, count = the message's 1-based number on the connection
    // (0: the greeting), responder = the rule ("default" when none
    // matched and the default answered, "none" when nothing did,
    // "greeting"), message = why it stopped answering, when it did.
    Rule,
};

enum class InterceptStep : quint8 {
    None,
    HoldStarted, // a person started holding the direction
    HoldStopped, // ... and stopped, releasing what was held
    Held,        // a whole message waits
    Released,    // it went on (data: the bytes sent)
    Edited,      // a person changed it (data: the new payload)
    Dropped,     // it will never go (message: why, when not a person's command)
    Injected,    // a person added it (data: its payload)
};

enum class Direction : quint8 {
    None,
    In,  // received by SockScope
    Out, // sent by SockScope
};

// A side of a connection. On a HalfClose, the side that shut down its
// sending half; on a connection's Close, the side whose FIN came first, not
// who closed it (ConnectionEnding tells that); on a listener's Close, Local.
enum class Closer : quint8 { None, Local, Peer };

// Why something failed. The names (errorCodeName) are the public "error"
// values of the JSON Lines format and the "code" of headless error lines.
enum class ErrorCode : quint8 {
    None,
    Refused,
    Reset,
    BrokenPipe,
    Timeout,
    Unreachable,
    HostNotFound,
    Cancelled,
    InUse,
    Privileged,
    Access,
    AddressNotAvailable,
    BadAddress,
    OutOfDescriptors,
    ListenFailed,
    AcceptFailed,
    PollFailed,
    SocketError,
    CaptureFailed,
    RecordFailed,
    FileReadFailed, // a file being sent could not be read to its end
    TlsFailed,      // a TLS handshake or record failed (message: the reason in words)
    TlsConfig,      // a certificate, key or CA file could not be used
    Other,          // a code this version does not know, read from a newer file
};

struct CaptureEvent {
    quint64 seq = 0;   // 1-based position in the session, gapless
    qint64 timeUs = 0; // microseconds since the Unix epoch, UTC
    EventKind kind = EventKind::Error;
    int conn = 0;     // connection id, 0 = not about a connection
    int listener = 0; // listener id (for Listen, Accept and listener errors), 0 = none
    // Accept, Connect: the other leg of a relay pair (a forwarding listener's
    // accepted connection and the upstream connection opened for it); 0 = none.
    int pair = 0;
    Direction dir = Direction::None;
    Closer by = Closer::None;
    InterceptStep intercept = InterceptStep::None; // Intercept only
    SocketAddress local;                           // Listen, Accept, Connected, a listener's Close
    SocketAddress peer;                            // Accept, Connected
    QString target;                                // Connect: the host:port as the user typed it
    QByteArray data;                               // Data: the exact bytes
    qint64 size = 0;                               // Data: byte count; Drop: dropped payload bytes
    // Data and Wire read back from the capture store: the bytes of the same
    // direction before this event's first, so that a reader can tell where
    // evicted or unkept bytes are missing; -1 where not known (live, imported).
    qint64 dirOffset = -1;
    qint64 count = 0; // Drop: dropped events
    ErrorCode error = ErrorCode::None;
    QString message;   // Error: human text naming the cause; Drop: why
    QString responder; // Listen: how the listener answers, e.g. "echo"; Rule: the rule
    int backlog = 0;   // Listen only
    // Close: SockScope ended the connection with an RST (SO_LINGER 0, Abort)
    // instead of a FIN; message then says what the reset dropped. A reset
    // from the peer is an Error (reset) instead, as it always was.
    bool reset = false;
    // Tls: what the handshake settled; Listen of a TLS listener: its own
    // certificate as chain[0]. Shared: a summary is written once.
    std::shared_ptr<const TlsSummary> tls;

    // Data: data holds only the first bytes of the payload. Batches that
    // cross threads carry such previews; the capture store has the rest.
    bool isPreview() const { return carriesPayload() && data.size() < size; }
    // Data and Wire: bytes the capture store keeps (and may evict).
    bool carriesPayload() const { return kind == EventKind::Data || kind == EventKind::Wire; }
};

using EventBatch = QList<CaptureEvent>;

// Payload bytes a batch carries per Data event (a row's preview); the
// capture store has the rest on disk.
inline constexpr qsizetype kBatchPreviewBytes = 256;

// events with every Data payload longer than maxBytes cut to a deep copy of
// its first maxBytes (size stays the true count). A batch queued to another
// thread then no longer keeps alive payload the store has already evicted.
EventBatch withPayloadPreviews(const EventBatch& events, qsizetype maxBytes);

QString eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(QStringView name);
QString directionName(Direction dir);
std::optional<Direction> directionFromName(QStringView name);
QString closerName(Closer by);
std::optional<Closer> closerFromName(QStringView name);
QString errorCodeName(ErrorCode code);
// Unknown names give Other: a newer version may add codes.
ErrorCode errorCodeFromName(QStringView name);

// ISO-8601 UTC with microseconds: 2026-11-25T12:47:26.123456Z
QString formatTimestampUs(qint64 timeUs);
std::optional<qint64> parseTimestampUs(QStringView text);
qint64 currentTimeUs();

} // namespace sockscope

Q_DECLARE_METATYPE(sockscope::CaptureEvent)
Q_DECLARE_METATYPE(sockscope::EventBatch)
