#include "engine/tlstransport.h"

#include "engine/tlscontext.h"

#include <QScopeGuard>

#include <openssl/err.h>

#include <pthread.h>

#include <csignal>

#include <cerrno>

namespace sockscope {

namespace {
// The largest plaintext a TLS record carries.
constexpr qsizetype kRecordBytes = 16 * 1024;

char* readBuffer() {
    thread_local QByteArray buffer(Transport::kMaxReadBytes, Qt::Uninitialized);
    return buffer.data();
}

// OpenSSL's socket BIO writes with write(), not send(MSG_NOSIGNAL) as the
// plain transport does: writing to a peer that has gone raises SIGPIPE,
// whose default action ends the whole process, every connection with it.
// Blocked on this thread while OpenSSL works, so the write fails with EPIPE
// instead, and a SIGPIPE it raised is taken back before the mask returns.
// Three system calls per call into OpenSSL, which moves up to 256 KiB.
class SigpipeBlocked {
public:
    SigpipeBlocked() {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_previous);
    }
    ~SigpipeBlocked() {
        // Taken back whatever errno says: a read that failed with
        // ECONNRESET may have raised it writing its alert. Unblocked before,
        // SIGPIPE cannot have been pending then, so this one is OpenSSL's.
        const int saved = errno;
        if (!sigismember(&m_previous, SIGPIPE)) {
            const timespec now{0, 0};
            sigtimedwait(&m_pipe, nullptr, &now);
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
        errno = saved;
    }
    Q_DISABLE_COPY_MOVE(SigpipeBlocked)

private:
    sigset_t m_pipe;
    sigset_t m_previous;
};

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

std::unique_ptr<TlsTransport> TlsTransport::create(int fd, const TlsContext& context,
                                                   const QString& host, TransportObserver* observer,
                                                   QString* error) {
    ERR_clear_error();
    UniqueSsl ssl = context.newSsl(host);
    BIO* bio = ssl ? BIO_new_socket(fd, BIO_NOCLOSE) : nullptr;
    if (!bio) {
        *error = takeOpenSslErrors(QStringLiteral("out of memory"));
        return nullptr;
    }
    SSL_set_bio(ssl.get(), bio, bio);
    return std::unique_ptr<TlsTransport>(
        new TlsTransport(fd, context, host, observer, std::move(ssl)));
}

TlsTransport::TlsTransport(int fd, const TlsContext& context, const QString& host,
                           TransportObserver* observer, UniqueSsl ssl)
    : m_fd(fd)
    , m_observer(observer)
    , m_inspector(context.isClient(),
                  context.isClient() ? context.options().verify
                                     : context.options().requestClientCert,
                  context.serverName(host))
    , m_ssl(std::move(ssl))
    , m_handshakeWants(context.isClient() ? Need::Writable : Need::Readable) {
    BIO* bio = SSL_get_rbio(m_ssl.get());
    BIO_set_callback_ex(bio, &tapBio);
    BIO_set_callback_arg(bio, reinterpret_cast<char*>(this));
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
    // One direction is reported before the other starts, so the capture
    // keeps the order the records crossed in (a client's Finished after the
    // server's flight), which Wireshark needs to decrypt both directions.
    if (!(sent ? m_wireIn : m_wireOut).isEmpty())
        flushWire();
    (sent ? m_wireOut : m_wireIn).append(bytes, qsizetype(length));
}

void TlsTransport::flushWire() {
    // The observer records (a recording's flush may set errno); the caller's
    // errno (EAGAIN, EPIPE) must reach the connection as it was.
    const int saved = errno;
    const auto restore = qScopeGuard([saved] { errno = saved; });
    if (!m_wireIn.isEmpty()) {
        m_observer->wireReceived(m_wireIn);
        m_wireIn.clear();
    }
    if (!m_wireOut.isEmpty()) {
        m_observer->wireSent(m_wireOut);
        m_wireOut.clear();
    }
}

void TlsTransport::noteFatal(int sslError, int systemError) {
    // The socket's own error says it best (EPIPE, ECONNRESET), also when
    // OpenSSL files it as a protocol failure of its own.
    if (sslError == SSL_ERROR_SYSCALL || (systemError != 0 && systemError != EAGAIN)) {
        const int error = systemError != 0 ? systemError : ECONNRESET;
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
    if (m_closeNotifyWaits)
        wanted |= Need::Writable; // the connection calls finishWriting() again
    return wanted;
}

bool TlsTransport::advance(Needs ready) {
    Q_UNUSED(ready); // the handshake goes on with whichever it waited for
    if (!m_handshaking)
        return true;
    const SigpipeBlocked quiet;
    return continueHandshake();
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
    if (m_endPending) { // the end that came with the last bytes
        m_endPending = false;
        errno = m_endErrno;
        return m_endedWith;
    }
    const SigpipeBlocked quiet; // a read may write (an alert, a key update's answer)
    char* buffer = readBuffer();
    qsizetype total = 0;
    std::optional<QByteArray> result;
    while (kMaxReadBytes - total >= kRecordBytes) {
        ERR_clear_error();
        errno = 0;
        const int n = SSL_read(m_ssl.get(), buffer + total, int(kMaxReadBytes - total));
        const int systemError = errno;
        if (n > 0) {
            total += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl.get(), n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            errno = EAGAIN;
        } else if (error == SSL_ERROR_ZERO_RETURN) {
            result = QByteArray(); // close_notify, or a FIN without one
        } else {
            noteFatal(error, systemError);
        }
        if (total > 0 && (result || errno != EAGAIN)) {
            // The bytes first, the end next: OpenSSL has taken the
            // close_notify off the socket, which may never be readable
            // again (a peer that half-closes TLS keeps TCP open to read).
            m_endPending = true;
            m_endedWith = result;
            m_endErrno = errno;
            break;
        }
        if (total > 0)
            break;
        flushWire();
        return result;
    }
    flushWire();
    return QByteArray(buffer, total);
}

ssize_t TlsTransport::write(const char* data, qsizetype size) {
    if (m_handshaking) {
        errno = EAGAIN;
        return -1;
    }
    const SigpipeBlocked quiet;
    ERR_clear_error();
    errno = 0;
    const int n = SSL_write(m_ssl.get(), data, int(std::min<qsizetype>(size, 1 << 30)));
    const int systemError = errno;
    ssize_t written = n;
    if (n <= 0) {
        const int error = SSL_get_error(m_ssl.get(), n);
        if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ)
            errno = EAGAIN;
        else
            noteFatal(error, systemError);
        written = -1;
    }
    const int saved = errno;
    flushWire();
    errno = saved;
    return written;
}

bool TlsTransport::finishWriting() {
    if (m_handshaking) { // close_notify once there is a session to close
        errno = EAGAIN;
        return false;
    }
    // After a fatal error OpenSSL may write nothing more: the FIN says the rest.
    if (m_closeNotifySent || !m_failure.isEmpty())
        return true;
    const SigpipeBlocked quiet;
    ERR_clear_error();
    errno = 0;
    // Sends close_notify, or goes on where the full socket stopped it.
    const int result = SSL_shutdown(m_ssl.get());
    const int systemError = errno;
    const int error = result >= 0 ? SSL_ERROR_NONE : SSL_get_error(m_ssl.get(), result);
    m_closeNotifyWaits = error == SSL_ERROR_WANT_WRITE;
    m_closeNotifySent = error == SSL_ERROR_NONE;
    if (m_closeNotifyWaits)
        errno = EAGAIN;
    else if (!m_closeNotifySent)
        noteFatal(error, systemError);
    flushWire();
    return m_closeNotifySent;
}

} // namespace sockscope
