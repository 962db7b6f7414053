// Listeners on real sockets: every bind variant, errors that name the cause.
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QDir>
#include <QNetworkInterface>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <algorithm>

#include <unistd.h>

using namespace sockscope;

class tst_Listener : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bindsAndReportsRealPort_data();
    void bindsAndReportsRealPort();
    void refusesBadAddress_data();
    void refusesBadAddress();
    void portInUseNamesThePort();
    void privilegedPortExplainsWhy();
    void dualStackShowsIPv4PeersAsIPv4();
    void stopClosesTheListeningSocket();
    void defaultBacklogIsLarge();
    void startStopManyTimesLeaksNoDescriptor();
};

void tst_Listener::bindsAndReportsRealPort_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("shownAddress");
    QTest::addColumn<QString>("connectTo");
    QTest::newRow("localhost") << "localhost"
                               << "127.0.0.1"
                               << "127.0.0.1";
    QTest::newRow("127.0.0.1") << "127.0.0.1"
                               << "127.0.0.1"
                               << "127.0.0.1";
    QTest::newRow("any") << "any"
                         << "0.0.0.0"
                         << "127.0.0.1";
    QTest::newRow("any6") << "any6"
                          << "[::]"
                          << "::1";
    QTest::newRow("::1") << "::1"
                         << "[::1]"
                         << "::1";
}

void tst_Listener::bindsAndReportsRealPort() {
    QFETCH(QString, address);
    QFETCH(QString, shownAddress);
    QFETCH(QString, connectTo);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = address;
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Listen, 0, id));
    const CaptureEvent listen = *recorder.find(EventKind::Listen, 0, id);
    QVERIFY2(listen.local.toString().startsWith(shownAddress + u':'),
             qPrintable(listen.local.toString()));
    const quint16 port = recorder.listenPort(id);
    QVERIFY(port != 0);
    QCOMPARE(listen.backlog, ListenerConfig::kDefaultBacklog);

    QTcpSocket client;
    client.connectToHost(QHostAddress(connectTo), port);
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, id));
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    const CaptureEvent accept = *recorder.find(EventKind::Accept, -1, id);
    QCOMPARE(accept.peer.port(), client.localPort());
    QCOMPARE(accept.local.port(), port);
}

void tst_Listener::refusesBadAddress_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("code");
    QTest::newRow("word") << "not-an-address"
                          << "bad-address";
    QTest::newRow("empty") << ""
                           << "bad-address";
    QTest::newRow("octet too big") << "256.1.1.1"
                                   << "bad-address";
    // Documentation range (RFC 5737): valid, but no interface here has it.
    QTest::newRow("not local") << "198.51.100.77"
                               << "address-not-available";
}

void tst_Listener::refusesBadAddress() {
    QFETCH(QString, address);
    QFETCH(QString, code);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = address;
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, 0, id));
    const CaptureEvent error = *recorder.find(EventKind::Error, 0, id);
    QCOMPARE(errorCodeName(error.error), code);
    QVERIFY(!error.message.isEmpty());
    QVERIFY2(error.message.contains(address.isEmpty() ? QStringLiteral("''") : address),
             qPrintable(error.message));
    // Never a silent fallback to "any".
    QVERIFY(!recorder.has(EventKind::Listen, 0, id));
}

void tst_Listener::portInUseNamesThePort() {
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    config.port = occupant.serverPort();
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, 0, id));
    const CaptureEvent error = *recorder.find(EventKind::Error, 0, id);
    QCOMPARE(error.error, ErrorCode::InUse);
    QVERIFY2(error.message.contains(QString::number(occupant.serverPort())),
             qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("EADDRINUSE")));
}

void tst_Listener::privilegedPortExplainsWhy() {
    if (::geteuid() == 0)
        QSKIP("root may bind privileged ports; tests/e2e/privileged.sh drops privileges");
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.port = 80;
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.has(EventKind::Error, 0, id));
    const CaptureEvent error = *recorder.find(EventKind::Error, 0, id);
    QCOMPARE(error.error, ErrorCode::Privileged);
    QVERIFY(error.message.contains(QStringLiteral("CAP_NET_BIND_SERVICE")));
}

void tst_Listener::dualStackShowsIPv4PeersAsIPv4() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = QStringLiteral("any6");
    const int id = engine.startListener(config);
    QTRY_VERIFY(recorder.listenPort(id) != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(id));
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, id));
    const CaptureEvent accept = *recorder.find(EventKind::Accept, -1, id);
    QCOMPARE(accept.peer.toString(), QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
    QCOMPARE(accept.peer.family(), SocketAddress::Family::IPv4); // not ::ffff:127.0.0.1
}

void tst_Listener::stopClosesTheListeningSocket() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(id) != 0);
    const quint16 port = recorder.listenPort(id);
    engine.stopListener(id);
    QTRY_VERIFY(recorder.has(EventKind::Close, 0, id));
    // The port is free again: the listening socket is really gone.
    QTcpServer reuse;
    QVERIFY2(reuse.listen(QHostAddress::LocalHost, port), qPrintable(reuse.errorString()));
}

void tst_Listener::defaultBacklogIsLarge() {
    // Qt's default of 50 stalls bursts of connects; ours must not be it.
    QVERIFY(ListenerConfig{}.backlog >= 1024);
}

void tst_Listener::startStopManyTimesLeaksNoDescriptor() {
    const auto openDescriptors = [] {
        return QDir(QStringLiteral("/proc/self/fd")).count();
    };
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    // Warm up once: the first listener creates the dispatcher's own descriptors.
    const int first = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(first) != 0);
    engine.stopListener(first);
    QTRY_VERIFY(recorder.has(EventKind::Close, 0, first));
    const uint before = openDescriptors();
    for (int round = 0; round < 4; ++round) {
        QList<int> ids;
        for (int i = 0; i < 25; ++i)
            ids.append(engine.startListener(ListenerConfig{}));
        QTRY_VERIFY(std::all_of(ids.begin(), ids.end(),
                                [&](int id) { return recorder.listenPort(id) != 0; }));
        std::vector<RawPeer> clients;
        for (int id : ids)
            clients.push_back(RawPeer::connectToLoopback(recorder.listenPort(id)));
        QTRY_VERIFY(std::all_of(ids.begin(), ids.end(),
                                [&](int id) { return recorder.has(EventKind::Accept, -1, id); }));
        for (int id : ids) {
            engine.close(recorder.find(EventKind::Accept, -1, id)->conn);
            engine.stopListener(id);
        }
        QTRY_VERIFY(std::all_of(ids.begin(), ids.end(), [&](int id) {
            return recorder.has(EventKind::Close, recorder.find(EventKind::Accept, -1, id)->conn) &&
                   recorder.has(EventKind::Close, 0, id);
        }));
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_COMPARE(openDescriptors(), before);
}

QTEST_GUILESS_MAIN(tst_Listener)
#include "tst_listener.moc"
