#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace sockscope {

// One certificate of the chain a TLS peer presented, as the inspector shows it.
struct TlsCertificate {
    int depth = 0; // 0: the peer's own certificate
    QString subject;
    QString issuer;
    QString notBefore; // ISO 8601 UTC
    QString notAfter;
    QStringList names; // subject alternative names: DNS and IP entries
    QString sha256;    // fingerprint, colon-separated hex
    QString verify;    // "ok", or why verification failed at this depth
};

// What a TLS handshake settled, or how far it got before it failed: the
// handshake inspector's content, carried by a tls event.
struct TlsSummary {
    bool client = false;         // our side was the client
    bool ok = false;             // the handshake completed
    QString version;             // "TLSv1.3"
    QString cipher;              // "TLS_AES_256_GCM_SHA384"
    QString alpn;                // the protocol agreed on; empty: none
    QString sni;                 // the server name we sent (client) or received (server)
    QString tempKey;             // the server's ephemeral key, "X25519, 253 bits"
    QString verify;              // "ok", "off" (not verified) or the reason it failed
    QString failure;             // when !ok: the cause in words
    QList<TlsCertificate> chain; // the peer's, leaf first
    qint64 durationUs = 0;       // from the first handshake byte to done (or failure)
    QStringList alerts;          // "sent fatal handshake_failure", "received warning close_notify"
    QByteArray clientHello;      // the handshake messages as sent, without the record header
    QByteArray serverHello;
    // NSS key log lines ("CLIENT_RANDOM ...", "CLIENT_TRAFFIC_SECRET_0 ..."),
    // each ending in a newline: what Wireshark needs to decrypt the records.
    QByteArray keyLog;
};

} // namespace sockscope
