#pragma once

#include "engine/opensslptr.h"
#include "engine/tlsinspector.h"
#include "engine/transport.h"

namespace sockscope {

class TlsContext;

// TLS over the connection's descriptor with OpenSSL 3. Records come in
// through a socket BIO, with no extra copy, whose callback shows each recv()
// to the wire capture. They go out through a BIO of our own that send()s
// each at once and keeps what the kernel does not take, telling OpenSSL it
// was all written, so OpenSSL never holds a half-written record. It did with
// the socket BIO, and then OpenSSL 3.0 failed the connection ("bad length")
// when a peer's second key update request came before the answer to its
// first was out, and an SSL_read() that had to write that answer waited for
// writability while the connection polled for input. What is kept goes out
// as the socket takes it, through needs() and advance(), whatever the
// connection wants. send() with MSG_NOSIGNAL raises no SIGPIPE, which the
// socket BIO's write() did.
//
// The handshake is driven through needs()/advance() while the connection
// reads and writes plaintext; its end (complete or failed, with the
// inspector's summary) goes to the observer.
//
// OpenSSL reads ahead: one recv() takes up to four records, where without
// read-ahead each record took two (its header, then its body); in a 1 GiB
// TLS echo that was five times the read calls, and a tenth more CPU.
// Records read ahead that a read() left (no room in its buffer, or its
// records waiting for a peer that does not read: takesData()) wait inside
// OpenSSL, where a level-triggered poll cannot see them, so
// hasPendingInput() tells the connection to read again. A read() that ends
// wanting more has taken everything the socket had, so the poll wakes for
// the rest.
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
    // Not while what OpenSSL wrote of its own accord (key update answers)
    // piles up for a peer that does not read it: reading stops too.
    bool takesData() const override;
    bool handshaking() const override { return m_handshaking; }
    bool hasPendingInput() const override;
    TransportFailure failure(int error) const override;

    // Bytes that crossed the descriptor, for the wire capture (from the
    // read BIO's callback, and sendRecords()).
    void tapped(bool sent, const char* bytes, size_t length);
    // The write BIO's: records OpenSSL wrote, sent now or kept to send in
    // order. False with errno set when the socket failed.
    bool sendRecords(const char* bytes, qsizetype length);

private:
    using UniqueBioMethod = std::unique_ptr<BIO_METHOD, OpenSslFree<&BIO_meth_free>>;

    // ssl: with its BIOs set, the write BIO of the records method.
    TlsTransport(int fd, const TlsContext& context, const QString& host,
                 TransportObserver* observer, UniqueBioMethod records, UniqueSsl ssl);
    bool continueHandshake();
    // The handshake is over: the observer is told, with failure's reason.
    // False with errno EPROTO when it failed.
    bool endHandshake(bool ok, const QString& failure);
    // Sends what the socket did not take before, as much as it takes now.
    // False with errno set when the socket failed.
    bool sendUnsent();
    // Gives the observer the wire bytes gathered during one call: one
    // report per read or write, not two per record (header, then body).
    void flushWire();
    // Notes an SSL_ERROR_* that ends the stream, with errno set for the caller.
    // systemError: errno right after the OpenSSL call.
    void noteFatal(int sslError, int systemError);

    const int m_fd;
    TransportObserver* const m_observer;
    TlsInspector m_inspector;
    UniqueBioMethod m_records; // outlives m_ssl, whose write BIO uses it
    UniqueSsl m_ssl;
    bool m_handshaking = true;
    Need m_handshakeWants;
    QByteArray m_unsent; // the records the socket did not take yet, in order
    bool m_closeNotifySent = false;
    QByteArray m_wireIn;
    QByteArray m_wireOut;
    QString m_failure; // the reason the stream failed, once it has
    // The stream ended (close_notify, an error) in the read that returned
    // the last bytes: the next read() reports it, with this errno.
    bool m_endPending = false;
    // OpenSSL may hold records read ahead that no read() has taken yet.
    bool m_recordsReadAhead = false;
    bool m_batching = false; // inside write()'s SSL_write: records wait to go out together
    std::optional<QByteArray> m_endedWith;
    int m_endErrno = 0;
};

} // namespace sockscope
