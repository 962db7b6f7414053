#pragma once

#include "base/endpoint.h"
#include "capture/keeppolicy.h"
#include "engine/filesource.h"
#include "engine/rewriterule.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace sockscope {

class RuleSet;

// TLS on one side of a connection (issue 17). Off unless enabled.
struct TlsOptions {
    bool enabled = false;
    // A client's server name indication; empty: the host name connected to
    // (none for an IP address, as browsers do). Also the name verified.
    QString sni = QString();
    QStringList alpn = {}; // protocols offered (client) or accepted (server), in order
    bool verify = true;    // client: check the server's chain and name (--insecure: off)
    // Client: trust these instead of the system's CA store. Server asking
    // for client certificates: verify them against these (empty: the
    // system's store).
    QString caFile = QString();
    bool requestClientCert = false; // server: ask each client for a certificate
    // Server: its certificate and key (both empty: the one SockScope keeps,
    // issued by its local CA for localhost, 127.0.0.1 and ::1). Client: a
    // client certificate to present when asked.
    QString certFile = QString();
    QString keyFile = QString();
};

// How a listener answers its accepted connections by itself.
struct ResponderConfig {
    enum class Kind { Manual, Echo, Discard, Reply, Forward, Rules };
    Kind kind = Kind::Manual;
    // Forward: each accepted connection opens its own client to this
    // host:port (a name is resolved when the connection comes, without
    // blocking) and the session relays between the two (a relay pair).
    HostPort upstream;
    // Forward: TLS towards the upstream (forward-tls:HOST:PORT).
    TlsOptions upstreamTls;
    // Forward: match-and-replace on the relayed bytes (--rewrite).
    RewriteRules rewrites;
    // Reply: the file each client receives, streamed to each connection
    // on its own (never read whole), and its name as given, for display.
    std::shared_ptr<const FileSource> replyFile;
    QString replySource;
    // Rules: the rules file, loaded once, and its name as given; the
    // messages the listener's connections sent so far (${counter}),
    // shared by the copies of this config.
    std::shared_ptr<const RuleSet> rules;
    QString rulesSource;
    std::shared_ptr<qint64> messagesSoFar;

    // "manual", "echo", "discard", "reply:FILE" (the file is opened now,
    // and refused unless it is a regular file), "forward:HOST:PORT"
    // ("forward:[v6]:PORT" for a literal IPv6 address) or
    // "forward-tls:HOST:PORT" (TLS towards the upstream; its options are
    // the caller's to fill in upstreamTls) or "rules:FILE" (the file is
    // loaded now, and refused with the place of its first fault).
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
    TlsOptions tls;  // --listen-tls: every accepted connection is a TLS server
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
    TlsOptions tls = {}; // --connect-tls

    bool bindsSource() const { return !sourceAddress.isEmpty() || sourcePort != 0; }
};

} // namespace sockscope
