// TlsTransport under a Connection, on real sockets, against an OpenSSL
// client that the test drives itself: so the test chooses when the peer
// reads, can leave the connection's socket full, and asks for key updates
// at the moments that matter.
#include "base/uniquefd.h"
#include "engine/connection.h"
#include "engine/localca.h"
#include "engine/opensslptr.h"
#include "engine/poller.h"
#include "engine/tlscontext.h"

#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/crypto.h>

#include <linux/sockios.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdlib>
#include <optional>
#include <utility>

using namespace sockscope;

namespace {
// While set, OpenSSL's allocations fail: how SSL_new really fails.
bool g_failOpenSslAllocations = false;

void* allocate(size_t size, const char*, int) {
    return g_failOpenSslAllocations ? nullptr : std::malloc(size);
}
void* reallocate(void* block, size_t size, const char*, int) {
    return g_failOpenSslAllocations ? nullptr : std::realloc(block, size);
}
void release(void* block, const char*, int) {
    std::free(block);
}
// Before main(): OpenSSL takes other allocators only until it first allocates.
const bool g_allocatorsInstalled = CRYPTO_set_mem_functions(&allocate, &reallocate, &release) == 1;

QByteArray pattern(qsizetype size, int seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i * 131 + i / 977 + seed);
    return bytes;
}

// What fd's peer wrote and fd has not read yet.
int inboundBytes(int fd) {
    int bytes = 0;
    ::ioctl(fd, SIOCINQ, &bytes);
    return bytes;
}

// What was written to fd and is still in the kernel, not read by its peer.
int unreadBytes(int fd) {
    int bytes = 0;
    ::ioctl(fd, SIOCOUTQ, &bytes);
    return bytes;
}

// A connected pair of stream sockets: the connection's end and its peer's.
// Unix-domain, so that a test can fill the connection's end for certain:
// there every write needs room of its own, where TCP appends a small one to
// a segment it has not sent yet, whatever its send buffer says.
struct SocketPair {
    int connection = -1;
    UniqueFd peer;
};

SocketPair socketPair() {
    int ends[2] = {-1, -1};
    ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends);
    return {ends[0], UniqueFd(ends[1])};
}

// Tells the test what the connection did.
class Recorder final : public ConnectionObserver {
public:
    void connectionConnected(Connection*) override {}
    void connectionReceived(Connection* connection, const QByteArray& bytes) override {
        received += bytes;
        if (echo)
            connection->send(bytes);
        if (!answerOnce.isEmpty())
            connection->send(std::exchange(answerOnce, QByteArray()));
    }
    void connectionSent(Connection*, const QByteArray& bytes) override { sent.append(bytes); }
    void connectionHalfClosed(Connection*, Closer) override {}
    void connectionClosed(Connection*, Closer) override { ending = QStringLiteral("closed"); }
    void connectionReset(Connection*, Closer, const QString&) override {
        ending = QStringLiteral("reset");
    }
    void connectionFailed(Connection*, ErrorCode code, const QString& message) override {
        failure = code;
        ending = message;
    }
    void connectionSecured(Connection*, const std::shared_ptr<const TlsSummary>& summary) override {
        secured = summary->ok;
    }
    bool connectionWantsWire() const override { return true; } // the tap's path too

    bool echo = false;     // sends back what it receives
    QByteArray answerOnce; // sent when something is received next
    QByteArray received;
    QList<QByteArray> sent; // as reported, one entry per report
    bool secured = false;
    std::optional<QString> ending; // "closed", "reset" or the failure's message
    ErrorCode failure = ErrorCode::None;
};

// The connection's peer: an OpenSSL client on a non-blocking socket, moved
// on by the event loop, reading only while the test lets it.
class TlsPeer final : public QObject {
public:
    explicit TlsPeer(UniqueFd fd)
        : m_fd(std::move(fd))
        , m_ctx(SSL_CTX_new(TLS_client_method()))
        , m_readable(m_fd.get(), QSocketNotifier::Read)
        , m_writable(m_fd.get(), QSocketNotifier::Write) {
        // A record per write, which goes on from where a full socket
        // stopped it: key updates are asked for between writes.
        SSL_CTX_set_mode(m_ctx.get(),
                         SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        m_ssl.reset(SSL_new(m_ctx.get()));
        SSL_set_fd(m_ssl.get(), m_fd.get());
        SSL_set_connect_state(m_ssl.get());
        SSL_set_msg_callback(m_ssl.get(), &TlsPeer::onMessage);
        SSL_set_msg_callback_arg(m_ssl.get(), this);
        connect(&m_readable, &QSocketNotifier::activated, this, &TlsPeer::pump);
        connect(&m_writable, &QSocketNotifier::activated, this, &TlsPeer::pump);
        pump();
    }

    bool handshakeDone() const { return m_handshakeDone; }
    int descriptor() const { return m_fd.get(); }
    void setRecordSize(int bytes) { SSL_set_max_send_fragment(m_ssl.get(), bytes); }
    void setReading(bool reading) {
        m_reading = reading;
        pump();
    }
    void send(const QByteArray& bytes) {
        m_toSend += bytes;
        pump();
    }
    // From now on, asks for a key update (update_requested) before every
    // `every` bytes it sends, written at most `every` at a time.
    void requestKeyUpdates(qsizetype every) {
        m_keyUpdateEvery = every;
        m_nextKeyUpdate = m_sent;
    }

    QByteArray received;
    std::optional<QString> streamEnded; // "close_notify", or what else ended it
    int keyUpdatesRequested = 0;
    int keyUpdatesReceived = 0; // the connection's KeyUpdate messages

private:
    static void onMessage(int sent, int, int contentType, const void* bytes, size_t length, SSL*,
                          void* peer) {
        if (!sent && contentType == SSL3_RT_HANDSHAKE && length > 0 &&
            *static_cast<const unsigned char*>(bytes) == SSL3_MT_KEY_UPDATE)
            ++static_cast<TlsPeer*>(peer)->keyUpdatesReceived;
    }

    void pump() {
        m_wantsWritable = false;
        if (!m_handshakeDone) {
            const int result = SSL_do_handshake(m_ssl.get());
            m_handshakeDone = result == 1;
            m_wantsWritable =
                !m_handshakeDone && SSL_get_error(m_ssl.get(), result) == SSL_ERROR_WANT_WRITE;
        }
        if (m_handshakeDone && m_reading && !streamEnded)
            read();
        if (m_handshakeDone)
            write();
        m_readable.setEnabled(!streamEnded && (m_reading || !m_handshakeDone));
        m_writable.setEnabled(m_wantsWritable);
    }

    void read() {
        char buffer[16 * 1024];
        for (;;) {
            const int n = SSL_read(m_ssl.get(), buffer, sizeof(buffer));
            if (n > 0) {
                received.append(buffer, n);
                continue;
            }
            const int error = SSL_get_error(m_ssl.get(), n);
            m_wantsWritable = m_wantsWritable || error == SSL_ERROR_WANT_WRITE;
            if (error == SSL_ERROR_ZERO_RETURN)
                streamEnded = QStringLiteral("close_notify");
            else if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE)
                streamEnded = takeOpenSslErrors(QStringLiteral("error %1").arg(error));
            return;
        }
    }

    void write() {
        while (m_sent < m_toSend.size()) {
            // Between writes only: OpenSSL refuses one while a record is half sent.
            if (m_keyUpdateEvery > 0 && m_sent >= m_nextKeyUpdate && !m_writeStopped) {
                // Only with room for all of it: with a KeyUpdate half sent,
                // SSL_read() wants to finish it before reading anything, and
                // this peer must read when the test asks it to.
                pollfd room{m_fd.get(), POLLOUT, 0};
                if (::poll(&room, 1, 0) != 1) {
                    m_wantsWritable = true;
                    return;
                }
                QVERIFY(SSL_key_update(m_ssl.get(), SSL_KEY_UPDATE_REQUESTED) == 1);
                ++keyUpdatesRequested;
                m_nextKeyUpdate += m_keyUpdateEvery;
            }
            const qsizetype most = m_keyUpdateEvery > 0 ? m_keyUpdateEvery : 16 * 1024;
            const int n = SSL_write(m_ssl.get(), m_toSend.constData() + m_sent,
                                    int(std::min(m_toSend.size() - m_sent, most)));
            m_writeStopped = n <= 0;
            if (m_writeStopped) {
                m_wantsWritable =
                    m_wantsWritable || SSL_get_error(m_ssl.get(), n) == SSL_ERROR_WANT_WRITE;
                return;
            }
            m_sent += n;
        }
    }

    UniqueFd m_fd;
    UniqueSslCtx m_ctx;
    UniqueSsl m_ssl;
    QSocketNotifier m_readable;
    QSocketNotifier m_writable;
    bool m_handshakeDone = false;
    bool m_reading = true;
    bool m_wantsWritable = false;
    bool m_writeStopped = false;
    QByteArray m_toSend;
    qsizetype m_sent = 0;
    qsizetype m_keyUpdateEvery = 0;
    qsizetype m_nextKeyUpdate = 0;
};
} // namespace

class tst_TlsTransport final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void failedSslNewFailsTheConnectionByName();
    void closeSendsCloseNotifyOnceTheSocketTakesIt();
    void abortDropsACloseNotifyThePeerNeverMakesRoomFor();
    void keyUpdateAnswerTheSocketCannotTakeLetsReadingGoOn();
    void keyUpdatesWhileBothWaysFloodKeepEveryByte();
    void keyUpdateAnswersForAPeerThatDoesNotReadStopReading();
    void recordsReadAheadAreReadWithoutNewInput();
    void recordsReadAheadAreReadWhenTheBacklogEnds();
    void aChunkWrittenInPiecesIsReportedOnce();
    void ownDataWaitingForTheSocketLetsReadingGoOn();

private:
    // An accepted TLS connection with its handshake done, and its peer.
    struct Secured {
        SocketPair pair;
        Poller poller;
        Recorder recorder;
        std::optional<Connection> connection;
        std::optional<TlsPeer> peer;
    };
    void secure(Secured* s);
    // Leaves s's socket full with its queue empty: sent is written, in the
    // kernel, where the peer does not read it; then the kernel's send buffer
    // shrinks below what it holds.
    void fillSocket(Secured* s, const QByteArray& sent);
    // Leaves sent (26 records' worth) waiting in s's socket as records of
    // 10,000 bytes, all of them at once, with reading paused. Once reading
    // resumes, one read() stops at 25 records, with less room than a record
    // left of its 256 KiB; OpenSSL took the last record with the recv()s it
    // read ahead, so the socket is empty and will not wake the connection.
    void waitAsRecords(Secured* s, const QByteArray& sent);

    QTemporaryDir m_caDir;
    std::shared_ptr<const TlsContext> m_server;
};

void tst_TlsTransport::initTestCase() {
    // The peer writes through OpenSSL's socket BIO, with write(): an alert
    // it sends to a connection that has ended must not end the test.
    std::signal(SIGPIPE, SIG_IGN);
    QVERIFY(g_allocatorsInstalled);
    QVERIFY(m_caDir.isValid());
    QString error;
    const std::shared_ptr<const LocalCa> ca = LocalCa::open(m_caDir.path(), &error);
    QVERIFY2(ca, qPrintable(error));
    TlsOptions options;
    options.enabled = true;
    m_server = TlsContext::forServer(options, ca, &error);
    QVERIFY2(m_server, qPrintable(error));
}

void tst_TlsTransport::failedSslNewFailsTheConnectionByName() {
    SocketPair pair = socketPair();
    QVERIFY(pair.connection >= 0);
    Poller poller;
    Recorder recorder;
    g_failOpenSslAllocations = true;
    Connection connection(1, pair.connection, SocketAddress(), &poller, &recorder, m_server,
                          nullptr);
    g_failOpenSslAllocations = false;
    // From the event loop, as any failure found while the connection is
    // made: the session records the accept first.
    QVERIFY(!recorder.ending);
    QTRY_VERIFY(recorder.ending);
    QCOMPARE(recorder.failure, ErrorCode::TlsFailed);
    QVERIFY2(recorder.ending->startsWith(u"cannot start TLS with "_qs),
             qPrintable(*recorder.ending));
    QCOMPARE(poller.watchedCount(), 0);
    char byte = 0;
    QCOMPARE(::recv(pair.peer.get(), &byte, 1, 0), ssize_t(0)); // the descriptor is closed
}

void tst_TlsTransport::recordsReadAheadAreReadWithoutNewInput() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(26 * 10000, 8);
    waitAsRecords(&s, sent);
    if (QTest::currentTestFailed())
        return;
    s.connection->setReadingPaused(false);
    QTRY_COMPARE(s.recorder.received.size(), sent.size());
    QVERIFY(s.recorder.received == sent);
    QVERIFY(!s.recorder.ending);
}

void tst_TlsTransport::recordsReadAheadAreReadWhenTheBacklogEnds() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray filling = pattern(128 * 1024, 10);
    fillSocket(&s, filling);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(26 * 10000, 11);
    waitAsRecords(&s, sent);
    if (QTest::currentTestFailed())
        return;
    // What the connection answers to those first bytes waits for a peer
    // that does not read, over the write queue's high-water mark: its own
    // backlog stops its reading before the last record.
    const QByteArray answer = pattern(1536 * 1024, 12);
    s.recorder.answerOnce = answer;
    s.connection->setReadingPaused(false);
    QTRY_VERIFY(!s.recorder.received.isEmpty());
    QVERIFY(s.recorder.received.size() < sent.size());
    // The peer reads, the queue drains under the low-water mark, and reading
    // resumes with the record OpenSSL holds: the socket is empty.
    s.peer->setReading(true);
    QTRY_COMPARE(s.peer->received.size(), filling.size() + answer.size());
    QTRY_COMPARE(s.recorder.received.size(), sent.size());
    QVERIFY(s.recorder.received == sent);
}

void tst_TlsTransport::aChunkWrittenInPiecesIsReportedOnce() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    // Room in the socket for all of it (Unix-domain: the sender's buffer),
    // so one pass writes the whole chunk, 48 KiB per SSL_write().
    const int sendBuffer = 1024 * 1024;
    QVERIFY(::setsockopt(s.pair.connection, SOL_SOCKET, SO_SNDBUF, &sendBuffer,
                         sizeof(sendBuffer)) == 0);
    const QByteArray chunk = pattern(200 * 1024, 9);
    s.connection->send(chunk);
    QTRY_COMPARE(s.peer->received.size(), chunk.size());
    QVERIFY(s.peer->received == chunk);
    QCOMPARE(s.recorder.sent.size(), 1);
    QVERIFY(s.recorder.sent.front() == chunk);
}

void tst_TlsTransport::secure(Secured* s) {
    s->pair = socketPair();
    QVERIFY(s->pair.connection >= 0);
    s->connection.emplace(1, s->pair.connection, SocketAddress(), &s->poller, &s->recorder,
                          m_server, nullptr);
    s->peer.emplace(std::move(s->pair.peer));
    QTRY_VERIFY(s->peer->handshakeDone() && s->recorder.secured);
}

void tst_TlsTransport::fillSocket(Secured* s, const QByteArray& sent) {
    s->peer->setReading(false);
    s->connection->send(sent);
    QTRY_VERIFY(s->connection->queuedBytes() == 0 && unreadBytes(s->pair.connection) > 64 * 1024);
    const int smallest = 1; // the kernel makes it its minimum, a few KiB
    ::setsockopt(s->pair.connection, SOL_SOCKET, SO_SNDBUF, &smallest, sizeof(smallest));
}

void tst_TlsTransport::waitAsRecords(Secured* s, const QByteArray& sent) {
    // All of it at once: the peer's send buffer has room (Unix-domain: the
    // sender's buffer holds what the receiver has not read).
    const int sendBuffer = 1024 * 1024;
    QVERIFY(::setsockopt(s->peer->descriptor(), SOL_SOCKET, SO_SNDBUF, &sendBuffer,
                         sizeof(sendBuffer)) == 0);
    s->connection->setReadingPaused(true);
    s->peer->setRecordSize(10000);
    s->peer->send(sent);
    QTRY_VERIFY(inboundBytes(s->pair.connection) >= sent.size());
}

void tst_TlsTransport::closeSendsCloseNotifyOnceTheSocketTakesIt() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(128 * 1024, 1);
    fillSocket(&s, sent);
    if (QTest::currentTestFailed())
        return;
    s.connection->close();
    // As a close with bytes still queued: it waits for the socket.
    QVERIFY(!s.recorder.ending);
    s.peer->setReading(true);
    QTRY_VERIFY(s.peer->streamEnded);
    QCOMPARE(*s.peer->streamEnded, u"close_notify"_qs);
    QVERIFY(s.peer->received == sent);
    QTRY_COMPARE(s.recorder.ending.value_or(QString()), u"closed"_qs);
}

void tst_TlsTransport::abortDropsACloseNotifyThePeerNeverMakesRoomFor() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(128 * 1024, 2);
    fillSocket(&s, sent);
    if (QTest::currentTestFailed())
        return;
    s.connection->close();
    QVERIFY(!s.recorder.ending);
    // What ends a close that stalls (a person's Abort, the grace period of
    // a shutdown) ends this one too, at once.
    s.connection->abort();
    QCOMPARE(s.recorder.ending.value_or(QString()), u"closed"_qs);
    s.peer->setReading(true);
    QTRY_VERIFY(s.peer->streamEnded);
    QVERIFY(s.peer->received == sent);
    QVERIFY2(*s.peer->streamEnded != u"close_notify"_qs, qPrintable(*s.peer->streamEnded));
}

void tst_TlsTransport::keyUpdateAnswerTheSocketCannotTakeLetsReadingGoOn() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    s.recorder.echo = true;
    const QByteArray sent = pattern(128 * 1024, 3);
    fillSocket(&s, sent);
    if (QTest::currentTestFailed())
        return;
    // Reading the request makes OpenSSL write its answer, which the full
    // socket does not take: reading goes on all the same.
    s.peer->requestKeyUpdates(1024);
    s.peer->send("ping");
    QTRY_COMPARE(s.recorder.received, QByteArray("ping"));
    s.peer->send("more");
    QTRY_COMPARE(s.recorder.received, QByteArray("pingmore"));
    // Waiting for the socket, the connection is not woken on every pass of
    // the event loop.
    int wakeups = 0;
    auto* notifier = s.poller.findChild<QSocketNotifier*>();
    QVERIFY(notifier);
    connect(notifier, &QSocketNotifier::activated, this, [&wakeups] { ++wakeups; });
    for (int pass = 0; pass < 100; ++pass)
        QCoreApplication::processEvents();
    QVERIFY2(wakeups <= 2, qPrintable(QString::number(wakeups)));

    s.peer->setReading(true);
    QTRY_COMPARE(s.peer->received.size(), sent.size() + 8);
    QVERIFY(s.peer->received == sent + "pingmore");
    QCOMPARE(s.peer->keyUpdatesReceived, 1);
    QVERIFY(!s.recorder.ending);
}

void tst_TlsTransport::keyUpdatesWhileBothWaysFloodKeepEveryByte() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    // A small send buffer: our writes, the key update answers among them,
    // often find the socket full.
    const int sendBuffer = 16 * 1024;
    ::setsockopt(s.pair.connection, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof(sendBuffer));
    const QByteArray toConnection = pattern(3 * 1024 * 1024, 4);
    const QByteArray toPeer = pattern(3 * 1024 * 1024, 5);
    s.peer->requestKeyUpdates(64 * 1024);
    s.peer->send(toConnection);
    s.connection->send(toPeer);
    QTRY_VERIFY_WITH_TIMEOUT((s.recorder.received.size() == toConnection.size() &&
                              s.peer->received.size() == toPeer.size()) ||
                                 s.recorder.ending,
                             60000);
    QVERIFY2(!s.recorder.ending, qPrintable(s.recorder.ending.value_or(QString())));
    QVERIFY(s.recorder.received == toConnection);
    QVERIFY(s.peer->received == toPeer);
    QCOMPARE(s.peer->keyUpdatesRequested, 48);
    QVERIFY(s.peer->keyUpdatesReceived >= 1);
}

void tst_TlsTransport::keyUpdateAnswersForAPeerThatDoesNotReadStopReading() {
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(128 * 1024, 6);
    fillSocket(&s, sent);
    if (QTest::currentTestFailed())
        return;
    // Each byte asks for an answer that waits for the full socket.
    const QByteArray asking = pattern(20000, 7);
    s.peer->requestKeyUpdates(1);
    s.peer->send(asking);
    for (int pass = 0; pass < 200; ++pass)
        QCoreApplication::processEvents();
    QVERIFY(!s.recorder.received.isEmpty());
    QVERIFY2(s.recorder.received.size() < 10 * 1024,
             qPrintable(QString::number(s.recorder.received.size())));

    s.peer->setReading(true);
    QTRY_COMPARE_WITH_TIMEOUT(s.recorder.received.size(), asking.size(), 30000);
    QVERIFY(s.recorder.received == asking);
    QTRY_COMPARE(s.peer->received.size(), sent.size());
    QVERIFY(s.peer->received == sent);
    QVERIFY(!s.recorder.ending);
}

void tst_TlsTransport::ownDataWaitingForTheSocketLetsReadingGoOn() {
    // A relay leg whose peer is slow to read must read on: its other leg
    // may be waiting for the bytes it brings. A whole batch of our records
    // left in the transport by the full socket must not count as OpenSSL's
    // own writes, which stop reading past their limit.
    Secured s;
    secure(&s);
    if (QTest::currentTestFailed())
        return;
    const QByteArray sent = pattern(128 * 1024, 8);
    fillSocket(&s, sent);
    if (QTest::currentTestFailed())
        return;
    const QByteArray more = pattern(96 * 1024, 9);
    s.connection->send(more); // a batch goes to the transport, the rest waits in the queue
    const QByteArray incoming = pattern(64 * 1024, 10);
    s.peer->send(incoming);
    QTRY_COMPARE(s.recorder.received.size(), incoming.size());
    QVERIFY(s.recorder.received == incoming);
    s.peer->setReading(true);
    QTRY_COMPARE(s.peer->received.size(), sent.size() + more.size());
    QVERIFY(s.peer->received == sent + more);
    QVERIFY(!s.recorder.ending);
}

QTEST_GUILESS_MAIN(tst_TlsTransport)
#include "tst_tlstransport.moc"
