// TlsTransport under a Connection, on real sockets.
#include "base/uniquefd.h"
#include "engine/connection.h"
#include "engine/localca.h"
#include "engine/poller.h"
#include "engine/tlscontext.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/crypto.h>

#include <sys/socket.h>

#include <cstdlib>
#include <optional>

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

// A connected pair of stream sockets: the connection's end and its peer's.
struct SocketPair {
    int connection = -1;
    UniqueFd peer;
};

SocketPair socketPair() {
    int ends[2] = {-1, -1};
    ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends);
    return {ends[0], UniqueFd(ends[1])};
}

// Tells the test how the connection ended.
class Recorder final : public ConnectionObserver {
public:
    void connectionConnected(Connection*) override {}
    void connectionReceived(Connection*, const QByteArray&) override {}
    void connectionSent(Connection*, const QByteArray&) override {}
    void connectionHalfClosed(Connection*, Closer) override {}
    void connectionClosed(Connection*, Closer) override { ending = QStringLiteral("closed"); }
    void connectionReset(Connection*, Closer, const QString&) override {
        ending = QStringLiteral("reset");
    }
    void connectionFailed(Connection*, ErrorCode code, const QString& message) override {
        failure = code;
        ending = message;
    }

    std::optional<QString> ending; // "closed", "reset" or the failure's message
    ErrorCode failure = ErrorCode::None;
};
} // namespace

class tst_TlsTransport final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void failedSslNewFailsTheConnectionByName();

private:
    QTemporaryDir m_caDir;
    std::shared_ptr<const TlsContext> m_server;
};

void tst_TlsTransport::initTestCase() {
    QVERIFY(g_allocatorsInstalled);
    QVERIFY(m_caDir.isValid());
    QString error;
    const std::shared_ptr<const LocalCa> ca = LocalCa::open(m_caDir.path(), &error);
    QVERIFY2(ca, qPrintable(error));
    TlsOptions options;
    options.enabled = true;
    m_server = TlsContext::forServer(options, ca.get(), &error);
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

QTEST_GUILESS_MAIN(tst_TlsTransport)
#include "tst_tlstransport.moc"
