// A client's socket options on real loopback sockets: the source address and
// port it binds before connecting (what the server's accept() sees), the
// errors that name a port in use or a foreign address, and TCP_NODELAY and
// SO_KEEPALIVE as getsockopt() reads them back from the real descriptor.
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QDir>
#include <QTest>

#include <netinet/tcp.h>
#include <sys/socket.h>

#include <optional>

using namespace sockscope;

namespace {
quint16 freePort() {
    // Bind, note the port, release it: nothing holds it afterwards.
    quint16 port = 0;
    RawPeer::listenOnLoopback(&port);
    return port;
}

// The server side's view of a connection: getpeername() of what it accepted.
quint16 peerPortOf(const RawPeer& accepted) {
    sockaddr_in address{};
    socklen_t length = sizeof(address);
    ::getpeername(accepted.descriptor(), reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

// This process's descriptor bound to 127.0.0.1:port, found through /proc:
// the engine never hands its descriptors out.
std::optional<int> descriptorWithLocalPort(quint16 port) {
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot);
    for (const QString& name : fds) {
        const int fd = name.toInt();
        sockaddr_storage address{};
        socklen_t length = sizeof(address);
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
            address.ss_family != AF_INET)
            continue;
        int type = 0;
        socklen_t typeLength = sizeof(type);
        ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeLength);
        if (type == SOCK_STREAM &&
            ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port) == port)
            return fd;
    }
    return std::nullopt;
}

int intOption(int fd, int level, int option) {
    int value = -1;
    socklen_t length = sizeof(value);
    ::getsockopt(fd, level, option, &value, &length);
    return value;
}

ClientConfig clientTo(quint16 port) {
    return {"127.0.0.1", port, {}, false, 5000, {}};
}
} // namespace

class tst_ClientOptions final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sourcePortIsWhatTheServerSees();
    void sourceAddressWithKernelPickedPort();
    void sourcePortInUseIsNamed();
    void foreignSourceAddressIsNamed();
    void sourceOfTheOtherFamilyIsRefused();
    void timeWaitHoldsThePortAfterCloseNotAfterAbort();
    void socketOptions_data();
    void socketOptions();
};

void tst_ClientOptions::sourcePortIsWhatTheServerSees() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    const quint16 source = freePort();
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.sourceAddress = QStringLiteral("127.0.0.1");
    config.sourcePort = source;
    const int client = engine.startClient(config);
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QCOMPARE(peerPortOf(peer), source);
    QTRY_VERIFY(recorder.has(EventKind::Connected, client));
    QCOMPARE(recorder.find(EventKind::Connected, client)->local.port(), source);
}

void tst_ClientOptions::sourceAddressWithKernelPickedPort() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.sourceAddress = QStringLiteral("localhost");
    const int client = engine.startClient(config);
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Connected, client));
    const CaptureEvent connected = *recorder.find(EventKind::Connected, client);
    QCOMPARE(connected.local.toString(), QStringLiteral("127.0.0.1:%1").arg(peerPortOf(peer)));
    QVERIFY(connected.local.port() != 0);
}

void tst_ClientOptions::sourcePortInUseIsNamed() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    quint16 held = 0;
    RawPeer holder = RawPeer::listenOnLoopback(&held); // another socket has it
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.sourceAddress = QStringLiteral("127.0.0.1");
    config.sourcePort = held;
    const int client = engine.startClient(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, client));
    const CaptureEvent error = *recorder.find(EventKind::Error, client);
    QCOMPARE(error.error, ErrorCode::InUse);
    QVERIFY2(error.message.contains(QStringLiteral("127.0.0.1:%1").arg(held)),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("EADDRINUSE")), qPrintable(error.message));
    QVERIFY(!recorder.has(EventKind::Connected, client));
    QVERIFY(!server.accept().isValid());
}

void tst_ClientOptions::foreignSourceAddressIsNamed() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.sourceAddress = QStringLiteral("192.0.2.1"); // TEST-NET-1: never this machine's
    const int client = engine.startClient(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, client));
    const CaptureEvent error = *recorder.find(EventKind::Error, client);
    QCOMPARE(error.error, ErrorCode::AddressNotAvailable);
    QVERIFY2(error.message.contains(QStringLiteral("192.0.2.1")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("EADDRNOTAVAIL")), qPrintable(error.message));
}

void tst_ClientOptions::sourceOfTheOtherFamilyIsRefused() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config{"::1", 9, {}, false, 5000, {}};
    config.sourceAddress = QStringLiteral("127.0.0.1");
    const int client = engine.startClient(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, client));
    const CaptureEvent error = *recorder.find(EventKind::Error, client);
    QCOMPARE(error.error, ErrorCode::BadAddress);
    QVERIFY2(error.message.contains(QStringLiteral("no IPv4 address")), qPrintable(error.message));
}

void tst_ClientOptions::timeWaitHoldsThePortAfterCloseNotAfterAbort() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.sourceAddress = QStringLiteral("127.0.0.1");
    config.sourcePort = freePort();

    // Aborted: no TIME_WAIT, the same port connects again at once.
    const int aborted = engine.startClient(config);
    RawPeer first;
    QTRY_VERIFY(first.isValid() || (first = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Connected, aborted));
    engine.abort(aborted);
    QTRY_VERIFY(recorder.has(EventKind::Close, aborted));
    const int again = engine.startClient(config);
    RawPeer second;
    QTRY_VERIFY(second.isValid() || (second = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Connected, again));
    QCOMPARE(peerPortOf(second), config.sourcePort);

    // Closed with our FIN first: the port waits in TIME_WAIT (or FIN_WAIT2),
    // and without SO_REUSEADDR it cannot be bound again.
    engine.close(again);
    QTRY_VERIFY(second.poll()); // our FIN
    second.close();
    QTRY_VERIFY(recorder.has(EventKind::Close, again));
    const int refused = engine.startClient(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, refused));
    QCOMPARE(recorder.find(EventKind::Error, refused)->error, ErrorCode::InUse);
}

void tst_ClientOptions::socketOptions_data() {
    QTest::addColumn<bool>("noDelay");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("the kernel's defaults") << false << false;
    QTest::newRow("TCP_NODELAY") << true << false;
    QTest::newRow("SO_KEEPALIVE") << false << true;
    QTest::newRow("both") << true << true;
}

void tst_ClientOptions::socketOptions() {
    QFETCH(bool, noDelay);
    QFETCH(bool, keepAlive);
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config = clientTo(port);
    config.noDelay = noDelay;
    config.keepAlive = keepAlive;
    const int client = engine.startClient(config);
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Connected, client));
    const std::optional<int> fd =
        descriptorWithLocalPort(recorder.find(EventKind::Connected, client)->local.port());
    QVERIFY(fd);
    QCOMPARE(intOption(*fd, IPPROTO_TCP, TCP_NODELAY) != 0, noDelay);
    QCOMPARE(intOption(*fd, SOL_SOCKET, SO_KEEPALIVE) != 0, keepAlive);
}

QTEST_GUILESS_MAIN(tst_ClientOptions)
#include "tst_clientoptions.moc"
