#pragma once

#include "base/captureevent.h"
#include "base/sockaddr.h"
#include "base/tlssummary.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QString>

#include <sys/types.h>

#include <memory>
#include <optional>

namespace sockscope {

// Told what a transport did below the plaintext: what crossed the
// descriptor itself, and how a TLS handshake ended. The connection's
// observer already gets the plaintext (connectionReceived, connectionSent);
// a transport that changes the bytes on their way reports the wire side
// here. TLS reports the ciphertext records as it recv()s and send()s them,
// so that a capture shows both the conversation and what was really on the
// wire (the handshake, alerts, record sizes), and a pcapng export carries
// the real TCP payload with the keys to decrypt it. A plain transport never
// calls it: its wire bytes are the plaintext, and reporting every byte
// twice would double the capture's work for nothing.
class TransportObserver {
public:
    // Whole buffers, so that the capture shares them rather than copy.
    virtual void wireReceived(const QByteArray& bytes) = 0;
    virtual void wireSent(const QByteArray& bytes) = 0;
    // Whether anyone keeps the records (a capture that stores payload, a
    // recording): copying each one for nobody was a tenth of a TLS echo
    // listener's work.
    virtual bool wantsWire() const = 0;
    // The TLS handshake completed, or failed (summary->ok false; the
    // transport's advance() then returns false).
    virtual void handshakeFinished(const std::shared_ptr<const TlsSummary>& summary) = 0;

protected:
    ~TransportObserver() = default;
};

// Why a transport call failed, for the connection's error event.
struct TransportFailure {
    ErrorCode code;
    QString reason;
};

// The bytes between a connection's descriptor and its logic. The
// connection sees plaintext; the transport reads and writes the
// descriptor, which for TLS carries ciphertext (OpenSSL 3 driven through
// memory BIOs, issue 17). Why it looks the way it does:
//
// - It borrows the descriptor; the Connection owns it. The descriptor
//   exists before any transport (the non-blocking connect, the source
//   bind), and the socket-level work stays in one place whatever the
//   transport: the epoll registration, SO_LINGER and SIOCOUTQ for a reset.
// - read() and write() keep the shape of recv() and send(): the bytes, or
//   nullopt / -1 with errno set (EAGAIN: nothing now). The connection's
//   loops, its EAGAIN and error handling and its messages stay as they
//   were, and a plain transport is a plain system call, with the same
//   reused per-thread buffers, FIONREAD sizing and reads straight into an
//   exact array as before: no copy is added.
// - The transport has needs of its own (needs(), advance()): TLS must
//   write while the connection only reads (a key update's answer,
//   renegotiation, ciphertext the kernel did not take yet) and read while
//   it only writes (the handshake, a peer's key update). The connection
//   ORs those needs into its poll interest and calls advance() when one is
//   met, even while its own reading is held, so the transport's work never
//   waits for the connection's. A plain transport has none.
// - What ends our direction before the FIN (TLS: close_notify) is written
//   by finishWriting() as the last of the queue: a half-close or close
//   waits for it as for queued bytes, and an abort drops it. The FIN itself
//   is the connection's shutdown(SHUT_WR), once that is done.
// - What happens below the plaintext (wire bytes, the handshake's end) goes
//   to a TransportObserver, the connection, which passes it on.
class Transport {
public:
    enum class Need : quint8 { Readable = 1 << 0, Writable = 1 << 1 };
    Q_DECLARE_FLAGS(Needs, Need)

    // A read returns at most this many bytes; a read that returns fewer
    // found nothing more waiting, so the connection yields to other sockets.
    static constexpr qsizetype kMaxReadBytes = 256 * 1024;

    Transport() = default;
    virtual ~Transport() = default;
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Plaintext read: the bytes (empty at the peer's end of the stream), or
    // nullopt with errno set.
    virtual std::optional<QByteArray> read() = 0;
    // Plaintext written: how many bytes of data the transport took (maybe
    // fewer than size), or -1 with errno set.
    virtual ssize_t write(const char* data, qsizetype size) = 0;
    // Writes what must go before our FIN, once everything queued is written
    // (TLS: close_notify). True once it is all out; false with errno set
    // otherwise, as write(): EAGAIN while it waits (for the handshake, or for
    // writability, which needs() then asks for; the connection calls it
    // again after advance()), another error when writing it failed.
    virtual bool finishWriting() { return true; }

    // Readiness the transport needs for its own work, whatever the
    // connection wants.
    virtual Needs needs() const { return {}; }
    // Whether a read() right now would return something without the socket
    // becoming readable again (TLS: the end of the stream, read together
    // with the last bytes). The connection reads on while it does.
    virtual bool hasPendingInput() const { return false; }
    // Whether plaintext can flow now (TLS: not during the handshake, nor
    // while its own records wait for a peer that does not read them). The
    // connection asks for readability and for writability for its queue
    // only then, so neither spins on a socket the transport is using.
    virtual bool takesData() const { return true; }
    // Whether advance() is running a handshake, for naming what failed.
    virtual bool handshaking() const { return false; }
    // Some of what needs() asked for arrived: do the transport's own work.
    // False with errno set when that failed.
    virtual bool advance(Needs ready) {
        Q_UNUSED(ready);
        return true;
    }

    // Why the last read(), write() or advance() failed, given its errno.
    virtual TransportFailure failure(int error) const {
        return {errnoCode(error), errnoText(error)};
    }
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Transport::Needs)

} // namespace sockscope
