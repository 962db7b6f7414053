#include "engine/tlscontext.h"

#include "engine/localca.h"
#include "engine/servernamecertificates.h"
#include "engine/tlsinspector.h"

#include <QFile>
#include <QHostAddress>

#include <openssl/err.h>
#include <openssl/pem.h>

namespace sockscope {

namespace {
void onMessage(int writeP, int version, int contentType, const void* bytes, size_t length, SSL* ssl,
               void* arg) {
    Q_UNUSED(version);
    Q_UNUSED(arg);
    if (TlsInspector* inspector = TlsInspector::of(ssl))
        inspector->onMessage(writeP != 0, contentType, static_cast<const unsigned char*>(bytes),
                             length);
}

void onKeyLogLine(const SSL* ssl, const char* line) {
    if (TlsInspector* inspector = TlsInspector::of(ssl))
        inspector->onKeyLogLine(line);
}

int onVerify(int preverifyOk, X509_STORE_CTX* store) {
    const auto* ssl =
        static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    TlsInspector* inspector = ssl ? TlsInspector::of(ssl) : nullptr;
    return inspector ? inspector->onVerify(preverifyOk, store) : preverifyOk;
}

// ALPN wire format: each protocol prefixed by its length.
QByteArray alpnWire(const QStringList& protocols) {
    QByteArray wire;
    for (const QString& protocol : protocols) {
        const QByteArray name = protocol.toLatin1();
        wire.append(char(name.size()));
        wire.append(name);
    }
    return wire;
}

// A server picks the first of its own protocols that the client offered;
// none in common: no ALPN, and the handshake goes on (as OpenSSL's s_server).
int selectAlpn(SSL* ssl, const unsigned char** out, unsigned char* outLength,
               const unsigned char* offered, unsigned int offeredLength, void* arg) {
    Q_UNUSED(ssl);
    const auto* ours = static_cast<const QByteArray*>(arg);
    unsigned char* chosen = nullptr;
    if (SSL_select_next_proto(
            &chosen, outLength, reinterpret_cast<const unsigned char*>(ours->constData()),
            unsigned(ours->size()), offered, offeredLength) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

// Runs once the ClientHello is read, before the server picks its
// certificate: a name of the client's own gets a certificate for that name.
int onServerName(SSL* ssl, int* alert, void* arg) {
    Q_UNUSED(alert);
    const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (!name)
        return SSL_TLSEXT_ERR_NOACK;
    auto* certificates = static_cast<ServerNameCertificates*>(arg);
    const std::shared_ptr<const KeyAndCertificate> issued =
        certificates->forName(QString::fromUtf8(name));
    if (issued &&
        SSL_use_cert_and_key(ssl, issued->certificate.get(), issued->key.get(), nullptr, 1) == 1)
        SSL_add1_chain_cert(ssl, certificates->authority());
    ERR_clear_error(); // a failure leaves the localhost certificate in place
    return SSL_TLSEXT_ERR_OK;
}

// The options' ALPN list can go on the wire; the reason otherwise.
bool checkAlpn(const TlsOptions& options, QString* error) {
    for (const QString& protocol : options.alpn) {
        if (const QString problem = alpnProtocolProblem(protocol); !problem.isEmpty()) {
            *error = QStringLiteral("ALPN: ") + problem;
            return false;
        }
    }
    return true;
}

UniqueSslCtx newContext(const SSL_METHOD* method) {
    UniqueSslCtx ctx(SSL_CTX_new(method));
    if (!ctx)
        return ctx;
    // A peer that closes without close_notify ends the stream as a FIN
    // does: a capture tool shows it, rather than failing the last read.
    SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION);
    // No partial writes: the transport's write BIO takes every record, so
    // SSL_write makes all of a batch's records at once (with partial writes
    // it returns after the first). Should a write ever be retried, it is
    // with the queue's front, which may have moved.
    SSL_CTX_set_mode(ctx.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    SSL_CTX_set_msg_callback(ctx.get(), &onMessage);
    SSL_CTX_set_keylog_callback(ctx.get(), &onKeyLogLine);
    return ctx;
}

// False with the reason when OpenSSL refuses them (a key too small for
// the system's security level, a SHA-1 signature).
bool useKeyAndCertificate(SSL_CTX* ctx, const KeyAndCertificate& pair, const QString& where,
                          QString* error) {
    if (SSL_CTX_use_certificate(ctx, pair.certificate.get()) == 1 &&
        SSL_CTX_use_PrivateKey(ctx, pair.key.get()) == 1)
        return true;
    *error = QStringLiteral("cannot use the certificate in '%1': %2")
                 .arg(where, takeOpenSslErrors(QStringLiteral("refused")));
    return false;
}

// The certificate file's further certificates (intermediates) go out with it.
void addChainFromFile(SSL_CTX* ctx, const QString& certFile) {
    QFile file(certFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray pem = file.read(16 * 1024 * 1024);
    const UniqueBio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    UniqueX509 skipped(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)); // the leaf
    while (X509* extra = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        SSL_CTX_add0_chain_cert(ctx, extra);
    ERR_clear_error(); // the end of the file reads as an error
}
// The certificate and key from their files, with the file's further
// certificates as the chain.
bool useCertificateFiles(SSL_CTX* ctx, const QString& certFile, const QString& keyFile,
                         QString* error) {
    const std::optional<KeyAndCertificate> pair = readKeyAndCertificate(certFile, keyFile, error);
    if (!pair || !useKeyAndCertificate(ctx, *pair, certFile, error))
        return false;
    addChainFromFile(ctx, certFile);
    return true;
}

// Trusts the certificates in caFile, or the system's store when it is empty.
bool loadTrust(SSL_CTX* ctx, const QString& caFile, QString* error) {
    const bool loaded =
        caFile.isEmpty()
            ? SSL_CTX_set_default_verify_paths(ctx) == 1
            : SSL_CTX_load_verify_file(ctx, QFile::encodeName(caFile).constData()) == 1;
    if (!loaded)
        *error = QStringLiteral("cannot use '%1' as CA certificates: %2")
                     .arg(caFile.isEmpty() ? QStringLiteral("the system's CA store") : caFile,
                          takeOpenSslErrors(QStringLiteral("unreadable")));
    return loaded;
}
} // namespace

TlsContext::TlsContext(bool client, TlsOptions options, UniqueSslCtx ctx)
    : m_client(client)
    , m_options(std::move(options))
    , m_ctx(std::move(ctx)) {
    if (!m_options.alpn.isEmpty()) {
        m_alpnWire = alpnWire(m_options.alpn);
        if (m_client)
            SSL_CTX_set_alpn_protos(m_ctx.get(),
                                    reinterpret_cast<const unsigned char*>(m_alpnWire.constData()),
                                    unsigned(m_alpnWire.size()));
        else
            SSL_CTX_set_alpn_select_cb(m_ctx.get(), &selectAlpn, &m_alpnWire);
    }
}

QString alpnProtocolProblem(const QString& protocol) {
    if (!protocol.isEmpty() && protocol.size() <= 255 && protocol.toLatin1() == protocol.toUtf8())
        return {};
    return QStringLiteral("'%1' is not a protocol name (1 to 255 ASCII characters)").arg(protocol);
}

TlsContext::~TlsContext() = default;

std::shared_ptr<const TlsContext> TlsContext::forServer(const TlsOptions& options,
                                                        std::shared_ptr<const LocalCa> ca,
                                                        QString* error) {
    if (!checkAlpn(options, error))
        return nullptr;
    ERR_clear_error();
    UniqueSslCtx ctx = newContext(TLS_server_method());
    if (!ctx) {
        *error = takeOpenSslErrors(QStringLiteral("cannot set up TLS"));
        return nullptr;
    }
    if (options.certFile.isEmpty()) {
        if (!options.keyFile.isEmpty()) {
            *error = QStringLiteral("--key '%1' needs --cert with it").arg(options.keyFile);
            return nullptr;
        }
        std::optional<KeyAndCertificate> pair = ca->localhostCertificate(error);
        if (!pair ||
            !useKeyAndCertificate(ctx.get(), *pair, QStringLiteral("localhost.pem"), error))
            return nullptr;
        SSL_CTX_add1_chain_cert(ctx.get(), ca->certificate());
    } else if (!useCertificateFiles(ctx.get(), options.certFile, options.keyFile, error)) {
        return nullptr;
    }
    std::unique_ptr<ServerNameCertificates> nameCertificates;
    if (options.certFile.isEmpty()) {
        nameCertificates = std::make_unique<ServerNameCertificates>(std::move(ca));
        SSL_CTX_set_tlsext_servername_callback(ctx.get(), &onServerName);
        SSL_CTX_set_tlsext_servername_arg(ctx.get(), nameCertificates.get());
    }
    if (options.requestClientCert) {
        if (!loadTrust(ctx.get(), options.caFile, error))
            return nullptr;
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &onVerify);
        static const unsigned char kSessionContext[] = "sockscope";
        SSL_CTX_set_session_id_context(ctx.get(), kSessionContext, sizeof kSessionContext - 1);
    }
    auto made = std::shared_ptr<TlsContext>(new TlsContext(false, options, std::move(ctx)));
    made->m_nameCertificates = std::move(nameCertificates);
    return made;
}

std::shared_ptr<const TlsContext> TlsContext::forClient(const TlsOptions& options, QString* error) {
    if (!checkAlpn(options, error))
        return nullptr;
    ERR_clear_error();
    UniqueSslCtx ctx = newContext(TLS_client_method());
    if (!ctx) {
        *error = takeOpenSslErrors(QStringLiteral("cannot set up TLS"));
        return nullptr;
    }
    if (!loadTrust(ctx.get(), options.caFile, error))
        return nullptr;
    // Verified always, so the inspector shows each depth's result; whether a
    // failure ends the handshake is the inspector's (--insecure) to say.
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, &onVerify);
    if (!options.certFile.isEmpty()) {
        if (!useCertificateFiles(ctx.get(), options.certFile, options.keyFile, error))
            return nullptr;
    } else if (!options.keyFile.isEmpty()) {
        *error =
            QStringLiteral("--client-key '%1' needs --client-cert with it").arg(options.keyFile);
        return nullptr;
    }
    return std::shared_ptr<const TlsContext>(new TlsContext(true, options, std::move(ctx)));
}

QString TlsContext::serverName(const QString& host) const {
    if (!m_client)
        return {};
    return m_options.sni.isEmpty() ? host : m_options.sni;
}

UniqueSsl TlsContext::newSsl(const QString& host) const {
    UniqueSsl ssl(SSL_new(m_ctx.get()));
    if (!ssl || !m_client)
        return ssl;
    const QString sni = serverName(host);
    const QByteArray name = sni.toUtf8();
    // SNI carries host names only; an address is verified as an address.
    if (QHostAddress address; address.setAddress(sni)) {
        // In the canonical form OpenSSL parses: Qt also takes 127.1.
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()),
                                      address.toString().toLatin1().constData());
    } else if (!sni.isEmpty()) {
        SSL_set_tlsext_host_name(ssl.get(), name.constData());
        SSL_set1_host(ssl.get(), name.constData());
    }
    return ssl;
}

} // namespace sockscope
