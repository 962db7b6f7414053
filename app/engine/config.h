#pragma once

#include "base/endpoint.h"
#include "capture/keeppolicy.h"
#include "engine/filesource.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace sockscope {

// How a listener answers its accepted connections by itself.
struct ResponderConfig {
    enum class Kind { Manual, Echo, Discard, Reply, Forward };
    Kind kind = Kind::Manual;
    // Forward: each accepted connection opens its own client to this
    // host:port (a name is resolved when the connection comes, without
    // blocking) and the session relays between the two (a relay pair).
    HostPort upstream;
    // Reply: the file each client receives, streamed to each connection
    // on its own (never read whole), and its name as given, for display.
    std::shared_ptr<const FileSource> replyFile;
    QString replySource;

    // "manual", "echo", "discard", "reply:FILE" (the file is opened now,
    // and refused unless it is a regular file) or "forward:HOST:PORT"
    // ("forward:[v6]:PORT" for a literal IPv6 address).
    static std::optional<ResponderConfig> parse(const QString& spec, QString* error);
    QString name() const; // the spec form, e.g. "reply:/tmp/http.txt"
};

struct ListenerConfig {
    // Qt's 50 stalls bursts of connects; the kernel caps this at somaxconn
    // (4096 on current kernels), and the accept queue view shows the real one.
    static constexpr int kDefaultBacklog = 4096;
    QString address = QStringLiteral("localhost");
    quint16 port = 0; // 0: the kernel picks; the Listen event reports the real one
    int backlog = kDefaultBacklog;
    ResponderConfig responder;
    KeepPolicy keep; // of every connection it accepts
    // Each accepted connection is reset (RST) this long after its accept
    // (--abort-after); none: never.
    std::optional<int> abortAfterMs = std::nullopt;
};

struct ClientConfig {
    static constexpr int kDefaultConnectTimeoutMs = 10000;
    QString host;
    quint16 port = 0;
    QByteArray sendOnConnect;
    // The HOWTO's one exchange: send, then shut down the write side.
    bool halfCloseAfterSend = false;
    int connectTimeoutMs = kDefaultConnectTimeoutMs;
    KeepPolicy keep;
    // Bound before connecting when either is set (--source): an address of
    // this machine, spelled as for a listener (localhost, any, any6 or a
    // literal; empty: any address), and a port (0: the kernel picks one at
    // bind time). Without SO_REUSEADDR, as a plain client: a port whose last
    // connection is in TIME_WAIT here fails with EADDRINUSE, which is the point.
    // Initialised, like every field after it, so that a brace list may stop
    // before them (-Wmissing-field-initializers).
    QString sourceAddress = QString();
    quint16 sourcePort = 0;
    bool noDelay = false;   // TCP_NODELAY; otherwise the kernel's default, Nagle's algorithm
    bool keepAlive = false; // SO_KEEPALIVE
    // Reset (RST) this long after the connect completes (--abort-after); none: never.
    std::optional<int> abortAfterMs = std::nullopt;
    // After the peer's FIN, close once the write queue drains, instead of
    // staying in CLOSE_WAIT. Headless clients do (nobody is left to send
    // anything, and the run ends when its clients are done); the window's
    // clients do not, so a person can still send and close by hand.
    bool closeAfterPeerFinished = false;
    // Streamed after sendOnConnect, a chunk at a time (--send-file); null: none.
    std::shared_ptr<const FileSource> sendFile = nullptr;

    bool bindsSource() const { return !sourceAddress.isEmpty() || sourcePort != 0; }
};

} // namespace sockscope
