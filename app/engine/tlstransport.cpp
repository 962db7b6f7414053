#include "engine/tlstransport.h"

#include "engine/tlscontext.h"

#include <openssl/err.h>

#include <sys/socket.h>

#include <cerrno>

namespace sockscope {

namespace {
// The largest plaintext a TLS record carries.
constexpr qsizetype kRecordBytes = 16 * 1024;

char* readBuffer() {
    thread_local QByteArray buffer(Transport::kMaxReadBytes, Qt::Uninitialized);
    return buffer.data();
}

long tapBio(BIO* bio, int operation, const char* bytes, size_t length, int argi, long argl, int ret,
            size_t* processed) {
    Q_UNUSED(length);
    Q_UNUSED(argi);
    Q_UNUSED(argl);
    auto* transport = reinterpret_cast<TlsTransport*>(BIO_get_callback_arg(bio));
    if (ret > 0 && processed && *processed > 0 && transport) {
        if (operation == (BIO_CB_READ | BIO_CB_RETURN))
            transport->tapped(false, bytes, *processed);
        else if (operation == (BIO_CB_WRITE | BIO_CB_RETURN))
            transport->tapped(true, bytes, *processed);
    }
    return ret;
}
} // namespace

TlsTransport::TlsTransport(int fd, const TlsContext& context, const QString& host,
                           TransportObserver* observer)
    : m_fd(fd)
    , m_observer(observer)
    , m_inspector(context.isClient(),
                  context.isClient() ? context.options().verify
                                     : context.options().requestClientCert,
                  context.serverName(host))
    , m_ssl(context.newSsl(host))
    , m_handshakeWants(context.isClient() ? Need::Writable : Need::Readable) {
    BIO* bio = BIO_new_socket(fd, BIO_NOCLOSE);
    BIO_set_callback_ex(bio, &tapBio);
    BIO_set_callback_arg(bio, reinterpret_cast<char*>(this));
    SSL_set_bio(m_ssl.get(), bio, bio);
    m_inspector.attach(m_ssl.get());
    if (context.isClient())
        SSL_set_connect_state(m_ssl.get());
    else
        SSL_set_accept_state(m_ssl.get());
}

TlsTransport::~TlsTransport() {
    // The SSL object outlives nothing of ours; its callbacks must not
    // reach this transport while it is freed.
    BIO_set_callback_arg(SSL_get_rbio(m_ssl.get()), nullptr);
}

void TlsTransport::tapped(bool sent, const char* bytes, size_t length) {
    (sent ? m_wireOut : m_wireIn).append(bytes, qsizetype(length));
}

void TlsTransport::flushWire() {
    if (!m_wireIn.isEmpty()) {
        m_observer->wireReceived(m_wireIn);
        m_wireIn.clear();
    }
    if (!m_wireOut.isEmpty()) {
        m_observer->wireSent(m_wireOut);
        m_wireOut.clear();
    }
}

void TlsTransport::noteFatal(int sslError) {
    if (sslError == SSL_ERROR_SYSCALL) {
        const int error = errno != 0 ? errno : ECONNRESET;
        ERR_clear_error();
        m_failure = errnoText(error);
        errno = error;
        return;
    }
    m_failure = QStringLiteral("TLS: %1").arg(takeOpenSslErrors(QStringLiteral("protocol error")));
    errno = EPROTO;
}

TransportFailure TlsTransport::failure(int error) const {
    if (error == EPROTO && !m_failure.isEmpty())
        return {ErrorCode::TlsFailed, m_failure};
    return {errnoCode(error), errnoText(error)};
}

Transport::Needs TlsTransport::needs() const {
    Needs wanted;
    if (m_handshaking)
        wanted |= m_handshakeWants;
    if (m_shutdownPending)
        wanted |= Need::Writable;
    return wanted;
}

bool TlsTransport::advance(Needs ready) {
    if (m_shutdownPending && ready.testFlag(Need::Writable) && !finishShutdown())
        return false;
    if (m_handshaking)
        return continueHandshake();
    return true;
}

bool TlsTransport::continueHandshake() {
    m_inspector.handshakeStarted();
    ERR_clear_error();
    errno = 0;
    const int result = SSL_do_handshake(m_ssl.get());
    const int error = result == 1 ? SSL_ERROR_NONE : SSL_get_error(m_ssl.get(), result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        m_handshakeWants = error == SSL_ERROR_WANT_READ ? Need::Readable : Need::Writable;
        flushWire();
        return true;
    }
    QString reason;
    if (error != SSL_ERROR_NONE) {
        if (error == SSL_ERROR_SYSCALL) {
            const int saved = errno;
            ERR_clear_error();
            reason =
                saved == 0 ? QStringLiteral("the peer closed the connection") : errnoText(saved);
        } else {
            reason = takeOpenSslErrors(QStringLiteral("protocol error"));
        }
    }
    m_handshaking = false;
    flushWire();
    const std::shared_ptr<const TlsSummary> summary =
        m_inspector.finish(m_ssl.get(), error == SSL_ERROR_NONE, reason);
    m_observer->handshakeFinished(summary);
    if (summary->ok)
        return true;
    m_failure = summary->failure;
    errno = EPROTO;
    return false;
}

std::optional<QByteArray> TlsTransport::read() {
    if (m_handshaking) {
        errno = EAGAIN;
        return std::nullopt;
    }
    char* buffer = readBuffer();
    qsizetype total = 0;
    std::optional<QByteArray> result;
    while (kMaxReadBytes - total >= kRecordBytes) {
        ERR_clear_error();
        errno = 0;
        const int n = SSL_read(m_ssl.get(), buffer + total, int(kMaxReadBytes - total));
        if (n > 0) {
            total += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl.get(), n);
        if (total > 0)
            break; // the bytes first; an end or an error comes again on the next read
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            errno = EAGAIN;
        } else if (error == SSL_ERROR_ZERO_RETURN) {
            result = QByteArray(); // close_notify, or a FIN without one
        } else {
            noteFatal(error);
        }
        flushWire();
        return result;
    }
    flushWire();
    return QByteArray(buffer, total);
}

ssize_t TlsTransport::write(const char* data, qsizetype size) {
    if (m_handshaking || m_shutdownPending) {
        errno = EAGAIN;
        return -1;
    }
    ERR_clear_error();
    errno = 0;
    const int n = SSL_write(m_ssl.get(), data, int(std::min<qsizetype>(size, 1 << 30)));
    ssize_t written = n;
    if (n <= 0) {
        const int error = SSL_get_error(m_ssl.get(), n);
        if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ)
            errno = EAGAIN;
        else
            noteFatal(error);
        written = -1;
    }
    const int saved = errno;
    flushWire();
    errno = saved;
    return written;
}

void TlsTransport::shutdownWrite() {
    if (m_handshaking) { // nothing to protect yet: a plain FIN
        ::shutdown(m_fd, SHUT_WR);
        return;
    }
    m_shutdownPending = true;
    finishShutdown();
}

bool TlsTransport::finishShutdown() {
    ERR_clear_error();
    const int result = SSL_shutdown(m_ssl.get());
    if (result < 0 && SSL_get_error(m_ssl.get(), result) == SSL_ERROR_WANT_WRITE) {
        flushWire();
        return true; // needs() asks for writability; advance() comes back here
    }
    ERR_clear_error(); // a peer already gone: the FIN below says the rest
    m_shutdownPending = false;
    flushWire();
    ::shutdown(m_fd, SHUT_WR);
    return true;
}

} // namespace sockscope
