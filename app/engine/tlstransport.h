#pragma once

#include "engine/opensslptr.h"
#include "engine/tlsinspector.h"
#include "engine/transport.h"

namespace sockscope {

class TlsContext;

// TLS over the connection's descriptor with OpenSSL 3: a socket BIO, so
// records go between the kernel and OpenSSL with no extra copy, and a BIO
// callback that sees each recv() and send() for the wire capture. The
// handshake is driven through needs()/advance() while the connection reads
// and writes plaintext; its end (complete or failed, with the inspector's
// summary) goes to the observer.
//
// Reads stop with room for a whole record left in the buffer, and
// OpenSSL's read-ahead stays off, so no complete record ever waits inside
// OpenSSL while the socket is empty: a level-triggered poll always has
// something to wake for when plaintext is left to read.
class TlsTransport final : public Transport {
public:
    // host: what was connected to (a client's default SNI and verified
    // name); empty for a server. fd is borrowed, observer told as above.
    // Null with OpenSSL's reason when it cannot make the connection's TLS
    // state (out of memory).
    static std::unique_ptr<TlsTransport> create(int fd, const TlsContext& context,
                                                const QString& host, TransportObserver* observer,
                                                QString* error);
    ~TlsTransport() override;

    std::optional<QByteArray> read() override;
    ssize_t write(const char* data, qsizetype size) override;
    bool finishWriting() override;
    Needs needs() const override;
    bool advance(Needs ready) override;
    bool takesData() const override { return !m_handshaking; }
    bool hasPendingInput() const override { return m_endPending; }
    TransportFailure failure(int error) const override;

    // The BIO callback's: bytes that crossed the descriptor.
    void tapped(bool sent, const char* bytes, size_t length);

private:
    // ssl: with its BIO set.
    TlsTransport(int fd, const TlsContext& context, const QString& host,
                 TransportObserver* observer, UniqueSsl ssl);
    bool continueHandshake();
    // Gives the observer the wire bytes gathered during one call: one
    // report per read or write, not two per record (header, then body).
    void flushWire();
    // Notes an SSL_ERROR_* that ends the stream, with errno set for the caller.
    // systemError: errno right after the OpenSSL call.
    void noteFatal(int sslError, int systemError);

    const int m_fd;
    TransportObserver* const m_observer;
    TlsInspector m_inspector;
    UniqueSsl m_ssl;
    bool m_handshaking = true;
    Need m_handshakeWants;
    bool m_closeNotifyWaits = false; // SSL_shutdown found the socket full
    bool m_closeNotifySent = false;
    QByteArray m_wireIn;
    QByteArray m_wireOut;
    QString m_failure; // the reason the stream failed, once it has
    // The stream ended (close_notify, an error) in the read that returned
    // the last bytes: the next read() reports it, with this errno.
    bool m_endPending = false;
    std::optional<QByteArray> m_endedWith;
    int m_endErrno = 0;
};

} // namespace sockscope
