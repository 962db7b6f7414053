#pragma once

#include "engine/config.h"
#include "engine/opensslptr.h"

#include <QString>

#include <memory>

namespace sockscope {

class LocalCa;
class ServerNameCertificates;

// One side's TLS settings made ready for connections: an SSL_CTX with its
// certificates, trust and ALPN loaded once, so that a listener's thousands of
// handshakes share them. Every problem with the files shows when it is made,
// with the file and the reason, not later on a connection.
class TlsContext {
public:
    // ca: the local authority, for a server given no certificate: it serves
    // the kept localhost certificate, and one issued for each other name a
    // client asks for.
    static std::shared_ptr<const TlsContext>
    forServer(const TlsOptions& options, std::shared_ptr<const LocalCa> ca, QString* error);
    static std::shared_ptr<const TlsContext> forClient(const TlsOptions& options, QString* error);

    ~TlsContext();

    bool isClient() const { return m_client; }
    const TlsOptions& options() const { return m_options; }
    // A server's certificate, for showing its fingerprint; null for a client.
    X509* certificate() const { return SSL_CTX_get0_certificate(m_ctx.get()); }
    // A new connection's TLS state; host: the name or address connected to
    // (a client's default SNI and the name its verification checks).
    UniqueSsl newSsl(const QString& host) const;
    // What a client sends as SNI and verifies (empty for a server).
    QString serverName(const QString& host) const;

private:
    TlsContext(bool client, TlsOptions options, UniqueSslCtx ctx);

    const bool m_client;
    const TlsOptions m_options;
    const UniqueSslCtx m_ctx;
    QByteArray m_alpnWire; // the ALPN list as OpenSSL takes it; the context points into it
    // A server without --cert: the context's server name callback uses it.
    std::unique_ptr<ServerNameCertificates> m_nameCertificates;
};

// Why protocol cannot go into an ALPN list ("'x' is not a protocol name
// ..."; it must be 1 to 255 ASCII characters); empty when it can.
QString alpnProtocolProblem(const QString& protocol);

} // namespace sockscope
