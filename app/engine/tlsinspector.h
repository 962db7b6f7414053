#pragma once

#include "base/tlssummary.h"

#include <QElapsedTimer>
#include <QMap>

#include <openssl/ssl.h>

#include <memory>

namespace sockscope {

// A certificate as the inspector shows it (verify: "ok"; the caller knows better).
TlsCertificate describeCertificate(X509* certificate, int depth);

// Watches one connection's handshake through OpenSSL's callbacks (the
// handshake messages, alerts, chain verification, key log) and makes the
// TlsSummary the inspector shows, complete or failed. One per TLS
// connection; TlsContext's callbacks find it through the SSL object.
class TlsInspector {
public:
    // enforceVerify: a failed verification fails the handshake (a client
    // without --insecure, a server that asks for client certificates);
    // otherwise the results are still recorded, for showing.
    TlsInspector(bool client, bool enforceVerify, QString sni);

    // Attaches to ssl, so TlsContext's callbacks reach this inspector.
    void attach(SSL* ssl);
    static TlsInspector* of(const SSL* ssl);

    void handshakeStarted();
    // From the callbacks.
    void onMessage(bool sent, int contentType, const unsigned char* bytes, size_t length);
    int onVerify(int preverifyOk, X509_STORE_CTX* store);
    void onKeyLogLine(const char* line);

    bool enforcesVerify() const { return m_enforceVerify; }
    // The summary of a completed handshake, or of one that failed (failure:
    // OpenSSL's reason, put in words with the verify results).
    std::shared_ptr<const TlsSummary> finish(SSL* ssl, bool ok, const QString& failure);

private:
    QString verifyText() const;

    const bool m_client;
    const bool m_enforceVerify;
    TlsSummary m_summary;
    QMap<int, int> m_verifyErrors; // depth -> the first X509_V_ERR_* there
    QString m_peerNames;           // the leaf's names, for a hostname mismatch
    QElapsedTimer m_clock;
    bool m_finished = false;
};

} // namespace sockscope
