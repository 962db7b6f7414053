#include "engine/tlstransport.h"

#include "engine/tlscontext.h"

#include <QScopeGuard>

#include <openssl/err.h>

#include <sys/socket.h>

#include <cerrno>

namespace sockscope {

namespace {
// The largest plaintext a TLS record carries.
constexpr qsizetype kRecordBytes = 16 * 1024;

// OpenSSL's read buffer, with read-ahead: four whole records.
constexpr int kReadAheadBytes = 4 * (kRecordBytes + 512);

char* readBuffer() {
    thread_local QByteArray buffer(Transport::kMaxReadBytes, Qt::Uninitialized);
    return buffer.data();
}

// write() gives OpenSSL this much at a time, its records sent in one send()
// (a system call per 16 KiB record cost more than the copy into m_unsent),
// and the next batch only once the last is out, so of the connection's data
// the socket leaves at most one batch unsent.
constexpr qsizetype kWriteBatch = 3 * kRecordBytes;
// While this much waits, reading stops until it is out: what OpenSSL writes
// on its own (key update answers) for a peer that does not read them must
// not grow without bound. Above a whole batch's records (their headers and
// tags included), so that the connection's own data, which a slow peer
// leaves here, never stops reading: a relay leg reads on while its socket
// is full.
constexpr qsizetype kUnsentLimit = 4 * kRecordBytes;
static_assert(kUnsentLimit - kWriteBatch >= 3 * 512, "room for each record's overhead");

// The read side's socket BIO: each recv() for the wire capture.
long tapBio(BIO* bio, int operation, const char* bytes, size_t length, int argi, long argl, int ret,
            size_t* processed) {
    Q_UNUSED(length);
    Q_UNUSED(argi);
    Q_UNUSED(argl);
    auto* transport = reinterpret_cast<TlsTransport*>(BIO_get_callback_arg(bio));
    if (operation == (BIO_CB_READ | BIO_CB_RETURN) && ret > 0 && processed && *processed > 0 &&
        transport)
        transport->tapped(false, bytes, *processed);
    return ret;
}

// The write side's BIO: what OpenSSL writes goes to sendRecords(), which
// takes all of it, so OpenSSL never holds a half-written record.
int writeRecords(BIO* bio, const char* bytes, size_t length, size_t* written) {
    BIO_clear_retry_flags(bio);
    auto* transport = static_cast<TlsTransport*>(BIO_get_data(bio));
    if (!transport || !transport->sendRecords(bytes, qsizetype(length)))
        return 0; // errno: the socket's error, a fatal one for OpenSSL
    *written = length;
    return 1;
}

long controlRecords(BIO* bio, int command, long argument, void* pointer) {
    Q_UNUSED(bio);
    Q_UNUSED(argument);
    Q_UNUSED(pointer);
    // OpenSSL flushes after a handshake flight; what the socket did not take
    // waits for writability either way.
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

// One per connection, freed with it: one shared from the first connection
// on would keep a failure to make it (out of memory) for good.
BIO_METHOD* newRecordsMethod() {
    static const int type = BIO_get_new_index() | BIO_TYPE_SOURCE_SINK;
    BIO_METHOD* method = BIO_meth_new(type, "sockscope records");
    if (method) {
        BIO_meth_set_write_ex(method, &writeRecords);
        BIO_meth_set_ctrl(method, &controlRecords);
    }
    return method;
}
} // namespace

std::unique_ptr<TlsTransport> TlsTransport::create(int fd, const TlsContext& context,
                                                   const QString& host, TransportObserver* observer,
                                                   QString* error) {
    ERR_clear_error();
    UniqueSsl ssl = context.newSsl(host);
    UniqueBioMethod records(ssl ? newRecordsMethod() : nullptr);
    BIO* in = records ? BIO_new_socket(fd, BIO_NOCLOSE) : nullptr;
    BIO* out = in ? BIO_new(records.get()) : nullptr;
    if (!out) {
        BIO_free(in);
        *error = takeOpenSslErrors(QStringLiteral("out of memory"));
        return nullptr;
    }
    BIO_set_init(out, 1);
    SSL_set_bio(ssl.get(), in, out);
    SSL_set_read_ahead(ssl.get(), 1);
    SSL_set_default_read_buffer_len(ssl.get(), kReadAheadBytes);
    return std::unique_ptr<TlsTransport>(
        new TlsTransport(fd, context, host, observer, std::move(records), std::move(ssl)));
}

TlsTransport::TlsTransport(int fd, const TlsContext& context, const QString& host,
                           TransportObserver* observer, UniqueBioMethod records, UniqueSsl ssl)
    : m_fd(fd)
    , m_observer(observer)
    , m_inspector(context.isClient(),
                  context.isClient() ? context.options().verify
                                     : context.options().requestClientCert,
                  context.serverName(host))
    , m_records(std::move(records))
    , m_ssl(std::move(ssl))
    , m_handshakeWants(context.isClient() ? Need::Writable : Need::Readable) {
    BIO* in = SSL_get_rbio(m_ssl.get());
    BIO_set_callback_ex(in, &tapBio);
    BIO_set_callback_arg(in, reinterpret_cast<char*>(this));
    BIO_set_data(SSL_get_wbio(m_ssl.get()), this);
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
    BIO_set_data(SSL_get_wbio(m_ssl.get()), nullptr);
}

void TlsTransport::tapped(bool sent, const char* bytes, size_t length) {
    if (!m_observer->wantsWire())
        return;
    // One direction is reported before the other starts, so the capture
    // keeps the order the records crossed in (a client's Finished after the
    // server's flight), which Wireshark needs to decrypt both directions.
    if (!(sent ? m_wireIn : m_wireOut).isEmpty())
        flushWire();
    QByteArray& wire = sent ? m_wireOut : m_wireIn;
    if (wire.isEmpty())
        wire = QByteArray(bytes, qsizetype(length)); // no room to grow: it goes to the capture
    else
        wire.append(bytes, qsizetype(length));
}

bool TlsTransport::sendRecords(const char* bytes, qsizetype length) {
    qsizetype sent = 0;
    if (m_unsent.isEmpty() && !m_batching) { // else these go after what waits
        const int before = errno;
        const ssize_t n = ::send(m_fd, bytes, size_t(length), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return false;
        // Kept for later is no failure: the errno that OpenSSL's caller
        // reads must not say EAGAIN for it.
        errno = before;
        sent = std::max<ssize_t>(n, 0);
        if (sent > 0)
            tapped(true, bytes, size_t(sent));
    }
    m_unsent.append(bytes + sent, length - sent);
    return true;
}

bool TlsTransport::sendUnsent() {
    if (m_unsent.isEmpty())
        return true;
    const ssize_t n = ::send(m_fd, m_unsent.constData(), size_t(m_unsent.size()), MSG_NOSIGNAL);
    if (n < 0)
        return errno == EAGAIN || errno == EINTR;
    tapped(true, m_unsent.constData(), size_t(n));
    m_unsent.remove(0, n);
    return true;
}

void TlsTransport::flushWire() {
    // The observer records (a recording's flush may set errno); the caller's
    // errno (EAGAIN, EPIPE) must reach the connection as it was.
    const int saved = errno;
    const auto restore = qScopeGuard([saved] { errno = saved; });
    // Shared with the capture as they are: without the room appending left.
    m_wireIn.squeeze();
    m_wireOut.squeeze();
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
    if (!m_unsent.isEmpty())
        wanted |= Need::Writable;
    return wanted;
}

bool TlsTransport::takesData() const {
    return !m_handshaking && m_unsent.size() < kUnsentLimit;
}

bool TlsTransport::advance(Needs ready) {
    if (ready.testFlag(Need::Writable) && !sendUnsent()) {
        if (m_handshaking)
            return endHandshake(false, errnoText(errno));
        flushWire();
        return false; // errno: the socket's
    }
    if (m_handshaking) // it goes on with whichever it waited for
        return continueHandshake();
    flushWire();
    return true;
}

bool TlsTransport::continueHandshake() {
    m_inspector.handshakeStarted();
    ERR_clear_error();
    errno = 0;
    const int result = SSL_do_handshake(m_ssl.get());
    const int systemError = errno;
    const int error = result == 1 ? SSL_ERROR_NONE : SSL_get_error(m_ssl.get(), result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        m_handshakeWants = error == SSL_ERROR_WANT_READ ? Need::Readable : Need::Writable;
        flushWire();
        return true;
    }
    QString reason;
    if (error != SSL_ERROR_NONE) {
        if (error == SSL_ERROR_SYSCALL) {
            ERR_clear_error();
            reason = systemError == 0 ? QStringLiteral("the peer closed the connection")
                                      : errnoText(systemError);
        } else {
            reason = takeOpenSslErrors(QStringLiteral("protocol error"));
        }
    }
    return endHandshake(error == SSL_ERROR_NONE, reason);
}

bool TlsTransport::endHandshake(bool ok, const QString& failure) {
    m_handshaking = false;
    // The peer's first records may have come in with its last handshake message.
    m_recordsReadAhead = ok && SSL_has_pending(m_ssl.get()) == 1;
    flushWire();
    const std::shared_ptr<const TlsSummary> summary = m_inspector.finish(m_ssl.get(), ok, failure);
    if (!summary->ok)
        m_failure = summary->failure;
    // Last: the observer may end the connection, and this transport with it.
    m_observer->handshakeFinished(summary);
    if (summary->ok)
        return true;
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
    if (m_unsent.size() >= kUnsentLimit) { // until the peer reads (takesData())
        errno = EAGAIN;
        return std::nullopt;
    }
    char* buffer = readBuffer();
    qsizetype total = 0;
    std::optional<QByteArray> result;
    // Stopped by the buffer's room or by m_unsent, OpenSSL may still hold
    // records; ended wanting the socket or with the stream, it holds none.
    m_recordsReadAhead = true;
    // A read may write (an alert, a key update's answer): up to the limit.
    while (kMaxReadBytes - total >= kRecordBytes && m_unsent.size() < kUnsentLimit) {
        ERR_clear_error();
        errno = 0;
        const int n = SSL_read(m_ssl.get(), buffer + total, int(kMaxReadBytes - total));
        const int systemError = errno;
        if (n > 0) {
            total += n;
            continue;
        }
        m_recordsReadAhead = false; // it wants the socket, or the stream ended
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
    m_recordsReadAhead = m_recordsReadAhead && SSL_has_pending(m_ssl.get()) == 1;
    return QByteArray(buffer, total);
}

bool TlsTransport::hasPendingInput() const {
    return m_endPending || (m_recordsReadAhead && m_unsent.size() < kUnsentLimit);
}

ssize_t TlsTransport::write(const char* data, qsizetype size) {
    if (m_handshaking) {
        errno = EAGAIN;
        return -1;
    }
    // A batch at a time, each once the last is out: the socket holds the
    // connection's queue back, not m_unsent.
    const bool sent = sendUnsent();
    if (!sent || !m_unsent.isEmpty()) {
        if (sent)
            errno = EAGAIN; // needs() asks for writability
        flushWire();
        return -1;
    }
    ERR_clear_error();
    errno = 0;
    m_batching = true; // the batch's records go out together, below
    const int n = SSL_write(m_ssl.get(), data, int(std::min(size, kWriteBatch)));
    const int systemError = errno;
    m_batching = false;
    if (n <= 0) {
        const int error = SSL_get_error(m_ssl.get(), n);
        if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ)
            errno = EAGAIN;
        else
            noteFatal(error, systemError);
    } else if (!sendUnsent()) {
        flushWire();
        return -1; // errno: the socket's
    }
    flushWire();
    return n > 0 ? n : -1;
}

bool TlsTransport::finishWriting() {
    if (m_handshaking) { // close_notify once there is a session to close
        errno = EAGAIN;
        return false;
    }
    // After a fatal error OpenSSL may write nothing more: the FIN says the rest.
    if (!m_closeNotifySent && m_failure.isEmpty()) {
        ERR_clear_error();
        errno = 0;
        const int result = SSL_shutdown(m_ssl.get()); // into m_unsent if the socket is full
        const int systemError = errno;
        if (result < 0) {
            noteFatal(SSL_get_error(m_ssl.get(), result), systemError);
            flushWire();
            return false;
        }
        m_closeNotifySent = true;
    }
    const bool sent = sendUnsent();
    if (sent && !m_unsent.isEmpty())
        errno = EAGAIN; // needs() asks for writability
    flushWire();
    return sent && m_unsent.isEmpty();
}

} // namespace sockscope
